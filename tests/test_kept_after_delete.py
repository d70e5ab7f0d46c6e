"""A read after a DELETE that cancels (a Recurring charge reads CANCELLED) is no use-after-free; a read after
a DELETE that removes (a PoS point of sale) still is."""

from __future__ import annotations

import schemathesis
import yaml

from cancel_conformance.apis.recurring.fuzzing import CHARGE
from cancel_conformance.fuzz.campaign import CampaignSettings, _config
from tests.suite_run import ROOT


def use_after_free_on(contract: str, kept: tuple[str, ...]) -> dict[str, bool]:
    """For each GET of the contract, whether schemathesis's use-after-free check would run on it."""
    path = ROOT / "contracts" / contract
    document = yaml.safe_load(path.read_text("utf-8"))
    settings = CampaignSettings(contract=path, base_url="http://target", token="t0ken", examples=1, seed=1,
                                request_timeout=1, api_keys={"Ocp-Apim-Subscription-Key": "k3y"},
                                kept_after_delete=kept)
    schema = schemathesis.openapi.from_dict(document, config=_config(settings, document))
    project = schema.config
    return {operation.path: project.checks_config_for(operation=operation, phase="stateful").use_after_free.enabled
            for operation in (result.ok() for result in schema.get_all_operations()) if operation.method == "get"}


def test_the_charge_a_delete_cancels_is_read_without_the_use_after_free_check() -> None:
    document = yaml.safe_load((ROOT / "contracts" / "recurring.v3.yaml").read_text("utf-8"))
    assert {"get", "delete"} <= set(document["paths"][CHARGE])  # the path is the contract's own
    checked = use_after_free_on("recurring.v3.yaml", (CHARGE,))
    assert checked.pop(CHARGE) is False
    assert checked, "the contract has other reads"
    assert all(checked.values())  # every other read keeps it


def test_a_contract_naming_no_path_keeps_the_check_on_every_read() -> None:
    checked = use_after_free_on("pos.v10.yaml", ())
    assert checked, "the contract has reads"
    assert all(checked.values())
