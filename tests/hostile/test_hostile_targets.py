"""Pointed at a target that misbehaves, the suite ends in bounded time with a named error, its reports
written, no traceback, and the exit code that says the target could not be judged."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from cancel_conformance import exit_codes
from tests.hostile.servers import ECHOED_SECRET, free_port, plain_text_port, serving
from tests.suite_run import SuiteRun, run_suite

SECRET = ECHOED_SECRET
TARGET = """
name = "hostile"
[limits]
connect_timeout = 1
read_timeout = 1
max_body_bytes = 65536
[api."pos.v10"]
base_url = "{url}"
[api."pos.v10".integrator]
client_id_env = "CC_HOSTILE_ID"
client_secret_env = "CC_HOSTILE_SECRET"
"""
# A whole run against a misbehaving target must end well within this.
BOUND_S = 90
SCENARIOS_ONLY = ("--", "-m", "not contract")


def judge(tmp_path: Path, url: str, *args: str) -> tuple[SuiteRun, float]:
    target = tmp_path / "target.toml"
    target.write_text(TARGET.format(url=url), "utf-8")
    started = time.monotonic()
    run = run_suite(tmp_path / "reports", f"--target-file={target}", *args,
                    env={"CC_HOSTILE_ID": "hostile-id", "CC_HOSTILE_SECRET": SECRET})
    return run, time.monotonic() - started


def assert_not_judged(run: SuiteRun, elapsed: float, reason: str) -> None:
    """Errors where the misbehaviour blocks a rule; a rule the answers still decide may fail."""
    assert elapsed < BOUND_S
    assert run.results is not None, "the reports must be written"
    assert (run.report_dir / "report.html").exists()
    assert (run.report_dir / "junit.xml").exists()
    assert "Traceback" not in run.output
    assert SECRET not in run.output
    for path in run.report_dir.iterdir():
        assert SECRET not in path.read_text("utf-8"), f"the configured secret is in {path.name}"
    outcomes = {rule["outcome"] for rule in run.results["rules"] if rule["scenarios"]}
    assert outcomes <= {"error", "not verified", "failed"}, outcomes
    expected = exit_codes.MUST_FAILED if "failed" in outcomes else exit_codes.NOT_JUDGED
    assert run.exit_code == expected, run.output[-2000:]
    reasons = [rule["reason"] for rule in run.results["rules"] if rule["outcome"] == "error"]
    assert reasons, "at least one rule names the error"
    assert any(reason_part in text for text in reasons for reason_part in [reason]), reasons[:3]


def test_connection_refused(tmp_path: Path) -> None:
    run, elapsed = judge(tmp_path, f"http://127.0.0.1:{free_port()}")
    assert_not_judged(run, elapsed, "connection refused")


def test_dns_failure(tmp_path: Path) -> None:
    run, elapsed = judge(tmp_path, "http://no-such-host.invalid")
    assert_not_judged(run, elapsed, "DNS failure")


def test_tls_failure(tmp_path: Path) -> None:
    with plain_text_port() as port:
        run, elapsed = judge(tmp_path, f"https://127.0.0.1:{port}", *SCENARIOS_ONLY)
    assert_not_judged(run, elapsed, "TLS failure")


@pytest.mark.parametrize(("behaviour", "reason"), [
    ("hang", "no response within 1 s"),
    ("trickle", "not complete within 1 s"),
    ("reset", "connection reset"),
    ("server-error", "failed with 500"),
    ("not-json", "not readable JSON"),
    ("wrong-types", "of the wrong type"),
    ("deep-json", "not readable JSON"),
    ("head-trickle", "no complete response head within 2 s"),
    ("huge", "exceeds 65536 bytes"),
    ("redirect", "never follows redirects"),
    ("redirect-carrying-a-secret", "redirecting to http://elsewhere.invalid/steal?secret=***"),
    ("always-rate-limited", "answered 429 (rate limited) 3 times in a row"),
])
def test_misbehaving_api(tmp_path: Path, behaviour: str, reason: str) -> None:
    with serving(behaviour) as server:
        run, elapsed = judge(tmp_path, f"http://127.0.0.1:{server.server_address[1]}", *SCENARIOS_ONLY)
    assert_not_judged(run, elapsed, reason)


def test_a_failing_token_endpoint(tmp_path: Path) -> None:
    with serving("server-error", token_fails=True) as server:
        run, elapsed = judge(tmp_path, f"http://127.0.0.1:{server.server_address[1]}", *SCENARIOS_ONLY)
    assert_not_judged(run, elapsed, "token endpoint refused")


def test_fuzzing_a_hanging_target_ends_in_bounded_time(tmp_path: Path) -> None:
    with serving("hang") as server:
        run, elapsed = judge(tmp_path, f"http://127.0.0.1:{server.server_address[1]}", "--", "-m", "contract")
    assert_not_judged(run, elapsed, "no response within 1 s")
