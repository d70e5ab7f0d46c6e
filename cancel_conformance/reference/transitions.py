"""A lifecycle with refusals, as the Vipps APIs keep it: {(state, action): move}, a refusal for every other pair.

A pair missing from the move table is refused with the refusal the refusal table (or the action's
default) names. Faults patch both tables by name; nothing else decides which moves exist. The
moves and refusals themselves are each API's own (`ecom/lifecycle.py`, `epayment/lifecycle.py`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, Generic, TypeVar

MoveT = TypeVar("MoveT")
RefusalT = TypeVar("RefusalT")
Pair = tuple[str, str]


def each(states: Iterable[str], actions: Iterable[str], value: Any) -> dict[Pair, Any]:
    """The same move (or refusal) for every state and action given."""
    return {(state, action): value for state in states for action in actions}


class IllegalMove(Exception):
    """A payment in `state` cannot take `action`; `refusal` says how that is answered."""

    def __init__(self, state: str, action: str, refusal: Any) -> None:
        super().__init__(f"a payment in state {state} cannot take the action '{action}'")
        self.state = state
        self.action = action
        self.refusal = refusal


class Tables(Generic[MoveT, RefusalT]):
    """The move and refusal tables with the active faults applied, and the one way to ask for a move."""

    def __init__(self, moves: Mapping[Pair, MoveT], refusals: Mapping[Pair, RefusalT],
                 defaults: Mapping[str, RefusalT], move_patches: Mapping[str, Mapping[Pair, MoveT | None]],
                 refusal_patches: Mapping[str, Mapping[Pair, RefusalT]], faults: Iterable[str] = ()) -> None:
        self.table: dict[Pair, MoveT] = dict(moves)
        self.refusals: dict[Pair, RefusalT] = dict(refusals)
        self._defaults = defaults
        for name in sorted(set(faults)):
            for pair, move in move_patches.get(name, {}).items():
                if move is None:
                    self.table.pop(pair, None)
                else:
                    self.table[pair] = move
            self.refusals.update(refusal_patches.get(name, {}))

    def allows(self, state: str, action: str) -> bool:
        return (state, action) in self.table

    def move(self, state: str, action: str) -> MoveT:
        """The move `action` makes from `state`; IllegalMove (with its refusal) when there is none."""
        move = self.table.get((state, action))
        if move is None:
            refusal = self.refusals.get((state, action), self._defaults[action])
            raise IllegalMove(state, action, refusal)
        return move
