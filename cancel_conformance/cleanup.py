"""Leaving a sandbox tidy: what a scenario created is brought to a final state where the API allows it.

Each API's cast registers how to close what it created (cancel what is still open, delete points of
sale); anything that could not be closed is named in the report.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import groupby

from cancel_conformance import interrupts
from cancel_conformance.concurrency import side_by_side

# A clean-up action: None when done (or nothing was left to do), else what was left behind and why.
Action = Callable[[], "str | None"]


class Cleanup:
    """The resources of one scenario, cleaned up in reverse order of creation."""

    def __init__(self) -> None:
        self._actions: list[tuple[str, Action]] = []

    def add(self, what: str, action: Action) -> None:
        self._actions.append((what, action))

    def branch(self, what: str) -> Cleanup:
        """A clean-up of its own (newest first within it), run as one entry of this one: branches added one
        after another run side by side, like any resources of one kind."""
        child = Cleanup()
        self.add(what, lambda: "; ".join(child.run()) or None)
        return child

    def run(self) -> list[str]:
        """Clean up everything; never raise: a failure to clean up is a note, not a verdict.

        Resources of one kind ("payment 1", "payment 2") registered one after another are closed side by
        side, within this process's share of the target's concurrency; kinds still close newest first.
        After an interrupt it has a few seconds (interrupts.CLEANUP_GRACE_S), then it names what is still open.
        """
        left_behind = []
        for _, wave in groupby(reversed(self._actions), key=lambda entry: _kind(entry[0])):
            wave = list(wave)
            notes = side_by_side([lambda action=action: _closed(action) for _, action in wave], "clean-up")
            left_behind += [f"{what}: {note}" for (what, _), note in zip(wave, notes, strict=True) if note]
        self._actions.clear()
        return left_behind


def _kind(what: str) -> str:
    """What kind of resource an entry closes: its name without the id ("point of sale 123" -> "point of sale")."""
    return what.rsplit(" ", 1)[0]


def _closed(action: Action) -> str | None:
    """Run one clean-up action, on whichever thread closes it: its requests are the clean-up's."""
    if not interrupts.cleanup_time_left():
        return f"not closed: {interrupts.REASON} and its clean-up time ({interrupts.CLEANUP_GRACE_S:g} s) used up"
    with interrupts.cleaning_up():
        return _attempt(action)


def _attempt(action: Action) -> str | None:
    try:
        return action()
    except Exception as error:  # the target misbehaving at the end must not change the outcome
        return getattr(error, "reason", None) or f"{type(error).__name__}: {error}"


def close_if_open(read: Callable, close: Callable, open_states: frozenset[str]) -> str | None:
    """Read a resource's state; when still open, close it and say so if that failed."""
    current = read()
    if current.status != 200:
        return f"could not be read ({current.status})"
    state = (current.body or {}).get("status") if isinstance(current.body, dict) else None
    if state not in open_states:
        return None
    closed = close()
    return None if closed.ok else f"still {state}: the cancel answered {closed.status}"


def deleted(delete: Callable) -> str | None:
    answer = delete()
    return None if answer.ok or answer.status == 404 else f"could not be deleted ({answer.status})"
