"""`run --certify` against the reference and a faulty reference: sealed bundles that leak no secret."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from markupsafe import escape

from cancel_conformance.bundle import MANIFEST, verify_bundle
from cancel_conformance.cli import main
from cancel_conformance.embedded import EmbeddedReference
from tests.suite_run import SuiteRun, run_suite

OUTPUTS = {"report.html", "results.json", "junit.xml", "cucumber.json", "evidence.jsonl", MANIFEST}
# A PoS rule broken by a plain request, and one found by contract fuzzing (with findings to show).
FAULTS = ("unknown-payment-cancel-answers-409", "stores-without-auth")
FAILED = {"POS_PAY_08", "CON_POS_04"}


@pytest.fixture(scope="module")
def secrets() -> Iterator[set[str]]:
    """The configured secret values of the embedded reference: its demo clients' secrets and keys."""
    reference = EmbeddedReference()
    try:
        yield reference.start().secrets()
    finally:
        reference.stop()


@pytest.fixture(scope="module")
def clean(tmp_path_factory: pytest.TempPathFactory) -> SuiteRun:
    return run_suite(tmp_path_factory.mktemp("clean"), "--certify")


@pytest.fixture(scope="module")
def faulty(tmp_path_factory: pytest.TempPathFactory) -> SuiteRun:
    return run_suite(tmp_path_factory.mktemp("faulty"), "--certify", *(f"--fault={f}" for f in FAULTS))


def bundle_of(run: SuiteRun) -> Path:
    folders = [path for path in run.report_dir.iterdir() if path.is_dir()]
    assert len(folders) == 1, run.output[-3000:]
    return folders[0]


@pytest.mark.parametrize("which", ["clean", "faulty"])
def test_each_run_writes_one_intact_bundle_named_after_its_verdict(which: str, request) -> None:
    run: SuiteRun = request.getfixturevalue(which)
    bundle = bundle_of(run)
    assert bundle.name.endswith(f"-{run.results['verdict'].replace(' ', '-')}")
    assert {path.name for path in bundle.iterdir()} == OUTPUTS
    verification = verify_bundle(bundle)
    assert verification.problems == []
    assert verification.manifest["verdict"] == run.results["verdict"]
    assert verification.manifest["suite_files"] == run.results["hashes"]
    assert any(path.startswith("contracts/") for path in run.results["hashes"])
    assert main(["verify", str(bundle)]) == 0


@pytest.mark.parametrize("which", ["clean", "faulty"])
def test_verify_fails_after_any_byte_of_any_file_changes(which: str, request) -> None:
    bundle = bundle_of(request.getfixturevalue(which))
    for path in sorted(bundle.iterdir()):
        original = path.read_bytes()
        for position in (0, len(original) // 3, len(original) - 1):
            path.write_bytes(original[:position] + bytes([original[position] ^ 0x20]) + original[position + 1:])
            problems = verify_bundle(bundle).problems
            assert f"{path.name}: changed" in " ".join(problems), (path.name, position)
            assert main(["verify", str(bundle)]) == 1
        path.write_bytes(original)
    assert verify_bundle(bundle).intact


@pytest.mark.parametrize("which", ["clean", "faulty"])
def test_no_configured_secret_appears_in_any_file_the_run_wrote(which: str, request, secrets: set[str]) -> None:
    run: SuiteRun = request.getfixturevalue(which)
    assert secrets
    files = [path for path in run.report_dir.rglob("*") if path.is_file()]
    assert len(files) == 2 * len(OUTPUTS) - 1  # the outputs, and the bundle with its manifest
    leaks = [(path.name, secret) for path in files for secret in secrets if secret.encode() in path.read_bytes()]
    assert leaks == []


def test_the_faulty_run_fails_exactly_the_broken_rules(faulty: SuiteRun, clean: SuiteRun) -> None:
    assert faulty.exit_code == 1, faulty.output[-3000:]
    assert {rule for rule, outcome in faulty.outcomes().items() if outcome != "passed"} == FAILED
    assert main(["diff", str(bundle_of(clean)), str(bundle_of(faulty))]) == 1


def test_each_failed_rule_shows_its_reason_its_exchanges_and_a_curl(faulty: SuiteRun) -> None:
    page = (bundle_of(faulty) / "report.html").read_text("utf-8")
    for rule in faulty.results["rules"]:
        if rule["id"] not in FAILED:
            continue
        start = page.index(f'<section id="{rule["id"]}"')
        section = page[start:page.index("</section>", start)]
        assert str(escape(rule["reason"])) in section
        assert 'class="exchange' in section
        curl = re.search(rf'<pre class="curl" data-rule="{rule["id"]}"[^>]*>(.*?)</pre>', section, re.S)
        assert curl, rule["id"]
        assert html.unescape(curl[1]).startswith("curl "), rule["id"]
