"""Start-up stays lean: the main window on the demo data imports none of the slow libraries.

Each of these cost start-up time a coach waits for (docs/performance.md): aiohttp (room voting's
server) 0.3 s, jsonschema 0.15 s plus 0.1 s of validating the built-in framework, matplotlib and
reportlab more still, segno and importlib.metadata some 80 ms together. They are imported when
first used instead.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

SLOW = ("aiohttp", "jsonschema", "matplotlib", "reportlab", "segno", "importlib.metadata")

SCRIPT = textwrap.dedent(
    """
    import sys
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication
    from sre_workshop.demo import add_demo_data
    from sre_workshop.workspace import open_workspace
    from ui.main_window import MainWindow

    app = QApplication([])
    workspace = open_workspace(sys.argv[1])
    add_demo_data(workspace)
    window = MainWindow(workspace, QSettings(sys.argv[1] + "/ui.ini", QSettings.Format.IniFormat))
    window.show()
    app.processEvents()
    print(" ".join(name for name in sys.argv[2:] if name in sys.modules))
    window.close()
    workspace.close()
    """
)


def test_main_window_starts_without_the_slow_libraries(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(tmp_path / "data"), *SLOW],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == []
