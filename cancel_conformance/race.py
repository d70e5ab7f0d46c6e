"""Two requests sent at the same moment: each from its own thread, released together by one barrier.

Each sender should use its own HTTP session, so the two requests travel on separate connections and
neither waits for the other's response (SAFE_01, SAFE_02).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TypeVar

from cancel_conformance.concurrency import in_strand, lane_strands

T = TypeVar("T")
BARRIER_TIMEOUT_S = 30.0


def at_once(first: Callable[[], T], second: Callable[[], T]) -> tuple[T, T]:
    """Call both at the same moment and return both answers; the first error either raised is re-raised."""
    barrier = threading.Barrier(2)
    answers: list = [None, None]
    errors: list[BaseException] = []
    strands = lane_strands(2)  # two requests on the move at once: each on a lane of its own

    def run(index: int, send: Callable[[], T]) -> None:
        try:
            barrier.wait(BARRIER_TIMEOUT_S)
            answers[index] = in_strand(strands[index], send)
        except BaseException as error:  # handed to the caller's thread below
            errors.append(error)
            barrier.abort()

    threads = [threading.Thread(target=run, args=(i, send), name=f"racer-{i}", daemon=True)
               for i, send in enumerate((first, second))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    real = [error for error in errors if not isinstance(error, threading.BrokenBarrierError)]
    if real or errors:
        raise (real or errors)[0]
    return answers[0], answers[1]
