"""The installation self-test (`sre-workshop-cli self-test`): passes here, fails clearly."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest

from sre_workshop import cli, resources, selftest
from sre_workshop.selftest import (
    CORE_CHECKS,
    CheckFailed,
    SelfTestContext,
    Status,
    pdf_contains_text,
    run_self_test,
)
from sre_workshop.storage import connection


def run_cli(*args: str) -> tuple[int, str]:
    out = io.StringIO()
    code = cli.main(["self-test", *args], out=out)
    return code, out.getvalue()


def test_the_cli_self_test_passes_in_a_temporary_folder(isolated_data_dir: Path) -> None:
    code, output = run_cli()

    assert code == 0, output
    lines = output.splitlines()
    assert lines[0].startswith("SRE Workshop ") and "(source tree)" in lines[0]
    for name, _check in CORE_CHECKS:
        assert any(line.split()[:2] == ["ok", name] for line in lines), (name, output)
    assert lines[-1].startswith("self-test passed: 7 checks")
    # Neither the data folder nor its log folder was touched.
    assert not isolated_data_dir.exists()


def test_keep_leaves_the_report_and_charts_to_look_at() -> None:
    out = io.StringIO()
    report = run_self_test(out=out, keep=True)
    try:
        assert report.passed
        assert report.kept is not None
        assert sorted(path.name for path in report.kept.glob("*.png")) == [
            "history.png",
            "radar-culture.png",
            "radar-process.png",
        ]
        assert list((report.kept / "data" / "reports").glob("*.pdf"))
        assert f"kept in {report.kept}" in out.getvalue()
    finally:
        if report.kept is not None:
            shutil.rmtree(report.kept)


def test_without_keep_nothing_is_left_behind(monkeypatch: pytest.MonkeyPatch) -> None:
    roots: list[Path] = []

    def record(context: SelfTestContext) -> str:
        roots.append(context.root)
        (context.root / "file.txt").write_text("x")
        return "recorded"

    report = run_self_test(out=io.StringIO(), checks=[("record", record)])

    assert report.passed
    assert roots and not roots[0].exists()


def test_a_missing_resource_fails_with_its_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    broken = tmp_path / "resources"
    shutil.copytree(resources.resources_dir(), broken)
    (broken / "demo" / "demo-team.json").unlink()
    monkeypatch.setattr(resources, "resources_dir", lambda: broken)

    code, output = run_cli()

    assert code == 1
    assert f"FAIL  resources    missing in {broken}: demo/demo-team.json" in output
    # The demo cannot load either; what needs the demo is skipped, not failed twice.
    assert "FAIL  demo" in output and "demo-team.json" in output
    assert "skip  charts       needs the demo check" in output
    assert "skip  report       needs the demo check" in output
    assert output.splitlines()[-1].startswith("self-test FAILED: 5 of 7 checks did not pass")


def test_missing_migration_files_fail_the_resources_and_database_checks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(connection, "_MIGRATIONS_DIR", tmp_path / "no-migrations")

    code, output = run_cli()

    assert code == 1
    assert "no database migration files" in output
    assert "FAIL  database" in output


def test_a_report_without_the_expected_text_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(
        selftest, "pdf_contains_text", lambda data, needles: dict.fromkeys(needles, 0)
    )

    code, output = run_cli()

    assert code == 1
    assert "FAIL  report       the report's text lacks 'Checkout & Payments'" in output


def test_an_unexpected_error_is_one_line_and_later_checks_still_run() -> None:
    def broken(context: SelfTestContext) -> str:
        raise RuntimeError("disk on fire\nsecond line")

    def fine(context: SelfTestContext) -> str:
        return "fine"

    def failing(context: SelfTestContext) -> str:
        raise CheckFailed("told clearly")

    out = io.StringIO()
    report = run_self_test(
        checks=[("broken", broken), ("fine", fine), ("failing", failing)], out=out
    )

    assert [result.status for result in report.results] == [
        Status.FAILED,
        Status.PASSED,
        Status.FAILED,
    ]
    assert report.results[0].detail == "RuntimeError: disk on fire second line"
    assert report.results[2].detail == "told clearly"
    assert "self-test FAILED: 2 of 3 checks did not pass (broken, failing)" in out.getvalue()


def _reportlab_pdf(text: str) -> bytes:
    from reportlab.pdfgen.canvas import Canvas

    from sre_workshop.report.fonts import REGULAR, register_fonts

    register_fonts()
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pageCompression=1)
    canvas.setFont(REGULAR, 12)
    canvas.drawString(72, 720, text)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def test_pdf_text_check_reads_reportlab_compressed_pages() -> None:
    data = _reportlab_pdf("Team (Ops) & Dev \\ on call — Ελλάδα")

    found = pdf_contains_text(data, ["Team (Ops) & Dev \\ on call", "Ops", "Nowhere"])

    assert found == {"Team (Ops) & Dev \\ on call": 1, "Ops": 1, "Nowhere": 0}
    with pytest.raises(ValueError, match="only look for ASCII"):
        pdf_contains_text(data, ["Ελλάδα"])


def test_pdf_text_check_agrees_with_pypdf_on_the_demo_report() -> None:
    pypdf = pytest.importorskip("pypdf")
    report = run_self_test(out=io.StringIO(), keep=True)
    try:
        assert report.kept is not None
        pdf = next((report.kept / "data" / "reports").glob("*.pdf"))
        data = pdf.read_bytes()
        pages = [page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages]
        for needle in ("Checkout & Payments", "High cooperation", "Not a word in it"):
            in_pypdf = any(needle in page for page in pages)
            assert bool(pdf_contains_text(data, [needle])[needle]) == in_pypdf, needle
    finally:
        if report.kept is not None:
            shutil.rmtree(report.kept)
