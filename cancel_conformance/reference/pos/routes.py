"""PoS v10 routes: thin handlers that check the request, call the service and shape the answer."""

from __future__ import annotations

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from cancel_conformance.reference.errors import BadRequest, InternalError, Unauthorized
from cancel_conformance.reference.pos import schemas
from cancel_conformance.reference.pos.model import Caller
from cancel_conformance.reference.pos.validation import (
    check_system_version,
    idempotency_key,
    merchant_for,
    uuid_param,
)
from cancel_conformance.reference.pos.views import payment_view, pos_view, refund_view, store_view
from cancel_conformance.reference.web import empty, json_body, ok, optional_token, path_id, route, service

PREFIX = "/pos/v10"


def api_caller(request: Request, *, anonymous_ok: bool = False) -> Caller:
    """Token (401) first, then the system version (1153/1157/1161), then the merchant (1151/1155/1159)."""
    token = optional_token(request)
    if token is None and not anonymous_ok:
        raise Unauthorized()
    check_system_version(request.headers)
    if token is None:
        return Caller(None, None)
    return Caller(token.client_id, merchant_for(request.headers, token.client_id, token.merchant_vat))


# Stores


async def get_stores(request: Request) -> Response:
    pos = service(request)
    # Under the fault only the token check is skipped (every store is listed); headers are still checked.
    merchant = api_caller(request, anonymous_ok=pos.fault("stores-without-auth")).merchant_vat
    query = request.query_params
    ids = pos.points.store_ids(merchant, query.get("merchantBrandId"),
                               query.get("merchantLocationId"))
    body: dict[str, object] = {"storeIds": ids}
    if pos.fault("store-list-has-extra-field"):
        body["count"] = len(ids)
    return ok(body)


async def get_detailed_stores(request: Request) -> Response:
    caller = api_caller(request)
    query = request.query_params
    points = service(request).points
    ids = points.store_ids(caller.merchant_vat, query.get("merchantBrandId"),
                           query.get("merchantLocationId"))
    return JSONResponse([store_view(points.store(caller, store_id)) for store_id in ids])


async def get_store(request: Request) -> Response:
    caller = api_caller(request)
    store_id = path_id(request, "storeid")
    return ok(store_view(service(request).points.store(caller, store_id)))


# Points of sale


async def find_pos(request: Request) -> Response:
    caller = api_caller(request)
    query = request.query_params
    store_id = uuid_param(query.get("storeId"), "storeId")
    ids = service(request).points.find(caller, store_id, query.get("beaconId"),
                                       query.get("merchantPosId"))
    return ok({"posIds": ids})


async def create_pos(request: Request) -> Response:
    caller = api_caller(request)
    key = idempotency_key(request.headers)
    body = await json_body(request, schemas.CREATE_POS)
    return ok({"posId": service(request).points.create(caller, body, key)})


async def get_pos(request: Request) -> Response:
    caller = api_caller(request)
    pos_id = path_id(request, "posid")
    return ok(pos_view(service(request).points.get(caller, pos_id)))


async def delete_pos(request: Request) -> Response:
    caller = api_caller(request)
    service(request).points.delete(caller, path_id(request, "posid"))
    return empty()


# Payments


async def query_payment_ids(request: Request) -> Response:
    pos = service(request)
    query = request.query_params
    if pos.fault("server-error-on-captured-filter") and query.get("state") == "Captured":
        raise InternalError()
    caller = api_caller(request)
    state = query.get("state")
    unknown_state = state not in (None, "Captured")
    # Spec 10.2.6 QueryPaymentIds: the state filter's only value is Captured.
    if unknown_state and not pos.fault("unknown-state-filter-accepted"):
        raise BadRequest("1099", "The state filter accepts only Captured")
    pos_id = uuid_param(query.get("posId"), "posId")
    order_id = query.get("orderId")
    # An unknown state gets this far only through its fault, which answers 200 whatever the other filters.
    if pos_id is None and order_id is None and not unknown_state:
        raise BadRequest("1109", "The filter is not specific enough: give posId or orderId")
    return ok({"paymentIds": pos.payments.find_ids(caller, pos_id, order_id, state == "Captured")})


