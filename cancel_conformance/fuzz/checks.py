"""Which schemathesis check decides which contract rule (RULES.md, "Contract conformance, fuzzed").

Rules are numbered per contract: `CON_<API>_01` .. `_05`; this table is shared by every contract.
"""

from __future__ import annotations

NO_SERVER_ERROR = 1  # "No generated request, valid or invalid, gets a 5xx."
DOCUMENTED_RESPONSES = 2  # "Every response uses a documented status code, content type and body schema."
INVALID_REFUSED = 3  # "Invalid requests (schema-violating bodies, parameters, headers) are refused with a 4xx."
AUTH_REQUIRED = 4  # "Requests without valid authentication are refused with 401."
STATEFUL = 5  # "Stateful sequences following the contract's links ... keep every response within the contract."

RULE_OF_CHECK = {
    "not_a_server_error": NO_SERVER_ERROR,
    "status_code_conformance": DOCUMENTED_RESPONSES,
    "content_type_conformance": DOCUMENTED_RESPONSES,
    "response_schema_conformance": DOCUMENTED_RESPONSES,
    "response_headers_conformance": DOCUMENTED_RESPONSES,
    "negative_data_rejection": INVALID_REFUSED,
    "missing_required_header": INVALID_REFUSED,
    "ignored_auth": AUTH_REQUIRED,
    "use_after_free": STATEFUL,
    "ensure_resource_availability": STATEFUL,
}

# Checks no rule asks for: they judge what the documentation leaves open (valid data must be
# accepted, undeclared methods must answer 405 with an Allow header, per-object authorization,
# response times: off unless given a limit), so they stay off.
DISABLED_CHECKS = (
    "positive_data_acceptance",
    "unsupported_method",
    "allow_header_conformance",
    "object_level_authorization",
)

STATEFUL_PHASE = "stateful"


def rules_of(check: str, phase: str) -> set[int]:
    """The rule numbers a check's result counts for; anything seen in the stateful phase counts for 5 too."""
    rules = {RULE_OF_CHECK[check]} if check in RULE_OF_CHECK else set()
    if phase == STATEFUL_PHASE:
        rules.add(STATEFUL)
    return rules
