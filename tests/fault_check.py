"""Mutation tests, shared by every API's module: the suite fails exactly the rules a fault names.

Each fault's run checks the API its rules belong to (a PoS fault lives in the PoS code, an eCom
fault in the eCom code; a fault naming only SAFE rules runs against every API), and leaves contract
fuzzing and the lifecycle explorations out unless the fault names one of their rules: within that
run, no rule the fault does not name may fail or warn.
"""

from __future__ import annotations

from pathlib import Path

from cancel_conformance import exit_codes
from cancel_conformance.reference.faults import FAULTS
from cancel_conformance.rules import catalogue
from tests.suite_run import run_suite

RULES = {rule.id: rule for rule in catalogue().rules}


def _selection(rules: tuple[str, ...]) -> list[str]:
    """Contract fuzzing and the lifecycle explorations run only for a fault that names one of their rules:
    a state rule's fault also breaks its API's MOD_* rule (bench/model_catch_rate.py measures that)."""
    left_out = [kind for kind, prefix in (("contract", "CON_"), ("model", "MOD_"))
                if not any(rule_id.startswith(prefix) for rule_id in rules)]
    return ["--", "-m", " and ".join(f"not {kind}" for kind in left_out)] if left_out else []


def _apis(rules: tuple[str, ...]) -> list[str]:
    """The APIs of the rules that belong to one API; every API when the fault names only shared rules."""
    single = {RULES[rule_id].apis[0] for rule_id in rules if len(RULES[rule_id].apis) == 1}
    return sorted(single) or sorted(catalogue().apis)


def faults_checking(api: str | None) -> list[str]:
    """The faults whose home is `api`: those naming a rule of that API alone. None: the faults that name
    only rules shared by several APIs (SAFE), whose run checks every API."""
    def home(rules: tuple[str, ...]) -> str | None:
        single = sorted({RULES[rule_id].apis[0] for rule_id in rules if len(RULES[rule_id].apis) == 1})
        return single[0] if single else None

    return sorted(name for name, fault in FAULTS.items() if home(fault.rules) == api)


def check_fault(fault: str, tmp_path: Path) -> None:
    named = FAULTS[fault].rules
    apis = [f"--api={api}" for api in _apis(named)]
    selection = _selection(named)
    run = run_suite(tmp_path, f"--fault={fault}", *apis, *selection)
    outcomes = run.outcomes()
    assert outcomes, run.output[-3000:]
    expected = {rule_id: "failed" if RULES[rule_id].is_must else "warning" for rule_id in named}
    caught = {rule_id: outcomes.get(rule_id) for rule_id in named}
    assert caught == expected, run.output[-3000:]
    # No other rule fails or warns; one whose Given the fault makes unreachable may be "not verified". A wrong
    # answer of a contract's fault may also be met by another phase of the same campaign, and so be another of
    # that contract's CON_* rules too (a list response outside its schema is CON_*_05 in the link walk and
    # CON_*_02 when the fuzzer happens to list the same resource): those may fail as well.
    overlapping = _same_contract(named)
    others = {rule_id: outcome for rule_id, outcome in outcomes.items()
              if rule_id not in named and outcome not in ("passed", "not verified") and rule_id not in overlapping}
    assert others == {}, run.output[-3000:]
    must_named = any(RULES[rule_id].is_must for rule_id in named)
    assert run.exit_code == (exit_codes.MUST_FAILED if must_named else exit_codes.CONFORMANT), run.output[-3000:]


def _same_contract(named: tuple[str, ...]) -> set[str]:
    """The other CON_* rules of the contract a fault's CON_* rules belong to (none for any other fault)."""
    families = {rule_id.rsplit("_", 1)[0] for rule_id in named if rule_id.startswith("CON_")}
    if not families or not all(rule_id.startswith("CON_") for rule_id in named):
        return set()
    return {rule_id for rule_id in RULES if rule_id.rsplit("_", 1)[0] in families}
