"""``sre-workshop --self-test``: the core self-test plus the desktop app's own checks, headless.

The checks of :mod:`sre_workshop.selftest` (resources, frameworks, database, demo, charts, PDF
report, bundle) run first, in a temporary data folder. Then, on the same demo data:

* **qt**: the Qt platform plugin this system needs is in the installation (a frozen build that
  lost it would start nowhere), the application id and the window icon are set;
* **chart canvas**: a radar chart draws through matplotlib's Qt canvas, as in the workshop;
* **main window**: the whole main window is built on the demo data, with the reassessment's
  results open, and rendered into an image with ``grab()``; it is never shown.

Nothing appears on screen: the offscreen platform is chosen unless ``QT_QPA_PLATFORM`` says
otherwise, and the window is only rendered, not shown. The window-layout settings go to the
temporary folder too. Output goes to standard output; a windowed Windows build has none, so
there it goes to ``sre-workshop-self-test.txt`` in the temporary folder of the system.
"""

from __future__ import annotations

import os
import sys
import tempfile
from contextlib import ExitStack
from pathlib import Path
from typing import TextIO

from sre_workshop.selftest import Check, CheckFailed, SelfTestContext, run_self_test

#: The platform plugin each system's desktop needs (file name without the suffix).
PLATFORM_PLUGINS = {"linux": "libqxcb", "win32": "qwindows", "darwin": "libqcocoa"}
#: Where a windowed build without a console writes the self-test's output.
OUTPUT_FILE_NAME = "sre-workshop-self-test.txt"


def _application() -> object:
    from PySide6.QtWidgets import QApplication

    from ui.app import create_application

    app = QApplication.instance()
    return app if app is not None else create_application([sys.argv[0] if sys.argv else "x"])


def check_qt(context: SelfTestContext) -> str:
    from PySide6 import __version__ as pyside_version
    from PySide6.QtCore import QLibraryInfo, qVersion
    from PySide6.QtGui import QGuiApplication

    from ui.app import APP_ID

    _application()
    if QGuiApplication.desktopFileName() != APP_ID:
        raise CheckFailed(f"the desktop file name is {QGuiApplication.desktopFileName()!r}")
    icon = QGuiApplication.windowIcon()
    if icon.isNull() or not icon.availableSizes():
        raise CheckFailed("the application icon could not be loaded from resources/icons/")
    plugins = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath)) / "platforms"
    needed = PLATFORM_PLUGINS.get(sys.platform)
    found = sorted(path.stem for path in plugins.glob("*")) if plugins.is_dir() else []
    if needed is not None and needed not in found:
        raise CheckFailed(f"the Qt platform plugin {needed} is missing from {plugins}")
    return (
        f"Qt {qVersion()} (PySide6 {pyside_version}) on the {QGuiApplication.platformName()} "
        f"platform; {needed or 'platform'} plugin present; icon in "
        f"{len(icon.availableSizes())} sizes"
    )


def check_chart_canvas(context: SelfTestContext) -> str:
    from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg

    from sre_workshop.charts import radar_figure, radar_points
    from sre_workshop.model import Dimension

    workspace, _team, ids = context.require_demo()
    record = workspace.repository.load_record(ids[-1])
    figure = radar_figure(
        radar_points(record, workspace.framework_for(record.assessment), Dimension.PROCESS)
    )
    canvas = FigureCanvasQTAgg(figure)
    try:
        canvas.resize(480, 400)
        canvas.draw()
        image = canvas.grab().toImage()
    finally:
        canvas.deleteLater()
    if image.isNull() or image.width() < 100:
        raise CheckFailed("the radar chart did not draw on matplotlib's Qt canvas")
    return f"radar chart drawn on matplotlib's Qt canvas ({image.width()}x{image.height()})"


def check_main_window(context: SelfTestContext) -> str:
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtGui import QImage

    from ui.main_window import MainWindow
    from ui.ui_state import ui_settings
    from ui.workers import wait_for_background_work

    workspace, _team, ids = context.require_demo()
    _application()
    window = MainWindow(workspace, ui_settings(context.root))
    try:
        window.results.show_assessment(ids[-1])
        window.stack.setCurrentWidget(window.results)
        window.resize(1280, 800)
        QCoreApplication.processEvents()
        image: QImage = window.grab().toImage()
        if window.isVisible():
            raise CheckFailed("the main window became visible during the self-test")
    finally:
        wait_for_background_work()
        window.close()
        window.deleteLater()
        QCoreApplication.processEvents()
    if image.isNull() or image.width() < 640 or image.height() < 400:
        raise CheckFailed(f"the main window rendered as a {image.width()}x{image.height()} image")
    colours = {image.pixel(x, y) for x in range(0, image.width(), 37) for y in range(0, 400, 23)}
    if len(colours) < 3:
        raise CheckFailed("the main window rendered as a blank image")
    path = context.root / "main-window.png"
    image.save(str(path))
    context.artifacts["main window"] = path
    return f"main window built on the demo data and rendered ({image.width()}x{image.height()})"


GUI_CHECKS: tuple[Check, ...] = (
    ("qt", check_qt),
    ("chart canvas", check_chart_canvas),
    ("main window", check_main_window),
)


def run(*, keep: bool = False, out: TextIO | None = None) -> int:
    """Run the core and the Qt checks; 0 when all passed, else 1."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    with ExitStack() as stack:
        if out is None:
            out = sys.stdout
        if out is None:  # a windowed build on Windows has no console to print to
            target = Path(tempfile.gettempdir()) / OUTPUT_FILE_NAME
            out = stack.enter_context(target.open("w", encoding="utf-8"))
        report = run_self_test(GUI_CHECKS, out=out, keep=keep)
    return 0 if report.passed else 1
