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
# What "keep every response within the contract" means for a sequence: these checks, seen there.
WITHIN_CONTRACT = frozenset(check for check, rule in RULE_OF_CHECK.items() if rule == DOCUMENTED_RESPONSES)


def rules_of(check: str, phase: str, invalid_parameters: frozenset[str] = frozenset()) -> set[int]:
    """The rule numbers a check's result counts for; a response outside the contract in a sequence counts for 5 too.

    `invalid_parameters`: the (lower-case) names of the parameters a negative request violated.
    """
    rules = {RULE_OF_CHECK[check]} if check in RULE_OF_CHECK else set()
    if rules == {INVALID_REFUSED} and invalid_parameters == {"authorization"}:
        rules = {AUTH_REQUIRED}  # a request whose only fault is its token: "refused with 401" is CON_*_04's
    if phase == STATEFUL_PHASE and check in WITHIN_CONTRACT:
        rules.add(STATEFUL)
    return rules
