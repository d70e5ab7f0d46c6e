"""How every ePayment action runs: once per Idempotency-Key, and its check-then-act under one lock.

An unlocked fault (`unlocked-cancel-capture`, `unlocked-duplicate-cancel`) splits the check from the
act with a pause outside the lock, so a concurrent request can slip in between (SAFE_01, SAFE_02).
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from typing import Any, Protocol, TypeVar

from cancel_conformance.reference.epayment.errors import Problem
from cancel_conformance.reference.epayment.idempotency import Answer, Ask
from cancel_conformance.reference.epayment.lifecycle import CANCELLED_STATES
from cancel_conformance.reference.epayment.model import EpaymentState, Payment
from cancel_conformance.reference.race import UNLOCKED_FAULTS, pause, unlocked_watch

R = TypeVar("R")


class Checked(Protocol):
    """A checked action: it names the payment it acts on."""

    @property
    def payment(self) -> Payment: ...


P = TypeVar("P", bound=Checked)


class Runner:
    """Runs one payment action: the answer for its key, then its plan and act under the state lock."""

    def __init__(self, state: EpaymentState) -> None:
        self._state = state

    def idempotent(self, ask: Ask, act: Callable[[], Answer]) -> Answer:
        """The first answer to this key's request when it is a retry; else act and remember the answer.

        The lock is held from the look-up to the remembering, so a retry racing the first request
        waits for its answer; only an unlocked fault lets go of it in between.
        """
        with self._held():
            with self._state.lock:
                replayed = self._state.answers.replay(ask)
            if replayed is not None:
                return replayed
            try:
                answer = act()
            except Problem as problem:
                if not problem.sticky:
                    raise
                answer = Answer.refusal(problem, ask.instance)
            with self._state.lock:
                self._state.answers.remember(ask, answer)
            return answer

    def run(self, kind: str, plan: Callable[[], P], act: Callable[[P], R]) -> R:
        """Check, then act, under one lock; an unlocked fault pauses in between and re-checks less."""
        watch = self._watch(kind)
        with self._state.lock:
            checked = plan()
            if watch is None:
                return act(checked)
            seen = watch(checked.payment)
        pause()
        with self._state.lock:
            return act(checked if watch(checked.payment) == seen else plan())

    def _held(self) -> AbstractContextManager[Any]:
        unlocked = any(self._state.fault(name) for name in UNLOCKED_FAULTS)
        return nullcontext() if unlocked else self._state.lock

    def _watch(self, kind: str) -> Callable[[Payment], object] | None:
        return unlocked_watch(self._state.faults, kind, lambda payment: payment.state in CANCELLED_STATES)
