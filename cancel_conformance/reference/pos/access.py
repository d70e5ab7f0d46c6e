"""Who may touch what: a resource belongs to the integrator that made it and the merchant it acted for."""

from __future__ import annotations

from cancel_conformance.reference.errors import Forbidden
from cancel_conformance.reference.pos.model import Caller


def require_owner(caller: Caller, integrator: str, merchant_vat: str, *, other_integrator: str,
                  other_merchant: str, what: str) -> None:
    """403 with `other_integrator` for another integrator's resource, `other_merchant` for another merchant's."""
    if caller.integrator is None:
        return  # only a fault admits a request without a token; it then ignores ownership too
    if caller.integrator != integrator:
        raise Forbidden(other_integrator, f"The {what} was created by a different integrator")
    if caller.merchant_vat != merchant_vat:
        raise Forbidden(other_merchant, f"The {what} was created on behalf of a different merchant")
