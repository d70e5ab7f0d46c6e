"""The certification bundle: one folder per run with every output and a manifest of their hashes.

`manifest.json` names the suite version, the target (never a secret), the verdict, the sha256 of
every contract and feature file the run used and of every file in the folder, and its own
sha256, computed with that value set to 64 zeros. `verify` recomputes all of them offline, so a
change of any byte of any file, an added file and a removed one are each named.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path

MANIFEST = "manifest.json"
MANIFEST_SCHEMA = "cancel-conformance/manifest/1"
SELF_KEY = "manifest_sha256"
PLACEHOLDER = "0" * 64


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def bundle_name(started: str, verdict: str) -> str:
    """`20261122T113700Z-conformant`: when the run started (UTC) and what it found
    (`...-incomplete-run-interrupted` for a run stopped by a signal)."""
    return f"{started}-{re.sub(r'[^a-z0-9]+', '-', verdict.lower()).strip('-')}"


def write_bundle(folder: Path, files: dict[str, bytes], manifest: dict) -> Path:
    """Write the outputs and a sealed manifest into a new folder; never into an existing one."""
    folder = _fresh(folder)
    for name, content in files.items():
        (folder / name).write_bytes(content)
    entries = {name: {"sha256": sha256(content), "bytes": len(content)} for name, content in sorted(files.items())}
    (folder / MANIFEST).write_bytes(seal({"schema": MANIFEST_SCHEMA, **manifest, "files": entries}))
    return folder


def _fresh(folder: Path) -> Path:
    candidate, number = folder, 1
    while candidate.exists():
        number += 1
        candidate = folder.with_name(f"{folder.name}-{number}")
    candidate.mkdir(parents=True)
    return candidate


def seal(manifest: dict) -> bytes:
    """The manifest's bytes with its own sha256 (taken over the same bytes with 64 zeros in its place)."""
    text = json.dumps({**manifest, SELF_KEY: PLACEHOLDER}, indent=2, ensure_ascii=False) + "\n"
    data = text.encode("utf-8")
    return data.replace(_self_field(PLACEHOLDER), _self_field(sha256(data)))


def _self_field(value: str) -> bytes:
    return f'"{SELF_KEY}": "{value}"'.encode()


def manifest_intact(data: bytes) -> bool:
    """Whether manifest.json is byte for byte what `seal` wrote."""
    found = re.findall(rb'"' + SELF_KEY.encode() + rb'": "([0-9a-f]{64})"', data)
    if len(found) != 1:
        return False
    claimed = found[0].decode()
    return sha256(data.replace(_self_field(claimed), _self_field(PLACEHOLDER))) == claimed


@dataclass(frozen=True)
class Verification:
    """What `verify` found: the manifest (when readable) and every difference, one line each."""

    manifest: dict
    problems: list[str]

    @property
    def intact(self) -> bool:
        return not self.problems


def verify_bundle(folder: Path) -> Verification:
    """Check every file of a bundle against its manifest, offline."""
    path = folder / MANIFEST
    if not path.is_file():
        return Verification({}, [f"{MANIFEST}: removed (or {folder} is not a bundle)"])
    data = path.read_bytes()
    problems = [] if manifest_intact(data) else [f"{MANIFEST}: changed (its own sha256 does not match)"]
    try:
        manifest = json.loads(data)
        listed = {name: entry["sha256"] for name, entry in manifest["files"].items()}
    except (ValueError, KeyError, TypeError, AttributeError):
        return Verification({}, [*problems, f"{MANIFEST}: unreadable, so no other file can be checked"])
    entries = sorted(folder.rglob("*"))
    present = {p.relative_to(folder).as_posix(): p for p in entries if p.is_file() and not p.is_symlink()}
    present.pop(MANIFEST, None)
    problems += _foreign_entries(folder, entries, listed)
    problems += [f"{name}: changed" for name, digest in listed.items()
                 if name in present and sha256(present[name].read_bytes()) != digest]
    problems += [f"{name}: removed" for name in listed if name not in present]
    problems += [f"{name}: added" for name in present if name not in listed]
    return Verification(manifest, problems)


def _foreign_entries(folder: Path, entries: list[Path], listed: dict[str, str]) -> list[str]:
    """A bundle holds plain files only: a link (even to an identical copy) or an empty folder is foreign."""
    problems = []
    for entry in entries:
        name = entry.relative_to(folder).as_posix()
        if entry.is_symlink():
            problems.append(f"{name}: replaced by a symbolic link" if name in listed else f"{name}: added (a link)")
        elif entry.is_dir() and not any(entry.iterdir()):
            problems.append(f"{name}/: added (a folder)")
    return problems


def verification_lines(folder: Path, verification: Verification) -> list[str]:
    """What `cancel-conformance verify` prints: what the bundle claims, then every difference."""
    manifest = verification.manifest
    lines = []
    if manifest:
        suite = manifest.get("suite") or {}
        lines.append(f"{folder}: cancel-conformance {suite.get('version', '?')}, target "
                     f"{(manifest.get('target') or {}).get('name', '?')}, verdict {manifest.get('verdict', '?')}, "
                     f"{len(manifest.get('files') or {})} files")
    if verification.intact:
        lines.append(f"intact: every file matches {MANIFEST}")
    else:
        lines += [f"  {problem}" for problem in verification.problems]
        lines.append(f"NOT intact: {len(verification.problems)} difference(s) from {MANIFEST}")
    return lines
