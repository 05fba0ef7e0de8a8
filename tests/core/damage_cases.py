"""Ways a database file gets damaged, made on purpose for the damaged-database tests.

Each maker takes a data folder whose database holds two teams (and a good backup with one) and
damages the database the way the name says. ``snapshot`` records every file's bytes so a test
can prove that nothing was written to them.
"""

from __future__ import annotations

import datetime as dt
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

from sre_workshop.capture import CaptureSession
from sre_workshop.paths import DataPaths
from sre_workshop.workflows import create_team, plan_assessment
from sre_workshop.workspace import open_workspace

PAGE = 4096


def populate(data_dir: Path) -> Path:
    """Two teams with an assessment and notes; a backup taken when only the first existed."""
    workspace = open_workspace(data_dir)
    try:
        first = create_team(workspace, "Checkout")
        assessment = plan_assessment(workspace, first.id, date=dt.date(2026, 3, 2))
        session = CaptureSession(workspace, assessment.id)
        key = session.framework.areas[0].flat_questions()[0].question.key
        session.set_notes(key, "On-call rota of six, handover by chat. " * 20)
        backup = workspace.backup("before-import")
        second = create_team(workspace, "Search")
        plan_assessment(workspace, second.id, date=dt.date(2026, 3, 9))
    finally:
        workspace.close()
    return backup


def snapshot(folder: Path) -> dict[str, bytes | str]:
    """Every file under ``folder`` with its bytes ("<dir>" for folders)."""
    found: dict[str, bytes | str] = {}
    for path in sorted(folder.rglob("*")):
        key = str(path.relative_to(folder))
        found[key] = "<dir>" if path.is_dir() else path.read_bytes()
    return found


def database_files(data_dir: Path) -> dict[str, bytes | str]:
    """The database and its companions (not the backups, logs or lock)."""
    return {
        name: content
        for name, content in snapshot(data_dir).items()
        if name.startswith("sre-workshop.sqlite3")
    }


def garbage(data_dir: Path) -> None:
    path = DataPaths(data_dir).database
    size = path.stat().st_size
    path.write_bytes(b"PK\x03\x04 this is a zip file, not a database " * (size // 40 + 1))


def truncated(data_dir: Path) -> None:
    path = DataPaths(data_dir).database
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2 + 123])


def emptied(data_dir: Path) -> None:
    DataPaths(data_dir).database.write_bytes(b"")


def flipped(data_dir: Path) -> None:
    """Flip the bytes of the b-tree page headers of every page after the first."""
    path = DataPaths(data_dir).database
    data = bytearray(path.read_bytes())
    for start in range(PAGE, len(data), PAGE):
        for offset in range(start, start + 8):
            data[offset] ^= 0xFF
    path.write_bytes(bytes(data))


def index_out_of_step(data_dir: Path) -> None:
    """An index that no longer matches its table: only the full integrity_check sees it."""
    path = DataPaths(data_dir).database
    connection = sqlite3.connect(path, isolation_level=None)
    row = connection.execute(
        "SELECT type, name, tbl_name, rootpage, sql FROM sqlite_schema"
        " WHERE name = 'assessments_by_team'"
    ).fetchone()
    connection.execute("PRAGMA writable_schema=ON")
    connection.execute("DELETE FROM sqlite_schema WHERE name = 'assessments_by_team'")
    connection.close()
    connection = sqlite3.connect(path, isolation_level=None)
    connection.execute("UPDATE assessments SET date = '1999-01-01'")
    connection.execute("PRAGMA writable_schema=ON")
    connection.execute(
        "INSERT INTO sqlite_schema (type, name, tbl_name, rootpage, sql) VALUES (?, ?, ?, ?, ?)",
        row,
    )
    connection.close()


_KILLED_WRITER = textwrap.dedent(
    """
    import os, signal, sys
    from sre_workshop.instance_lock import InstanceLock
    from sre_workshop.workflows import create_team
    from sre_workshop.workspace import open_workspace

    workspace = open_workspace(sys.argv[1])
    lock = InstanceLock(workspace.paths.root)
    lock.acquire()
    lock.begin_session()
    for number in range(5):
        create_team(workspace, f"Written after the checkpoint {number}")
    os.kill(os.getpid(), signal.SIGKILL)
    """
)


def killed_with_changes_in_the_log(data_dir: Path) -> None:
    """The app was killed with its last changes only in the -wal (as after a crash)."""
    subprocess.run([sys.executable, "-c", _KILLED_WRITER, str(data_dir)], check=False)
    wal = DataPaths(data_dir).database.with_name("sre-workshop.sqlite3-wal")
    assert wal.stat().st_size > 0


def missing_wal(data_dir: Path) -> None:
    """Killed, and then the log deleted (a clean-up tool, a copy of the main file only)."""
    killed_with_changes_in_the_log(data_dir)
    DataPaths(data_dir).database.with_name("sre-workshop.sqlite3-wal").unlink()


def directory(data_dir: Path) -> None:
    path = DataPaths(data_dir).database
    path.unlink()
    path.mkdir()
    (path / "something.txt").write_text("a folder where the database should be", "utf-8")


def foreign(data_dir: Path) -> None:
    path = DataPaths(data_dir).database
    path.unlink()
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE photos (id INTEGER PRIMARY KEY, caption TEXT)")
    connection.execute("INSERT INTO photos (caption) VALUES ('holiday')")
    connection.commit()
    connection.close()


def only_the_log_left(data_dir: Path) -> None:
    killed_with_changes_in_the_log(data_dir)
    DataPaths(data_dir).database.unlink()


DAMAGE: dict[str, Callable[[Path], None]] = {
    "garbage": garbage,
    "truncated": truncated,
    "emptied": emptied,
    "flipped bytes": flipped,
    "missing wal": missing_wal,
    "directory": directory,
    "another program's database": foreign,
    "only the log left": only_the_log_left,
}


def kill_quietly(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=30)
