"""Write the README's screenshots to docs/screenshots/ from the demo data (offscreen grabs).

Run with ``make screenshots``. Uses a temporary data folder, so the coach's own data is never
touched. The window sizes match a common laptop (1366x768) and a projector (1920x1080).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QWidget

from sre_workshop.demo import add_demo_data
from sre_workshop.workspace import open_workspace
from ui.app import create_application

OUT = Path(__file__).resolve().parent.parent / "docs" / "screenshots"
LAPTOP = (1366, 768)
PROJECTOR = (1920, 1080)


def settle(app: QApplication, rounds: int = 20) -> None:
    """Process events, long enough for debounced work (a radar redrawn after a resize)."""
    for _ in range(rounds):
        app.processEvents()
        time.sleep(0.02)


def grab(app: QApplication, widget: QWidget, name: str, size: tuple[int, int]) -> None:
    widget.resize(*size)
    widget.show()
    settle(app)
    path = OUT / name
    if not widget.grab().save(str(path)):
        raise SystemExit(f"could not write {path}")
    print(path)


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    app = create_application(sys.argv[:1])
    with tempfile.TemporaryDirectory() as folder:
        workspace = open_workspace(Path(folder) / "data")
        team = add_demo_data(workspace)
        assert team is not None
        original, reassessment = workspace.repository.list_assessments(team.id)

        from ui.main_window import MainWindow

        settings = QSettings(str(Path(folder) / "ui.ini"), QSettings.Format.IniFormat)
        window = MainWindow(workspace, settings)
        window._first_start_checked = True  # the demo is loaded; no welcome dialog
        window.library.reload()
        window.library.select_assessment(reassessment.id)
        grab(app, window, "library.png", LAPTOP)

        window.on_library_workshop_requested(reassessment.id)
        settle(app)
        grab(app, window, "facilitation.png", LAPTOP)

        window.workshop.presenter_action.trigger()
        settle(app)
        presenter = window.workshop.presenter
        assert presenter is not None
        grab(app, presenter, "presenter.png", PROJECTOR)
        window.workshop.close_presenter()

        window.show_results()
        grab(app, window, "results-comparison.png", PROJECTOR)
        window.show_history()
        grab(app, window, "history.png", LAPTOP)
        window.show_plans()
        grab(app, window, "hypotheses.png", LAPTOP)

        window.close()
        report_pages(workspace, reassessment.id, Path(folder))
        workspace.close()
        del original
    return 0


def report_pages(workspace: object, assessment_id: str, folder: Path) -> None:
    """The PDF's summary page and an area page as PNG (needs pdftoppm from poppler-utils)."""
    from pypdf import PdfReader

    from sre_workshop.report import export_report

    if shutil.which("pdftoppm") is None:
        print("pdftoppm not found: skipping the report pages (apt-get install poppler-utils)")
        return
    record = export_report(workspace, assessment_id, out=folder / "report.pdf")  # type: ignore[arg-type]
    pages = [page.extract_text() or "" for page in PdfReader(record.path).pages]
    wanted = {
        "report-summary": next(i for i, text in enumerate(pages) if "Summary" in text[:200]),
        "report-area": next(
            i
            for i, text in enumerate(pages)
            if "On-call process" in text and "Questions and notes" in text
        ),
    }
    for name, index in wanted.items():
        target = OUT / name
        subprocess.run(
            [
                "pdftoppm",
                "-r",
                "90",
                "-png",
                "-singlefile",
                "-f",
                str(index + 1),
                "-l",
                str(index + 1),
                record.path,
                str(target),
            ],
            check=True,
        )
        print(f"{target}.png")


if __name__ == "__main__":
    raise SystemExit(main())
