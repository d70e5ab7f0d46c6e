"""What a client call returns: the status, the parsed body and the recorded exchange."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from cancel_conformance.exchange import Exchange
from cancel_conformance.http import HttpResponse
from cancel_conformance.outcomes import TargetError


@dataclass(frozen=True)
class ApiResult:
    """One answered request, as the suite judges it."""

    status: int
    body: Any
    exchange: Exchange

    @classmethod
    def of(cls, response: HttpResponse) -> ApiResult:
        return cls(response.status, response.json_or_none(), response.exchange)

    @property
    def ok(self) -> bool:
        return 200 <= self.status < 300

    @property
    def error_code(self) -> str | None:
        """The error code of an error body (`code`, or `errorCode` in eCom bodies), if any."""
        body = self.body
        if isinstance(body, list) and body and isinstance(body[0], dict):
            body = body[0]
        if not isinstance(body, dict):
            return None
        code = body.get("code", body.get("errorCode"))
        return None if code is None else str(code)

    def field(self, name: str, kind: type | tuple[type, ...] = object) -> Any:
        """A field the contract requires, of the given type; a TargetError naming it when the target left it out."""
        body = self._object(name)
        if name not in body:
            raise self.missing(name)
        return self._typed(name, body[name], kind)

    def missing(self, name: str) -> TargetError:
        """What an answer without a field the contract requires is: an error naming the field (the rule is unjudged)."""
        return TargetError(f"{self._where()} without the field `{name}` in its JSON body, which the contract requires")

    def optional_field(self, name: str, kind: type | tuple[type, ...], absent: Any) -> Any:
        """A field the contract leaves optional: `absent` (its documented meaning) when the target left it out."""
        body = self._object(name)
        return self._typed(name, body[name], kind) if name in body and body[name] is not None else absent

    def _object(self, name: str) -> dict:
        if not isinstance(self.body, dict):
            unreadable = self.body is None and self.exchange.response_body
            shape = "a body that is not readable JSON" if unreadable else "no JSON object"
            raise TargetError(f"{self._where()} with {shape} where the field `{name}` was due")
        return self.body

    def _typed(self, name: str, value: Any, kind: type | tuple[type, ...]) -> Any:
        if not isinstance(value, kind):
            raise TargetError(f"{self._where()} with `{name}` of the wrong type: {json.dumps(value)[:60]}")
        return value

    def _where(self) -> str:
        return f"{self.exchange.method} {self.exchange.url} answered {self.status}"

    def require_success(self, what: str) -> ApiResult:
        """Fail loudly when a request the scenario depends on did not succeed."""
        if self.status >= 500:
            raise TargetError(f"{what}: {self.exchange.summary()}")
        return self
