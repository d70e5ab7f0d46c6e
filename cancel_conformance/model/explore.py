"""Exploring a lifecycle with Hypothesis's rule-based state machines, through an API's own clients and hooks.

Every documented move from every state the lifecycle reaches starts one state machine: a new resource
is brought to the state along the lifecycle's shortest path, the move is taken, and Hypothesis then
draws further documented actions. After every step the public API must show a state the lifecycle
allows (MOD_*); a divergence names the rule of the move, and Hypothesis shrinks the sequence.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

from hypothesis import HealthCheck, Phase, Verbosity, seed, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, get_state_machine_test, initialize, rule

from cancel_conformance import interrupts
from cancel_conformance.clients.result import ApiResult
from cancel_conformance.exchange import Recorder
from cancel_conformance.expect import received
from cancel_conformance.model.lifecycle import Lifecycle, Outcome
from cancel_conformance.outcomes import ConformanceFailure, NotVerified, leaves

ACCEPTED_LATER = 202
POLL_SECONDS = 0.25


class Subject(Protocol):
    """One API's side of an exploration (`apis/<api>/model.py`): its resources, driven and read over HTTP."""

    lifecycle: Lifecycle
    settle_timeout: float

    def begin(self) -> Any: ...                            # a handle for a resource not created yet

    def act(self, handle: Any, action: str) -> ApiResult: ...

    def observe(self, handle: Any) -> tuple[ApiResult, Any]: ...  # what the public API shows now

    def shows(self, state: str, handle: Any, observation: Any) -> bool: ...

    def describe(self, observation: Any) -> str: ...

    def close(self, handle: Any) -> str | None: ...


@dataclass(frozen=True)
class Budget:
    """How much to explore: examples per documented move, and Hypothesis's steps after it."""

    examples: int = 1
    steps: int = 2


@dataclass
class Step:
    actor: str
    action: str
    state: str  # the state the lifecycle says the resource is in after it


@dataclass
class Exploration:
    """What one exploration did: the moves it took, what could not be reached, and the first divergence."""

    lifecycle: Lifecycle
    taken: Counter = field(default_factory=Counter)  # (state, action, state after) -> times
    unreached: dict[tuple[str, str], str] = field(default_factory=dict)
    divergence: ConformanceFailure | None = None
    diverged: tuple[str, str] | None = None  # the (state, action) whose outcome diverged
    sequence: list[Step] = field(default_factory=list)  # the shrunk sequence that shows the divergence
    recorder: Recorder | None = None  # the exchanges of that sequence
    examples: int = 0
    left_behind: list[str] = field(default_factory=list)

    def to_json(self) -> dict:
        """What the report draws: the whole lifecycle, what was taken of it, and where it diverged."""
        moves = [{"from": origin, "action": action, "to": outcome.state, "rule": outcome.rule}
                 for (origin, action), outcomes in self.lifecycle.moves.items() for outcome in outcomes]
        return {"lifecycle": self.lifecycle.name, "start": self.lifecycle.start, "moves": moves,
                "taken": [{"from": a, "action": b, "to": c, "times": n} for (a, b, c), n in sorted(self.taken.items())],
                "unreached": [{"from": a, "action": b, "reason": r} for (a, b), r in sorted(self.unreached.items())],
                "diverged": {"from": self.diverged[0], "action": self.diverged[1]} if self.diverged else None,
                "sequence": [step.__dict__ for step in self.sequence], "examples": self.examples}


def explore(make_subject: Callable[[Recorder], Subject], lifecycle: Lifecycle, new_recorder: Callable[[], Recorder],
            budget: Budget, base_seed: int) -> Exploration:
    """Every documented move of `lifecycle`, each followed by `budget.steps` drawn ones; stops at a divergence."""
    exploration = Exploration(lifecycle)
    for index, (state, action) in enumerate(lifecycle.pairs()):
        machine = _machine(make_subject, lifecycle, new_recorder, exploration, state, action)
        test = get_state_machine_test(machine, settings=settings(
            max_examples=budget.examples, stateful_step_count=max(budget.steps, 1), deadline=None, database=None,
            suppress_health_check=list(HealthCheck), verbosity=Verbosity.quiet,
            phases=[Phase.generate, Phase.shrink]))
        interrupts.check()  # an interrupted run explores no further
        try:
            seed(base_seed + index)(test)()
        except ConformanceFailure as failure:
            exploration.divergence = failure
            return exploration
        except BaseExceptionGroup as group:  # Hypothesis found several distinct errors: the one that decides
            errors = leaves(group)
            if any(isinstance(error, interrupts.RunInterrupted) for error in errors):
                raise interrupts.RunInterrupted() from None
            diverged = next((error for error in errors if isinstance(error, ConformanceFailure)), None)
            if diverged is None:
                raise errors[0] from None
            exploration.divergence = diverged
            return exploration
    return exploration


