"""The request bodies of PoS v10 (spec 10.2.6) as data: each field, its kind and its 400 code.

api-facts 1.8 names field codes for amount (1102), orderId (1113), merchantPaymentLabel (1117) and
refundOrderId (1114); every other problem with a body is 1099 ("unknown BadRequest").
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

CURRENCIES = ("DKK", "EUR")
CAPTURE_DELAYS = ("None", "LessThan24Hours", "LessThan14Days")
BEACON_TYPES = ("QR", "NFC", "Bluetooth")


@dataclass(frozen=True)
class FieldRule:
    """One body field: kind is uuid, text, choice, flag, amount, beacon-types or restrictions."""

    kind: str
    code: str = "1099"
    required: bool = False
    nullable: bool = False
    min_length: int = 0
    max_length: int | None = None
    choices: tuple[str, ...] = ()

    def explain(self) -> str:
        """What a valid value looks like, for the error message."""
        if self.kind == "text":
            upper = f"-{self.max_length}" if self.max_length is not None else " or more"
            return f"a string of {self.min_length}{upper} characters"
        if self.kind in ("choice", "beacon-types"):
            return f"one of {', '.join(self.choices)}"
        return _KIND_WORDS[self.kind]


_KIND_WORDS = {
    "uuid": "a UUID",
    "flag": "true or false",
    "amount": "a number greater than 0 with at most 2 decimals",
    "restrictions": "an object with debitCardDisallowed and creditCardDisallowed (true, false or null)",
}

Schema = Mapping[str, FieldRule]

ORDER_ID = FieldRule("text", "1113", required=True, min_length=1, max_length=36)
AMOUNT = FieldRule("amount", "1102", required=True)
CURRENCY = FieldRule("choice", required=True, choices=CURRENCIES)
CAPTURE_DELAY = FieldRule("choice", required=True, choices=CAPTURE_DELAYS)
RESTRICTIONS = FieldRule("restrictions", nullable=True)
PAYMENT_LABEL = FieldRule("text", "1117", nullable=True, max_length=36)

INITIATE_PAYMENT: Schema = {
    "posId": FieldRule("uuid", required=True),
    "orderId": ORDER_ID,
    "amount": AMOUNT,
    "currencyCode": CURRENCY,
    "restrictions": RESTRICTIONS,
    "merchantPaymentLabel": PAYMENT_LABEL,
    "plannedCaptureDelay": CAPTURE_DELAY,
}

PREPARE_PAYMENT: Schema = {"posId": FieldRule("uuid", required=True), "orderId": ORDER_ID}

PAYMENT_READY: Schema = {
    "amount": AMOUNT,
    "currencyCode": CURRENCY,
    "restrictions": RESTRICTIONS,
    "merchantPaymentLabel": PAYMENT_LABEL,
    "plannedCaptureDelay": CAPTURE_DELAY,
}

CAPTURE_PAYMENT: Schema = {"amount": AMOUNT}

CREATE_REFUND: Schema = {
    "paymentId": FieldRule("uuid", required=True),
    "refundOrderId": FieldRule("text", "1114", required=True, min_length=1, max_length=36),
    "amount": AMOUNT,
    "currencyCode": CURRENCY,
}

CREATE_POS: Schema = {
    "merchantPosId": FieldRule("text", required=True),
    "storeId": FieldRule("uuid", required=True),
    "name": FieldRule("text", required=True),
    "beaconId": FieldRule("text", nullable=True),
    "callbackAlias": FieldRule("text", nullable=True),
    "supportedBeaconTypes": FieldRule("beacon-types", required=True, choices=BEACON_TYPES),
    "requirePaymentBeforeCheckin": FieldRule("flag"),
}

# The sandbox's user-simulation bodies (UserCheckInRequest, AcceptPaymentRequest, CancelPaymentByUserRequest).
USER_AT_BEACON: Schema = {
    "beaconId": FieldRule("text", required=True),
    "phoneNumber": FieldRule("text", required=True),
}
BEACON_ONLY: Schema = {"beaconId": FieldRule("text", required=True)}
