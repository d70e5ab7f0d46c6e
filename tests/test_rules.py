"""The catalogue: complete, well-formed, and the same set the shared rule list names."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from cancel_conformance.rules import RULE_ID, catalogue, family_of, parse_catalogue

SHARED_RULES = Path(__file__).resolve().parents[2] / "shared" / "RULES.md"


def test_every_rule_is_well_formed_and_unique() -> None:
    rules = catalogue().rules
    assert len({rule.id for rule in rules}) == len(rules)
    for rule in rules:
        assert RULE_ID.match(rule.id), rule.id
        assert rule.level in ("MUST", "SHOULD")
        assert rule.title
        assert rule.source
        assert rule.family.id == family_of(rule.id)


def test_the_catalogue_matches_the_shared_rule_list_for_the_apis_it_checks() -> None:
    if not SHARED_RULES.exists():
        pytest.skip(f"{SHARED_RULES} is not beside this checkout")
    shared = {}
    for line in SHARED_RULES.read_text("utf-8").splitlines():
        match = re.match(r"^\|\s*([A-Z_0-9 /]+?)\s*\|\s*(MUST|SHOULD)\s*\|", line)
        if match:
            for rule_id in re.split(r"\s*/\s*", match.group(1)):
                shared[rule_id] = match.group(2)
    ours = {rule.id: rule.level for rule in catalogue().rules}
    assert ours == {rule_id: level for rule_id, level in shared.items() if rule_id in ours}
    checked_families = {family.id for family in catalogue().families}
    assert {rule_id for rule_id in shared if family_of(rule_id) in checked_families} == set(ours)


def test_a_malformed_catalogue_is_refused() -> None:
    families = {"POS_PAY": {"api": "pos.v10", "title": "t"}}
    with pytest.raises(ValueError, match="level"):
        parse_catalogue({"families": families,
                         "rules": [{"id": "POS_PAY_01", "level": "MAY", "title": "t", "source": "s"}]})
    with pytest.raises(ValueError, match="malformed"):
        parse_catalogue({"families": families,
                         "rules": [{"id": "pos_pay_1", "level": "MUST", "title": "t", "source": "s"}]})


def test_a_family_may_be_checked_on_several_apis() -> None:
    families = {"SAFE": {"api": ["pos.v10", "ecom.v2"], "title": "t"}, "POS_PAY": {"api": "pos.v10", "title": "t"}}
    parsed = parse_catalogue({"families": families, "rules": [
        {"id": "SAFE_01", "level": "MUST", "title": "t", "source": "s"},
        {"id": "POS_PAY_01", "level": "MUST", "title": "t", "source": "s"}]})
    safe, pos = parsed.rules
    assert safe.apis == ("pos.v10", "ecom.v2")
    assert safe.api == "pos.v10, ecom.v2"
    assert parsed.for_apis({"ecom.v2"}) == (safe,)
    assert parsed.for_apis({"pos.v10"}) == (safe, pos)
    assert parsed.apis == ("pos.v10", "ecom.v2")
    with pytest.raises(ValueError, match="api must be"):
        parse_catalogue({"families": {"SAFE": {"api": [], "title": "t"}}, "rules": []})


def test_money_safety_is_checked_on_every_api_and_each_api_rule_on_its_api() -> None:
    rules = {rule.id: rule for rule in catalogue().rules}
    assert rules["SAFE_01"].apis == rules["SAFE_02"].apis == ("pos.v10", "ecom.v2", "epayment.v1", "recurring.v3")
    prefixes = {"pos.v10": ("POS_", "CON_POS_"), "ecom.v2": ("ECOM_", "CON_ECOM_"),
                "epayment.v1": ("EPAY_", "CON_EPAY_"), "recurring.v3": ("RECUR_", "CON_RECUR_")}
    for api, prefix in prefixes.items():
        assert {rule.apis for rule_id, rule in rules.items() if rule_id.startswith(prefix)} == {(api,)}
