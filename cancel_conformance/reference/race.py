"""The pause the unlocked faults put between a check and its act, so a race is caught reliably (SAFE_*)."""

from __future__ import annotations

import time

# Long enough that two requests sent through a barrier both pass the check before either acts.
UNLOCKED_PAUSE_S = 0.02


def pause() -> None:
    """Wait between an unlocked check and its act (only the `unlocked-*` faults call this)."""
    time.sleep(UNLOCKED_PAUSE_S)
