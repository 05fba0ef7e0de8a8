"""PDF reports: content read back with pypdf, text safety, fonts, layout, files and the CLI.

The demo report is built once per module (a full and a summary report of the demo
reassessment); tests that need other data build small reports of their own.
"""

from __future__ import annotations

import datetime as dt
import errno
import hashlib
import io
import json
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from sre_workshop import atomic
from sre_workshop.cli import main
from sre_workshop.demo import add_demo_data
from sre_workshop.model import (
    Answer,
    AreaRating,
    Framework,
    ParticipantGroup,
    QuickAnswer,
    Team,
)
from sre_workshop.report import (
    PRESETS,
    SECTION_TITLES,
    SECTIONS,
    ReportExistsError,
    WriteError,
    build_report,
    export_report,
    verify_report,
)
from sre_workshop.report.files import NAME_PART_BYTES, report_file_name, safe_name_part
from sre_workshop.report.text import chunks, clip, escape
from sre_workshop.scoring import compare_assessments, in_scope_areas
from sre_workshop.workflows import create_team, plan_assessment
from sre_workshop.workspace import Workspace, open_workspace

TODAY = dt.date(2026, 3, 10)
BASE_14 = {
    "Courier",
    "Courier-Bold",
    "Courier-Oblique",
    "Courier-BoldOblique",
    "Helvetica",
    "Helvetica-Bold",
    "Helvetica-Oblique",
    "Helvetica-BoldOblique",
    "Times-Roman",
    "Times-Bold",
    "Times-Italic",
    "Times-BoldItalic",
    "Symbol",
    "ZapfDingbats",
}
TRICKY = '<b>Tom & Jerry</b> <img src="x"> café, Zoë, Привет, Ελλάδα, 🚀 launch'


# --- helpers ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Pdf:
    data: bytes
    reader: PdfReader
    pages: list[str]

    @property
    def text(self) -> str:
        return flat("\n".join(self.pages))

    def outline_titles(self) -> list[Any]:
        def walk(items: list[Any]) -> list[Any]:
            result: list[Any] = []
            for item in items:
                if isinstance(item, list):
                    result.append(walk(item))
                else:
                    result.append(item.title)
            return result

        return walk(self.reader.outline)


def flat(text: str) -> str:
    """Whitespace collapsed, so text that wraps across lines still matches."""
    return " ".join(text.split())


def read_pdf(data: bytes) -> Pdf:
    assert data.startswith(b"%PDF-")
    reader = PdfReader(io.BytesIO(data))
    return Pdf(data, reader, [page.extract_text() for page in reader.pages])


def fonts_of(resources: Any, found: dict[str, Any]) -> None:
    """Every font in ``resources`` and in the form XObjects it uses, by name."""
    resources = resources.get_object()
    for font in (resources.get("/Font") or {}).values():
        font = font.get_object()
        found[str(font["/BaseFont"])] = font
    for xobject in (resources.get("/XObject") or {}).values():
        xobject = xobject.get_object()
        if xobject.get("/Subtype") == "/Form" and "/Resources" in xobject:
            fonts_of(xobject["/Resources"], found)


@dataclass
class Demo:
    workspace: Workspace
    team: Team
    original_id: str
    reassessment_id: str


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Demo]:
    workspace = open_workspace(tmp_path_factory.mktemp("demo-data"))
    team = add_demo_data(workspace, today=TODAY)
    assert team is not None
    original, reassessment = workspace.repository.list_assessments(team.id)
    yield Demo(workspace, team, original.id, reassessment.id)
    workspace.close()


@pytest.fixture(scope="module")
def full(demo: Demo) -> Pdf:
    return read_pdf(build_report(demo.workspace, demo.reassessment_id, today=TODAY))


@pytest.fixture(scope="module")
def summary(demo: Demo) -> Pdf:
    return read_pdf(
        build_report(demo.workspace, demo.reassessment_id, preset="summary", today=TODAY)
    )


@pytest.fixture
def workspace(isolated_data_dir: Path) -> Iterator[Workspace]:
    opened = open_workspace(isolated_data_dir)
    yield opened
    opened.close()


def small_assessment(
    workspace: Workspace, team_name: str = "Platform Team", areas: int = 2
) -> tuple[str, Framework]:
    """A team with one assessment of the first ``areas`` areas, one rated."""
    team = create_team(workspace, team_name)
    framework = workspace.frameworks.latest("sre-maturity")
    from sre_workshop.model import ScopeItem

    assessment = plan_assessment(
        workspace,
        team.id,
        date=dt.date(2026, 2, 3),
        coach="Ana Coach",
        participants=(ParticipantGroup("Development", 4, "Zoë, Ana"),),
        scope=tuple(ScopeItem(area.key, 10) for area in framework.areas[:areas]),
    )
    first = framework.areas[0]
    workspace.repository.save_rating(
        assessment.id, AreaRating(first.key, level=3, votes=(0, 1, 3, 0, 0))
    )
    return assessment.id, framework


