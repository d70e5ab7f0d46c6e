"""One process at a time, across a run's worker processes: an exclusive lock on a file beside what they share."""

from __future__ import annotations

import contextlib
import fcntl
from collections.abc import Iterator
from pathlib import Path


@contextlib.contextmanager
def exclusive(shared: Path | None) -> Iterator[None]:
    """Hold the lock of `shared` (a file in the run's folder) while inside; nothing to hold without a folder."""
    if shared is None:
        yield
        return
    with open(shared.with_suffix(".lock"), "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)
