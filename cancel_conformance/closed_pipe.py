"""Output into a closed pipe (`| head`, `| grep -m1`) ends quietly, as it does for Unix tools."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator
from typing import TextIO

from cancel_conformance import exit_codes


class GuardedStdout:
    """sys.stdout that, once its reader has gone, sends the rest to the null device instead of raising."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream
        self.reader_gone = False

    def write(self, text: str) -> int:
        try:
            return self._stream.write(text)
        except BrokenPipeError:
            self.discard()
            return len(text)

    def flush(self) -> None:
        try:
            self._stream.flush()
        except BrokenPipeError:
            self.discard()

    def discard(self) -> None:
        """From now on (and for what is still buffered) write into the null device."""
        self.reader_gone = True
        with contextlib.suppress(OSError, ValueError):  # a stream without a file descriptor (a test's capture)
            null = os.open(os.devnull, os.O_WRONLY)
            os.dup2(null, self._stream.fileno())
            os.close(null)

    def __getattr__(self, name: str) -> object:
        return getattr(self._stream, name)


@contextlib.contextmanager
def guarded_stdout() -> Iterator[GuardedStdout]:
    """Guard sys.stdout for a command; restore it afterwards."""
    original = sys.stdout
    guard = GuardedStdout(original)
    sys.stdout = guard
    try:
        yield guard
    except BrokenPipeError:  # written past the guard (e.g. to sys.__stdout__)
        guard.discard()
    finally:
        guard.flush()
        sys.stdout = original


def exit_code(guard: GuardedStdout, code: int) -> int:
    """A command whose output was cut exits 141 (128 + SIGPIPE, as a shell reports a Unix tool stopped by a
    closed pipe), never 0: a gate with `set -o pipefail` must not read a cut-off run as a pass."""
    return exit_codes.CLOSED_PIPE if guard.reader_gone else code
