"""The bundle's manifest seals every file: verify names each one changed, added or removed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cancel_conformance.bundle import MANIFEST, manifest_intact, verify_bundle, write_bundle
from cancel_conformance.cli import main
from cancel_conformance.report.writer import manifest, render_outputs
from tests.report_samples import sample_run


@pytest.fixture
def bundle(tmp_path: Path) -> Path:
    run = sample_run()
    return write_bundle(tmp_path / "20260601T120000Z-not-conformant", render_outputs(run), manifest(run))


def flipped(data: bytes, position: int) -> bytes:
    return data[:position] + bytes([data[position] ^ 0x01]) + data[position + 1:]


def test_a_fresh_bundle_is_intact_and_lists_every_output(bundle: Path) -> None:
    verification = verify_bundle(bundle)
    assert verification.problems == []
    assert set(verification.manifest["files"]) == {"report.html", "results.json", "junit.xml", "cucumber.json",
                                                   "evidence.jsonl"}
    assert verification.manifest["verdict"] == "not conformant"
    assert verification.manifest["suite_files"] == {"features/pos_pay.feature": "0" * 64}


def test_any_changed_byte_of_the_manifest_is_detected(bundle: Path) -> None:
    data = (bundle / MANIFEST).read_bytes()
    assert manifest_intact(data)
    unnoticed = [n for n in range(len(data)) if manifest_intact(flipped(data, n))]
    assert unnoticed == []


@pytest.mark.parametrize("name", ["report.html", "results.json", "junit.xml", "cucumber.json", "evidence.jsonl",
                                  MANIFEST])
def test_a_changed_byte_anywhere_in_a_file_is_named(bundle: Path, name: str) -> None:
    path = bundle / name
    original = path.read_bytes()
    for position in (0, len(original) // 2, len(original) - 1):
        path.write_bytes(flipped(original, position))
        assert f"{name}: changed" in " ".join(verify_bundle(bundle).problems), position
    path.write_bytes(original)
    assert verify_bundle(bundle).intact


def test_added_and_removed_files_are_named(bundle: Path) -> None:
    (bundle / "junit.xml").unlink()
    (bundle / "notes.txt").write_text("added later", "utf-8")
    assert sorted(verify_bundle(bundle).problems) == ["junit.xml: removed", "notes.txt: added"]


def test_a_file_swapped_for_a_link_to_an_identical_copy_and_an_empty_folder_are_named(bundle: Path,
                                                                                   tmp_path: Path) -> None:
    copy = tmp_path / "copy.json"
    copy.write_bytes((bundle / "results.json").read_bytes())
    (bundle / "results.json").unlink()
    (bundle / "results.json").symlink_to(copy)
    (bundle / "extra").mkdir()
    problems = verify_bundle(bundle).problems
    assert "results.json: replaced by a symbolic link" in problems
    assert "extra/: added (a folder)" in problems


def test_a_new_bundle_never_overwrites_an_earlier_one(tmp_path: Path) -> None:
    run = sample_run()
    first = write_bundle(tmp_path / "same-second", render_outputs(run), manifest(run))
    second = write_bundle(tmp_path / "same-second", render_outputs(run), manifest(run))
    assert (first.name, second.name) == ("same-second", "same-second-2")


def test_verify_exits_0_when_intact_and_1_otherwise(bundle: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["verify", str(bundle)]) == 0
    assert "intact" in capsys.readouterr().out
    results = bundle / "results.json"
    data = json.loads(results.read_text("utf-8"))
    data["verdict"] = "conformant"
    results.write_text(json.dumps(data), "utf-8")
    assert main(["verify", str(bundle)]) == 1
    assert "results.json: changed" in capsys.readouterr().out


def test_verify_of_a_folder_without_a_manifest_fails(tmp_path: Path) -> None:
    assert main(["verify", str(tmp_path)]) == 1
    assert main(["verify", str(tmp_path / "absent")]) == 3
