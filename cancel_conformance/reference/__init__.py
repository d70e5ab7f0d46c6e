"""The embedded reference implementation: a local sandbox of MobilePay PoS v10, Vipps eCom v2 and ePayment v1.

What it emulates
    The cancel-relevant surface of the MobilePay PoS Integrator API 10.2.6 over real HTTP: the
    integrator token endpoint (OAuth2 client credentials, opaque one-hour tokens); stores (list,
    one, detailed list); points of sale (create, read, find, delete); payments (initiate, prepare,
    ready, query, find by point of sale or order id, capture, cancel); refunds (create, query,
    capture, cancel). The payment and
    refund lifecycles are transition tables (`pos/lifecycle.py`). Every documented header check,
    idempotency key, ownership rule (another integrator, another merchant) and error code on that
    surface is answered as the vendor documents it, with ErrorResponse / ErrorResponseV2 bodies.
    The vendor's sandbox user simulation (check-in, accept, cancel by the customer) and the
    project's `/simulation/v1` hooks (MobilePay cancels, a reservation expires, a refund is
    reserved, expires or is cancelled by MobilePay) move what only a customer, MobilePay or time
    could move. Two demo integrators and two demo merchants are built in (`accounts.py`).

    The cancel-relevant surface of the Vipps eCom API v2 (spec 2.0.3) on the same app and port:
    the access token endpoint (`POST /accesstoken/get`, credentials in headers); initiate, capture,
    refund, cancel and details of payments, with the subscription key and bearer token on every
    call, X-Request-Id retries on capture and refund, and eCom error arrays (the gateway's shape
    for a bad key or token). The payment lifecycle is a transition table (`ecom/lifecycle.py`):
    CANCEL before the customer confirmed, VOID of a reservation, the release of what remains after
    a partial capture, refusal after a full capture (51), during a 3-D Secure session and past 180
    days. The vendor's force approve and the `/simulation/v1/ecom` hooks (the customer rejects, a
    3-D Secure session starts or succeeds, a payment ages) move what only a customer or time could.
    Two demo merchants (sales units) are built in (`ecom/accounts.py`).

    The cancel-relevant surface of the Vipps MobilePay ePayment API v1 (spec 1.4.1 and the newer
    cancel body) on the same app and port, with the same access tokens, subscription keys and demo
    merchants as eCom (`vipps_access.py`): create, get, the event log, capture, refund and cancel,
    the test environment's force approve, Idempotency-Key replay per merchant (409 for a key reused
    for another request) and RFC 7807 Problems with ErrorCodes. The lifecycle is a transition table
    (`epayment/lifecycle.py`): TERMINATED before authorization, the remaining reservation cancelled
    after it (the state stays AUTHORIZED), refusal after a full capture (6040), with
    cancelTransactionOnly on an authorized payment (6060), while the customer authorizes (423, 6250)
    and past 180 days from the reservation (400, 6030). The `/simulation/v1/epayment` hooks (abort,
    expire, 3-D Secure, age) move what only a customer or time could.
    The cancel-relevant surface of the Vipps MobilePay Recurring API v3 on the same app, with the
    eCom merchants, tokens and subscription keys: agreements (create, read, update or stop, force
    accept) and charges (create, read, list, capture, refund, cancel), idempotency keys on every
    modifying call and problem JSON. The charge and agreement lifecycles are transition tables
    (`recurring/lifecycle.py`); the `/simulation/v1/recurring` hooks move what only Vipps MobilePay
    or time could. A named asynchronous mode answers a charge cancel 202 and enacts it a little later.

What it does not emulate
    No money moves and no store balance is kept (so no 1368); no card, no issuer, no customer
    app. Nothing happens by itself: no 7-day reservation expiry, no 24-hour refund auto-capture,
    no inactivity cancel, no timers at all (the hooks do these on request). No callbacks or
    notifications to the merchant. No 90-day refund limit and no "payment too old" (1366). No
    loyalty programmes, customer tokens or receipt tokens; no check-in lookup endpoint
    (GET /pointofsales/{posid}/checkin); no store activation (1204); no rate limits; no
    persistence (state lives as long as the process); no production behaviour of any kind.
    Amounts are major units with at most two decimals, no larger than a JSON double can carry.

    eCom: no callbacks to the merchant (callbackPrefix, shipping details and consent removal are
    accepted and never called); no Express checkout (refused); no landing page and no app (the
    landing URL names a `.invalid` host; force approve does not check its token); no real 3-D
    Secure, card or issuer; no userinfo, `sub` or user details; no rate limits (no 429); no
    365-day refund limit; no deprecated `/status` endpoint; no partner keys (one MSN per client);
    no JWT (tokens are opaque). Which HTTP status goes with which error code is the reference's
    choice where the documentation names none (see `ecom/errors.py` and `ecom/lifecycle.py`).

    ePayment: no webhooks; no landing page, app, QR image or redirect (the URLs name `.invalid`
    hosts; force approve does not check its token); no user information or profile `sub`; no
    Express; no adjust (`POST .../adjust`); no capture deadline per country (one 180-day limit from
    the reservation for capture and cancel) and no 365-day refund limit; expiresAt and receipts are
    checked and not acted on; no rate limits (no 429); no real money. Which HTTP status goes with
    which ErrorCode is the reference's choice (`epayment/lifecycle.py`, `epayment/errors.py`).
    Recurring: no charging on due dates or retry days, no automatic release, no expiry, no webhooks,
    no rate limit (no 429), no variable amounts, campaigns, initial charges or user info (refused),
    no two-year limit on due dates; the status of each problem is the reference's choice
    (`recurring/problems.py`, `recurring/lifecycle.py`).

Faults
    Named switches (`faults.py`), each breaking exactly the catalogue rules it names, so the
    project can prove that the suite catches each broken rule.
"""
