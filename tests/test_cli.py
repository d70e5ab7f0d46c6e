"""The command line: the catalogue, usage errors with their exit code, the faults table."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cancel_conformance import exit_codes
from cancel_conformance.cli import main
from cancel_conformance.reference.faults import FAULTS
from cancel_conformance.rules import catalogue
from tests.suite_run import run_suite


def test_rules_lists_the_catalogue_as_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules", "--json"]) == exit_codes.CONFORMANT
    listed = json.loads(capsys.readouterr().out)
    assert [entry["id"] for entry in listed] == [rule.id for rule in catalogue().rules]
    assert {"id", "level", "title", "source", "family", "api"} <= set(listed[0])


def test_faults_lists_every_fault_with_its_rules(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["faults"]) == exit_codes.CONFORMANT
    out = capsys.readouterr().out
    for fault in FAULTS.values():
        assert fault.name in out


def test_an_unknown_fault_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["run", "--fault", "no-such-fault"]) == exit_codes.USAGE
    assert "unknown fault no-such-fault" in capsys.readouterr().err


def test_a_missing_target_file_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["run", "--target-file", str(tmp_path / "absent.toml")]) == exit_codes.USAGE
    assert "does not exist" in capsys.readouterr().err


def test_a_target_file_naming_an_unset_variable_is_a_usage_error(tmp_path: Path,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "t.toml"
    target.write_text('[api."pos.v10"]\nbase_url = "http://127.0.0.1:9"\n[api."pos.v10".integrator]\n'
                      'client_id_env = "CC_TEST_UNSET_ID"\nclient_secret_env = "CC_TEST_UNSET_SECRET"\n', "utf-8")
    assert main(["run", "--target-file", str(target)]) == exit_codes.USAGE
    assert "CC_TEST_UNSET_ID is not set" in capsys.readouterr().err


def test_faults_only_apply_to_the_embedded_reference(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("CC_TEST_ID", "id")
    monkeypatch.setenv("CC_TEST_SECRET", "secret")
    target = tmp_path / "t.toml"
    target.write_text('[api."pos.v10"]\nbase_url = "http://127.0.0.1:9"\n[api."pos.v10".integrator]\n'
                      'client_id_env = "CC_TEST_ID"\nclient_secret_env = "CC_TEST_SECRET"\n', "utf-8")
    assert main(["run", "--target-file", str(target), "--fault", "cancel-captured-payment"]) == exit_codes.USAGE
    assert "embedded reference only" in capsys.readouterr().err


def test_a_run_that_selects_nothing_leaves_no_earlier_output_behind(tmp_path: Path) -> None:
    reports = tmp_path / "reports"
    reports.mkdir()
    earlier = ("results.json", "junit.xml", "report.html", "cucumber.json", "evidence.jsonl")
    for name in earlier:
        (reports / name).write_text("from an earlier run", "utf-8")
    run = run_suite(reports, "--", "-k", "no_scenario_is_called_this")
    assert run.exit_code == exit_codes.NOT_JUDGED, run.output
    assert "no scenario ran" in run.output
    assert not [name for name in earlier if (reports / name).exists()]
