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

# CON_*_03: "Invalid requests ... are refused with a 4xx". Schemathesis's own defaults accept a 5xx
# (and, for a missing header, only some 4xx): a 5xx answer to an invalid request fails _03 as well as _01.
REFUSAL_STATUSES = ("4xx",)
REFUSAL_CHECKS = ("negative_data_rejection", "missing_required_header")

# Checks no rule asks for: they judge what the documentation leaves open (valid data must be
# accepted, undeclared methods must answer 405 with an Allow header, per-object authorization,
# response times: off unless given a limit), so they stay off.
DISABLED_CHECKS = (
    "positive_data_acceptance",
    "unsupported_method",
    "allow_header_conformance",
    "object_level_authorization",
)


def rules_of(check: str, invalid_parameters: frozenset[str] = frozenset(),
             credential_headers: frozenset[str] = frozenset({"authorization"})) -> set[int]:
    """The rule numbers a check's result counts for.

    Schemathesis's stateful phase may swap a link's value for a random one, so a response outside the
    contract seen there counts under _02 (every response) only; _05 is judged by use-after-free,
    resource availability and the deterministic link walk, where every value comes from its link.

    `invalid_parameters`: the (lower-case) names of the parameters a negative request violated;
    `credential_headers`: the (lower-case) headers that carry the contract's credentials.
    """
    rules = {RULE_OF_CHECK[check]} if check in RULE_OF_CHECK else set()
    if rules == {INVALID_REFUSED} and invalid_parameters and invalid_parameters <= credential_headers:
        rules = {AUTH_REQUIRED}  # a request whose only fault is a credential: "refused with 401" is CON_*_04's
    return rules
