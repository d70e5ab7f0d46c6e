"""What every API's state paths share: a resource brought to a state along its path, and waiting until it shows.

A vendor sandbox may move asynchronously (SIMULATION.md §3): a Given reads the resource until it
shows the state, within a bound, or the Given is "not verified".
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from typing import TypeVar

from cancel_conformance.clients.result import ApiResult
from cancel_conformance.driver import HookOutcome, established
from cancel_conformance.outcomes import NotVerified

R = TypeVar("R")
T = TypeVar("T")


def reach(state: str, paths: Mapping[str, tuple[str | None, str]], start: Callable[[str], R],
          act: Callable[[str, R], ApiResult | HookOutcome], settle: Callable[[R, str], None], what: str) -> R:
    """A new resource brought to `state`: `start` begins one (with the path's first action), `act` takes each
    following action, `settle` waits until it shows each state on the way."""
    before, action = paths[state]
    if before is None:
        resource = start(action)
    else:
        resource = reach(before, paths, start, act, settle, what)
        established(act(action, resource), f"bring {what} to {state} when the {action}")
    settle(resource, state)
    return resource


def until(read: Callable[[], T], shown: Callable[[T], bool], describe: Callable[[T], str], timeout: float,
          goal: str, poll: float = 0.5) -> T:
    """Read until `shown`, within `timeout` seconds; NotVerified naming what it last showed, after that."""
    deadline = time.monotonic() + timeout
    while True:
        seen = read()
        if shown(seen):
            return seen
        if time.monotonic() + poll > deadline:
            raise NotVerified(f"could not {goal}: within {timeout:g} s it shows {describe(seen)}")
        time.sleep(poll)
