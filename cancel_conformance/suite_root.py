"""Where the suite's features, steps and contracts live."""

from __future__ import annotations

import os
from pathlib import Path

from cancel_conformance.target import ConfigError

ENV = "CANCEL_CONFORMANCE_SUITE_DIR"


def is_suite_root(path: Path) -> bool:
    return all((path / part).exists() for part in ("features", "steps", "contracts", "conftest.py"))


def find_suite_root(explicit: Path | None = None) -> Path:
    """The given directory, $CANCEL_CONFORMANCE_SUITE_DIR, the checkout this package is in, or the cwd."""
    candidates = [explicit, Path(os.environ[ENV]) if os.environ.get(ENV) else None,
                  Path(__file__).resolve().parent.parent, Path.cwd()]
    for candidate in candidates:
        if candidate is not None and is_suite_root(candidate):
            return candidate.resolve()
    raise ConfigError(
        "cannot find the suite (features/, steps/, contracts/, conftest.py): run from a checkout of "
        f"cancel-conformance, or name it with --suite-dir or ${ENV}"
    )
