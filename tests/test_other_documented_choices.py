"""An implementation that answers differently wherever the documentation is silent passes every MUST rule."""

from __future__ import annotations

from pathlib import Path

from cancel_conformance import exit_codes
from cancel_conformance.reference.accounts import DEMO_INTEGRATORS
from cancel_conformance.reference.ecom.accounts import DEMO_MERCHANTS
from cancel_conformance.reference.server import ReferenceServer
from cancel_conformance.rules import catalogue
from tests.other_choices import OtherDocumentedChoices
from tests.suite_run import run_suite

TARGET = """
name = "other documented choices"

[api."pos.v10"]
base_url = "{url}"
merchant_vat = "{vat}"
[api."pos.v10".integrator]
client_id_env = "CC_OTHER_POS_ID"
client_secret_env = "CC_OTHER_POS_SECRET"
[api."pos.v10".second_integrator]
client_id_env = "CC_OTHER_POS2_ID"
client_secret_env = "CC_OTHER_POS2_SECRET"

[api."ecom.v2"]
base_url = "{url}"
[api."ecom.v2".merchant]
client_id_env = "CC_OTHER_ECOM_ID"
client_secret_env = "CC_OTHER_ECOM_SECRET"
subscription_key_env = "CC_OTHER_ECOM_KEY"
merchant_serial_number = "{msn}"
"""

EXPECTED_CHOICES = {
    "pos: 401 without a challenge", "pos: another message and correlation id",
    "pos: no code where none is documented", "pos: another origin",
    "ecom: 401 in the Azure gateway shape", "ecom: 400 for an unknown order",
    "ecom: the documented 400 past 180 days kept", "ecom: 409 for a refusal",
    "ecom: code 99 where no rule names one", "ecom: a cancel without transactionId",
    "ecom: log entries without transactionId",
}


def credentials_env() -> dict[str, str]:
    first, second = DEMO_INTEGRATORS[:2]
    merchant = DEMO_MERCHANTS[0]
    return {"CC_OTHER_POS_ID": first.client_id, "CC_OTHER_POS_SECRET": first.client_secret,
            "CC_OTHER_POS2_ID": second.client_id, "CC_OTHER_POS2_SECRET": second.client_secret,
            "CC_OTHER_ECOM_ID": merchant.client_id, "CC_OTHER_ECOM_SECRET": merchant.client_secret,
            "CC_OTHER_ECOM_KEY": merchant.subscription_key}


def test_other_documented_choices_pass_every_must_rule(tmp_path: Path) -> None:
    middleware: list[OtherDocumentedChoices] = []

    def in_front(app):
        middleware.append(OtherDocumentedChoices(app))
        return middleware[0]

    with ReferenceServer(wrap=in_front) as server:
        target = tmp_path / "target.toml"
        target.write_text(TARGET.format(url=server.url, vat=DEMO_INTEGRATORS[0].merchant_vat,
                                        msn=DEMO_MERCHANTS[0].merchant_serial_number), "utf-8")
        run = run_suite(tmp_path / "reports", f"--target-file={target}", env=credentials_env())
    applied = middleware[0].applied
    assert set(applied) >= EXPECTED_CHOICES, f"choices never exercised: {EXPECTED_CHOICES - set(applied)}"
    must = {rule.id for rule in catalogue().rules if rule.is_must}
    failing = {rule: outcome for rule, outcome in run.outcomes().items() if rule in must and outcome != "passed"}
    assert not failing, f"{failing}\n{run.output[-4000:]}"
    assert must <= set(run.outcomes()), f"MUST rules that did not run: {must - set(run.outcomes())}"
    assert run.exit_code == exit_codes.CONFORMANT, run.output[-3000:]
