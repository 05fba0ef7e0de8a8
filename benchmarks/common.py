"""Helpers every benchmark shares: statistics, peak memory, the machine, the result protocol.

Scenarios that run in a child process print one line ``BENCH-RESULT {json}`` on stdout; the
runner reads it back with :func:`run_scenario`. Everything else the child prints (Qt warnings,
logging) is kept for the error message if the child fails.
"""

from __future__ import annotations

import json
import math
import os
import platform
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

#: The repository root (the folder holding ``benchmarks/``).
ROOT = Path(__file__).resolve().parent.parent
RESULT_MARKER = "BENCH-RESULT "


class BenchmarkError(RuntimeError):
    """A scenario could not be measured (a child failed, a window never appeared...)."""


def median(values: Sequence[float]) -> float:
    return float(statistics.median(values)) if values else math.nan


def percentile(values: Sequence[float], fraction: float) -> float:
    """The nearest-rank percentile (``fraction`` 0.95 is the 95th)."""
    if not values:
        return math.nan
    ordered = sorted(values)
    rank = max(1, math.ceil(fraction * len(ordered)))
    return float(ordered[rank - 1])


def timed(function: Callable[[], object], runs: int, warmup: int = 1) -> list[float]:
    """Seconds each of ``runs`` calls took, after ``warmup`` untimed calls."""
    for _ in range(warmup):
        function()
    durations = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        durations.append(time.perf_counter() - start)
    return durations


def peak_rss_mb() -> float:
    """This process's peak resident memory in MiB: ``VmHWM`` from /proc, else ru_maxrss."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    # Linux reports KiB, macOS bytes.
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def machine() -> dict[str, str]:
    """What the figures were measured on, for the table's header and docs/performance.md."""
    cpu = platform.processor() or platform.machine()
    memory = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                memory = f"{int(line.split()[1]) / (1024 * 1024):.1f} GiB"
                break
    except OSError:
        pass
    load = ""
    if hasattr(os, "getloadavg"):
        load = " ".join(f"{value:.2f}" for value in os.getloadavg())
    return {
        "cpus": str(os.cpu_count() or "?"),
        "cpu": cpu,
        "memory": memory,
        "load": load,
        "python": platform.python_version(),
        "system": f"{platform.system()} {platform.release()}",
    }


def emit(result: Mapping[str, Any]) -> None:
    """Hand a scenario's result to the runner (the child's side of :func:`run_scenario`)."""
    sys.stdout.write(RESULT_MARKER + json.dumps(result) + "\n")
    sys.stdout.flush()


def program_env(base: Mapping[str, str] | None = None) -> dict[str, str]:
    """The environment of every program the benchmarks start: the repository importable, no
    data folder from the caller, and bytecode cached as an installed app has it.

    ``PYTHONDONTWRITEBYTECODE`` (set on some development machines) would make every start
    compile the whole app from source, which no installed copy does; the bytecode goes to a
    cache folder of the benchmarks instead of the source tree.
    """
    env = dict(os.environ if base is None else base)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(pycache_folder())
    env["PYTHONPATH"] = os.pathsep.join(
        part for part in (str(ROOT), env.get("PYTHONPATH", "")) if part
    )
    env.pop("SRE_WORKSHOP_DATA_DIR", None)
    return env


def pycache_folder() -> Path:
    from benchmarks.data import CACHE_ROOT

    return CACHE_ROOT / "pycache"


def child_env(**extra: str) -> dict[str, str]:
    """The environment of a child scenario: offscreen Qt, see :func:`program_env`."""
    env = program_env()
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["MPLBACKEND"] = "Agg"
    env.update(extra)
    return env


def run_scenario(name: str, *args: str, timeout: float = 900) -> dict[str, Any]:
    """Run ``python -m benchmarks.scenarios NAME ARGS`` and return its result."""
    command = [sys.executable, "-m", "benchmarks.scenarios", name, *args]
    completed = subprocess.run(
        command,
        cwd=ROOT,
        env=child_env(),
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    for line in reversed(completed.stdout.splitlines()):
        if line.startswith(RESULT_MARKER):
            result: dict[str, Any] = json.loads(line[len(RESULT_MARKER) :])
            return result
    tail = "\n".join((completed.stdout + completed.stderr).strip().splitlines()[-30:])
    raise BenchmarkError(f"scenario {name} failed (exit {completed.returncode}):\n{tail}")
