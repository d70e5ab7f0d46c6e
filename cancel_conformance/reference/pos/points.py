"""Stores and points of sale: what a payment needs before it can start.

api-facts names no error codes for point-of-sale problems, so they carry 1099 ("unknown BadRequest").
"""

from __future__ import annotations

import copy
import uuid
from typing import Any

from cancel_conformance.reference.accounts import STORES, Store, store_by_id
from cancel_conformance.reference.errors import Conflict, Forbidden, NotFound
from cancel_conformance.reference.pos.idempotency import fingerprint
from cancel_conformance.reference.pos.model import Caller, PointOfSale, PosState

CREATE_POS = "CreatePos"
POS_CODE = "1099"


class PointsOfSale:
    """The operations on stores and points of sale."""

    def __init__(self, state: PosState) -> None:
        self._state = state

    def store_ids(self, merchant_vat: str | None, brand_id: str | None, location_id: str | None) -> list[str]:
        """The merchant's stores matching the filters (every merchant's when merchant_vat is None)."""
        return [store.store_id for store in STORES
                if merchant_vat in (None, store.merchant_vat)
                and brand_id in (None, store.merchant_brand_id)
                and location_id in (None, store.merchant_location_id)]

    def store(self, caller: Caller, store_id: str) -> Store:
        store = store_by_id(store_id)
        if store is None or store.merchant_vat != caller.merchant_vat:
            raise NotFound("Store not found")
        return store

    def create(self, caller: Caller, request: dict[str, Any], key: str | None) -> str:
        """CreatePos: the new point of sale's id (the first one's again for a retried key)."""
        state = self._state
        assert caller.integrator is not None
        with state.lock:
            text = fingerprint(caller.merchant_vat, request)
            replay = state.idempotency.replay(caller.integrator, CREATE_POS, key, text)
            if replay is not None:
                return str(replay["posId"])
            self._check_store(caller, request["storeId"])
            beacon_id = request.get("beaconId") or str(uuid.uuid4())
            self._check_unique(request["storeId"], beacon_id, request["merchantPosId"])
            pos = self._new_pos(caller, request, beacon_id)
            state.points[pos.pos_id] = pos
            state.idempotency.remember(caller.integrator, CREATE_POS, key, text, {"posId": pos.pos_id})
            return pos.pos_id

    def get(self, caller: Caller, pos_id: str) -> PointOfSale:
        """GetPos; a deleted point of sale is not found (unless a fault keeps it readable)."""
        with self._state.lock:
            return copy.copy(self._owned(caller, pos_id, deleted_too=self._state.fault("deleted-pos-still-readable")))

    def delete(self, caller: Caller, pos_id: str) -> None:
        """DeletePos; afterwards the point of sale is not found and takes no payments (409 1000)."""
        with self._state.lock:
            pos = self._owned(caller, pos_id)
            pos.deleted = True
            pos.checked_in = False

    def find(self, caller: Caller, store_id: str | None, beacon_id: str | None,
             merchant_pos_id: str | None) -> list[str]:
        """GetPosWithFilter: this integrator's live points of sale for this merchant matching every filter."""
        with self._state.lock:
            return [pos.pos_id for pos in self._state.points.values()
                    if not pos.deleted and pos.integrator == caller.integrator
                    and pos.merchant_vat == caller.merchant_vat
                    and store_id in (None, pos.store_id)
                    and beacon_id in (None, pos.beacon_id)
                    and merchant_pos_id in (None, pos.merchant_pos_id)]

    def _owned(self, caller: Caller, pos_id: str, *, deleted_too: bool = False) -> PointOfSale:
        pos = self._state.points.get(pos_id.lower()) if deleted_too else self._state.live_pos(pos_id)
        if pos is None:
            raise NotFound("Point of sale not found")
        if caller.integrator != pos.integrator or caller.merchant_vat != pos.merchant_vat:
            raise Forbidden(POS_CODE, "The point of sale was created by a different integrator or merchant")
        return pos

    def _check_store(self, caller: Caller, store_id: str) -> None:
        store = store_by_id(store_id)
        if store is None or store.merchant_vat != caller.merchant_vat:
            # Spec 10.2.6 CreatePos 403: "Cannot create point of sale in store that does not belong to the merchant".
            raise Forbidden(POS_CODE, "The store does not belong to the merchant")

    def _check_unique(self, store_id: str, beacon_id: str, merchant_pos_id: str) -> None:
        for pos in self._state.points.values():
            if pos.deleted:
                continue
            if pos.beacon_id == beacon_id:
                raise Conflict(POS_CODE, "The beacon id is already used by another point of sale")
            if pos.store_id == store_id and pos.merchant_pos_id == merchant_pos_id:
                raise Conflict(POS_CODE, "The merchantPosId is already used in this store")

    def _new_pos(self, caller: Caller, request: dict[str, Any], beacon_id: str) -> PointOfSale:
        return PointOfSale(
            pos_id=str(uuid.uuid4()),
            integrator=str(caller.integrator),
            merchant_vat=str(caller.merchant_vat),
            store_id=request["storeId"],
            merchant_pos_id=request["merchantPosId"],
            name=request["name"],
            beacon_id=beacon_id,
            callback_alias=request.get("callbackAlias"),
            beacon_types=list(request["supportedBeaconTypes"]),
            require_payment_before_checkin=bool(request.get("requirePaymentBeforeCheckin", False)),
        )
