"""The curl a failing run's report shows, pasted into a shell with a token it got, reproduces the answer."""

from __future__ import annotations

import html
import os
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from cancel_conformance.reference.server import ReferenceServer
from cancel_conformance.report.replay import Replay, access_from_target_file, embedded_access
from tests.report_samples import passed_scenario
from tests.suite_run import SuiteRun, run_suite
from tests.test_target_file_run import TARGET, credentials_env
from tests.wrapped_reference import credentials_env as both_apis_env
from tests.wrapped_reference import write_target

# POS_PAY_08: an unknown payment answers 409 instead of 404 (the merchant's request);
# POS_PAY_09: the merchant cancels another integrator's payment (200 instead of 403);
# CON_POS_01: the fuzzer's GET /payments?state=Captured gets a 500.
FAULTS = ("unknown-payment-cancel-answers-409", "cancel-ignores-integrator", "server-error-on-captured-filter")

pytestmark = pytest.mark.skipif(shutil.which("curl") is None, reason="curl is not installed")


@pytest.fixture(scope="module")
def served() -> Iterator[str]:
    with ReferenceServer(faults=FAULTS) as server:
        yield server.url


@pytest.fixture(scope="module")
def failing_run(served: str, tmp_path_factory: pytest.TempPathFactory) -> SuiteRun:
    folder = tmp_path_factory.mktemp("replay")
    target = folder / "target.toml"
    target.write_text(TARGET.format(url=served), "utf-8")
    return run_suite(folder / "reports", f"--target-file={target}", "--", "-k", "not ecom and not fuzzing",
                     env=credentials_env())


def report_blocks(report: Path, css: str) -> list[tuple[str, str]]:
    """(attributes, text) of every <pre class=css> block, unescaped as a reader copies it."""
    page = report.read_text("utf-8")
    return [(attrs, html.unescape(text)) for attrs, text in re.findall(rf'<pre class="{css}"([^>]*)>(.*?)</pre>',
                                                                       page, re.S)]


def shell(script: str, env: dict[str, str] | None = None) -> str:
    """Run pasted commands in bash with the credentials the target file names in the environment."""
    done = subprocess.run(["bash", "-euo", "pipefail", "-c", script], capture_output=True, text=True, timeout=60,
                          env={"PATH": os.environ.get("PATH", "/usr/bin:/bin"), **(env or credentials_env())})
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.mark.parametrize("rule", ["POS_PAY_08", "POS_PAY_09"])
def test_the_failing_curl_reproduces_the_failing_status(failing_run: SuiteRun, rule: str) -> None:
    assert failing_run.outcomes()[rule] == "failed", failing_run.output[-3000:]
    report = failing_run.report_dir / "report.html"
    tokens = [text for attrs, text in report_blocks(report, "token-command") if 'data-api="pos.v10"' in attrs]
    assert len(tokens) == 2  # the merchant's and the second merchant's, credentials by variable name
    assert all("CC_E2E_" in token for token in tokens)
    attrs, curl = next((a, t) for a, t in report_blocks(report, "curl") if f'data-rule="{rule}"' in a)
    recorded = re.search(r'data-status="(\d{3})"', attrs)[1]
    replayed = shell("\n".join([*tokens, curl]))
    assert re.match(r"HTTP/\S+ (\d{3})", replayed)[1] == recorded


def test_a_fuzzing_findings_curl_reproduces_the_server_error(failing_run: SuiteRun) -> None:
    assert failing_run.outcomes()["CON_POS_01"] == "failed", failing_run.output[-3000:]
    report = failing_run.report_dir / "report.html"
    tokens = [text for attrs, text in report_blocks(report, "token-command") if 'data-api="pos.v10"' in attrs]
    findings = [text for _, text in report_blocks(report, "curl finding") if "state=Captured" in text]
    assert findings, "no finding of the captured filter's 500 in the report"
    assert "[Filtered]" not in findings[0]
    assert "$ACCESS_TOKEN" in findings[0]
    replayed = shell("\n".join([*tokens, findings[0].replace("curl ", "curl -i ", 1)]))
    assert re.match(r"HTTP/\S+ (\d{3})", replayed)[1] == "500"


def test_an_embedded_run_without_a_recorded_token_request_gets_the_token_path_beside_its_operations() -> None:
    scenario = passed_scenario("ECOM_CAN_01")
    scenario.exchanges = [{"url": "http://127.0.0.1:4321/ecomm/v2/payments/o-1/cancel"}]
    replay = Replay.of(embedded_access(("ecom.v2",)), [scenario])
    commands = [command for _, _, command in replay.token_commands()]
    assert len(commands) == 2
    assert all("http://127.0.0.1:4321/accesstoken/get" in command for command in commands)


# POS_PAY_02: a captured payment is cancelled (200); ECOM_CAN_06: a cancel without the transaction text is
# accepted (200). Neither replays alone: the payment must first be captured, the order first reserved.
# ECOM_REL_01: a cancel releasing the remaining funds leaves them capturable (its script sends the same
# transaction text twice, once echoed back in between).
STATEFUL_FAULTS = ("cancel-captured-payment", "cancel-body-not-validated", "release-keeps-remaining")


@pytest.fixture(scope="module")
def stateful_run(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SuiteRun]:
    folder = tmp_path_factory.mktemp("stateful")
    with ReferenceServer(faults=STATEFUL_FAULTS) as server:
        target = write_target(folder, server.url, "faulty reference")
        run = run_suite(folder / "reports", f"--target-file={target}", "--", "-m", "not contract",
                        "-k", "pos_pay or ecom_can or ecom_rel", env=both_apis_env())
        yield run


@pytest.mark.parametrize(("rule", "api"), [("POS_PAY_02", "pos.v10"), ("ECOM_CAN_06", "ecom.v2"),
                                           ("ECOM_REL_01", "ecom.v2")])
def test_the_script_of_a_failed_scenario_reproduces_it_on_fresh_resources(stateful_run: SuiteRun, rule: str,
                                                                          api: str) -> None:
    run = stateful_run
    assert run.outcomes()[rule] == "failed", run.output[-3000:]
    report = run.report_dir / "report.html"
    tokens = [text for attrs, text in report_blocks(report, "token-command") if f'data-api="{api}"' in attrs]
    attrs, script = next((a, t) for a, t in report_blocks(report, "script") if f'data-rule="{rule}"' in a)
    recorded = re.search(r'data-status="(\d{3})"', attrs)[1]
    for _ in range(2):  # fresh ids each time: the script can be run again
        replayed = shell("\n".join([*tokens, script]), env=both_apis_env())
        assert re.findall(r"HTTP/\S+ (\d{3})", replayed)[-1] == recorded, replayed[-2000:]


def test_credentials_in_a_target_url_never_reach_the_token_command(tmp_path: Path) -> None:
    target = tmp_path / "target.toml"
    target.write_text(TARGET.format(url="https://bob:urlpassword99@pos.acme.example"), "utf-8")
    (access,) = access_from_target_file(target, ("pos.v10",))
    assert access.token_url == "https://pos.acme.example/integrator-authentication/connect/token"
