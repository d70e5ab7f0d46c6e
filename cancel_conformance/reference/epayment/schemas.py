"""The ePayment v1 request bodies (spec 1.4.1, api-facts §3) as data: each field, its kind and its limits.

They say what `contracts/epayment.v1.yaml` says, so that whatever the contract calls invalid is
refused (CON_EPAY_03). Unknown fields are ignored: the published schemas do not forbid them.
"""

from __future__ import annotations

from cancel_conformance.reference.ecom import schemas as ecom_schemas
from cancel_conformance.reference.json_spec import Spec

CURRENCIES = ("NOK", "DKK", "EUR")
USER_FLOWS = ("PUSH_MESSAGE", "NATIVE_REDIRECT", "WEB_REDIRECT", "QR")
# Reference: "^[a-zA-Z0-9-]{8,50}$" (spec 1.4.1; later docs allow 64).
REFERENCE_FORMAT = r"[a-zA-Z0-9-]{8,50}"
# Metadata: "Key length is limited to 100 characters, and value length is limited to 500 characters" (spec 1.4.1).
METADATA_KEY_MAX = 100


def text(*, required: bool = False, nullable: bool = False, min_length: int | None = None,
         max_length: int | None = None, pattern: str | None = None, choices: tuple[str, ...] = ()) -> Spec:
    return Spec("string", required=required, nullable=nullable, min_length=min_length, max_length=max_length,
                pattern=pattern, choices=choices)


# `format: int64`: an integer outside a signed 64-bit range is invalid (schemathesis sends such values).
INT64_MIN, INT64_MAX = -(2**63), 2**63 - 1


def integer(*, required: bool = False, nullable: bool = False, minimum: float | None = None,
            maximum: float | None = None) -> Spec:
    """An integer; every one of the ePayment and Order Management bodies fits `format: int64` or a narrower range."""
    return Spec("integer", required=required, nullable=nullable,
                minimum=INT64_MIN if minimum is None else minimum, maximum=INT64_MAX if maximum is None else maximum)


def flag(*, nullable: bool = False) -> Spec:
    return Spec("boolean", nullable=nullable)


# Amount: {currency: NOK|DKK|EUR, value: int64 minor units 0..65000000}, both required.
AMOUNT = Spec("object", required=True, fields={
    "currency": text(required=True, choices=CURRENCIES),
    "value": integer(required=True, minimum=0, maximum=65_000_000),
})

# Customer: "exactly one of" a phone number (MSISDN, 10-15 digits), a personal QR code and a customer token.
CUSTOMER = Spec("object", one_of=(
    Spec("object", fields={"phoneNumber": text(required=True, pattern=r"[0-9]{10,15}", min_length=10,
                                               max_length=15)}),
    Spec("object", fields={"personalQr": text(required=True, min_length=5, max_length=255)}),
    Spec("object", fields={"customerToken": text(required=True)}),
))

AIRLINE_DATA = Spec("object", fields={
    "agencyInvoiceNumber": text(required=True, min_length=1, max_length=6),
    "airlineCode": text(required=True, min_length=3, max_length=3),
    "airlineDesignatorCode": text(required=True, min_length=2, max_length=2),
    "passengerName": text(required=True, min_length=1, max_length=49),
    "ticketNumber": text(min_length=1, max_length=150),
})

