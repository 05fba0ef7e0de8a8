"""Shared test set-up: Qt runs offscreen, and every test gets its own empty data folder."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("MPLBACKEND", "Agg")


@pytest.fixture(autouse=True)
def isolated_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Point SRE_WORKSHOP_DATA_DIR at a fresh folder so no test touches a real data folder."""
    data_dir = tmp_path / "data"
    monkeypatch.setenv("SRE_WORKSHOP_DATA_DIR", str(data_dir))
    yield data_dir
