"""The last check of a run: no configured secret value in anything the run wrote."""

from __future__ import annotations

import html
import json
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from cancel_conformance.bundle import MANIFEST
from cancel_conformance.exchange import REDACTED


def files_written_since(folder: Path, started: float) -> list[Path]:
    """Every file below `folder` that this run created or changed."""
    if not folder.exists():
        return []
    return sorted(path for path in folder.rglob("*") if path.is_file() and path.stat().st_mtime >= started)


@dataclass(frozen=True)
class Leak:
    """A file holding configured secret values: how many, never which."""

    path: Path
    hits: int

    def __str__(self) -> str:
        return f"{self.path} holds {self.hits} configured secret value{'s' if self.hits > 1 else ''}"


def written_forms(secret: str) -> set[bytes]:
    """A secret as the outputs may hold it: as is, escaped in JSON (once or twice, as a JSON text inside
    a JSON string), escaped in HTML (either way quotes are written), percent-encoded."""
    forms = {secret}
    for _ in range(2):
        forms |= {json.dumps(form, ensure_ascii=ascii)[1:-1] for form in forms for ascii in (True, False)}
    forms |= {html_form for form in set(forms) for html_form in _html_forms(form)}
    forms.add(quote(secret, safe=""))
    return {form.encode() for form in forms if form}


def _html_forms(text: str) -> set[str]:
    escaped = html.escape(text, quote=False)
    return {escaped, html.escape(text), escaped.replace('"', "&#34;").replace("'", "&#39;")}


def leaks(files: Iterable[Path], secrets: Iterable[str]) -> list[Leak]:
    """The files holding a secret value, in any of its written forms."""
    needles = [written_forms(secret) for secret in secrets if secret]
    found = []
    for path in files:
        content = path.read_bytes()
        hits = sum(any(form in content for form in forms) for forms in needles)
        if hits:
            found.append(Leak(path, hits))
    return found


def fail_closed(leaking: Iterable[Path], written: Iterable[Path], secrets: Iterable[str]) -> list[str]:
    """After a leak: no secret stays on disk, and no bundle of this run stays sealed.

    Each leaking file gets every secret value replaced by the redaction mark; every bundle written
    by this run loses its manifest, so `verify` refuses it instead of calling a leaky run intact.
    What was done, as lines to print.
    """
    needles = sorted({form for secret in secrets if secret for form in written_forms(secret)}, key=len, reverse=True)
    done = []
    for path in leaking:
        content = path.read_bytes()
        for needle in needles:
            content = content.replace(needle, REDACTED.encode())
        path.write_bytes(content)
        done.append(f"{path}: the secret values were overwritten with {REDACTED}")
    for manifest in (path for path in written if path.name == MANIFEST and path.exists()):
        manifest.unlink()
        done.append(f"{manifest.parent}: unsealed (its manifest removed), as this run leaked a secret")
    return done


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