def export_small(workspace: Workspace, assessment_id: str, **kwargs: Any) -> Any:
    return export_report(
        workspace, assessment_id, sections=("cover", "scores"), today=TODAY, **kwargs
    )


# --- content ------------------------------------------------------------------------------------


def test_full_report_holds_team_areas_levels_and_verdicts(demo: Demo, full: Pdf) -> None:
    repository = demo.workspace.repository
    record = repository.load_record(demo.reassessment_id)
    framework = demo.workspace.framework_for(record.assessment)
    compared = repository.load_record(demo.original_id)
    text = full.text
    assert demo.team.name in text
    rows = compare_assessments(record, framework, compared, framework)
    for area in in_scope_areas(record, framework):
        assert area.name in text
    for row in rows:
        if row.level is not None and row.compared_level is not None:
            now = f"{row.level} {framework.level(row.level).name}"
            then = f"{row.compared_level} {framework.level(row.compared_level).name}"
            assert f"{row.name} {now} {then}" in text
            assert f"{row.verdict.symbol} {row.verdict.label}" in text
    for word in ("progressing", "stagnating", "regressing", "not comparable"):
        assert word in text
    assert "n/a" in text  # regulatory compliance was not applicable then


def test_full_report_prints_hypotheses_actions_and_next_date(demo: Demo, full: Pdf) -> None:
    repository = demo.workspace.repository
    text = full.text
    for hypothesis in repository.list_hypotheses(team_id=demo.team.id):
        assert flat(hypothesis.sentence) in text
    assessment = repository.get_assessment(demo.reassessment_id)
    due = assessment.reassessment_due
    assert f"{due.day} {due:%B} {due.year}" in text
    assert "OVERDUE" in text
    for action in repository.list_actions(team_id=demo.team.id):
        assert flat(action.text) in text
    # Review history of a carried hypothesis, with the reviewing assessment's date.
    assert "validated." in text and "Review history" in text


def test_notes_are_in_the_full_report_and_not_in_the_summary(
    demo: Demo, full: Pdf, summary: Pdf
) -> None:
    record = demo.workspace.repository.load_record(demo.reassessment_id)
    notes = [answer.notes for answer in record.answers if len(answer.notes) > 60]
    assert len(notes) > 10
    for note in notes[:10]:
        fragment = flat(note)[:60]
        assert fragment in full.text
        assert fragment not in summary.text
    for marker in ("Questions and notes", "Answer: Partly", "Follow up"):
        assert marker in full.text
        assert marker not in summary.text
    # Names of participants only in the full report; rationale and votes in both.
    assert "Development: Zoë, José" in full.text
    assert "Development: Zoë, José" not in summary.text
    rationale = flat(record.ratings[0].rationale)[:60]
    assert rationale in full.text and rationale in summary.text
    assert "Stakeholder summary" in summary.text


def test_every_page_has_header_and_page_x_of_y(demo: Demo, full: Pdf, summary: Pdf) -> None:
    for pdf in (full, summary):
        count = len(pdf.pages)
        assert count > 10
        for number, page in enumerate(pdf.pages, start=1):
            assert f"Page {number} of {count}" in page
            assert demo.team.name in page
            if number > 1:
                assert "Assessment of 10 January 2026" in page


def test_bookmarks_for_every_section_and_area(demo: Demo, full: Pdf) -> None:
    titles = full.outline_titles()
    top = [title for title in titles if isinstance(title, str)]
    assert top == [SECTION_TITLES[section] for section in SECTIONS]
    nested = titles[top.index("Area details") + 1]
    record = demo.workspace.repository.load_record(demo.reassessment_id)
    framework = demo.workspace.framework_for(record.assessment)
    assert nested == [area.name for area in in_scope_areas(record, framework)]


def test_metadata(demo: Demo, full: Pdf) -> None:
    metadata = full.reader.metadata
    assert metadata is not None
    assert demo.team.name in str(metadata.title)
    assert metadata.author == "Mireille Okonkwo"
    assert "SRE maturity assessment" in str(metadata.subject)
    assert "original assessment" in str(metadata.subject)
    assert "SRE Workshop" in str(metadata.creator)


