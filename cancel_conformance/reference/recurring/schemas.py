"""The Recurring v3 request bodies (api-facts §4, R1 v3 schemas) as data, in the eCom checker's terms.

Unknown fields are ignored: the published schemas do not forbid additional properties.
"""

from __future__ import annotations

from cancel_conformance.reference.ecom.schemas import Spec, text

# The amounts are `format: int32` in the spec; minor units, at least 100 (api-facts §4.2).
INT32_MAX = 2**31 - 1
FLAG = Spec("boolean")
UNITS = ("YEAR", "MONTH", "WEEK", "DAY")


def amount(*, required: bool = True, maximum: int = INT32_MAX) -> Spec:
    return Spec("integer", required=required, minimum=100, maximum=maximum)


def period(*, required: bool = True) -> Spec:
    """TimePeriod: a unit and a count of 1 to 31."""
    return Spec("object", required=required, fields={"unit": Spec("string", required=True, choices=UNITS),
                                                     "count": Spec("integer", required=True, minimum=1, maximum=31)})


def agreement_url(*, required: bool) -> Spec:
    """merchantAgreementUrl: "Only HTTPS scheme is allowed"; at most 1024 characters."""
    return Spec("string", required=required, pattern=r"https://.+", max_length=1024)


# ExternalId: pattern "^.{1,64}$" (spec 2.6.17): one to 64 characters, none of them a line break.
EXTERNAL_ID = Spec("string", min_length=1, max_length=64, pattern=r".{1,64}")
PRODUCT_NAME = text(45, min_length=1)
PRODUCT_DESCRIPTION = text(100)

PRICING = Spec("object", required=True, fields={
    "type": Spec("string", choices=("LEGACY", "VARIABLE")),
    "currency": Spec("string", required=True, choices=("NOK",)),
    "amount": amount(required=False),
    "suggestedMaxAmount": amount(required=False, maximum=2_000_000),
})


# DraftAgreementV3; `campaign` and `initialCharge` are objects (the reference refuses both).
DRAFT = Spec("object", fields={
    "campaign": Spec("object"),
    "pricing": PRICING,
    "phoneNumber": text(15),
    "initialCharge": Spec("object"),
    "interval": period(),
    "isApp": FLAG,
    "merchantAgreementUrl": agreement_url(required=True),
    "merchantRedirectUrl": text(1024, required=True),
    "productName": text(45, required=True, min_length=1),
    "productDescription": PRODUCT_DESCRIPTION,
    "scope": Spec("string"),
    "skipLandingPage": FLAG,
    "externalId": EXTERNAL_ID,
    "countryCode": Spec("string", choices=("NO",)),
})

# PatchAgreementV3: every field optional; `status` can only be STOPPED.
PATCH = Spec("object", fields={
    "productName": PRODUCT_NAME,
    "productDescription": PRODUCT_DESCRIPTION,
    "merchantAgreementUrl": agreement_url(required=False),
    "externalId": EXTERNAL_ID,
    "status": Spec("string", choices=("STOPPED",)),
    "pricing": Spec("object", fields={"amount": amount(required=False),
                                      "suggestedMaxAmount": amount(required=False, maximum=2_000_000)}),
    "interval": Spec("object", fields={"type": Spec("string", choices=("RECURRING",)), "period": period()}),
})

# ForceAcceptAgreementV3: the customer's phone number (MSISDN: at most 15 digits).
FORCE_ACCEPT = Spec("object", fields={"phoneNumber": Spec("string", required=True, pattern=r"[0-9]{8,15}")})

# CreateChargeV3 (api-facts §4.2): amount >= 100, description <= 45, due YYYY-MM-DD, retryDays 0-14.
CREATE_CHARGE = Spec("object", fields={
    "amount": amount(),
    "transactionType": Spec("string", required=True, choices=("DIRECT_CAPTURE", "RESERVE_CAPTURE")),
    "description": text(45, required=True, min_length=1),
    "due": Spec("string", required=True, pattern=r"[0-9]{4}-[0-9]{2}-[0-9]{2}"),
    "retryDays": Spec("integer", required=True, minimum=0, maximum=14),
    "orderId": Spec("string", pattern=r"[a-zA-Z0-9-]{1,50}"),
    "externalId": EXTERNAL_ID,
})

# CaptureRequestV3 and RefundRequest: both fields required; the description is not empty.
CAPTURE = Spec("object", fields={"amount": amount(), "description": Spec("string", required=True, min_length=1)})
REFUND = CAPTURE
