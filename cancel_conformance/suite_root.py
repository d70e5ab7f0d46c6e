"""Where the suite's features, steps and contracts live."""

from __future__ import annotations

import os
from pathlib import Path

from cancel_conformance.target import ConfigError

ENV = "CANCEL_CONFORMANCE_SUITE_DIR"
SUITE_PARTS = ("features", "steps", "contracts", "conftest.py")
PARTS = "features/, steps/, contracts/, conftest.py"
CHECKOUT = Path(__file__).resolve().parent.parent
# An installed wheel carries the checkout's top-level suite here (pyproject.toml: force-include).
PACKAGED = Path(__file__).resolve().parent / "suite"


def is_suite_root(path: Path) -> bool:
    return all((path / part).exists() for part in SUITE_PARTS)


def find_suite_root(explicit: Path | None = None) -> Path:
    """The given directory or $CANCEL_CONFORMANCE_SUITE_DIR (which must be a suite), else the checkout this
    package is in, else the copy packaged with it (an installed tool), else the cwd."""
    named = explicit or (Path(os.environ[ENV]) if os.environ.get(ENV) else None)
    if named is not None:
        if not is_suite_root(named):
            where = "--suite-dir" if explicit else f"${ENV}"
            raise ConfigError(f"{where}: {named} is not a suite (it needs {PARTS})")
        return named.resolve()
    for candidate in (CHECKOUT, PACKAGED, Path.cwd()):
        if is_suite_root(candidate):
            return candidate.resolve()
    raise ConfigError(f"cannot find the suite ({PARTS}): reinstall cancel-conformance, or name a checkout of it "
                      f"with --suite-dir or ${ENV}")