def test_fonts_are_embedded_and_no_base_14_font_is_used(full: Pdf) -> None:
    found: dict[str, Any] = {}
    for page in full.reader.pages:
        fonts_of(page["/Resources"], found)
    assert found
    for name, font in found.items():
        assert name.split("+")[-1].lstrip("/") not in BASE_14, name
        assert "DejaVuSans" in name
        descriptor = font["/FontDescriptor"].get_object()
        assert "/FontFile2" in descriptor, f"{name} is not embedded"


def test_charts_are_vector_drawings_with_their_labels_as_text(demo: Demo, full: Pdf) -> None:
    # No pixels: the radars are reportlab drawings, crisp at any zoom.
    for page in full.reader.pages[2:4]:
        assert not list(page.images)
    record = demo.workspace.repository.load_record(demo.reassessment_id)
    framework = demo.workspace.framework_for(record.assessment)
    culture, process = (flat(full.pages[index]) for index in (2, 3))
    for area in in_scope_areas(record, framework):
        page = culture if area.dimension.value == "culture" else process
        assert " ".join(area.chart_label.split()) in page, area.chart_label
    for text in (culture, process):
        assert "This assessment (" in text and "Original assessment (" in text  # the legend
        for level in framework.levels:
            assert f"{level.level} " in text  # the ring names
        assert "Measured" in text


# --- any text prints right ---------------------------------------------------------------------


def test_markup_accents_scripts_and_emoji_print_as_typed(workspace: Workspace) -> None:
    assessment_id, framework = small_assessment(workspace, team_name=f"Team {TRICKY}")
    question = framework.areas[0].flat_questions()[0].question
    workspace.repository.save_answer(
        assessment_id, Answer(question.key, f"Note: {TRICKY}\nsecond line", QuickAnswer.YES)
    )
    workspace.repository.save_rating(
        assessment_id,
        AreaRating(framework.areas[0].key, level=2, rationale=TRICKY, votes=(0, 2, 0, 0, 0)),
    )
    pdf = read_pdf(build_report(workspace, assessment_id, today=TODAY))
    text = pdf.text
    printable = TRICKY.replace("🚀", "[U+1F680]")
    assert f"Note: {printable}" in text
    assert printable in text  # the rationale, the cover title, the header
    assert "🚀" not in text
    assert "second line" in text
    for page in pdf.pages:  # the running header has it too (clipped to the width)
        assert "Team <b>Tom & Jerry</b>" in page


def test_escape_and_placeholders() -> None:
    assert escape("<b>a & b</b>") == "&lt;b&gt;a &amp; b&lt;/b&gt;"
    assert escape("a\r\nb\rc") == "a<br/>b<br/>c"
    assert "[U+1F680]" in escape("🚀")
    assert escape("e\U000e0100") == "e"  # a variation selector only picks a glyph variant
    assert "[U+0007]" in escape("bell\a")
    assert escape("Привет Ελλάδα café") == "Привет Ελλάδα café"


def test_chunks_split_long_text_and_long_words() -> None:
    text = ("word " * 1000).strip() + "\n\n" + "x" * 5000
    blocks = chunks(text, 1500)
    assert len(blocks) == 2
    assert all(len(chunk) <= 1500 for block in blocks for chunk in block)
    assert "".join(blocks[1]) == "x" * 5000
    assert " ".join(blocks[0]).split() == ["word"] * 1000
    assert clip("a" * 50, 10) == "a" * 9 + "…"


def test_a_100000_character_note_builds_and_splits_across_pages(workspace: Workspace) -> None:
    assessment_id, framework = small_assessment(workspace)
    question = framework.areas[0].flat_questions()[0].question
    words = " ".join(f"w{index}" for index in range(20_000))
    note = ("START " + words)[: 100_000 - 4] + " END"
    assert len(note) == 100_000
    workspace.repository.save_answer(assessment_id, Answer(question.key, note))
    pdf = read_pdf(build_report(workspace, assessment_id, sections=["areas"], today=TODAY))
    assert len(pdf.pages) > 15
    start = next(index for index, page in enumerate(pdf.pages) if "START w0" in page)
    end = next(index for index, page in enumerate(pdf.pages) if "END" in page)
    assert end > start + 10
    assert "w9998 w9999 w10000" in pdf.text


def test_every_area_not_applicable_builds(workspace: Workspace) -> None:
    team = create_team(workspace, "Nothing Applies")
    framework = workspace.frameworks.latest("sre-maturity")
    assessment = plan_assessment(workspace, team.id, date=dt.date(2026, 1, 5))
    for area in framework.areas:
        workspace.repository.save_rating(
            assessment.id,
            AreaRating(area.key, not_applicable=True, not_applicable_reason=f"No {area.name}"),
        )
    pdf = read_pdf(build_report(workspace, assessment.id, today=TODAY))
    text = pdf.text
    assert "Not applicable" in text
    for area in framework.areas:
        assert f"No {area.name}" in text
    assert "Nothing Applies" in text


