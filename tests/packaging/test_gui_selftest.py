"""``sre-workshop --self-test``: the desktop app checks itself headless, as a frozen build does."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("PySide6")


@pytest.mark.slow
def test_the_app_self_test_passes_headless_and_leaves_no_data(
    tmp_path: Path, isolated_data_dir: Path
) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-m", "ui", "--self-test"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )

    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    for name in ("resources", "report", "qt", "chart canvas", "main window"):
        assert any(line.strip().startswith(f"ok    {name}") for line in lines), (name, lines)
    assert lines[-1].startswith("self-test passed: 10 checks")
    # The app's own start-up never ran: no data folder, no log, no lock.
    assert not isolated_data_dir.exists()


def test_the_app_lists_the_self_test_option() -> None:
    from ui.app import parse_args

    assert parse_args(["--self-test"]).self_test
    assert not parse_args([]).self_test
