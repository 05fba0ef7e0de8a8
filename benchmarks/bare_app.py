"""The bare PySide6 program SRE Workshop's start-up and memory are compared with.

A ``QMainWindow`` of 800x600 titled "SRE Workshop bare" with one ``QLabel``: what any PySide6
app pays before it does anything of its own. ``--matplotlib`` also imports matplotlib with its
Qt canvas (the memory baseline: the app draws charts, so it cannot weigh less than that), and
``--report-memory`` prints the peak resident memory once the window is shown, then quits.
"""

from __future__ import annotations

import sys


def main() -> int:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

    app = QApplication(sys.argv)
    window = QMainWindow()
    window.setWindowTitle("SRE Workshop bare")
    window.resize(800, 600)
    window.setCentralWidget(QLabel("SRE Workshop bare"))
    window.show()
    if "--matplotlib" in sys.argv:
        from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg  # noqa: TID251
        from matplotlib.figure import Figure

        FigureCanvasQTAgg(Figure())
    if "--report-memory" in sys.argv:

        def report() -> None:
            from benchmarks.common import emit, peak_rss_mb

            emit({"peak_rss_mb": peak_rss_mb()})
            app.quit()

        QTimer.singleShot(0, report)
    return app.exec()


if __name__ == "__main__":
    raise SystemExit(main())
