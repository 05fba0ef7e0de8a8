"""The app's log file: written, capped in size, rolled over, never stopping the app."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from sre_workshop.logs import LOG_FILE, RollingFileHandler, configure_logging


@pytest.fixture
def restore_root_logger() -> Iterator[None]:
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    yield
    for handler in root.handlers:
        if handler not in handlers:
            root.removeHandler(handler)
            handler.close()
    root.setLevel(level)


def _record(message: str) -> logging.LogRecord:
    return logging.LogRecord("test", logging.INFO, __file__, 1, message, None, None)


def test_configure_logging_writes_records_to_the_log_file(
    tmp_path: Path, restore_root_logger: None
) -> None:
    path = configure_logging(tmp_path / "logs")
    assert path == tmp_path / "logs" / LOG_FILE
    logging.getLogger("sre_workshop.test").warning("disk nearly full: Ærø ✓")
    for handler in logging.getLogger().handlers:
        handler.flush()
    text = path.read_text(encoding="utf-8")
    assert "WARNING sre_workshop.test: disk nearly full: Ærø ✓" in text


def test_configuring_again_replaces_the_handler_instead_of_doubling_lines(
    tmp_path: Path, restore_root_logger: None
) -> None:
    configure_logging(tmp_path)
    path = configure_logging(tmp_path)
    assert path is not None
    logging.getLogger("again").warning("once")
    for handler in logging.getLogger().handlers:
        handler.flush()
    assert path.read_text(encoding="utf-8").count("once") == 1


def test_an_unwritable_logs_folder_is_not_an_error(
    tmp_path: Path, restore_root_logger: None
) -> None:
    blocker = tmp_path / "logs"
    blocker.write_text("a file where the folder should be", encoding="utf-8")
    assert configure_logging(blocker) is None


def test_the_file_rolls_over_before_it_passes_the_cap_and_keeps_three(tmp_path: Path) -> None:
    path = tmp_path / LOG_FILE
    handler = RollingFileHandler(path, max_bytes=200, keep=3)
    handler.setFormatter(logging.Formatter("%(message)s"))
    try:
        for number in range(40):
            handler.emit(_record(f"line {number:02d} " + "x" * 40))
    finally:
        handler.close()
    files = sorted(item.name for item in tmp_path.iterdir())
    assert files == [LOG_FILE, f"{LOG_FILE}.1", f"{LOG_FILE}.2", f"{LOG_FILE}.3"]
    for name in files:
        assert (tmp_path / name).stat().st_size <= 200
    # The newest lines are in the live file, the ones before in .1: nothing in between lost.
    newest = path.read_text(encoding="utf-8").splitlines()
    previous = (tmp_path / f"{LOG_FILE}.1").read_text(encoding="utf-8").splitlines()
    assert newest[-1].startswith("line 39")
    assert int(previous[-1][5:7]) + 1 == int(newest[0][5:7])


def test_a_record_longer_than_the_cap_is_still_written(tmp_path: Path) -> None:
    path = tmp_path / LOG_FILE
    handler = RollingFileHandler(path, max_bytes=50, keep=1)
    handler.setFormatter(logging.Formatter("%(message)s"))
    try:
        handler.emit(_record("y" * 120))
        handler.emit(_record("z" * 120))
    finally:
        handler.close()
    assert path.read_text(encoding="utf-8").strip() == "z" * 120
    assert (tmp_path / f"{LOG_FILE}.1").read_text(encoding="utf-8").strip() == "y" * 120
