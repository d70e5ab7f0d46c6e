"""Racing requests: both really in flight at once, errors handed back, every race judged (SAFE_*)."""

from __future__ import annotations

import threading

import pytest

from cancel_conformance.cast.contests import CANCEL, CAPTURE, Race, check_all, check_never_both
from cancel_conformance.clients.result import ApiResult
from cancel_conformance.exchange import Exchange
from cancel_conformance.outcomes import ConformanceFailure, TargetError
from cancel_conformance.race import at_once


def test_both_calls_are_in_flight_at_the_same_time() -> None:
    started = [threading.Event(), threading.Event()]

    def call(mine: int) -> str:
        started[mine].set()
        # Sent one after the other, the first call would wait here in vain.
        return "overlapped" if started[1 - mine].wait(timeout=5) else "alone"

    assert at_once(lambda: call(0), lambda: call(1)) == ("overlapped", "overlapped")


def test_an_error_in_either_call_reaches_the_caller() -> None:
    def unreachable() -> str:
        raise TargetError("connection refused")

    with pytest.raises(TargetError, match="connection refused"):
        at_once(lambda: "fine", unreachable)


def answered(status: int) -> ApiResult:
    return ApiResult(status, None, Exchange("POST", "http://target/payments/p/x", {}, None, status))


def test_a_cancel_and_a_capture_that_both_succeed_break_the_rule() -> None:
    both = Race("p", (CANCEL, CAPTURE), (answered(200), answered(200)))
    one = Race("p", (CANCEL, CAPTURE), (answered(200), answered(409)))
    check_never_both(one)
    with pytest.raises(ConformanceFailure, match="both succeeded"):
        check_never_both(both)


def test_the_failure_counts_the_races_that_broke_the_rule() -> None:
    races = [Race(str(n), (CANCEL, CAPTURE), (answered(200), answered(200 if n < 3 else 409))) for n in range(20)]
    with pytest.raises(ConformanceFailure, match=r"^3 of 20 races: a cancel and a capture"):
        check_all(races, check_never_both)
