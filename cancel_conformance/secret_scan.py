"""The last check of a run: no configured secret value in anything the run wrote."""

from __future__ import annotations

import time
from collections.abc import Iterable
from pathlib import Path


def files_written_since(folder: Path, started: float) -> list[Path]:
    """Every file below `folder` that this run created or changed."""
    if not folder.exists():
        return []
    return sorted(path for path in folder.rglob("*") if path.is_file() and path.stat().st_mtime >= started)


def leaks(files: Iterable[Path], secrets: Iterable[str]) -> list[str]:
    """The files holding a secret value, each named with how many secrets it holds (never which)."""
    needles = [secret.encode() for secret in secrets if secret]
    found = []
    for path in files:
        content = path.read_bytes()
        hits = sum(needle in content for needle in needles)
        if hits:
            found.append(f"{path} holds {hits} configured secret value{'s' if hits > 1 else ''}")
    return found


def configured_secrets(target_file: Path | None) -> set[str]:
    """The secret values a run was given: the target file's, or the embedded reference's demo ones."""
    if target_file:
        from cancel_conformance.target import load_target_file

        return load_target_file(target_file).secrets()
    from cancel_conformance.embedded import demo_secrets

    return demo_secrets()


def now() -> float:
    """A start time that compares with file modification times (which may be coarse)."""
    return time.time() - 1.0
