"""Keys for what the plugin keeps on the pytest config and on each test item."""

from __future__ import annotations

import pytest

from cancel_conformance.exchange import Recorder, Redactor
from cancel_conformance.options import SuiteOptions

OPTIONS = pytest.StashKey[SuiteOptions]()
# The run's redactor (configured secrets, tokens as issued): every text a report shows passes through it.
REDACTOR = pytest.StashKey[Redactor]()
RECORDER = pytest.StashKey[Recorder]()
# Fuzzing findings of a contract check (each a dict with the check, the operation, a reproduction).
FINDINGS = pytest.StashKey[list[dict]]()
# What a scenario created but could not bring to a final state (issue: a sandbox is not littered).
LEFT_BEHIND = pytest.StashKey[list[str]]()
# What a lifecycle exploration (MOD_*) did: its moves, what it could not reach, where it diverged.
MODEL = pytest.StashKey[dict]()
# What the run's preflight found (`preflight.py`), for the reports; a pytest-xdist worker hands it on.
PREFLIGHT = pytest.StashKey[list]()
