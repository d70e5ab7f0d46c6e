"""The APIs the suite checks, one package each: the engine reads this registry and names no API.

An API package `cancel_conformance/apis/<package>/` declares `API = Api(...)` in its `__init__.py`
(data only: importing it costs nothing) and holds, by convention, the modules the engine asks for
through `Api.module`:

- `target.py`: `read_section(section, environ, where, sections)`, the API's target from its
  `[api."<name>"]` section of a target file (`sections`: every API's, for a section that refers to
  another), `embedded(url)`, the embedded reference's, and `embedded_secrets()`, its demo secrets;
  a target has `base_url`, `token_url`, `hooks_url`, `capabilities` and `secrets()`;
- `runtime.py`: `start(target, http)`, what a run shares for the API (tokens, capabilities), and
  `token_clients(target, http)`, each client the target names (by its section: `integrator`, `merchant`...)
  with a token provider of its own, which the preflight (`check`, and the start of every run) asks once;
- `capabilities.py`: `NEEDS`, rule ID -> the sandbox capabilities its scenarios on this API need (a rule not
  listed needs none); the preflight names the rules a sandbox lacking one will leave not verified, and a
  project test holds it to what the scenarios ask for against the reference;
- `fixtures.py`: the API's pytest fixtures (its cast), registered as a plugin;
- `fuzzing.py`: `settings(config, runtime, recorder)`, its contract-fuzzing campaign, and
  `tidy(runtime, recorder, exchanges)`, the clean-up of what the campaign created;
- `model.py`: `LIFECYCLE`, its documented lifecycle as data, and `explorable(runtime, recorder,
  cleanup)`, how its exploration drives and reads it (MOD_*).

Adding an API is adding such a package (and its features, steps and contract).
"""

from __future__ import annotations

import importlib
import pkgutil
from dataclasses import dataclass
from functools import cache
from types import ModuleType

from cancel_conformance.rules import catalogue


@dataclass(frozen=True)
class TokenStyle:
    """How one API hands out tokens, as a reproduction's shell commands fetch them."""

    token_path: str
    clients: tuple[tuple[str, str, str], ...]  # (target file section, actor role, token variable)
    credentials: tuple[str, ...]  # each named in the section as `<credential>_env`
    embedded_prefix: str  # variable names for the embedded reference's demo clients
    form: bool  # OAuth2 client credentials (HTTP Basic + form fields); else the credentials as headers


@dataclass(frozen=True)
class Api:
    """One API the suite checks: its name, where its pieces are, and what the engine needs to know of it."""

    name: str  # as the target file, the catalogue and `--api` write it: "pos.v10"
    title: str  # "MobilePay PoS v10"
    tag: str  # the tag of its features, a pytest marker: "pos"
    contract: str  # its contract in contracts/
    operations: str  # the path prefix of its operations: "/pos/v10/"
    tokens: TokenStyle
    vendor_capabilities: frozenset[str]  # its hooks a vendor's own sandbox has (SIMULATION.md §1)
    package: str = ""  # filled in by the registry

    def module(self, name: str) -> ModuleType:
        """One of the package's modules (target, runtime, fixtures, fuzzing), imported on first use."""
        return importlib.import_module(f"{self.package}.{name}")


@cache
def registry() -> dict[str, Api]:
    """Every API package's declaration, by name, in the catalogue's order."""
    found: dict[str, Api] = {}
    for info in pkgutil.iter_modules(__path__, f"{__name__}."):
        declared = getattr(importlib.import_module(info.name), "API", None) if info.ispkg else None
        if isinstance(declared, Api):
            found[declared.name] = Api(**{**declared.__dict__, "package": info.name})
    order = {name: index for index, name in enumerate(catalogue().apis)}
    return dict(sorted(found.items(), key=lambda item: order.get(item[0], len(order))))


def names() -> tuple[str, ...]:
    return tuple(registry())


def api(name: str) -> Api:
    """The API of that name; a KeyError names the known ones."""
    try:
        return registry()[name]
    except KeyError:
        raise KeyError(f"no API {name!r}; known: {', '.join(names())}") from None
