"""`diff OLD NEW` names the rules whose outcome changed, from results.json files or their folders."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cancel_conformance.cli import main
from cancel_conformance.diff import diff_results
from cancel_conformance.report.results import to_json
from tests.report_samples import sample_run


def results(failed: str) -> dict:
    return to_json(sample_run(failed=failed))


def test_only_the_rules_whose_outcome_changed_are_named() -> None:
    changes = diff_results(results("POS_PAY_02"), results("POS_PAY_03"))
    assert [(c.rule, c.old, c.new, c.direction) for c in changes] == [
        ("POS_PAY_02", "failed", "passed", "better"), ("POS_PAY_03", "passed", "failed", "worse")]


def test_rules_that_did_not_run_or_are_new_are_named_as_such() -> None:
    old, new = results("POS_PAY_02"), results("POS_PAY_02")
    old["rules"] = [r for r in old["rules"] if r["id"] != "POS_PAY_04"]
    new["rules"][0]["scenarios"] = []
    changes = {c.rule: (c.old, c.new, c.direction) for c in diff_results(old, new)}
    assert changes == {"POS_PAY_01": ("passed", "not run", "worse"), "POS_PAY_04": ("absent", "passed", "added")}


def test_the_command_reads_files_and_folders_and_exits_1_on_a_change(tmp_path: Path,
                                                                       capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "old").mkdir()
    (tmp_path / "old" / "results.json").write_text(json.dumps(results("POS_PAY_02")), "utf-8")
    (tmp_path / "new.json").write_text(json.dumps(results("POS_PAY_03")), "utf-8")
    assert main(["diff", str(tmp_path / "old"), str(tmp_path / "new.json")]) == 1
    out = capsys.readouterr().out
    assert "worse   POS_PAY_03  passed -> failed" in out
    assert main(["diff", str(tmp_path / "new.json"), str(tmp_path / "new.json"), "--json"]) == 0
    same = json.loads(capsys.readouterr().out)
    assert (same["changes"], same["verdict_changed"], same["new"]["verdict"]) == ([], False, "not conformant")


def test_results_of_another_schema_version_are_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "new.json").write_text(json.dumps({**results("POS_PAY_03"), "schema": "cancel-conformance/results/2"}),
                                       "utf-8")
    (tmp_path / "old.json").write_text(json.dumps(results("POS_PAY_02")), "utf-8")
    assert main(["diff", str(tmp_path / "old.json"), str(tmp_path / "new.json")]) == 3


def test_something_that_is_not_a_result_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "x.json").write_text("[]", "utf-8")
    assert main(["diff", str(tmp_path / "x.json"), str(tmp_path / "absent")]) == 3
