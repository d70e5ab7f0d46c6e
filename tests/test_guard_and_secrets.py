"""The production guard, the secret scan over a run's output, and the 429 and unreachable-host bounds."""

from __future__ import annotations

import html
import json
import time
from pathlib import Path
from urllib.parse import quote

import pytest

from cancel_conformance import exit_codes
from cancel_conformance.exchange import Recorder, Redactor
from cancel_conformance.guard import production_hosts, refuse_production
from cancel_conformance.host_health import TIMEOUTS_BEFORE_GIVING_UP, HostHealth
from cancel_conformance.http import HttpSession, Limits
from cancel_conformance.outcomes import TargetError
from cancel_conformance.reference.accounts import DEMO_INTEGRATORS
from cancel_conformance.reference.server import ReferenceServer
from cancel_conformance.secret_scan import files_written_since, leaks
from cancel_conformance.target import ConfigError
from tests.hostile.servers import serving
from tests.suite_run import SuiteRun, run_suite


@pytest.mark.parametrize("url", ["https://api.mobilepay.dk", "https://API.vipps.no/ecomm/v2/payments",
                                 "https://api.vipps.no./", "https://user:pw@api.mobilepay.dk:443/",
                                 # the host as written differs from the host the client connects to
                                 "https://api.vipps.no%2e/", "https://api.vipps.no\\@apitest.vipps.no/",
                                 "https://api%2emobilepay%2edk/"])
def test_known_production_hosts_are_refused_with_the_reason(url: str) -> None:
    with pytest.raises(ConfigError, match=r"refusing to run against production.*--allow-production"):
        refuse_production([url], allowed=False)


@pytest.mark.parametrize("url", ["https://api.sandbox.mobilepay.dk", "https://apitest.vipps.no",
                                 "http://127.0.0.1:8080"])
def test_test_hosts_are_accepted(url: str) -> None:
    refuse_production([url], allowed=False)
    assert production_hosts([url]) == {}


def test_the_override_lets_a_production_host_through() -> None:
    refuse_production(["https://api.mobilepay.dk"], allowed=True)


def test_the_cli_refuses_a_production_target_file(tmp_path: Path) -> None:
    target = tmp_path / "t.toml"
    target.write_text('[api."pos.v10"]\nbase_url = "https://api.mobilepay.dk"\n[api."pos.v10".integrator]\n'
                      'client_id_env = "CC_G_ID"\nclient_secret_env = "CC_G_SECRET"\n', "utf-8")
    run = run_suite(tmp_path / "r", f"--target-file={target}", env={"CC_G_ID": "i", "CC_G_SECRET": "secret-1234"})
    assert run.exit_code == exit_codes.USAGE
    assert "api.mobilepay.dk is the MobilePay PoS production API" in run.output


def test_the_scan_names_each_file_holding_a_secret_but_never_the_secret(tmp_path: Path) -> None:
    started = time.time() - 1
    (tmp_path / "clean.json").write_text("{}", "utf-8")
    (tmp_path / "leak.html").write_text("token s3cret-value-1 here", "utf-8")
    found = leaks(files_written_since(tmp_path, started), {"s3cret-value-1", "other-secret"})
    assert [str(leak) for leak in found] == [f"{tmp_path / 'leak.html'} holds 1 configured secret value"]


def test_the_scan_finds_a_secret_escaped_as_json_html_or_a_url_would_hold_it(tmp_path: Path) -> None:
    started = time.time() - 1
    secret = 'sek<ret"ABC&987 x'
    (tmp_path / "a.json").write_text(json.dumps({"v": secret}), "utf-8")
    (tmp_path / "b.html").write_text(html.escape(secret), "utf-8")
    (tmp_path / "c.txt").write_text("?q=" + quote(secret, safe=""), "utf-8")
    found = leaks(files_written_since(tmp_path, started), {secret})
    assert sorted(leak.path.name for leak in found) == ["a.json", "b.html", "c.txt"]


