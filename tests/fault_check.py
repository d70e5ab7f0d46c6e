"""Mutation tests, shared by the PoS and the eCom modules: the suite fails exactly the rules a fault names.

Each fault's run checks the API(s) its rules belong to (a PoS fault lives in the PoS code, an eCom
fault in the eCom code; a fault naming only SAFE rules runs against both), and leaves contract
fuzzing out unless the fault names a contract rule: within that run, no rule the fault does not
name may fail or warn.
"""

from __future__ import annotations

from pathlib import Path

from cancel_conformance import exit_codes
from cancel_conformance.reference.faults import FAULTS, Fault
from cancel_conformance.rules import catalogue
from tests.suite_run import run_suite

RULES = {rule.id: rule for rule in catalogue().rules}
# Recurring v3: the suite's Recurring scenarios (and their catalogue entries) come separately, so no run
# can catch a Recurring fault yet; its own pairs in tests/reference/recurring show what it breaks.
RECURRING_RULE_PREFIXES = ("RECUR_", "CON_RECUR_")


def awaits_recurring_scenarios(fault: Fault) -> bool:
    return any(rule_id.startswith(RECURRING_RULE_PREFIXES) for rule_id in fault.rules)


def _runs_fuzzing(rules: tuple[str, ...]) -> bool:
    return any(rule_id.startswith("CON_") for rule_id in rules)


def _apis(rules: tuple[str, ...]) -> list[str]:
    """The APIs of the rules that belong to one API; every API when the fault names only shared rules."""
    single = {RULES[rule_id].apis[0] for rule_id in rules if len(RULES[rule_id].apis) == 1}
    return sorted(single) or sorted(catalogue().apis)


def faults_checking(api: str) -> list[str]:
    """The faults whose run checks `api` (a fault of both APIs is checked with eCom, the smaller half)."""
    return sorted(name for name, fault in FAULTS.items() if not awaits_recurring_scenarios(fault)
                  and (api == "ecom.v2") == ("ecom.v2" in _apis(fault.rules)))


def check_fault(fault: str, tmp_path: Path) -> None:
    named = FAULTS[fault].rules
    apis = [f"--api={api}" for api in _apis(named)]
    selection = [] if _runs_fuzzing(named) else ["--", "-m", "not contract"]
    run = run_suite(tmp_path, f"--fault={fault}", *apis, *selection)
    outcomes = run.outcomes()
    assert outcomes, run.output[-3000:]
    expected = {rule_id: "failed" if RULES[rule_id].is_must else "warning" for rule_id in named}
    caught = {rule_id: outcomes.get(rule_id) for rule_id in named}
    assert caught == expected, run.output[-3000:]
    # No other rule fails or warns; one whose Given the fault makes unreachable may be "not verified".
    others = {rule_id: outcome for rule_id, outcome in outcomes.items()
              if rule_id not in named and outcome not in ("passed", "not verified")}
    assert others == {}, run.output[-3000:]
    must_named = any(RULES[rule_id].is_must for rule_id in named)
    assert run.exit_code == (exit_codes.MUST_FAILED if must_named else exit_codes.CONFORMANT)

