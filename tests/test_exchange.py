"""Recorded exchanges keep the evidence and lose the secrets; their curl commands replay them."""

from __future__ import annotations

import json

from cancel_conformance.exchange import FORGED_KEY, FORGED_TOKEN, REDACTED, Exchange, Recorder, Redactor


def test_credential_headers_are_redacted_but_business_headers_stay() -> None:
    redactor = Redactor()
    headers = redactor.headers({
        "Authorization": "Bearer abc.def.ghi",
        "Ocp-Apim-Subscription-Key": "sub-key-1234",
        "X-MobilePay-Idempotency-Key": "6f1c2c5e-key",
    })
    assert headers == {
        "Authorization": f"Bearer {REDACTED}",
        "Ocp-Apim-Subscription-Key": REDACTED,
        "X-MobilePay-Idempotency-Key": "6f1c2c5e-key",
    }


def test_credentials_the_suite_forged_stay_visible_so_a_replay_sends_them() -> None:
    headers = {"Authorization": FORGED_TOKEN, "Ocp-Apim-Subscription-Key": FORGED_KEY}
    assert Redactor().headers(headers) == headers


def test_credentials_in_a_url_are_dropped_wherever_the_url_is_written() -> None:
    redactor = Redactor()
    assert redactor.url("http://bob:pw99@127.0.0.1:8/pos/v10/stores") == "http://127.0.0.1:8/pos/v10/stores"
    assert redactor.text("GET http://bob:pw99@host/x: no response; mail me at bob@example.org") == (
        "GET http://host/x: no response; mail me at bob@example.org")


def test_tokens_in_json_and_form_bodies_are_redacted() -> None:
    redactor = Redactor()
    body = json.loads(redactor.body('{"access_token": "tok-123456", "expires_in": 3600}', "application/json"))
    assert body == {"access_token": REDACTED, "expires_in": 3600}
    form = redactor.body("grant_type=client_credentials&client_secret=s3cr3t-value",
                         "application/x-www-form-urlencoded")
    assert "s3cr3t-value" not in form
    assert "grant_type=client_credentials" in form


def test_configured_and_learned_secrets_are_removed_wherever_they_appear() -> None:
    redactor = Redactor({"configured-secret"})
    redactor.add("issued-token-value")
    text = redactor.text("a configured-secret and an issued-token-value in a message")
    assert "configured-secret" not in text
    assert "issued-token-value" not in text
    assert text.count(REDACTED) == 2


def test_short_values_are_not_treated_as_secrets() -> None:
    redactor = Redactor({"ab"})
    assert redactor.text("abc") == "abc"


def test_curl_replays_the_request_with_a_token_placeholder() -> None:
    exchange = Exchange(
        method="POST",
        url="http://127.0.0.1:8080/pos/v10/payments/1/cancel",
        request_headers={"Authorization": f"Bearer {REDACTED}", "X-MobilePay-Client-System-Version": "1.0.0",
                         "User-Agent": "x"},
        request_body=None,
    )
    curl = exchange.curl()
    assert curl.startswith("curl -i -X POST http://127.0.0.1:8080/pos/v10/payments/1/cancel ")
    assert '-H "Authorization: Bearer $ACCESS_TOKEN"' in curl
    assert "-H 'X-MobilePay-Client-System-Version: 1.0.0'" in curl
    assert "User-Agent" not in curl


def test_curl_quotes_bodies_for_the_shell() -> None:
    exchange = Exchange("POST", "http://h/x", {"Content-Type": "application/json"}, '{"orderId": "it\'s"}')
    assert "--data-raw '{\"orderId\": \"it'\"'\"'s\"}'" in exchange.curl()


def test_recorder_keeps_exchanges_in_order() -> None:
    recorder = Recorder(Redactor())
    first = recorder.record(Exchange("GET", "http://h/1", {}, None))
    second = recorder.record(Exchange("GET", "http://h/2", {}, None))
    assert recorder.exchanges == [first, second]
