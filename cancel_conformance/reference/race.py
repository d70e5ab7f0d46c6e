"""The pause the unlocked faults put between a check and its act, and what they still re-check (SAFE_*)."""

from __future__ import annotations

import time
from collections.abc import Callable, Collection
from typing import Any

UNLOCKED_FAULTS = ("unlocked-cancel-capture", "unlocked-duplicate-cancel")
# Long enough that two requests sent through a barrier both pass the check before either acts.
UNLOCKED_PAUSE_S = 0.02


def pause() -> None:
    """Wait between an unlocked check and its act (only the `unlocked-*` faults call this)."""
    time.sleep(UNLOCKED_PAUSE_S)


Watch = Callable[[Any], object]


def unlocked_watch(faults: Collection[str], kind: str, cancelled: Callable[[Any], bool]) -> Watch | None:
    """Under an unlocked fault, what a `kind` action ("cancel", "capture") still re-checks after its pause.

    None: no pause at all. `cancelled` says whether a payment is cancelled; a payment's `captured` is
    what it has captured.
    """
    if "unlocked-cancel-capture" in faults:
        # SAFE_01 broken only: a cancel still sees another cancel, a capture another capture.
        watches: dict[str, Watch] = {
            "cancel": cancelled,
            "capture": lambda payment: payment.captured,
        }
        return watches.get(kind)
    if "unlocked-duplicate-cancel" in faults and kind == "cancel":
        return lambda payment: payment.captured  # SAFE_02 broken only: a capture still refuses it
    return None
