"""Every API's lifecycle as data (MOD_*): each move cites a rule of its API, every state is reached, and the
explorer finds, names and shrinks a divergence."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from cancel_conformance.apis import registry
from cancel_conformance.clients.result import ApiResult
from cancel_conformance.exchange import Exchange, Recorder, Redactor
from cancel_conformance.model.explore import Budget, explore
from cancel_conformance.model.lifecycle import Lifecycle, Outcome
from cancel_conformance.outcomes import NotVerified
from cancel_conformance.rules import catalogue

LIFECYCLES = {name: api.module("model").LIFECYCLE for name, api in registry().items()}


@pytest.mark.parametrize("name", sorted(LIFECYCLES))
def test_every_move_cites_a_rule_of_its_api(name: str) -> None:
    rules = {rule.id for rule in catalogue().for_apis({name})}
    lifecycle = LIFECYCLES[name]
    assert lifecycle.rules() <= rules, lifecycle.rules() - rules
    assert any(rule.startswith("MOD_") for rule in rules)


@pytest.mark.parametrize("name", sorted(LIFECYCLES))
def test_every_state_is_reached_along_accepted_moves(name: str) -> None:
    lifecycle = LIFECYCLES[name]
    assert set(lifecycle.paths()) == set(lifecycle.states())
    assert all(state != lifecycle.start for state, _ in lifecycle.pairs())


LITTLE = Lifecycle("a door", "new", {
    ("new", "build"): (Outcome("closed", "R_01", True),),
    ("closed", "open"): (Outcome("open", "R_01", True),),
    ("open", "close"): (Outcome("closed", "R_01", True),),
    ("open", "lock"): (Outcome("open", "R_02", False),),
    ("closed", "lock"): (Outcome("locked", "R_02", True),),
    ("locked", "open"): (Outcome("locked", "R_03", False),),
}, {})


@dataclass
class Door:
    state: str = "new"
    actions: list[str] = field(default_factory=list)


class FakeDoor:
    """A door that answers as the lifecycle says, except where `broken` says it opens when locked."""

    lifecycle = LITTLE
    settle_timeout = 0.0

    def __init__(self, broken: bool = False, unreachable: str = "") -> None:
        self.broken = broken
        self.unreachable = unreachable

    def begin(self) -> Door:
        return Door()

    def act(self, door: Door, action: str) -> ApiResult:
        if action == self.unreachable:
            raise NotVerified(f"the sandbox cannot {action}")
        door.actions.append(action)
        moves = {"build": "closed", "open": "open", "close": "closed", "lock": "locked"}
        allowed = (door.state, action) in {("new", "build"), ("closed", "open"), ("open", "close"),
                                           ("closed", "lock")} or (self.broken and door.state == "locked")
        if allowed:
            door.state = moves[action]
        return ApiResult(200 if allowed else 409, None, Exchange("POST", f"http://door/{action}", {}, None, 200))

    def observe(self, door: Door) -> tuple[ApiResult, str]:
        return ApiResult(200, None, Exchange("GET", "http://door", {}, None, 200)), door.state

    def shows(self, state: str, door: Door, observation: str) -> bool:
        return observation == state

    def describe(self, observation: str) -> str:
        return f"the door is {observation}"

    def close(self, door: Door) -> None:
        return None


BUDGET = Budget(examples=1, steps=3)


def _explore(subject: FakeDoor):
    return explore(lambda recorder: subject, LITTLE, lambda: Recorder(Redactor(set())), BUDGET, 1)


def test_a_conformant_implementation_takes_every_documented_move_and_never_diverges() -> None:
    exploration = _explore(FakeDoor())
    assert exploration.divergence is None
    assert {(origin, action) for origin, action, _ in exploration.taken} == set(LITTLE.moves)


def test_a_divergence_names_the_rule_and_the_shrunk_sequence_ends_with_the_move() -> None:
    exploration = _explore(FakeDoor(broken=True))
    assert exploration.divergence is not None
    assert exploration.divergence.summary.startswith("R_03: after build > lock (locked), open diverged")
    assert exploration.diverged == ("locked", "open")
    assert [step.action for step in exploration.sequence] == ["build", "lock", "open"]


def test_a_move_the_sandbox_cannot_make_is_unreached_not_failed() -> None:
    exploration = _explore(FakeDoor(unreachable="lock"))
    assert exploration.divergence is None
    assert ("closed", "lock") in exploration.unreached
    assert "cannot lock" in exploration.unreached[("closed", "lock")]