def _machine(make_subject, lifecycle: Lifecycle, new_recorder, exploration: Exploration, start: str, move: str):
    class Explorer(RuleBasedStateMachine):
        """One resource: brought to `start`, `move` taken, then documented actions as Hypothesis draws them."""

        def __init__(self) -> None:
            super().__init__()
            self.recorder = new_recorder()
            self.subject = make_subject(self.recorder)
            self.handle = None
            self.state = lifecycle.start
            self.steps: list[Step] = []
            exploration.examples += 1

        @initialize()
        def reach_and_move(self) -> None:
            self.handle = self.subject.begin()
            try:
                for action in (*lifecycle.paths()[start], move):
                    self.take(action)
            except interrupts.RunInterrupted:
                raise
            except NotVerified as reason:
                exploration.unreached[(start, move)] = reason.reason
                self.state = ""

        @rule(data=st.data())
        def act(self, data) -> None:
            """A documented action from where the resource is (none from a state the lifecycle ends in)."""
            actions = lifecycle.actions_from(self.state) if self.state else ()
            if actions:
                self.take(data.draw(st.sampled_from(actions), label="action"))

        def take(self, action: str) -> None:
            outcomes = lifecycle.outcomes(self.state, action)
            answer = self.subject.act(self.handle, action)
            read, observation, outcome = self.judge(answer, outcomes)
            if outcome is None:
                self.diverge(action, outcomes, answer, read, observation)
            exploration.taken[(self.state, action, outcome.state)] += 1
            self.steps.append(Step(lifecycle.actors.get(action, "merchant"), action, outcome.state))
            self.state = outcome.state

        def judge(self, answer: ApiResult, outcomes: tuple[Outcome, ...]) -> tuple[ApiResult, Any, Outcome | None]:
            """The outcome the answer and what the API then shows agree with (a 202 is given its time)."""
            if self.state == lifecycle.start and not answer.ok:
                # A refused creation: nothing to read; it fits only a move documented to create nothing.
                return answer, None, next((o for o in outcomes if _agrees(o, answer) and o.state == lifecycle.start),
                                          None)
            deadline = time.monotonic() + (self.subject.settle_timeout if answer.status == ACCEPTED_LATER else 0)
            while True:
                read, observation = self.subject.observe(self.handle)
                fitting = next((o for o in outcomes if _agrees(o, answer)
                                and self.subject.shows(o.state, self.handle, observation)), None)
                if fitting or time.monotonic() + POLL_SECONDS > deadline:
                    return read, observation, fitting
                time.sleep(POLL_SECONDS)

        def diverge(self, action, outcomes, answer, read, observation) -> None:
            rules = ", ".join(dict.fromkeys(o.rule for o in outcomes))
            path = " > ".join(f"{s.action}" for s in self.steps) or "(new)"
            wanted = " or ".join(f"{_answer(o)}, then {o.state}" for o in outcomes)
            then = "nothing was created" if self.state == lifecycle.start else self.subject.describe(observation)
            exploration.diverged = (self.state, action)
            exploration.sequence = [*self.steps, Step(lifecycle.actors.get(action, "merchant"), action, "?")]
            exploration.recorder = self.recorder
            raise ConformanceFailure(
                f"{rules}: after {path} ({self.state}), {action} diverged from the documented lifecycle",
                expected=wanted, received=f"{received(answer)}; then {then}",
                reproduce=read.exchange.curl())

        def teardown(self) -> None:
            if self.handle is not None:
                note = self.subject.close(self.handle)
                if note:
                    exploration.left_behind.append(note)

    return Explorer


def _agrees(outcome: Outcome, answer: ApiResult) -> bool:
    return outcome.accepted is None or outcome.accepted == answer.ok


def _answer(outcome: Outcome) -> str:
    return {True: "accepted", False: "refused", None: "accepted or refused"}[outcome.accepted]
