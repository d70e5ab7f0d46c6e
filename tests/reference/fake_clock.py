"""A clock the reference's services read, moved by the tests instead of by sleeping."""

from __future__ import annotations

from datetime import UTC, datetime

START = datetime(2026, 1, 1, tzinfo=UTC)


class FakeClock:
    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> datetime:
        return self.now
