"""Start-up time: from starting the process until its main window is visible on the X server.

The clock starts just before the process is spawned and stops when ``xdotool search
--onlyvisible`` first finds a window of that process whose title matches (polled every few
milliseconds; a window is "visible" when it is mapped, which is what the coach sees). The app
runs on a fresh copy of a data folder each time, sealed as the app's clean exit seals it (as
a coach's laptop is after the last clean exit), so every run starts the same way, and is then
killed: nothing it would do after showing the window is measured.

Runs of the programs compared are interleaved (A B A B ...), so a burst of load on a shared
machine hits both sides alike; each side's first run only warms the caches and is dropped.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks.common import ROOT, BenchmarkError, program_env
from benchmarks.data import sealed_copy
from benchmarks.xserver import XServer

POLL_SECONDS = 0.004
TIMEOUT_SECONDS = 60.0
APP_TITLE = "SRE Workshop"


@dataclass
class Program:
    """A program to start: its command line (given a scratch folder) and its window title."""

    label: str
    command: Callable[[Path], Sequence[str]]
    title: str
    #: A data folder copied into the scratch folder before each run, or None.
    template: Path | None = None
    times: list[float] = field(default_factory=list)
    #: Titles of other windows seen right after the main one (a dialog would be a problem).
    extra_windows: set[str] = field(default_factory=set)


def bare_program() -> Program:
    return Program(
        "bare PySide6",
        lambda _scratch: [sys.executable, str(ROOT / "benchmarks" / "bare_app.py")],
        "^SRE Workshop bare$",
    )


def app_program(label: str, template: Path) -> Program:
    return Program(
        label,
        lambda scratch: [sys.executable, "-m", "ui", "--data-dir", str(scratch / "data")],
        f"^{APP_TITLE}$",
        template,
    )


def _stop(process: subprocess.Popen[bytes]) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait()


def time_to_window(x: XServer, program: Program, scratch: Path) -> float:
    """Seconds from spawning ``program`` until its window is visible."""
    if program.template is not None:
        # As after a clean exit on the coach's laptop: the same file, sealed (untimed).
        sealed_copy(program.template, scratch / "data")
    command = list(program.command(scratch))
    env = program_env(x.env())
    env["XDG_CONFIG_HOME"] = str(scratch / "config")  # QSettings of the bare program
    start = time.perf_counter()
    log = (scratch / "output.log").open("wb")
    process = subprocess.Popen(
        command,
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        while True:
            if x.visible_windows(process.pid, program.title):
                elapsed = time.perf_counter() - start
                break
            if process.poll() is not None:
                log.close()
                output = (scratch / "output.log").read_text(errors="replace").strip()
                raise BenchmarkError(
                    f"{program.label} exited ({process.returncode}) at start: {output[-1500:]}"
                )
            if time.perf_counter() - start > TIMEOUT_SECONDS:
                raise BenchmarkError(f"{program.label}: no window within {TIMEOUT_SECONDS} s")
            time.sleep(POLL_SECONDS)
        time.sleep(0.3)  # a first-start dialog would be up by now
        program.extra_windows.update(
            name for name in x.window_names(process.pid) if name != program.title.strip("^$")
        )
    finally:
        _stop(process)
        log.close()
    return elapsed


def measure(x: XServer, programs: Sequence[Program], runs: int) -> None:
    """``runs`` timed starts of each program, interleaved, after one untimed start each."""
    with tempfile.TemporaryDirectory(prefix="sre-workshop-bench-start-") as folder:
        scratch = Path(folder)
        for round_number in range(runs + 1):
            for program in programs:
                seconds = time_to_window(x, program, scratch)
                if round_number:
                    program.times.append(seconds)
