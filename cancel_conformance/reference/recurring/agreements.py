"""The merchant's agreements: create, read, update or stop, and the test environment's force accept."""

from __future__ import annotations

import uuid
from typing import Any

from cancel_conformance.reference.recurring.acting import enact, once, settle
from cancel_conformance.reference.recurring.charges import CREATED, NO_CONTENT, refuse
from cancel_conformance.reference.recurring.idempotency import KeyUse, Reply
from cancel_conformance.reference.recurring.lifecycle import IllegalMove, Lifecycle
from cancel_conformance.reference.recurring.model import Agreement, RecurringState, new_id
from cancel_conformance.reference.recurring.problems import not_found

# The landing page of a real sandbox: the reference has none, so its URL names a reserved `.invalid` host.
CONFIRMATION_URL = "https://landing.reference.invalid/recurring/v3/agreements/{agreement_id}"
# PatchAgreementV3 fields that change what the agreement says (anything but `status`).
UPDATABLE = ("productName", "productDescription", "merchantAgreementUrl", "externalId")


class Agreements:
    """Agreement operations; each runs under the state lock, once per idempotency key."""

    def __init__(self, state: RecurringState) -> None:
        self._state = state

    def create(self, msn: str, use: KeyUse, draft: dict[str, Any]) -> Reply:
        """DraftAgreementV3 -> a PENDING agreement; 201 DraftAgreementResponseV3 (no initial charge)."""
        return once(self._state, use, lambda: self._create(msn, draft))

    def read(self, msn: str, agreement_id: str) -> Agreement:
        with self._state.lock:
            return self._state.agreement(msn, agreement_id).snapshot()

    def read_of_anyone(self, agreement_id: str) -> Agreement:
        """The agreement whoever made it: only the `agreement-read-without-auth` fault asks."""
        with self._state.lock:
            agreement = self._state.agreements.get(agreement_id)
            if agreement is None:
                raise not_found("agreement")
            return agreement.snapshot()

    def update(self, msn: str, agreement_id: str, use: KeyUse, patch: dict[str, Any]) -> Reply:
        """UpdateAgreementPatchV3: field changes (ACTIVE only) and/or `status: STOPPED`; 204."""
        return once(self._state, use, lambda: self._update(msn, agreement_id, use.key, patch))

    def accept(self, msn: str, agreement_id: str, use: KeyUse) -> Reply:
        """Force accept (test environment, capability recurring.accept): PENDING -> ACTIVE; 204."""
        return once(self._state, use, lambda: self._accept(msn, agreement_id))

    def _create(self, msn: str, draft: dict[str, Any]) -> Reply:
        agreement = Agreement(msn, new_id("agr_"), str(uuid.uuid4()), draft, self._state.clock())
        self._state.agreements[agreement.agreement_id] = agreement
        body = {"agreementId": agreement.agreement_id, "uuid": agreement.uuid,
                "vippsConfirmationUrl": CONFIRMATION_URL.format(agreement_id=agreement.agreement_id),
                "chargeId": None}
        return Reply(CREATED.status, body)

    def _accept(self, msn: str, agreement_id: str) -> Reply:
        agreement = self._state.agreement(msn, agreement_id)
        agreement.status = _after(agreement.status, "accept")
        agreement.started_at = self._state.clock()
        return NO_CONTENT

    def _update(self, msn: str, agreement_id: str, key: str, patch: dict[str, Any]) -> Reply:
        agreement = self._state.agreement(msn, agreement_id)
        stopping = "status" in patch  # the schema allows STOPPED only
        changes = {name: value for name, value in patch.items() if name != "status"}
        if changes or not stopping:
            # R2 illegal-agreement-update: "Agreement cannot be updated. Might be stopped or pending."
            _after(agreement.status, "update")
        after = _after(agreement.status, "stop") if stopping else agreement.status
        _change(agreement, changes)
        if stopping:
            self._stop(agreement, key)
        agreement.status = after
        return NO_CONTENT

    def _stop(self, agreement: Agreement, key: str) -> None:
        """RECUR_IDM_04: stopping cancels the agreement's PENDING, DUE and RESERVED charges."""
        agreement.stopped_at = self._state.clock()
        for charge_id in agreement.charge_ids:
            charge = self._state.charges[(agreement.msn, charge_id)]
            settle(self._state, charge, reading=False)
            if self._state.lifecycle.allows(charge.state, "stop"):
                enact(self._state, charge, self._state.lifecycle.move(charge.state, "stop"), charge.capturable(), key)


def _after(status: str, action: str) -> str:
    try:
        return Lifecycle.agreement_move(status, action)
    except IllegalMove as refused:
        raise refuse(refused) from None


def _change(agreement: Agreement, changes: dict[str, Any]) -> None:
    """Apply PatchAgreementV3's field changes to what the agreement says."""
    draft = agreement.draft
    for name in UPDATABLE:
        if name in changes:
            draft[name] = changes[name]
    if "amount" in changes.get("pricing", {}):
        draft["pricing"] = {**draft["pricing"], "amount": changes["pricing"]["amount"]}
    if "period" in changes.get("interval", {}):
        draft["interval"] = changes["interval"]["period"]
