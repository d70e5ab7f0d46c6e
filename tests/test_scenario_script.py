"""The from-scratch script of a failed scenario: every variable set before its use, quoting that survives
any text, and no sequence where there is none to replay."""

from __future__ import annotations

import json
import subprocess
import time

from cancel_conformance.report.scenario_script import MAX_STEPS, scenario_script

TOKEN_PATH = "/accesstoken/get"


def exchange(method: str, path: str, body: dict | None = None, answer: dict | None = None,
             headers: dict | None = None, status: int = 200) -> dict:
    as_text = {name: json.dumps(value, ensure_ascii=False) if value is not None else None
               for name, value in (("request_body", body), ("response_body", answer))}
    return {"method": method, "url": f"http://127.0.0.1:9/{path.lstrip('/')}", "request_headers": headers or {},
            "status": status, "actor": "merchant", **as_text}


def script_of(exchanges: list[dict]) -> str | None:
    return scenario_script(exchanges, len(exchanges) - 1, lambda url: url.endswith(TOKEN_PATH),
                           lambda name, value, actor, url: ["-H", f'"{name}: Bearer $TOKEN"'])


def test_a_text_the_client_sent_stays_literal_even_when_an_answer_echoes_it() -> None:
    text = {"transactionText": "Cancelled by the shop"}
    script = script_of([
        exchange("POST", "/ecomm/v2/payments", {"transaction": {"orderId": "ordré-12345678"}},
                 {"orderId": "ordré-12345678"}),
        exchange("PUT", "/ecomm/v2/payments/ordré-12345678/cancel", {"transaction": text},
                 {"transactionInfo": text}),
        exchange("PUT", "/ecomm/v2/payments/ordré-12345678/cancel", {"transaction": text}, status=400),
    ])
    assert "TRANSACTION_TEXT" not in script
    order = next(line for line in script.splitlines() if line.startswith("ORDER_ID_1="))
    assert script.index(order) < script.index('"${ORDER_ID_1}"')  # set before its first use
    assert script.count("Cancelled by the shop") == 2


def test_the_script_runs_in_bash_with_every_variable_set(tmp_path) -> None:
    odd = "it's \"odd\" $HOME `x` \\ !bang\nünï"
    script = script_of([
        exchange("POST", "/pos/v10/payments", {"orderId": "cc-123456789", "note": odd}, {"paymentId": "p-abcdef123"}),
        exchange("POST", "/pos/v10/payments/p-abcdef123/cancel", {"note": odd}),
    ])
    # A curl that writes down its arguments, one per line, and answers the create with a new payment id.
    fake_curl = tmp_path / "curl"
    fake_curl.write_text(f'#!/bin/sh\nfor a in "$@"; do printf "%s\\n" "$a"; done > {tmp_path}/args\n'
                         'printf \'{"paymentId": "p-fedcba987"}\'\n', "utf-8")
    fake_curl.chmod(0o755)
    done = subprocess.run(["bash", "-euo", "pipefail", "-c", script], capture_output=True, text=True,
                          env={"PATH": f"{tmp_path}:/usr/bin:/bin", "TOKEN": "t"}, timeout=30)
    assert done.returncode == 0, done.stderr
    last = (tmp_path / "args").read_text("utf-8")
    assert "http://127.0.0.1:9/pos/v10/payments/p-fedcba987/cancel" in last
    assert json.loads(last.split("--data-raw\n")[-1].strip())["note"] == odd


def test_no_script_for_a_failing_token_request_or_a_fuzzing_campaign() -> None:
    token = exchange("POST", TOKEN_PATH, status=503)
    assert script_of([exchange("GET", "/ecomm/v2/payments/x-12345678/details"), token]) is None
    many = [exchange("POST", "/pos/v10/payments", {"orderId": f"cc-{n:09d}"}, headers={"X-Request-Id": f"r-{n:09d}"})
            for n in range(1500)]
    started = time.monotonic()
    assert script_of(many) is None
    assert script_of(many[:MAX_STEPS]) is not None
    assert time.monotonic() - started < 5
