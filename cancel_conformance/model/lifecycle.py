"""A documented lifecycle as data: from each state, what each actor's action may lead to, and the rule that says so.

A state is named after what the public API shows of the resource there. Where the documentation
allows several outcomes (which answer, whether a repeat is accepted), a move lists all of them;
where it leaves a move unsaid, the lifecycle has no move, and exploration never takes it.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Outcome:
    """One documented outcome of an action: the state after it, and whether the request is accepted."""

    state: str
    rule: str  # the catalogue rule that documents this outcome
    accepted: bool | None = None  # True: a 2xx; False: refused (not a 2xx); None: either is documented


@dataclass(frozen=True)
class Lifecycle:
    """The states of one kind of resource, each actor's actions, and the documented outcome of each move."""

    name: str
    start: str  # the state before the resource exists: its only moves create it
    moves: Mapping[tuple[str, str], tuple[Outcome, ...]]
    actors: Mapping[str, str]  # action -> who takes it: the merchant, the customer, the back office, time
    # The states a Given of the features may start from, in the order the diagram draws them.
    order: tuple[str, ...] = field(default=())

    def actions_from(self, state: str) -> tuple[str, ...]:
        """The documented actions from `state`, in a stable order."""
        return tuple(action for (origin, action) in self.moves if origin == state)

    def outcomes(self, state: str, action: str) -> tuple[Outcome, ...]:
        return self.moves[(state, action)]

    def states(self) -> tuple[str, ...]:
        """Every state a move leads to or leaves from, the start first."""
        found = dict.fromkeys([self.start, *self.order])
        for (origin, _), outcomes in self.moves.items():
            found.setdefault(origin, None)
            for outcome in outcomes:
                found.setdefault(outcome.state, None)
        return tuple(found)

    def rules(self) -> frozenset[str]:
        return frozenset(outcome.rule for outcomes in self.moves.values() for outcome in outcomes)

    def paths(self) -> dict[str, tuple[str, ...]]:
        """The shortest sequence of accepted actions from the start to each state it reaches."""
        paths: dict[str, tuple[str, ...]] = {self.start: ()}
        queue = deque([self.start])
        while queue:
            state = queue.popleft()
            for action in self.actions_from(state):
                for outcome in self.outcomes(state, action):
                    if outcome.accepted is not False and outcome.state not in paths:
                        paths[outcome.state] = (*paths[state], action)
                        queue.append(outcome.state)
        return paths

    def pairs(self) -> Iterator[tuple[str, str]]:
        """Every (state, action) the lifecycle documents from a state it reaches: what exploration starts from."""
        reached = self.paths()
        return ((state, action) for (state, action) in self.moves if state in reached and state != self.start)

    def after(self, path: tuple[str, ...]) -> str:
        """The state a sequence of accepted actions leads to (the first accepted outcome of each)."""
        state = self.start
        for action in path:
            state = next(o.state for o in self.outcomes(state, action) if o.accepted is not False)
        return state


def each(states: tuple[str, ...], action: str, *outcomes: Outcome) -> dict[tuple[str, str], tuple[Outcome, ...]]:
    """The same outcomes of `action` from every one of `states`."""
    return {(state, action): outcomes for state in states}


def unchanged(states: tuple[str, ...], action: str, rule: str, accepted: bool | None = False
              ) -> dict[tuple[str, str], tuple[Outcome, ...]]:
    """`action` changes nothing from any of `states` (refused, unless the documentation allows either answer)."""
    return {(state, action): (Outcome(state, rule, accepted),) for state in states}
