"""A vendor-style run: the reference served on its own, reached only through a target file and env vars."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from cancel_conformance import exit_codes
from cancel_conformance.reference.accounts import DEMO_INTEGRATORS
from cancel_conformance.reference.server import ReferenceServer
from tests.suite_run import run_suite

TARGET = """
name = "reference served alone"

[api."pos.v10"]
base_url = "{url}"
merchant_vat = "DK12345678"

[api."pos.v10".integrator]
client_id_env = "CC_E2E_CLIENT_ID"
client_secret_env = "CC_E2E_CLIENT_SECRET"

[api."pos.v10".second_integrator]
client_id_env = "CC_E2E_SECOND_ID"
client_secret_env = "CC_E2E_SECOND_SECRET"
"""


@pytest.fixture(scope="module")
def served() -> Iterator[str]:
    with ReferenceServer() as server:
        yield server.url


def credentials_env() -> dict[str, str]:
    first, second = DEMO_INTEGRATORS[:2]
    return {"CC_E2E_CLIENT_ID": first.client_id, "CC_E2E_CLIENT_SECRET": first.client_secret,
            "CC_E2E_SECOND_ID": second.client_id, "CC_E2E_SECOND_SECRET": second.client_secret}


def test_a_target_file_run_passes_every_rule_and_leaks_no_secret(served: str, tmp_path: Path) -> None:
    target = tmp_path / "target.toml"
    target.write_text(TARGET.format(url=served), "utf-8")
    run = run_suite(tmp_path / "reports", f"--target-file={target}", env=credentials_env())
    assert run.exit_code == exit_codes.CONFORMANT, run.output[-3000:]
    assert set(run.outcomes().values()) == {"passed"}
    assert run.results["target"] == {"name": "reference served alone", "embedded": False,
                                     "base_urls": {"pos.v10": served}}
    for path in (tmp_path / "reports").iterdir():
        text = path.read_text("utf-8")
        for secret in (DEMO_INTEGRATORS[0].client_secret, DEMO_INTEGRATORS[1].client_secret):
            assert secret not in text, f"{secret} leaked into {path.name}"


def test_without_a_second_integrator_its_rules_are_not_verified(served: str, tmp_path: Path) -> None:
    target = tmp_path / "target.toml"
    target.write_text(TARGET.format(url=served).split('[api."pos.v10".second_integrator]')[0], "utf-8")
    run = run_suite(tmp_path / "reports", f"--target-file={target}", "--", "-m", "not contract",
                    env=credentials_env())
    outcomes = run.outcomes()
    assert outcomes["POS_PAY_09"] == "not verified"
    assert outcomes["POS_REF_06"] == "not verified"
    assert run.exit_code == exit_codes.NOT_JUDGED
    reasons = {r["id"]: r["reason"] for r in run.results["rules"]}
    assert "second integrator" in reasons["POS_PAY_09"]
