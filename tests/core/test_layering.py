"""The core works with Qt absent: it never imports PySide6, shiboken6 or the ui package."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

SCRIPT = textwrap.dedent(
    """
    import importlib, io, json, pkgutil, sys
    for blocked in ("PySide6", "shiboken6", "ui", "matplotlib.pyplot"):
        sys.modules[blocked] = None  # any import of these now fails
    import sre_workshop
    for module in pkgutil.walk_packages(sre_workshop.__path__, "sre_workshop."):
        if module.name != "sre_workshop.__main__":
            importlib.import_module(module.name)
    from sre_workshop.cli import main
    assert main(["--data-dir", sys.argv[1], "demo"], out=io.StringIO()) == 0
    out = io.StringIO()
    assert main(["--data-dir", sys.argv[1], "list", "--json"], out=out) == 0
    print(len(json.loads(out.getvalue())["teams"][0]["assessments"]))
    """
)


def test_core_imports_and_runs_without_qt(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(tmp_path / "data")],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "2"
