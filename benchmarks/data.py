"""The data folders the benchmarks run on, built once and cached in the temporary folder.

Two templates, each keyed by the schema (the migration files' content) and the generator's
version, so a new migration or generator rebuilds them and nothing stale is measured:

* **demo**: an empty data folder plus the demo team (``sre_workshop.demo``), as a coach has
  after "Load demo team": two assessments, every area rated and annotated.
* **scale**: :mod:`benchmarks.generate` with 500 teams x 8 assessments.

A scenario never runs on a template itself: it gets a fresh copy (:func:`fresh_copy`), so a
start-up backup, a lock file or a crashed run cannot change what the next run measures.

The start-up benchmark gets a :func:`sealed_copy`: a coach's laptop starts on the file the app
sealed at its last clean exit (``sre_workshop.storage.seal``), and a copy has another inode
and change time, so a template's seal can never match it. Each fresh copy is therefore sealed
the way the app's clean exit seals it (quick check on the live connection, close, seal), before
the clock starts.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.generate import DEFAULT_ASSESSMENTS, DEFAULT_TEAMS, GENERATOR_VERSION

#: Where the templates are kept; ``$SRE_WORKSHOP_BENCH_CACHE`` overrides it.
CACHE_ROOT = Path(
    os.environ.get("SRE_WORKSHOP_BENCH_CACHE") or Path(tempfile.gettempdir()) / "sre-workshop-bench"
)
_COMPLETE = ".complete"
DATABASE = "sre-workshop.sqlite3"


def schema_key() -> str:
    """``v3-1a2b3c4d-g1``: the schema version, a hash of the migrations, the generator."""
    from sre_workshop.storage.connection import bundled_migrations

    digest = hashlib.sha256()
    migrations = bundled_migrations()
    for migration in migrations:
        digest.update(migration.name.encode())
        digest.update(migration.sql.encode())
    return f"v{len(migrations)}-{digest.hexdigest()[:8]}-g{GENERATOR_VERSION}"


def _cached(name: str, build: object) -> Path:
    folder = CACHE_ROOT / f"{name}-{schema_key()}"
    if (folder / _COMPLETE).exists():
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    folder.parent.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    print(f"building the {name} data folder in {folder} ...", file=sys.stderr, flush=True)
    build(folder)  # type: ignore[operator]
    for scratch in ("backups", "logs"):
        shutil.rmtree(folder / scratch, ignore_errors=True)
    (folder / _COMPLETE).write_text("ok\n")
    print(f"  done in {time.perf_counter() - started:.1f} s", file=sys.stderr, flush=True)
    return folder


def _build_demo(folder: Path) -> None:
    from sre_workshop.demo import add_demo_data
    from sre_workshop.workspace import open_workspace

    workspace = open_workspace(folder)
    try:
        add_demo_data(workspace)
        workspace.database.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        workspace.close()


def demo_template() -> Path:
    """The cached demo data folder (do not run the app on it: use :func:`fresh_copy`)."""
    return _cached("demo", _build_demo)


def scale_template(teams: int = DEFAULT_TEAMS, assessments: int = DEFAULT_ASSESSMENTS) -> Path:
    """The cached scale data folder of ``teams`` x ``assessments``."""
    from benchmarks.generate import generate

    return _cached(
        f"scale-{teams}x{assessments}",
        lambda folder: generate(folder, teams, assessments, progress=True),
    )


def fresh_copy(template: Path, destination: Path) -> Path:
    """A private copy of a template data folder at ``destination`` (replaced if present)."""
    shutil.rmtree(destination, ignore_errors=True)
    shutil.copytree(template, destination, ignore=shutil.ignore_patterns(_COMPLETE))
    return destination


def sealed_copy(template: Path, destination: Path) -> Path:
    """:func:`fresh_copy`, then closed and sealed as the app's clean exit leaves it."""
    from sre_workshop.paths import DataPaths
    from sre_workshop.storage import open_database
    from sre_workshop.storage.seal import quick_check_passes, seal_closed_database

    fresh_copy(template, destination)
    paths = DataPaths(destination)
    database = open_database(paths.database, backups_dir=paths.backups)
    try:
        passed = quick_check_passes(database)
    finally:
        database.close()
    if seal_closed_database(paths.database, passed=passed) is None:
        raise RuntimeError(f"could not seal the benchmark copy {paths.database}")
    return destination


def database_bytes(folder: Path) -> int:
    """The size of the database with its write-ahead log, if any."""
    total = 0
    for suffix in ("", "-wal"):
        path = folder / (DATABASE + suffix)
        if path.exists():
            total += path.stat().st_size
    return total