def test_a_target_name_holding_a_secret_is_redacted_in_every_output(tmp_path: Path) -> None:
    run = _run_against_reference(tmp_path, name="careless {secret}")
    assert run.exit_code == exit_codes.CONFORMANT, run.output[-2000:]
    assert run.results["target"]["name"] == "careless ***"
    assert DEMO_INTEGRATORS[0].client_secret not in run.output


def test_a_secret_planted_in_the_output_fails_the_run_closed(tmp_path: Path) -> None:
    run = _run_against_reference(tmp_path, run_args=("--certify",), pytest_args=("-p", "tests.plant_leak_plugin"))
    assert run.exit_code == exit_codes.SECRET_LEAK
    assert "planted.txt holds 1 configured secret value" in run.output
    assert DEMO_INTEGRATORS[0].client_secret not in run.output
    # Closed: the secret is overwritten where it was found, and the run's bundle is no longer sealed.
    assert (run.report_dir / "planted.txt").read_text("utf-8") == "leaked: ***\n"
    bundles = [path for path in run.report_dir.iterdir() if path.is_dir()]
    assert len(bundles) == 1
    assert not (bundles[0] / "manifest.json").exists()
    assert "unsealed" in run.output


def _run_against_reference(tmp_path: Path, name: str = "reference", run_args: tuple[str, ...] = (),
                           pytest_args: tuple[str, ...] = ()) -> SuiteRun:
    """A run of POS_PAY_08 against a reference served alone."""
    first = DEMO_INTEGRATORS[0]
    with ReferenceServer() as server:
        target = tmp_path / "t.toml"
        target.write_text(TARGET.format(name=name.format(secret=first.client_secret), url=server.url), "utf-8")
        return run_suite(tmp_path / "r", f"--target-file={target}", *run_args, "--", "-m", "not contract",
                         "-k", "POS_PAY_08", *pytest_args,
                         env={"CC_S_ID": first.client_id, "CC_S_SECRET": first.client_secret})


TARGET = """
name = "{name}"
[api."pos.v10"]
base_url = "{url}"
merchant_vat = "DK12345678"
[api."pos.v10".integrator]
client_id_env = "CC_S_ID"
client_secret_env = "CC_S_SECRET"
"""


def test_an_unreachable_host_is_asked_once_then_fails_fast() -> None:
    health = HostHealth()
    health.unreachable("http://h:1/a", "connection refused")
    with pytest.raises(TargetError, match="found unreachable earlier in this run \\(connection refused\\)"):
        health.check("http://h:1/b")
    health.check("http://other:1/")


def test_repeated_timeouts_give_up_on_a_host_but_an_answer_resets_them() -> None:
    health = HostHealth()
    for _ in range(TIMEOUTS_BEFORE_GIVING_UP - 1):
        health.timed_out("http://h/x", "slow")
    health.answered("http://h/y")
    health.timed_out("http://h/x", "slow")
    health.check("http://h/")
    for _ in range(TIMEOUTS_BEFORE_GIVING_UP):
        health.timed_out("http://h/x", "slow")
    with pytest.raises(TargetError):
        health.check("http://h/")


def test_a_host_that_stays_rate_limited_is_given_up_on_like_a_slow_one() -> None:
    with serving("always-rate-limited") as server:
        url = f"http://127.0.0.1:{server.server_address[1]}/pos/v10/stores"
        http = HttpSession(Limits(max_rate_limit_retries=1))
        for _ in range(TIMEOUTS_BEFORE_GIVING_UP):
            with pytest.raises(TargetError, match=r"429 \(rate limited\) 2 times in a row"):
                http.request("GET", url, Recorder(Redactor()))
        sent = len(server.requests)
        with pytest.raises(TargetError, match="stayed rate limited"):
            http.request("GET", url, Recorder(Redactor()))
        assert len(server.requests) == sent  # not asked again


def test_a_429_beyond_the_bound_is_a_named_error_after_one_request() -> None:
    with serving("rate-limited") as server:
        http = HttpSession(Limits(max_retry_after=2))
        recorder = Recorder(Redactor())
        with pytest.raises(TargetError, match=r"429 .* more than the 2 s the suite waits"):
            http.request("GET", f"http://127.0.0.1:{server.server_address[1]}/x", recorder)
    assert len(recorder.exchanges) == 1
