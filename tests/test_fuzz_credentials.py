"""Contract fuzzing satisfies every security scheme from the target's credentials, and probes each one."""

from __future__ import annotations

import pytest
import yaml

from cancel_conformance.exchange import FORGED_KEY, FORGED_TOKEN
from cancel_conformance.fuzz.auth_probe import _credentials_without
from cancel_conformance.fuzz.campaign import CampaignSettings, security_auth
from cancel_conformance.fuzz.checks import AUTH_REQUIRED, INVALID_REFUSED, rules_of
from cancel_conformance.fuzz.fresh_ids import example_ids, fresh_ids
from tests.suite_run import ROOT

KEY = "Ocp-Apim-Subscription-Key"


def settings(contract: str, api_keys: dict[str, str] | None = None) -> CampaignSettings:
    return CampaignSettings(contract=ROOT / "contracts" / contract, base_url="http://target", token="t0ken",
                            examples=1, seed=1, request_timeout=1, api_keys=api_keys or {})


def contract(name: str) -> dict:
    return yaml.safe_load((ROOT / "contracts" / name).read_text("utf-8"))


def test_pos_is_fuzzed_with_its_bearer_token_alone() -> None:
    pos = settings("pos.v10.yaml")
    assert list(security_auth(pos, contract("pos.v10.yaml")).values()) == [{"bearer": "t0ken"}]
    assert pos.credentials == {"Authorization": "Bearer t0ken"}


def test_ecom_is_fuzzed_with_the_token_and_the_subscription_key() -> None:
    ecom = settings("ecom.v2.yaml", {KEY: "k3y"})
    assert sorted(security_auth(ecom, contract("ecom.v2.yaml")).values(), key=str) == [
        {"api_key": "k3y"}, {"bearer": "t0ken"}]
    assert ecom.credentials == {"Authorization": "Bearer t0ken", KEY: "k3y"}


def test_a_scheme_the_target_has_no_credential_for_is_a_named_error() -> None:
    with pytest.raises(ValueError, match="subscriptionKey"):
        security_auth(settings("ecom.v2.yaml"), contract("ecom.v2.yaml"))


def test_the_probes_drop_or_forge_one_credential_and_keep_the_others() -> None:
    both = {"Authorization": "Bearer t0ken", KEY: "k3y"}
    assert _credentials_without(both, "Authorization", forged=False) == {KEY: "k3y"}
    assert _credentials_without(both, "Authorization", forged=True) == {KEY: "k3y", "Authorization": FORGED_TOKEN}
    assert _credentials_without(both, KEY, forged=False) == {"Authorization": "Bearer t0ken"}
    assert _credentials_without(both, KEY, forged=True) == {"Authorization": "Bearer t0ken", KEY: FORGED_KEY}


def test_a_request_whose_only_fault_is_a_credential_counts_for_the_401_rule() -> None:
    credentials = frozenset({"authorization", KEY.lower()})
    assert rules_of("negative_data_rejection", frozenset({KEY.lower()}), credentials) == {AUTH_REQUIRED}
    assert rules_of("negative_data_rejection", frozenset({"authorization"})) == {AUTH_REQUIRED}
    assert rules_of("negative_data_rejection", frozenset({KEY.lower(), "x-request-id"}),
                    credentials) == {INVALID_REFUSED}


def test_the_ids_of_the_contract_examples_are_made_fresh_wherever_they_sit() -> None:
    assert example_ids(contract("ecom.v2.yaml")) == {"wool-socks-0001"}
    body = {"transaction": {"orderId": "wool-socks-0001", "amount": 100}, "merchantInfo": {"merchantSerialNumber": "1"}}
    fresh = fresh_ids(body, frozenset({"wool-socks-0001"}))
    assert fresh["transaction"]["orderId"].startswith("wool-socks-0001-")
    assert fresh["transaction"]["orderId"] != fresh_ids(body)["transaction"]["orderId"]
    assert fresh["merchantInfo"] == body["merchantInfo"]
    generated = {"transaction": {"orderId": "x" * 60}}
    assert fresh_ids(generated, frozenset({"wool-socks-0001"})) == generated  # an invalid id stays invalid
