"""What holds per target, not per process: the folder where a run's worker processes share what they learn
of the target's hosts (host_health.py), made by the run's main process and removed when it ends.

pytest-xdist starts the workers after the main process is configured; each worker is handed the folder
through its `workerinput`. A run in one process needs no folder: its threads share one HostHealth.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest

WORKER_KEY = "cancel_conformance_shared"
FOLDER = pytest.StashKey[Path]()


class PerTarget:
    """The main process's side: one folder for the run, handed to every worker it starts."""

    def __init__(self, config: pytest.Config) -> None:
        self.config = config

    @pytest.hookimpl(optionalhook=True)
    def pytest_configure_node(self, node) -> None:
        """pytest-xdist: a worker is about to start."""
        if FOLDER not in self.config.stash:
            self.config.stash[FOLDER] = Path(tempfile.mkdtemp(prefix="cancel-conformance-run-"))
        node.workerinput[WORKER_KEY] = str(self.config.stash[FOLDER])

    def pytest_unconfigure(self, config: pytest.Config) -> None:
        folder = config.stash.get(FOLDER, None)
        if folder is not None:
            shutil.rmtree(folder, ignore_errors=True)


def shared_folder(config: pytest.Config) -> Path | None:
    """In a worker process, the folder its run shares; None in a run of one process."""
    given = getattr(config, "workerinput", None) or {}
    return Path(given[WORKER_KEY]) if WORKER_KEY in given else None
