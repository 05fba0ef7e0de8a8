"""The report's paragraphs break their lines once per width (``rl.WrapOnceParagraph``), and
short markup is parsed once (``rl.paragraph``).

Neither may change the layout: a report built with them is byte for byte the report built with
reportlab's own ``Paragraph.wrap`` and parser (in reportlab's invariant mode, which fixes the
dates and ids in the file), also when long notes split across pages.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator

import pytest
from pypdf import PdfReader
from reportlab import rl_config
from reportlab.platypus.paragraph import Paragraph

from sre_workshop.demo import add_demo_data
from sre_workshop.model import Answer
from sre_workshop.report import build_report, rl, styles
from sre_workshop.workspace import Workspace, open_workspace

TODAY = dt.date(2026, 3, 10)
LONG_NOTE = "\n".join(
    f"Line {index}: the on-call rotation was discussed again, with a runbook for each alert."
    for index in range(400)
)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Workspace, str]]:
    workspace = open_workspace(tmp_path_factory.mktemp("wrap-data"))
    team = add_demo_data(workspace, today=TODAY)
    assert team is not None
    reassessment = workspace.repository.list_assessments(team.id)[-1]
    # One very long note: its chunks split across several pages.
    question = workspace.framework_for(reassessment).areas[0].questions[0]
    workspace.repository.save_answer(reassessment.id, Answer(question.key, notes=LONG_NOTE))
    yield workspace, reassessment.id
    workspace.close()


def built(workspace: Workspace, assessment_id: str, preset: str) -> bytes:
    return build_report(workspace, assessment_id, preset=preset, today=TODAY)


@pytest.mark.parametrize("preset", ["full", "summary"])
def test_the_memo_gives_the_same_file_as_wrapping_every_time(
    demo: tuple[Workspace, str], preset: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    workspace, assessment_id = demo
    monkeypatch.setattr(rl_config, "invariant", 1)
    remembered = built(workspace, assessment_id, preset)
    with monkeypatch.context() as patch:
        patch.setattr(rl.WrapOnceParagraph, "wrap", Paragraph.wrap)
        every_time = built(workspace, assessment_id, preset)
    with monkeypatch.context() as patch:
        patch.setattr(rl, "SHARED_PARSE_LIMIT", -1)
        parsed_each_time = built(workspace, assessment_id, preset)
    assert remembered == every_time == parsed_each_time
    assert len(PdfReader(io.BytesIO(remembered)).pages) >= 20


def test_repeated_markup_gets_its_own_fragments() -> None:
    first, second = (rl.paragraph("<b>1</b> Ad hoc", styles.CELL) for _ in range(2))
    assert first.getPlainText() == second.getPlainText() == "1 Ad hoc"
    assert not {id(frag) for frag in first.frags} & {id(frag) for frag in second.frags}
    first.frags[0].text = "changed"
    assert rl.paragraph("<b>1</b> Ad hoc", styles.CELL).getPlainText() == "1 Ad hoc"
    # The same markup in another style is parsed in that style.
    other = rl.paragraph("<b>1</b> Ad hoc", styles.CELL_MUTED)
    assert other.style is styles.CELL_MUTED
    assert [frag.fontSize for frag in other.frags] == [styles.CELL_MUTED.fontSize] * 2
    long_markup = "word " * (rl.SHARED_PARSE_LIMIT // 5 + 1)
    assert rl.paragraph(long_markup, styles.BODY).getPlainText() == long_markup.strip()


def lines_of(paragraph: Paragraph) -> list[tuple[float, list[str]]]:
    """Each line's free space and words (frags compare by identity, so by their text)."""
    result = []
    for line in paragraph.blPara.lines:
        if isinstance(line, tuple):  # one style: (free space, words)
            result.append((line[0], list(line[1])))
        else:
            result.append((line.extraSpace, [word.text for word in line.words]))
    return result


def counting(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    widths: list[float] = []
    original = Paragraph.breakLines

    def breaking(self: Paragraph, width: list[float]) -> object:
        widths.append(width[-1])
        return original(self, width)  # type: ignore[no-untyped-call]

    monkeypatch.setattr(Paragraph, "breakLines", breaking)
    return widths


def test_lines_are_broken_once_per_width(monkeypatch: pytest.MonkeyPatch) -> None:
    widths = counting(monkeypatch)
    text = "word " * 200
    paragraph = rl.paragraph(text, styles.BODY)
    first = paragraph.wrap(300, 1000)
    assert paragraph.wrap(300, 50) == first  # the height offered does not matter
    assert widths == [300]
    narrower = paragraph.wrap(150, 1000)
    assert narrower[1] > first[1]
    assert paragraph.width == 150 and paragraph.height == narrower[1]
    assert paragraph.wrap(300, 1000) == first  # back to the first width: broken anew
    assert widths == [300, 150, 300]
    reference = Paragraph(text, styles.BODY)  # type: ignore[no-untyped-call]
    assert reference.wrap(300, 1000) == first  # type: ignore[no-untyped-call]
    assert lines_of(paragraph) == lines_of(reference)


def test_a_split_paragraph_lays_out_its_pieces_afresh(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "<b>Bold start.</b> " + "word " * 400
    paragraph = rl.paragraph(text, styles.BODY)
    reference = Paragraph(text, styles.BODY)  # type: ignore[no-untyped-call]
    for flowable in (paragraph, reference):
        flowable.wrap(300, 1000)
        flowable.wrap(300, 1000)
    pieces = paragraph.split(300, 200)
    expected = reference.split(300, 200)  # type: ignore[no-untyped-call]
    assert len(pieces) == len(expected) == 2
    assert all(isinstance(piece, rl.WrapOnceParagraph) for piece in pieces)
    for piece, other in zip(pieces, expected, strict=True):
        assert piece.wrap(300, 1000) == other.wrap(300, 1000)
    # A failed split (no room for two lines) forgets the lines; the next wrap still works.
    assert paragraph.split(300, 5) == []
    assert not hasattr(paragraph, "blPara")
    assert paragraph.wrap(300, 1000) == reference.wrap(300, 1000)  # type: ignore[no-untyped-call]
    assert lines_of(paragraph) == lines_of(reference)


def test_too_narrow_is_not_remembered() -> None:
    paragraph = rl.paragraph("text", styles.BODY)
    assert paragraph.wrap(0, 100) == (0, 0x7FFFFFFF)
    assert paragraph.wrap(200, 100)[1] == styles.BODY.leading