def test_sections_can_be_switched_off(demo: Demo) -> None:
    chosen = ["cover", "scores", "next"]
    pdf = read_pdf(build_report(demo.workspace, demo.reassessment_id, sections=chosen))
    text = pdf.text
    for section in SECTIONS:
        if section in chosen or section == "cover":
            continue
        assert SECTION_TITLES[section] not in text, section
    assert SECTION_TITLES["scores"] in text and SECTION_TITLES["next"] in text
    assert pdf.outline_titles() == [SECTION_TITLES[section] for section in chosen]
    assert len(pdf.pages) <= 3


def test_unknown_preset_or_section_is_refused(demo: Demo) -> None:
    with pytest.raises(ValueError, match="preset"):
        build_report(demo.workspace, demo.reassessment_id, preset="glossy")
    with pytest.raises(ValueError, match="section"):
        build_report(demo.workspace, demo.reassessment_id, sections=["cover", "gossip"])
    with pytest.raises(ValueError, match="at least one"):
        build_report(demo.workspace, demo.reassessment_id, sections=[])
    assert set(PRESETS) == {"full", "summary"}


def test_a_report_compares_with_the_same_team_only(workspace: Workspace) -> None:
    first, _ = small_assessment(workspace, "Team A")
    other, _ = small_assessment(workspace, "Team B")
    with pytest.raises(ValueError, match="same team"):
        build_report(workspace, first, compare_id=other, sections=["cover"])


# --- files: naming, never overwriting, atomic, recorded, verified -------------------------------


@pytest.mark.parametrize(
    "name",
    ["../../etc/passwd", "CON", "a/b:c*?", "x" * 400, "🚀🚀", "..", "nul", 'q"<>|\\\t\x00end'],
)
def test_file_names_are_safe(name: str) -> None:
    part = safe_name_part(name)
    assert part and part not in {".", ".."}
    assert not set(part) & set('/\\:*?"<>|') and "\x00" not in part
    assert not any(ord(character) < 32 for character in part)
    assert len(part.encode("utf-8")) <= NAME_PART_BYTES
    assert part.upper() not in {"CON", "NUL", "PRN", "AUX"}
    assert not part.startswith(".")


def test_file_name_examples() -> None:
    day = dt.date(2026, 3, 10)
    assert report_file_name("Checkout & Payments", day, "full") == (
        "Checkout-Payments_2026-03-10_full.pdf"
    )
    assert report_file_name("Zoë's Café", day, "summary") == "Zoë-s-Café_2026-03-10_summary.pdf"
    assert report_file_name("CON", day, "full") == "CON__2026-03-10_full.pdf"
    assert report_file_name("🚀", day, "full") == "team_2026-03-10_full.pdf"


def test_export_stays_in_the_reports_folder_and_never_overwrites(workspace: Workspace) -> None:
    assessment_id, _ = small_assessment(workspace, team_name="../../etc/passwd")
    first = export_small(workspace, assessment_id)
    second = export_small(workspace, assessment_id)
    folder = workspace.reports_dir
    for record in (first, second):
        path = Path(record.path)
        assert path.parent == folder.absolute()
        assert path.is_file()
    assert Path(first.path).name == "etc-passwd_2026-02-03_full-custom.pdf"
    assert Path(second.path).name == "etc-passwd_2026-02-03_full-custom-2.pdf"
    recorded = {report.id: report.path for report in workspace.repository.list_reports()}
    assert recorded == {first.id: first.path, second.id: second.path}


def test_explicit_out_is_not_overwritten_unless_asked(workspace: Workspace, tmp_path: Path) -> None:
    assessment_id, _ = small_assessment(workspace)
    out = tmp_path / "mine.pdf"
    out.write_bytes(b"precious")
    with pytest.raises(ReportExistsError, match="already exists"):
        export_small(workspace, assessment_id, out=out)
    assert out.read_bytes() == b"precious"
    assert workspace.repository.list_reports() == ()
    record = export_small(workspace, assessment_id, out=out, overwrite=True)
    assert Path(record.path) == out and out.read_bytes().startswith(b"%PDF-")


