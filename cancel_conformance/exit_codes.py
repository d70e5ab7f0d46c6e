"""The exit codes of `cancel-conformance`, one meaning each (`verify` and `diff` use 1 for a difference)."""

from __future__ import annotations

CONFORMANT = 0  # every MUST rule that ran passed
MUST_FAILED = 1  # at least one MUST rule failed
NOT_JUDGED = 2  # no MUST rule failed, but at least one could not be judged (error or not verified)
USAGE = 3  # the command line or the target file cannot be used
SECRET_LEAK = 4  # a configured secret value was found in something the run wrote: fail closed
BASELINE_EXPIRED = 5  # with --baseline: no unaccepted MUST failure, but an entry of the baseline has expired
INTERRUPTED = 130  # `run`: stopped by SIGINT (Ctrl-C) before its end; the reports hold what was judged (128 + 2)
TERMINATED = 143  # `run`: stopped by SIGTERM (a CI job cancelled or timed out), likewise (128 + 15)
CLOSED_PIPE = 141  # any command: its output went into a pipe whose reader had gone (128 + SIGPIPE, as a shell says)

MEANINGS = {
    CONFORMANT: "every MUST rule passed",
    MUST_FAILED: "a MUST rule failed",
    NOT_JUDGED: "the target could not be judged on every MUST rule",
    USAGE: "the command line or the target file cannot be used",
    SECRET_LEAK: "a configured secret value was found in the run's output",
    BASELINE_EXPIRED: "an entry of the baseline has expired",
    INTERRUPTED: "the run was interrupted by SIGINT",
    TERMINATED: "the run was interrupted by SIGTERM",
    CLOSED_PIPE: "the output went into a closed pipe",
}
