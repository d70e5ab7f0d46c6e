"""A baseline of known failures moves the exit code, never the verdict, and only until it expires."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

import pytest

from cancel_conformance import exit_codes
from cancel_conformance.baseline import Baseline, KnownFailure, load_baseline
from cancel_conformance.report.junit import render_junit
from cancel_conformance.report.results import to_json
from cancel_conformance.report.summary import render_summary
from cancel_conformance.target import ConfigError
from tests.report_samples import sample_run
from tests.suite_run import run_suite

# The sample run starts on 2026-06-01.
VALID = date(2026, 6, 1)
EXPIRED = date(2026, 5, 31)


def baseline(*entries: tuple[str, date]) -> Baseline:
    return Baseline("known.toml", tuple(KnownFailure(rule, "tracked as ACME-1", day) for rule, day in entries))


def test_an_accepted_failure_passes_the_gate_but_not_the_verdict() -> None:
    run = sample_run(baseline=baseline(("POS_PAY_02", VALID)))
    assert run.exit_code == exit_codes.CONFORMANT
    assert run.verdict == "not conformant"
    assert to_json(run)["baseline"]["accepted"][0] == {"rule": "POS_PAY_02", "reason": "tracked as ACME-1",
                                                       "expires": "2026-06-01", "outcome": "failed"}


def test_a_failure_the_baseline_does_not_name_still_fails_the_run() -> None:
    run = sample_run(baseline=baseline(("POS_PAY_03", VALID)))
    assert run.exit_code == exit_codes.MUST_FAILED
    assert [entry.rule for entry, _ in run.baseline.unused] == ["POS_PAY_03"]


def test_an_expired_entry_accepts_nothing() -> None:
    run = sample_run(baseline=baseline(("POS_PAY_02", EXPIRED)))
    assert run.exit_code == exit_codes.MUST_FAILED


def test_an_expired_entry_fails_the_run_even_when_its_rule_now_passes() -> None:
    run = sample_run(baseline=baseline(("POS_PAY_02", VALID), ("POS_PAY_03", EXPIRED)))
    assert run.exit_code == exit_codes.BASELINE_EXPIRED


def test_the_summary_and_junit_say_which_failures_the_baseline_accepted(tmp_path: Path) -> None:
    run = sample_run(baseline=baseline(("POS_PAY_02", VALID)))
    summary = "\n".join(render_summary(run, tmp_path))
    assert "accepted POS_PAY_02 (failed) until 2026-06-01: tracked as ACME-1" in summary
    assert "[accepted by the baseline]" in summary
    assert "exit code 0: every MUST rule passed or failed as the baseline accepts" in summary
    junit = ET.fromstring(render_junit(run))
    assert junit.get("failures") == "0"
    skipped = [node.get("message") for node in junit.iter("skipped")]
    assert any("accepted by the baseline until 2026-06-01" in message for message in skipped)


def test_junit_fails_an_expired_entry_and_notes_one_no_longer_needed() -> None:
    run = sample_run(baseline=baseline(("POS_PAY_02", VALID), ("POS_PAY_03", EXPIRED), ("POS_PAY_04", VALID)))
    junit = ET.fromstring(render_junit(run))
    suite = next(node for node in junit.iter("testsuite") if node.get("name") == "baseline: known.toml")
    assert suite.get("failures") == "1"
    assert junit.get("failures") == "1"  # the CI's test tab is red, as the exit code 5 says
    failure = suite.find("testcase[@name='POS_PAY_03 baseline entry']/failure")
    assert failure.get("message") == "expired on 2026-05-31: renew or remove it"
    note = suite.find("testcase[@name='POS_PAY_04 baseline entry']/system-out")
    assert note.text.startswith("no longer needed: the rule passed")


def test_toml_and_json_baselines_read_the_same(tmp_path: Path) -> None:
    toml = tmp_path / "known.toml"
    toml.write_text('[[known_failures]]\nrule = "POS_PAY_02"\nreason = "ACME-1"\nexpires = 2026-12-31\n', "utf-8")
    as_json = tmp_path / "known.json"
    as_json.write_text(json.dumps({"known_failures": [{"rule": "POS_PAY_02", "reason": "ACME-1",
                                                       "expires": "2026-12-31"}]}), "utf-8")
    assert load_baseline(toml).entries == load_baseline(as_json).entries == (
        KnownFailure("POS_PAY_02", "ACME-1", date(2026, 12, 31)),)


@pytest.mark.parametrize(("entry", "message"), [
    ('rule = "NO_SUCH_01"\nreason = "x"\nexpires = 2026-12-31', "not a rule of the catalogue"),
    ('rule = "POS_PAY_02"\nreason = ""\nexpires = 2026-12-31', "needs a reason"),
    ('rule = "POS_PAY_02"\nreason = "x"', "missing expires"),
    ('rule = "POS_PAY_02"\nreason = "x"\nexpires = "soon"', "must be a date"),
    ('rule = "POS_PAY_02"\nreason = "x"\nexpires = "20261231"', "must be a date written YYYY-MM-DD"),
    ('rule = "POS_PAY_02"\nreason = "x"\nexpires = "2026-W53-1"', "must be a date written YYYY-MM-DD"),
    ('rule = "POS_PAY_02"\nreason = "x"\nexpires = 20261231', "must be a date written YYYY-MM-DD"),
    ('rule = "POS_PAY_02"\nreason = "x"\nexpires = 2026-12-31T23:00:00+02:00', "must be a date written"),
    ('rule = "POS_PAY_02"\nreason = "x"\nexpires = "2026-02-30"', "must be a date written YYYY-MM-DD"),
    ('rule = "POS_PAY_02"\nreason = "x"\nexpiry = 2026-12-31', "unknown field(s) expiry"),
])
def test_an_unusable_baseline_is_a_usage_error(tmp_path: Path, entry: str, message: str) -> None:
    path = tmp_path / "known.toml"
    path.write_text(f"[[known_failures]]\n{entry}\n", "utf-8")
    with pytest.raises(ConfigError, match=re.escape(message)):
        load_baseline(path)


def test_a_rule_listed_twice_is_a_usage_error(tmp_path: Path) -> None:
    path = tmp_path / "known.toml"
    entry = '[[known_failures]]\nrule = "POS_PAY_02"\nreason = "x"\nexpires = 2026-12-31\n'
    path.write_text(entry * 2, "utf-8")
    with pytest.raises(ConfigError, match="listed twice"):
        load_baseline(path)


@pytest.mark.parametrize(("expires", "exit_code"), [("2999-12-31", exit_codes.CONFORMANT),
                                                    ("2000-01-01", exit_codes.MUST_FAILED)])
def test_a_run_with_a_baseline_passes_the_gate_only_while_the_entry_holds(tmp_path: Path, expires: str,
                                                                         exit_code: int) -> None:
    known = tmp_path / "known.toml"
    known.write_text(f'[[known_failures]]\nrule = "POS_PAY_08"\nreason = "ACME-7"\nexpires = {expires}\n', "utf-8")
    run = run_suite(tmp_path / "reports", "--fault=unknown-payment-cancel-answers-409", f"--baseline={known}",
                    "--", "-m", "POS_PAY_08")
    assert run.exit_code == exit_code, run.output[-3000:]
    assert run.outcomes() == {"POS_PAY_08": "failed"}
    assert run.results["verdict"] == "not conformant"
    assert ("accepted POS_PAY_08 (failed)" in run.output) is (exit_code == exit_codes.CONFORMANT)