def test_record_matches_the_file_and_verify_reports_changes(workspace: Workspace) -> None:
    assessment_id, _ = small_assessment(workspace)
    record = export_small(workspace, assessment_id, preset="summary")
    path = Path(record.path)
    assert hashlib.sha256(path.read_bytes()).hexdigest() == record.sha256
    assert workspace.repository.list_reports(assessment_id) == (record,)
    assert record.preset == "summary" and record.sections == ("cover", "scores")
    assert record.compared_id is None
    assert verify_report(record) == "ok"
    path.write_bytes(path.read_bytes() + b"%")
    assert verify_report(record) == "changed"
    path.unlink()
    assert verify_report(record) == "missing"


def test_demo_export_records_the_compared_assessment(demo: Demo, tmp_path: Path) -> None:
    record = export_report(
        demo.workspace,
        demo.reassessment_id,
        sections=["cover"],
        out=tmp_path / "cover.pdf",
    )
    assert record.compared_id == demo.original_id


@pytest.mark.parametrize("code", [errno.EROFS, errno.ENOSPC])
def test_a_failed_write_leaves_no_file_and_records_nothing(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch, code: int
) -> None:
    assessment_id, _ = small_assessment(workspace)
    folder = workspace.reports_dir

    def failing_fsync(descriptor: int) -> None:
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(atomic.os, "fsync", failing_fsync)
    with pytest.raises(WriteError) as caught:
        export_small(workspace, assessment_id)
    assert str(folder) in str(caught.value)
    assert "Nothing was written" in str(caught.value)
    assert list(folder.iterdir()) == []
    assert workspace.repository.list_reports() == ()


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root can write anywhere"
)
def test_a_read_only_folder_leaves_no_file_and_records_nothing(
    workspace: Workspace, tmp_path: Path
) -> None:
    assessment_id, _ = small_assessment(workspace)
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(WriteError, match="read-only"):
            export_small(workspace, assessment_id, out=folder / "report.pdf")
        assert list(folder.iterdir()) == []
    finally:
        folder.chmod(0o700)
    assert workspace.repository.list_reports() == ()


def test_a_reports_folder_that_cannot_be_made_is_a_clear_error(
    workspace: Workspace, tmp_path: Path
) -> None:
    assessment_id, _ = small_assessment(workspace)
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    settings = workspace.repository.load_settings()
    workspace.repository.save_settings(replace(settings, reports_folder=str(blocker / "reports")))
    with pytest.raises(WriteError, match="reports folder cannot be created") as caught:
        export_small(workspace, assessment_id)
    assert str(blocker / "reports") in str(caught.value)
    assert workspace.repository.list_reports() == ()


def test_a_failed_record_removes_the_new_file(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    assessment_id, _ = small_assessment(workspace)

    def broken(record: object) -> None:
        raise RuntimeError("database went away")

    monkeypatch.setattr(workspace.repository, "add_report", broken)
    with pytest.raises(RuntimeError):
        export_small(workspace, assessment_id)
    assert list(workspace.reports_dir.iterdir()) == []


# --- the command line ---------------------------------------------------------------------------


def run(*args: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    out = io.StringIO()
    code = main(list(args), out=out)
    return code, out.getvalue(), capsys.readouterr().err


def test_cli_report_end_to_end(
    isolated_data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run("demo", capsys=capsys)[0] == 0
    code, listing, _ = run("list", "--json", capsys=capsys)
    assert code == 0
    reassessment = json.loads(listing)["teams"][0]["assessments"][1]["id"]

    code, out, err = run("report", reassessment, capsys=capsys)
    assert code == 0, err
    full_path = Path(out.strip())
    assert full_path.is_file() and full_path.parent == isolated_data_dir / "reports"
    assert re.fullmatch(r"Checkout-Payments_\d{4}-\d{2}-\d{2}_full\.pdf", full_path.name)

    code, out, err = run("report", reassessment, "--preset", "summary", capsys=capsys)
    assert code == 0, err
    summary_path = Path(out.strip())
    assert summary_path.is_file() and summary_path.name.endswith("_summary.pdf")
    assert "Questions and notes" not in read_pdf(summary_path.read_bytes()).text

    target = tmp_path / "custom.pdf"
    code, out, err = run(
        "report", reassessment, "--sections", "cover,summary", "--out", str(target), capsys=capsys
    )
    assert code == 0, err
    assert Path(out.strip()) == target
    code, _, err = run("report", reassessment, "--out", str(target), capsys=capsys)
    assert code == 1 and err.startswith("error:") and "already exists" in err
    assert err.count("\n") == 1

    code, _, err = run("report", "0" * 8 + "-0000-4000-8000-" + "0" * 12, capsys=capsys)
    assert code == 1 and err.startswith("error:") and err.count("\n") == 1
    code, _, err = run("report", reassessment, "--sections", "cover,nope", capsys=capsys)
    assert code == 1 and "nope" in err
