"""Several errors at once (threads side by side, Hypothesis's distinct failures) are judged by the one that
decides the outcome, never shown as the suite's own traceback."""

from __future__ import annotations

from cancel_conformance.interrupts import RunInterrupted
from cancel_conformance.outcomes import ConformanceFailure, Outcome, TargetError
from cancel_conformance.scenario import judge


def test_a_failure_in_a_group_fails_the_rule() -> None:
    wrong = ConformanceFailure("wrong", expected="a", received="b")
    group = ExceptionGroup("two", [TargetError("slow"), ExceptionGroup("inner", [wrong])])
    assert judge(group, must=True).outcome == Outcome.FAILED


def test_an_interrupt_in_a_group_leaves_the_rule_not_verified() -> None:
    assert judge(BaseExceptionGroup("stopped", [RunInterrupted(), RunInterrupted()]), must=True).outcome == \
        Outcome.NOT_VERIFIED


def test_a_target_error_outranks_an_interrupt() -> None:
    assert judge(ExceptionGroup("two", [RunInterrupted(), TargetError("refused")]), must=True).outcome == Outcome.ERROR


def test_a_group_of_the_suites_own_bugs_stays_an_unexpected_error() -> None:
    verdict = judge(ExceptionGroup("bugs", [KeyError("x"), ValueError("y")]), must=True)
    assert verdict.outcome == Outcome.ERROR
    assert verdict.unexpected