async def initiate_payment(request: Request) -> Response:
    pos = service(request)
    caller = api_caller(request)
    # POS_REC_04: "Initiate without an idempotency key: 400 with code 1164".
    key = idempotency_key(request.headers, required=not pos.fault("idempotency-key-optional"))
    body = await json_body(request, schemas.INITIATE_PAYMENT)
    return ok({"paymentId": pos.payments.initiate(caller, body, key)})


async def prepare_payment(request: Request) -> Response:
    caller = api_caller(request)
    key = idempotency_key(request.headers)
    body = await json_body(request, schemas.PREPARE_PAYMENT)
    return ok({"paymentId": service(request).payments.prepare(caller, body, key)})


async def query_payment(request: Request) -> Response:
    caller = api_caller(request)
    payment_id = path_id(request, "paymentid")
    return ok(payment_view(service(request).payments.get(caller, payment_id)))


async def payment_ready(request: Request) -> Response:
    caller = api_caller(request)
    payment_id = path_id(request, "paymentid")
    body = await json_body(request, schemas.PAYMENT_READY)
    service(request).payments.ready(caller, payment_id, body)
    return empty()


async def capture_payment(request: Request) -> Response:
    caller = api_caller(request)
    payment_id = path_id(request, "paymentid")
    body = await json_body(request, schemas.CAPTURE_PAYMENT)
    # In a worker thread, so the state lock (not the event loop) orders a capture racing a cancel (SAFE_01).
    await run_in_threadpool(service(request).payments.capture, caller, payment_id, body["amount"])
    return empty()


async def cancel_payment(request: Request) -> Response:
    pos = service(request)
    # POS_PAY_10: "Cancel without a valid access token: 401; the payment is unchanged".
    caller = api_caller(request, anonymous_ok=pos.fault("cancel-without-token"))
    await run_in_threadpool(pos.payments.cancel, caller, path_id(request, "paymentid"))
    return empty()


# Refunds


async def query_refund_ids(request: Request) -> Response:
    caller = api_caller(request)
    payment_id = uuid_param(request.query_params.get("paymentId"), "paymentId")
    if payment_id is None:
        raise BadRequest("1110", "The filter is not specific enough: give paymentId")
    return ok({"refundIds": service(request).refunds.find_ids(caller, payment_id)})


async def create_refund(request: Request) -> Response:
    caller = api_caller(request)
    key = idempotency_key(request.headers)
    body = await json_body(request, schemas.CREATE_REFUND)
    return ok({"refundId": service(request).refunds.create(caller, body, key)})


async def get_refund(request: Request) -> Response:
    caller = api_caller(request)
    refund_id = path_id(request, "refundid")
    return ok(refund_view(service(request).refunds.get(caller, refund_id)))


async def capture_refund(request: Request) -> Response:
    caller = api_caller(request)
    service(request).refunds.capture(caller, path_id(request, "refundid"))
    return empty()


async def cancel_refund(request: Request) -> Response:
    caller = api_caller(request)
    service(request).refunds.cancel(caller, path_id(request, "refundid"))
    return empty()


ROUTES = [
    route(f"{PREFIX}/stores", GET=get_stores),
    route(f"{PREFIX}/stores/detailed", GET=get_detailed_stores),
    route(f"{PREFIX}/stores/{{storeid:resource_id}}", GET=get_store),
    route(f"{PREFIX}/pointofsales", GET=find_pos, POST=create_pos),
    route(f"{PREFIX}/pointofsales/{{posid:resource_id}}", GET=get_pos, DELETE=delete_pos),
    route(f"{PREFIX}/payments", GET=query_payment_ids, POST=initiate_payment),
    route(f"{PREFIX}/payments/prepare", POST=prepare_payment),
    route(f"{PREFIX}/payments/{{paymentid:resource_id}}", GET=query_payment),
    route(f"{PREFIX}/payments/{{paymentid:resource_id}}/ready", POST=payment_ready),
    route(f"{PREFIX}/payments/{{paymentid:resource_id}}/capture", POST=capture_payment),
    route(f"{PREFIX}/payments/{{paymentid:resource_id}}/cancel", POST=cancel_payment),
    route(f"{PREFIX}/refunds", GET=query_refund_ids, POST=create_refund),
    route(f"{PREFIX}/refunds/{{refundid:resource_id}}", GET=get_refund),
    route(f"{PREFIX}/refunds/{{refundid:resource_id}}/capture", POST=capture_refund),
    route(f"{PREFIX}/refunds/{{refundid:resource_id}}/cancel", POST=cancel_refund),
]
