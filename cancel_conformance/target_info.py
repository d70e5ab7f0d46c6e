"""What can be said of a run's target before anything starts: its APIs, and a description without secrets."""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from pathlib import Path

from cancel_conformance.apis import names
from cancel_conformance.exchange import without_userinfo


def target_apis(options) -> frozenset[str]:
    """The APIs a run checks, known before anything is started or any secret is read."""
    if options.target_file:
        try:
            configured = tomllib.loads(Path(options.target_file).read_text(encoding="utf-8")).get("api") or {}
        except (OSError, tomllib.TOMLDecodeError):
            configured = {}  # reported properly when the target is loaded
    else:
        configured = dict.fromkeys(names())
    return frozenset(api for api in configured if not options.apis or api in options.apis)


def describe_target_file(path: Path, environ: Mapping[str, str] | None = None) -> dict:
    """Name and base URLs of a target file, for the report header: never a credential."""
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError):
        return {"name": str(path), "embedded": False, "base_urls": {}}
    apis = data.get("api") or {}
    secrets = _secret_values(data, os.environ if environ is None else environ)
    return {
        "name": _redacted(str(data.get("name") or Path(path).stem), secrets),
        "embedded": False,
        "base_urls": {name: _redacted(without_userinfo(str(section.get("base_url", ""))), secrets)
                      for name, section in apis.items()},
    }


def _secret_values(data: dict, environ: Mapping[str, str]) -> list[str]:
    """The values of every variable the file names for a secret or a key, wherever they are set."""
    names: list[str] = []

    def walk(node: object) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if isinstance(value, str) and key.endswith(("secret_env", "key_env")):
                    names.append(value)
                walk(value)

    walk(data)
    return [environ[name] for name in names if environ.get(name)]


def _redacted(text: str, secrets: list[str]) -> str:
    for secret in sorted(secrets, key=len, reverse=True):
        text = text.replace(secret, "***")
    return text