MONEY = integer(nullable=True, minimum=0)
# The Order Management API's Receipt, which createPayment takes as `receipt` (its 2.3.24 spec).
UNIT_INFO = Spec("object", fields={
    "unitPrice": integer(required=True, nullable=True, minimum=0),
    "quantity": text(required=True, max_length=10, pattern=r"[0-9]+([.][0-9]{1,8})?"),
    "quantityUnit": text(choices=("PCS", "KG", "KM", "MINUTE", "LITRE", "KWH")),
})
ORDER_LINE = Spec("object", fields={
    "name": text(required=True),
    "id": text(required=True),
    "totalAmount": integer(required=True),
    "totalAmountExcludingTax": integer(required=True),
    "totalTaxAmount": integer(required=True),
    "taxPercentage": integer(required=True, minimum=0, maximum=100),
    "unitInfo": UNIT_INFO,
    "discount": MONEY,
    "productUrl": text(nullable=True),
    "isReturn": flag(nullable=True),
    "isShipping": flag(nullable=True),
})
SHIPPING_INFO = Spec("object", fields={
    "amount": integer(required=True, nullable=True, minimum=0),
    "amountExcludingTax": integer(required=True, nullable=True, minimum=0),
    "taxAmount": integer(required=True, nullable=True, minimum=0),
    "taxPercentage": integer(required=True, nullable=True, minimum=0, maximum=100),
})
BOTTOM_LINE = Spec("object", required=True, fields={
    "currency": text(required=True, choices=CURRENCIES),
    "tipAmount": MONEY,
    "giftCardAmount": MONEY,
    "posId": text(nullable=True),
    "totalAmount": integer(nullable=True),
    "totalTax": MONEY,
    "totalDiscount": MONEY,
    "shippingAmount": MONEY,
    "shippingInfo": SHIPPING_INFO,
    "paymentSources": Spec("object", fields={name: integer(nullable=True)
                                             for name in ("giftCard", "card", "voucher", "cash")}),
    "barcode": Spec("object", fields={"format": text(required=True, choices=("EAN-13", "CODE 39", "CODE 128")),
                                      "data": text(required=True, nullable=True)}),
    "receiptNumber": text(nullable=True),
    "terminalId": text(nullable=True),
})
RECEIPT = Spec("object", fields={
    "orderLines": Spec("array", required=True, items=ORDER_LINE, min_items=1),
    "bottomLine": BOTTOM_LINE,
})

# expiresAt: RFC 3339 (spec 1.4.1's pattern, digits as [0-9]).
EXPIRES_AT = (r"[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt][0-9]{2}:[0-9]{2}:[0-9]{2}([.][0-9]+)?"
              r"([Zz]|[+-](2[0-3]|[01][0-9]):[0-5][0-9])")

CREATE_FIELDS = {
    "amount": AMOUNT,
    "customer": CUSTOMER,
    "customerInteraction": text(choices=("CUSTOMER_PRESENT", "CUSTOMER_NOT_PRESENT")),
    "industryData": Spec("object", fields={"airlineData": AIRLINE_DATA}),
    "paymentMethod": Spec("object", required=True, fields={"type": text(required=True, choices=("WALLET", "CARD"))}),
    "profile": Spec("object", fields={"scope": text()}),
    "reference": text(required=True, pattern=REFERENCE_FORMAT),
    "returnUrl": text(),
    "userFlow": text(required=True, choices=USER_FLOWS),
    "expiresAt": text(nullable=True, pattern=EXPIRES_AT),
    "qrFormat": Spec("object", nullable=True, fields={
        "format": text(required=True, choices=("TEXT/TARGETURL", "IMAGE/SVG+XML", "IMAGE/PNG")),
        "size": integer(nullable=True, minimum=100, maximum=2000),
    }),
    "paymentDescription": text(min_length=3, max_length=100),
    "receipt": RECEIPT,
    "metadata": Spec("object", nullable=True, values=text(max_length=500), max_properties=5),
    "receiptUrl": text(nullable=True),
}
CREATE = Spec("object", fields=CREATE_FIELDS)
# The `epayment-create-checks-only-what-it-uses` fault's view of create: the fields the payment is made of
# and its flow needs, nothing else checked (or kept).
CORE_FIELDS = ("amount", "paymentMethod", "reference", "userFlow", "returnUrl", "customer")
CREATE_CORE_ONLY = Spec("object", fields={name: CREATE_FIELDS[name] for name in CORE_FIELDS})

# CaptureModificationRequest and RefundModificationRequest: {modificationAmount: Amount}, required.
MODIFICATION = Spec("object", fields={"modificationAmount": AMOUNT})

# CancelModificationRequest (EP3): {cancelTransactionOnly?: boolean}; a body, when sent, is an object.
CANCEL = Spec("object", fields={"cancelTransactionOnly": flag()})

# ForceApprove: {customer?: Customer, token?: string}.
APPROVE = Spec("object", fields={"customer": CUSTOMER, "token": text()})

# SIMULATION.md §2: epayment.age takes the body of ecom.age, {"days": n, "hours": h}.
AGE = ecom_schemas.AGE
