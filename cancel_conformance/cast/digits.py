"""Digits for the numbers the cast makes up (beacon ids, phone numbers), drawn from the system's entropy.

Hypothesis seeds the global `random` while it generates, and schemathesis's workers, several threads
at once, can leave it seeded: then every process of a run would draw the same "random" numbers.
"""

from __future__ import annotations

import random

_UNSEEDED = random.SystemRandom()


def digits(count: int) -> str:
    """`count` random decimal digits."""
    return "".join(_UNSEEDED.choices("0123456789", k=count))
