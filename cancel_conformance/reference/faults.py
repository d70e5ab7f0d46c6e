"""The fault table: named switches, each breaking exactly the catalogue rules it names.

The project's own tests run the suite against the reference with each fault on and check that the
suite fails the rules listed here (and only those); with no fault, every rule passes.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Fault:
    """A switch in the reference implementation and the rules it breaks."""

    name: str
    rules: tuple[str, ...]
    description: str


FAULTS: dict[str, Fault] = {fault.name: fault for fault in (
    Fault("refuse-cancel-when-paired", ("POS_PAY_01",),
          "a client cancel of a Paired payment is refused (409 1300), as the state diagram draws no arrow"),
    Fault("cancel-captured-payment", ("POS_PAY_02", "SAFE_01"),
          "a Captured payment is cancelled (200, CancelledByClient)"),
    Fault("cancel-expired-payment", ("POS_PAY_03",),
          "an ExpiredAndCancelled payment is cancelled (200, CancelledByClient)"),
    Fault("client-cancel-overwrites-user-cancel", ("POS_PAY_04", "POS_PAY_05"),
          "CancelledByUser and CancelledByMobilePay payments become CancelledByClient (200)"),
    Fault("accept-cancel-of-cancelled-by-others", ("POS_PAY_05",),
          "cancelling a CancelledByUser or CancelledByMobilePay payment answers 200, state unchanged"),
    Fault("repeated-cancel-rewrites-state", ("POS_PAY_06", "SAFE_02"),
          "cancelling a CancelledByClient payment again answers 200 and makes it CancelledByMobilePay"),
    Fault("refuse-repeated-cancel", ("POS_PAY_07",),
          "cancelling a CancelledByClient payment again answers 409 1300 (state unchanged)"),
    Fault("unknown-payment-cancel-answers-409", ("POS_PAY_08",),
          "cancelling an unknown payment id answers 409 1300 instead of 404"),
    Fault("cancel-ignores-integrator", ("POS_PAY_09",),
          "another integrator's payment is cancelled (200)"),
    Fault("cancel-without-token", ("POS_PAY_10", "CON_POS_04"),
          "the payment cancel endpoint accepts a missing or invalid token and cancels"),
    Fault("capture-cancelled-payment", ("POS_PAY_11", "SAFE_01"),
          "a CancelledByClient payment can be captured (200, Captured)"),
    Fault("cancel-keeps-pos-busy", ("POS_PAY_12",),
          "CancelledByClient payments still count as active, so the PoS stays blocked (409 1301)"),
    Fault("user-cannot-cancel-paired", ("POS_USR_01",),
          "the customer's cancel of a Paired payment is refused (409)"),
    Fault("user-cancels-reserved", ("POS_USR_02",),
          "the customer can cancel a Reserved payment (it becomes CancelledByUser)"),
    Fault("query-omits-initiated", ("POS_REC_01",),
          "GET /payments with both posId and orderId leaves out payments in Initiated"),
    Fault("idempotency-key-ignored", ("POS_REC_02",),
          "a retried initiate (same key, same request) is treated as a new request; a reused key still gets 1306"),
    Fault("idempotency-key-reuse-accepted", ("POS_REC_03",),
          "the same idempotency key with a different initiate replays the first response (200), not 409 1306"),
    Fault("idempotency-key-optional", ("POS_REC_04",),
          "initiate without an idempotency key creates the payment"),
    Fault("refund-cancel-refused-when-reserved", ("POS_REF_01",),
          "cancelling a Reserved refund is refused (409 1352)"),
    Fault("cancel-captured-refund", ("POS_REF_02",),
          "Captured, ExpiredAndCaptured and CancelledByMobilePay refunds are cancelled (200)"),
    Fault("repeated-refund-cancel-rewrites-state", ("POS_REF_03",),
          "cancelling a CancelledByClient refund again answers 200 and makes it CancelledByMobilePay"),
    Fault("unknown-refund-cancel-answers-409", ("POS_REF_04",),
          "cancelling an unknown refund id answers 409 1352 instead of 404"),
    Fault("capture-cancelled-refund", ("POS_REF_05",),
          "a CancelledByClient refund can be captured (200, Captured)"),
    Fault("refund-cancel-ignores-integrator", ("POS_REF_06",),
          "another integrator's refund is cancelled (200)"),
    Fault("cancelled-refund-still-counts", ("POS_REF_07",),
          "cancelled refunds still count against the refundable amount (409 1367)"),
    Fault("server-error-on-captured-filter", ("CON_POS_01",),
          "GET /payments with state=Captured answers 500 (code 2000), before any other check"),
    Fault("store-list-has-extra-field", ("CON_POS_02", "CON_POS_05"),
          "GET /stores adds an undeclared field `count` to its body"),
    Fault("unknown-state-filter-accepted", ("CON_POS_03",),
          "GET /payments with a state other than Captured answers 200 as if no state (nor posId/orderId "
          "requirement) was given"),
    Fault("stores-without-auth", ("CON_POS_04",),
          "GET /stores answers 200 (all stores) without a valid token"),
    Fault("deleted-pos-still-readable", ("CON_POS_05",),
          "after DELETE, GET /pointofsales/{posid} still answers 200 with the PoS"),
    # A sequence longer than any scenario's: only the lifecycle exploration takes it.
    Fault("cancelled-refund-reopens-payment", ("MOD_POS_01",),
          "a Captured payment whose every refund the client cancelled can be cancelled itself (200, "
          "CancelledByClient): capture, refund, cancel the refund, cancel the payment"),
    # Vipps eCom v2
    Fault("pending-cancel-leaves-approvable", ("ECOM_CAN_01",),
          "a cancel of an INITIATE payment answers 200 and logs CANCEL, but the customer can still approve it"),
    Fault("reserved-cancel-logs-cancel", ("ECOM_CAN_02",),
          "a cancel (no release flag) of a payment the customer approved logs CANCEL instead of VOID"),
    Fault("merchant-cancel-rewrites-user-cancel", ("ECOM_CAN_03",),
          "after the customer rejected, a merchant cancel answers 200 and logs a successful VOID"),
    Fault("capture-after-cancel", ("ECOM_CAN_04",),
          "a payment cancelled before a reservation (by the merchant or the customer) can be captured (200)"),
    Fault("refund-after-cancel", ("ECOM_CAN_05",),
          "a cancelled payment can be refunded (200)"),
    Fault("cancel-body-not-validated", ("ECOM_CAN_06",),
          "a cancel without merchantInfo or transaction.transactionText is accepted and cancels"),
    Fault("unknown-order-plain-error-body", ("ECOM_CAN_07", "CON_ECOM_02"),
          'a cancel of an unknown orderId is answered 404 with {"error": "not found"}, not the eCom error array'),
    Fault("cancel-during-3ds", ("ECOM_3DS_01",),
          "a cancel during a 3-D Secure session succeeds (CANCEL)"),
    Fault("cancel-after-3ds-refused", ("ECOM_3DS_02",),
          "after a successful 3-D Secure session the payment is reserved, but cancels are still refused"),
    Fault("age-limit-ignored", ("ECOM_AGE_01", "ECOM_AGE_02"),
          "payments over 180 days old can be cancelled"),
    Fault("age-limit-179-days", ("ECOM_AGE_02",),
          "cancels are refused from 179 days on"),
    Fault("release-keeps-remaining", ("ECOM_REL_01",),
          "shouldReleaseRemainingFunds true after a partial capture answers 200, but the rest stays capturable"),
    Fault("partial-cancel-without-release-accepted", ("ECOM_REL_02",),
          "shouldReleaseRemainingFunds false after a partial capture releases the rest (200)"),
    Fault("release-defaults-to-true", ("ECOM_REL_03",),
          "shouldReleaseRemainingFunds left out behaves as true"),
    Fault("full-capture-cancel-wrong-code", ("ECOM_REL_04",),
          'a cancel after a full capture is refused with code "52" instead of "51"'),
    Fault("release-on-reserved-refused", ("ECOM_REL_05",),
          "shouldReleaseRemainingFunds true on a reserved payment with no capture is refused"),
    Fault("unknown-order-details-server-error", ("CON_ECOM_01",),
          "GET details of an unknown orderId answers 500 (VippsError 99) instead of 404"),
    Fault("initiate-msn-unchecked", ("CON_ECOM_03",),
          "initiate accepts a missing or malformed merchantInfo.merchantSerialNumber (a wrong type, not 5-6 "
          "digits) and acts for the token's merchant"),
    Fault("details-without-auth", ("CON_ECOM_04",),
          "GET details answers without checking the access token or the subscription key"),
    Fault("cancel-summary-as-strings", ("CON_ECOM_05",),
          "after a merchant cancel, details report the transactionSummary amounts as strings"),
    Fault("refund-unlocks-partial-cancel", ("MOD_ECOM_01",),
          "after a partial capture and a refund, a cancel without shouldReleaseRemainingFunds (or with it false) "
          "is accepted and releases the rest: capture part, refund, cancel"),
    # ePayment v1
    Fault("epayment-terminated-still-approvable", ("EPAY_CAN_01",),
          "a cancel of a CREATED payment answers 200 (TERMINATED, the whole amount cancelled, event TERMINATED), "
          "but the customer can still approve it: force approve makes it AUTHORIZED"),
    Fault("epayment-authorized-cancel-logs-terminated", ("EPAY_CAN_02",),
          "a cancel of a force-approved AUTHORIZED payment with nothing captured logs the event TERMINATED instead of "
          "CANCELLED (state and amounts as documented)"),
    Fault("epayment-partial-cancel-keeps-remaining", ("EPAY_CAN_03",),
          "after a partial capture, a cancel answers 200 and logs CANCELLED but cancels nothing: cancelledAmount "
          "stays 0 and the rest can still be captured"),
    Fault("epayment-cancel-captured-accepted", ("EPAY_CAN_04", "EPAY_CAN_05"),
          "a cancel of a fully captured payment answers 200 (nothing changes, no event); with no refusal there is no "
          "6040 either, so EPAY_CAN_05 breaks too"),
    Fault("epayment-captured-cancel-wrong-code", ("EPAY_CAN_05",),
          "a cancel of a fully captured payment is refused (400, nothing changes) with code 6190 instead of 6040"),
    Fault("epayment-cancel-terminates-aborted", ("EPAY_CAN_06", "EPAY_CAN_07"),
          "a cancel of an ABORTED or EXPIRED payment answers 200 and makes it TERMINATED (the whole amount "
          "cancelled, event TERMINATED); a 2xx, so EPAY_CAN_07 breaks too"),
    Fault("epayment-final-cancel-answers-200", ("EPAY_CAN_07",),
          "a cancel of an ABORTED, EXPIRED, TERMINATED or already cancelled payment answers 200 with its "
          "ModificationResponse, changing nothing and logging nothing"),
    Fault("epayment-unknown-reference-cancel-400", ("EPAY_CAN_08",),
          "cancelling an unknown reference answers 400 (a Problem with code 5090) instead of 404"),
    Fault("epayment-refund-after-cancel", ("EPAY_CAN_09",),
          "a cancelled payment with nothing captured (TERMINATED, or authorized and then cancelled) can be refunded "
          "(200) up to its amount"),
    Fault("epayment-cancel-body-refused", ("EPAY_CAN_10",),
          'a cancel with the body {} or {"cancelTransactionOnly": false} is refused (400, nothing changes); no body, '
          "and cancelTransactionOnly true, work as documented"),
    Fault("epayment-cto-created-refused", ("EPAY_CTO_01",),
          "cancelTransactionOnly true on a CREATED payment is refused (400, 6060) instead of terminating it"),
    Fault("epayment-cto-releases-authorized", ("EPAY_CTO_02", "EPAY_CTO_03"),
          "cancelTransactionOnly true on an authorized payment cancels what remains like a plain cancel (200, event "
          "CANCELLED); a 2xx, so EPAY_CTO_03 breaks too"),
    Fault("epayment-cto-wrong-code", ("EPAY_CTO_03",),
          "cancelTransactionOnly true on an authorized payment is refused (400, nothing released) with code 6190 "
          "instead of 6060"),
    Fault("epayment-cancel-during-3ds", ("EPAY_3DS_01",),
          "a cancel while the customer is authorizing (a 3-D Secure session) succeeds: TERMINATED"),
    Fault("epayment-cancel-after-3ds-refused", ("EPAY_3DS_02",),
          "after the 3-D Secure session succeeds the payment is AUTHORIZED, but a cancel is still refused (423, "
          "6250)"),
    Fault("epayment-age-limit-ignored", ("EPAY_AGE_01", "EPAY_AGE_02", "EPAY_AGE_03"),
          "payments reserved over 180 days ago can be cancelled (200); with no 400 there is no 6030 either, so "
          "EPAY_AGE_03 breaks too"),
    Fault("epayment-age-limit-179-days", ("EPAY_AGE_02",),
          "cancels are refused (400, 6030) from 179 days after the reservation on"),
    Fault("epayment-age-wrong-code", ("EPAY_AGE_03",),
          "the 400 refusing a cancel of a payment reserved over 180 days ago names code 6190 instead of 6030"),
    Fault("epayment-cancel-retry-repeated", ("EPAY_IDM_01",),
          "a cancel retried with the same Idempotency-Key and request is carried out again instead of getting the "
          "first answer: the retry is refused (400, 6190 or 6050); a key reused for another request still gets 409"),
    Fault("epayment-key-reuse-replays", ("EPAY_IDM_02",),
          "an Idempotency-Key reused for another payment's cancel gets the first answer again (200, the first "
          "payment's) instead of 409; the other payment is unchanged"),
    Fault("epayment-events-server-error", ("CON_EPAY_01",),
          "GET events of an unknown reference answers 500 (a Problem with code 3010) instead of 404"),
    Fault("epayment-unknown-reference-trace-id-number", ("CON_EPAY_02",),
          "the 404 Problem of GET payment and GET events for an unknown reference carries its traceId as a number"),
    Fault("epayment-create-checks-only-what-it-uses", ("CON_EPAY_03",),
          "create checks amount, paymentMethod, reference, userFlow, returnUrl and customer only: any other field "
          "(receipt, metadata, qrFormat, paymentDescription, expiresAt...) may break its schema and the payment is "
          "still created (201)"),
    Fault("epayment-events-without-auth", ("CON_EPAY_04",),
          "GET events answers without checking the access token, the subscription key or the merchant serial "
          "number, for any merchant's payment"),
    Fault("epayment-cancelled-events-off-contract", ("CON_EPAY_05",),
          "GET events of a payment that was partly captured, refunded and then cancelled writes every amount's "
          "value as a string (a state only a walk along the contract's links reaches)"),
    Fault("epayment-cancel-counts-refunds", ("MOD_EPAY_01",),
          "a cancel after a partial capture and a refund cancels the refunded amount too (cancelledAmount "
          "authorized - captured + refunded): capture part, refund, cancel"),
    # Recurring v3
    Fault("due-charge-cancel-refused", ("RECUR_CAN_01",),
          "a DELETE of a DUE charge is refused (400 cancel-charge-failed), as if only PENDING and RESERVED charges "
          "could be cancelled; stopping the agreement still cancels it"),
    Fault("cancel-failed-charge", ("RECUR_CAN_02", "RECUR_CAN_03"),
          "a DELETE of a FAILED charge answers 204 and makes it CANCELLED (summary.cancelled the amount, a successful "
          "CANCEL in its history)"),
    Fault("final-charge-cancel-answers-204", ("RECUR_CAN_03",),
          "a DELETE of a CHARGED, FAILED, REFUNDED, PARTIALLY_REFUNDED or CANCELLED charge answers 204 and changes "
          "nothing (status, summary and history as before)"),
    Fault("capture-cancelled-charge", ("RECUR_CAN_04",),
          "a charge cancelled before it was reserved (while PENDING or DUE) can be captured: 204, summary.captured "
          "grows (a charge cancelled once RESERVED still refuses it)"),
    Fault("unknown-charge-cancel-answers-204", ("RECUR_CAN_05",),
          "a DELETE of a charge id unknown on the merchant's own agreement answers 204 instead of 404"),
    Fault("charge-cancel-ignores-merchant", ("RECUR_CAN_06",),
          "a DELETE of another merchant's charge (its agreementId and chargeId) cancels it (204)"),
    Fault("release-keeps-capturable", ("RECUR_REL_01",),
          "after a PARTIALLY_CAPTURED charge is cancelled (204, CHARGED, summary.cancelled the rest) a further capture "
          "of the rest is still accepted (204)"),
    Fault("release-not-counted", ("RECUR_REL_02",),
          "after a PARTIALLY_CAPTURED charge is cancelled, summary.cancelled stays 0 though it reads CHARGED (its "
          "CANCEL event carries the released amount)"),
    Fault("charge-cancel-key-optional", ("RECUR_IDM_01",),
          "a DELETE of a charge without Idempotency-Key cancels it (204)"),
    Fault("charge-cancel-retry-not-replayed", ("RECUR_IDM_02",),
          "a DELETE retried with the same Idempotency-Key is handled as a new cancel, which the cancelled charge "
          "refuses (400 cancel-charge-failed)"),
    Fault("charge-cancel-key-reuse-accepted", ("RECUR_IDM_03",),
          "a DELETE reusing the Idempotency-Key of another charge's DELETE gets that first answer replayed (204) "
          "instead of 409, and its own charge is left as it was"),
    Fault("stop-leaves-reserved-charges", ("RECUR_IDM_04",),
          "stopping the agreement cancels its PENDING and DUE charges but leaves RESERVED ones RESERVED"),
    Fault("server-error-on-failed-charge-filter", ("CON_RECUR_01",),
          "listing an agreement's charges with status=FAILED answers 500 (operation-failed), after authentication"),
    Fault("unknown-agreement-status-as-string", ("CON_RECUR_02",),
          'GET of an unknown agreement answers its 404 problem with "status" as the string "404"'),
    Fault("idempotency-key-format-unchecked", ("CON_RECUR_03",),
          "an Idempotency-Key longer than 40 characters, or with #, ?, / or \\, is taken like any other key "
          "(the request goes ahead) instead of 400 idempotency-key-header"),
    Fault("agreement-read-without-auth", ("CON_RECUR_04",),
          "GET of an agreement answers (any merchant's, by id) without checking the access token or the "
          "subscription key"),
    Fault("charge-list-summary-as-strings", ("CON_RECUR_05",),
          "the charge list of an agreement (ListChargesV3) reports each charge's summary amounts as strings"),
    Fault("released-charge-cancelled-after-refund", ("MOD_RECUR_01",),
          "a charge whose rest was released and which was then partly refunded (PARTIALLY_REFUNDED) is cancelled by "
          "a DELETE (204, CANCELLED): capture part, cancel, refund, cancel"),
    # Every API
    Fault("unlocked-cancel-capture", ("SAFE_01",),
          "PoS, eCom, ePayment and Recurring: cancel and capture check the state without the lock and pause ~20 ms "
          "before acting, so a concurrent cancel and capture of a payment (or a charge) can both succeed"),
    Fault("unlocked-duplicate-cancel", ("SAFE_02",),
          "eCom, ePayment and Recurring: concurrent duplicate cancels each log a successful cancellation (eCom VOID, "
          "ePayment CANCELLED, a charge's CANCEL) after the same pause"),
)}


def check_faults(names: Iterable[str]) -> frozenset[str]:
    """The named faults as a set; a ValueError names any fault the table does not know."""
    chosen = frozenset((names,) if isinstance(names, str) else names)
    unknown = sorted(chosen - FAULTS.keys())
    if unknown:
        raise ValueError(f"unknown fault(s): {', '.join(unknown)}; known faults: {', '.join(sorted(FAULTS))}")
    return chosen


def faults_breaking(rule_id: str) -> tuple[str, ...]:
    """The names of the faults that break this rule."""
    return tuple(name for name, fault in FAULTS.items() if rule_id in fault.rules)
