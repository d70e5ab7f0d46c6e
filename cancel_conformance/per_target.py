"""What holds per target, not per process: the folder where a run's worker processes share what they learn
of the target's hosts (host_health.py) and what its preflight found (preflight_share.py).

It is the run's one folder (interrupts.control_folder): made by the run's main process, handed to each
pytest-xdist worker through its `workerinput`, removed when the run ends, however it ends. A run in one
process needs no folder: its threads share one HostHealth.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from cancel_conformance import interrupts


def shared_folder(config: pytest.Config) -> Path | None:
    """In a worker process, the folder its run shares; None in a run of one process."""
    given = getattr(config, "workerinput", None) or {}
    return Path(given[interrupts.WORKER_INPUT]) if interrupts.WORKER_INPUT in given else None
