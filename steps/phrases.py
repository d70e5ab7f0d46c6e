"""Phrases more than one API's steps parse alike."""

from __future__ import annotations

# An age as the 180-day rules give it: "179 days", "180 days minus one hour", "180 days plus one hour".
AGE = r"(?P<days>\d+) days?(?: (?P<hour>minus|plus) one hour)?"


def days_and_hours(days: str, hour: str | None) -> tuple[int, int]:
    """"180 days minus one hour" -> (179, 23); "180 days plus one hour" -> (180, 1)."""
    if hour == "minus":
        return int(days) - 1, 23
    return int(days), 1 if hour == "plus" else 0
