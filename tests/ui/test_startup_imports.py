"""Start-up stays lean: showing the main window imports nothing it does not need yet.

Each of these cost start-up time a coach waits for (docs/performance.md): aiohttp (room voting's
server) 0.3 s, jsonschema 0.15 s plus 0.1 s of validating the built-in framework, matplotlib and
reportlab more still, segno and importlib.metadata some 80 ms together; the five pages other
than the library about 0.25 s to import and build; ``logging.handlers`` 15 ms, the damaged
database dialog and the assessment dialog some more. They are imported when first used.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

from sre_workshop.demo import add_demo_data
from sre_workshop.workspace import open_workspace

SLOW = ("aiohttp", "jsonschema", "matplotlib", "reportlab", "segno", "importlib.metadata")
#: Modules of the app itself that only a page or a dialog the coach opens later needs.
LATER = (
    "logging.handlers",
    "platformdirs",
    "ui.workshop.facilitation_view",
    "ui.results.results_view",
    "ui.results.history_view",
    "ui.plans.plans_view",
    "ui.reports.reports_view",
    "ui.reports.export_runner",
    "ui.library.assessment_dialog",
    "ui.library.reassess_dialog",
    "ui.dialogs.damaged_database_dialog",
    "ui.dialogs.settings_dialog",
    "ui.dialogs.about_dialog",
)

#: The real start (``ui.app.main``), stopped as soon as the window is shown.
SCRIPT = textwrap.dedent(
    """
    import sys
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication
    import ui.app

    watched = sys.argv[2:]
    shown = ui.app.AppController.show_window
    seen = []

    def show_and_stop(controller):
        window = shown(controller)
        QApplication.processEvents()
        seen.extend(name for name in watched if name in sys.modules)
        QTimer.singleShot(0, QApplication.quit)
        return window

    ui.app.AppController.show_window = show_and_stop
    code = ui.app.main(["sre-workshop", "--data-dir", sys.argv[1]])
    print(" ".join(seen))
    print("exit", code)
    """
)


def test_the_app_starts_without_the_slow_libraries_or_the_later_pages(tmp_path: Path) -> None:
    data = tmp_path / "data"
    workspace = open_workspace(data)
    try:
        add_demo_data(workspace)
    finally:
        workspace.close()
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(data), *SLOW, *LATER],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    imported, status = result.stdout.splitlines()[-2:]
    assert status == "exit 0"
    assert imported.split() == []
