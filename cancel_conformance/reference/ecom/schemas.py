"""The eCom v2 request bodies (spec 2.0.3, api-facts §2) as data: each field, its kind and its limits.

Unknown fields are ignored: the published schemas do not forbid additional properties.
"""

from __future__ import annotations

from cancel_conformance.reference.json_spec import Spec


def text(max_length: int, *, required: bool = False, min_length: int | None = None) -> Spec:
    return Spec("string", required=required, max_length=max_length, min_length=min_length)


FLAG = Spec("boolean")
# MerchantInfoPayment.merchantSerialNumber: 5 or 6 digits.
MSN = Spec("string", required=True, pattern=r"[0-9]{5,6}")
MERCHANT_INFO_PAYMENT = Spec("object", required=True, fields={"merchantSerialNumber": MSN})
ORDER_ID = Spec("string", required=True, pattern=r"[a-zA-Z0-9-]{1,50}")
TRANSACTION_TEXT = text(100, required=True)
PHONE = Spec("string", pattern=r"[0-9]{8}")
URL = text(255)
# "amount int minor units >= 100" (api-facts §2, "Minimum 1 NOK").
AMOUNT = Spec("integer", required=True, minimum=100)
# Capture: "omitting amount or setting it to 0 captures everything" (api-facts §2.4); refund alike.
ACTION_AMOUNT = Spec("integer", minimum=100, zero_allowed=True)

SHIPPING_DETAILS = Spec("object", fields={
    "isDefault": Spec("string", required=True, choices=("Y", "N")),
    "priority": Spec("integer"),
    "shippingCost": Spec("number", required=True, minimum=0),
    "shippingMethod": text(256, required=True),
    "shippingMethodId": text(100, required=True),
})

ADDITIONAL_DATA = Spec("object", fields={
    "passengerName": text(49, required=True, min_length=1),
    "airlineCode": text(3, required=True, min_length=3),
    "airlineDesignatorCode": text(2, required=True, min_length=2),
    "ticketNumber": text(150, min_length=1),
    "agencyInvoiceNumber": text(6, required=True, min_length=1),
})

PAYMENT_TYPES = ("eComm Regular Payment", "eComm Express Payment")

INITIATE = Spec("object", fields={
    "customerInfo": Spec("object", required=True, fields={"mobileNumber": PHONE}),
    "merchantInfo": Spec("object", required=True, fields={
        "authToken": URL,
        "callbackPrefix": text(255, required=True),
        "consentRemovalPrefix": URL,
        "fallBack": text(255, required=True),
        "isApp": FLAG,
        "merchantSerialNumber": MSN,
        "paymentType": Spec("string", choices=PAYMENT_TYPES),
        "shippingDetailsPrefix": URL,
        "staticShippingDetails": Spec("array", items=SHIPPING_DETAILS),
    }),
    "transaction": Spec("object", required=True, fields={
        "amount": AMOUNT,
        "orderId": ORDER_ID,
        "transactionText": TRANSACTION_TEXT,
        "skipLandingPage": FLAG,
        "scope": Spec("string"),
        "additionalData": ADDITIONAL_DATA,
        "useExplicitCheckoutFlow": FLAG,
    }),
})

# The `initiate-msn-unchecked` fault's view of initiate: the merchant serial number may be anything.
INITIATE_MSN_UNCHECKED = Spec("object", fields={
    **INITIATE.fields,
    "merchantInfo": Spec("object", required=True, fields={
        **INITIATE.fields["merchantInfo"].fields, "merchantSerialNumber": Spec("any")}),
})

# Capture and refund share PaymentActionsRequest; the guide calls the transaction text not optional.
PAYMENT_ACTION = Spec("object", fields={
    "merchantInfo": MERCHANT_INFO_PAYMENT,
    "transaction": Spec("object", required=True, fields={"amount": ACTION_AMOUNT, "transactionText": TRANSACTION_TEXT}),
})

# CancelPaymentActionRequest: required merchantInfo, transaction, transaction.transactionText (ECOM_CAN_06).
CANCEL = Spec("object", fields={
    "merchantInfo": MERCHANT_INFO_PAYMENT,
    "transaction": Spec("object", required=True, fields={"transactionText": TRANSACTION_TEXT}),
    "shouldReleaseRemainingFunds": FLAG,
})

# The `cancel-body-not-validated` fault's view of the cancel body: nothing required.
CANCEL_UNCHECKED = Spec("object", fields={
    "merchantInfo": Spec("object", fields={"merchantSerialNumber": Spec("string", pattern=r"[0-9]{5,6}")}),
    "transaction": Spec("object", fields={"transactionText": text(100)}),
    "shouldReleaseRemainingFunds": FLAG,
})

# ForceApproveRequest: both optional; the phone number is 8 digits.
APPROVE = Spec("object", fields={"customerPhoneNumber": PHONE, "token": Spec("string")})

# The `age` hook (SIMULATION.md §2): {"days": n, "hours": h}, bounded so a date never overflows.
AGE = Spec("object", fields={
    "days": Spec("integer", required=True, minimum=0, maximum=36500),
    "hours": Spec("integer", minimum=0, maximum=876000),
})
