"""Who an ePayment request acts for: the gateway's key and token, and the merchant serial number it must name.

api-facts §3.1: `Authorization: Bearer`, `Ocp-Apim-Subscription-Key` and `Merchant-Serial-Number` are
all required. The key and the token are the Vipps gateway's (`vipps_access.py`, shared with eCom);
a missing or wrong one is answered in the gateway's shape (401). The serial number must be the
token's merchant: another one is refused with 403 (no code documented).
"""

from __future__ import annotations

from starlette.requests import Request

from cancel_conformance.reference.ecom.accounts import DemoMerchant
from cancel_conformance.reference.epayment.errors import WrongMerchant
from cancel_conformance.reference.epayment.validation import check_system_headers, merchant_serial_number
from cancel_conformance.reference.vipps_access import authenticate


def api_caller(request: Request) -> DemoMerchant:
    """Authentication (401), then the headers every call carries: Merchant-Serial-Number (400/403), Vipps-System-*."""
    merchant = authenticate(request)
    msn = merchant_serial_number(request.headers)
    if msn != merchant.merchant_serial_number:
        raise WrongMerchant(msn)
    check_system_headers(request.headers)
    return merchant
