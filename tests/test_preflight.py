"""The preflight: `cancel-conformance check` says in seconds what is wrong with a target, and a run that starts
with it reports an API it cannot reach once, with its rules in error and nothing sent."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from cancel_conformance import exit_codes
from cancel_conformance.preflight import needed
from cancel_conformance.reference.accounts import DEMO_INTEGRATORS
from cancel_conformance.reference.server import ReferenceServer
from cancel_conformance.rules import catalogue
from tests.hostile.servers import HostileServer, serving
from tests.suite_run import ROOT, run_suite

SECRET = "preflight-client-secret"
ENV = {"CC_PRE_ID": "acme-pos", "CC_PRE_ID2": "acme-pos-2", "CC_PRE_SECRET": SECRET,
       "CC_PRE_SHOP": "acme-shop", "CC_PRE_KEY": "preflight-subscription-key"}
TARGET = """
name = "stateless mock"
[api."pos.v10"]
base_url = "{url}"
merchant_vat = "DK12345678"
{capabilities}
[api."pos.v10".integrator]
client_id_env = "CC_PRE_ID"
client_secret_env = "CC_PRE_SECRET"
[api."pos.v10".second_integrator]
client_id_env = "CC_PRE_ID2"
client_secret_env = "CC_PRE_SECRET"
"""
ECOM = """
[api."ecom.v2"]
base_url = "{url}"
[api."ecom.v2".merchant]
client_id_env = "CC_PRE_SHOP"
client_secret_env = "CC_PRE_SECRET"
subscription_key_env = "CC_PRE_KEY"
merchant_serial_number = "123456"
"""
CHECK_WITHIN_S = 5.0


def target_file(tmp_path: Path, url: str, capabilities: str = "", ecom: bool = True) -> Path:
    path = tmp_path / "target.toml"
    path.write_text(TARGET.format(url=url, capabilities=capabilities) + (ECOM.format(url=url) if ecom else ""),
                    "utf-8")
    return path


def check(*args: str, env: dict[str, str] | None = None) -> tuple[subprocess.CompletedProcess, float]:
    started = time.monotonic()
    done = subprocess.run([sys.executable, "-m", "cancel_conformance", "check", *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=60, env={**os.environ, **(env or {})})
    return done, time.monotonic() - started


@pytest.fixture
def not_found() -> Iterator[HostileServer]:
    """A stateless mock of the vendor's spec with no token endpoint: 404 to everything."""
    with serving("not-found") as server:
        yield server


def url_of(server: HostileServer) -> str:
    return f"http://127.0.0.1:{server.server_address[1]}"


def test_check_names_a_token_endpoint_that_answers_404_in_one_line_per_client_in_seconds(
        tmp_path: Path, not_found: HostileServer) -> None:
    done, elapsed = check(f"--target-file={target_file(tmp_path, url_of(not_found))}", env=ENV)
    print(f"check took {elapsed:.2f} s\n{done.stdout}")
    assert elapsed < CHECK_WITHIN_S
    assert done.returncode == exit_codes.NOT_JUDGED, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    refused = [line for line in lines if "token of" in line]
    assert refused == ["  token of integrator: refused: the token endpoint refused integrator acme-pos: 404",
                       "  token of second_integrator: refused: the token endpoint refused integrator acme-pos-2: 404",
                       "  token of merchant: refused: the access token endpoint refused merchant acme-shop: 404"]
    assert f"  base URL: answers: GET {url_of(not_found)}/ answered 404" in lines
    assert any("MobilePay PoS v10 cannot be reached: every token request was refused" in line for line in lines)
    assert SECRET not in done.stdout + done.stderr


def test_check_of_the_embedded_reference_finds_every_rule_can_be_judged() -> None:
    done, _ = check()
    assert done.returncode == exit_codes.CONFORMANT, done.stdout + done.stderr
    for name in ("pos.v10", "ecom.v2", "epayment.v1"):
        count = len(catalogue().for_apis({name}))
        assert f"  => a run can judge {count} of its {count} rules" in done.stdout
    assert "refused" not in done.stdout
    assert "not verified" not in done.stdout


def test_check_as_json_and_an_unreachable_host(tmp_path: Path) -> None:
    done, _ = check(f"--target-file={target_file(tmp_path, 'http://no-such-host.invalid', ecom=False)}", "--json",
                    env=ENV)
    assert done.returncode == exit_codes.NOT_JUDGED
    [pos] = json.loads(done.stdout)["apis"]
    assert pos["answers"] is False
    assert "DNS failure" in pos["unreachable"]
    assert pos["clients"] == []  # a host that cannot be reached is asked nothing more


def test_the_rules_a_check_names_not_verified_are_those_a_run_leaves_not_verified(tmp_path: Path) -> None:
    """The sandbox declares only the customer's hooks: what `check` predicts is what the run finds."""
    first, second = DEMO_INTEGRATORS[:2]
    env = {"CC_PRE_ID": first.client_id, "CC_PRE_ID2": second.client_id, "CC_PRE_SECRET": first.client_secret}
    with ReferenceServer() as server:
        path = target_file(tmp_path, server.url, 'capabilities = ["pos.user"]', ecom=False)
        path.write_text(path.read_text("utf-8").replace(
            'client_id_env = "CC_PRE_ID2"\nclient_secret_env = "CC_PRE_SECRET"',
            'client_id_env = "CC_PRE_ID2"\nclient_secret_env = "CC_PRE_SECRET2"'), "utf-8")
        env["CC_PRE_SECRET2"] = second.client_secret
        done, _ = check(f"--target-file={path}", "--json", env=env)
        run = run_suite(tmp_path / "reports", f"--target-file={path}", "--", "-m", "not contract", env=env)
    assert done.returncode == exit_codes.CONFORMANT, done.stdout + done.stderr
    [pos] = json.loads(done.stdout)["apis"]
    assert pos["capabilities"] == ["pos.user"]
    predicted = set(pos["lacking"])
    assert predicted == {rule for rule, needs in needed("pos.v10").items() if needs - {"pos.user"}}
    found = {rule for rule, outcome in run.outcomes().items() if outcome == "not verified"}
    assert found == predicted, run.output[-2000:]
    assert run.results["preflight"][0]["lacking"] == pos["lacking"]


def test_a_run_says_once_that_an_api_cannot_be_reached_and_sends_none_of_its_rules(
        tmp_path: Path, not_found: HostileServer) -> None:
    path = target_file(tmp_path, url_of(not_found), ecom=False)
    run = run_suite(tmp_path / "reports", f"--target-file={path}", env=ENV)
    assert run.exit_code == exit_codes.NOT_JUDGED, run.output[-3000:]
    assert len(not_found.requests) == 4, not_found.requests  # the preflight's: the base URL, two tokens, capabilities
    [pos] = run.results["preflight"]
    reason = pos["unreachable"]
    assert reason.startswith("MobilePay PoS v10 cannot be reached: every token request was refused")
    assert {rule["outcome"] for rule in run.results["rules"]} == {"error"}
    assert all(reason in rule["reason"] for rule in run.results["rules"])
    summary = run.output[run.output.index("cancel-conformance 0"):]
    assert summary.splitlines()[1] == f"{reason}: its rules are errors, none of them sent"
    assert summary.count("cannot be reached") == 1 + len(run.results["rules"])  # then "see above" per rule
    assert reason in (run.report_dir / "report.html").read_text("utf-8")
    assert SECRET not in run.output
