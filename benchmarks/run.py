"""The benchmark runner: every scenario, one table, each figure the median of several runs.

``make bench`` or ``.venv/bin/python -m benchmarks [--quick] [--only GROUP,...] [--json FILE]``.
Groups: ``startup``, ``capture``, ``pdf``, ``scale``, ``memory``. Where a budget is a ratio,
both sides are measured in the same run on the same machine (interleaved where they can be).
The exit status is 0 whatever the figures are (this is a report, not a test); it is 1 only
when a scenario could not be measured at all. ``docs/performance.md`` describes each figure.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from benchmarks import data
from benchmarks.common import (
    RESULT_MARKER,
    ROOT,
    BenchmarkError,
    child_env,
    machine,
    median,
    run_scenario,
)

GROUPS = ("startup", "capture", "pdf", "scale", "memory")
MEMORY_LIMIT_MB = 250.0


@dataclass
class Row:
    """One line of the table: a figure, what it is compared with, and its budget."""

    figure: str
    value: str
    baseline: str = ""
    ratio: str = ""
    budget: str = ""
    #: True met, False missed, None no budget (a figure reported for information).
    met: bool | None = None


@dataclass
class Settings:
    startup_runs: int
    presses: int
    pdf_runs: int
    view_runs: int
    bundle_runs: int


FULL = Settings(startup_runs=7, presses=300, pdf_runs=5, view_runs=9, bundle_runs=3)
QUICK = Settings(startup_runs=3, presses=100, pdf_runs=3, view_runs=3, bundle_runs=1)


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms" if seconds < 10 else f"{seconds:.1f} s"


def ratio_row(figure: str, value: float, baseline: float, budget: float, baseline_name: str) -> Row:
    ratio = value / baseline
    return Row(
        figure,
        ms(value),
        f"{ms(baseline)} ({baseline_name})",
        f"{ratio:.2f}x",
        f"<= {budget:g}x",
        ratio <= budget,
    )


# --- the groups --------------------------------------------------------------------------------


def startup_times(templates: dict[str, Path], runs: int) -> dict[str, list[float]]:
    from benchmarks.startup import app_program, bare_program, measure
    from benchmarks.xserver import XServer, tools_missing

    missing = tools_missing()
    if missing:
        raise BenchmarkError(
            f"the start-up benchmark needs {', '.join(missing)}: see docs/performance.md"
        )
    programs = [bare_program()] + [
        app_program(label, template) for label, template in templates.items()
    ]
    with XServer() as x:
        measure(x, programs, runs)
    for program in programs:
        if program.extra_windows:
            raise BenchmarkError(
                f"{program.label} showed other windows at start: {sorted(program.extra_windows)}"
            )
    return {program.label: program.times for program in programs}


def shared_startup_times(settings: Settings, results: dict[str, Any]) -> dict[str, list[float]]:
    """Start-up of the bare program, the app on demo data and (with ``scale``) on scale data,
    measured once, interleaved, for both the start-up and the scale group."""
    if "startup" not in results:
        templates = {"demo": data.demo_template()}
        if "scale" in results["groups"]:
            templates["scale"] = data.scale_template()
        results["startup"] = startup_times(templates, settings.startup_runs)
    times: dict[str, list[float]] = results["startup"]
    return times


def group_startup(settings: Settings, results: dict[str, Any]) -> list[Row]:
    times = shared_startup_times(settings, results)
    bare, demo = median(times["bare PySide6"]), median(times["demo"])
    return [
        Row("start-up: bare PySide6 program (800x600, one label)", ms(bare)),
        ratio_row("start-up: SRE Workshop, demo data", demo, bare, 1.5, "bare"),
    ]


def group_capture(settings: Settings, results: dict[str, Any]) -> list[Row]:
    result = run_scenario(
        "capture", "--data", str(data.demo_template()), "--presses", str(settings.presses)
    )
    results["capture"] = result
    if result["press_failures"]:
        raise BenchmarkError(f"{result['press_failures']} keypresses did not commit and redraw")
    p95 = result["press_p95"]
    return [
        Row(
            f"rating keypress -> committed + redraw requested, median of {result['presses']}",
            ms(result["press_median"]),
        ),
        Row("rating keypress, 95th percentile", ms(p95), budget="< 50 ms", met=p95 < 0.050),
        Row("radar redraw (canvas.draw)", ms(result["draw_median"])),
        ratio_row(
            "commit of one rating (CaptureSession.set_level)",
            result["commit_median"],
            result["bare_commit_median"],
            2.0,
            "bare sqlite3 WAL/FULL row",
        ),
    ]


def group_pdf(settings: Settings, results: dict[str, Any]) -> list[Row]:
    result = run_scenario(
        "pdf", "--data", str(data.demo_template()), "--runs", str(settings.pdf_runs)
    )
    results["pdf"] = result
    return [
        ratio_row(
            "PDF: full demo reassessment report with comparison (warm)",
            result["report_median"],
            result["plain_median"],
            2.0,
            f"reportlab, {result['paragraphs']} plain paragraphs",
        )
    ]


def group_scale(settings: Settings, results: dict[str, Any]) -> list[Row]:
    demo, scale = data.demo_template(), data.scale_template()
    times = shared_startup_times(settings, results)
    runs = str(settings.view_runs)
    demo_views = run_scenario("views", "--data", str(demo), "--runs", runs)
    scale_views = run_scenario("views", "--data", str(scale), "--runs", runs)
    scale_bundle = run_scenario("bundle", "--data", str(scale), "--runs", str(settings.bundle_runs))
    results["scale"] = {
        "demo_views": demo_views,
        "scale_views": scale_views,
        "bundle": scale_bundle,
        "database_bytes": data.database_bytes(scale),
    }
    teams = f"{data.DEFAULT_TEAMS} teams x {data.DEFAULT_ASSESSMENTS}"
    size = data.database_bytes(scale) / (1024 * 1024)
    return [
        ratio_row(
            f"start-up on scale data ({teams} assessments)",
            median(times["scale"]),
            median(times["demo"]),
            1.2,
            "demo data",
        ),
        ratio_row(
            f"open a team's history (scale: {scale_views['team_assessments']} assessments)",
            scale_views["history_median"],
            demo_views["history_median"],
            2.0,
            f"demo: {demo_views['team_assessments']}",
        ),
        ratio_row(
            "open an assessment's results (scale)",
            scale_views["results_median"],
            demo_views["results_median"],
            2.0,
            "demo",
        ),
        Row(
            f"team bundle export (scale, {scale_bundle['exported_bytes'] / 1024:.0f} KiB)",
            ms(scale_bundle["export_median"]),
        ),
        Row(
            "team bundle import into the scale data (8 assessments, backup first)",
            ms(scale_bundle["import_median"]),
        ),
        Row("database size (scale)", f"{size:.1f} MiB"),
    ]


def bare_memory() -> float:
    command = [
        sys.executable,
        str(ROOT / "benchmarks" / "bare_app.py"),
        "--matplotlib",
        "--report-memory",
    ]
    completed = subprocess.run(
        command,
        cwd=ROOT,
        env=child_env(),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    for line in completed.stdout.splitlines():
        if line.startswith(RESULT_MARKER):
            return float(json.loads(line[len(RESULT_MARKER) :])["peak_rss_mb"])
    raise BenchmarkError(f"the bare program's memory was not reported:\n{completed.stderr}")


def group_memory(settings: Settings, results: dict[str, Any]) -> list[Row]:
    template = str(data.demo_template())
    runs = [run_scenario("memory", "--data", template) for _ in range(3)]
    bare = [bare_memory() for _ in range(3)]
    results["memory"] = {"app": runs, "bare": bare}
    peak = median([run["peak_rss_mb"] for run in runs])
    baseline = median(bare)
    return [
        Row(
            "peak memory after a whole workshop + PDF export",
            f"{peak:.0f} MiB",
            f"{baseline:.0f} MiB (bare + matplotlib)",
            f"{peak / baseline:.2f}x",
            f"< {MEMORY_LIMIT_MB:.0f} MiB",
            peak < MEMORY_LIMIT_MB,
        )
    ]


_GROUPS = {
    "startup": group_startup,
    "capture": group_capture,
    "pdf": group_pdf,
    "scale": group_scale,
    "memory": group_memory,
}


# --- output ------------------------------------------------------------------------------------


def table(rows: Sequence[Row]) -> str:
    """A Markdown table (it reads as well in a terminal as in docs/performance.md)."""
    header = ("figure", "value", "compared with", "ratio", "budget", "met")
    lines = [header] + [
        (
            row.figure,
            row.value,
            row.baseline,
            row.ratio,
            row.budget,
            "" if row.met is None else ("yes" if row.met else "**NO**"),
        )
        for row in rows
    ]
    widths = [max(len(line[column]) for line in lines) for column in range(len(header))]
    out = []
    for number, line in enumerate(lines):
        out.append(
            "| "
            + " | ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True))
            + " |"
        )
        if number == 0:
            out.append("|" + "|".join("-" * (width + 2) for width in widths) + "|")
    return "\n".join(out)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="fewer runs (a rough look)")
    parser.add_argument("--only", default=",".join(GROUPS), help="comma-separated groups")
    parser.add_argument("--json", type=Path, help="also write every raw figure to this file")
    args = parser.parse_args(argv)
    chosen = [name.strip() for name in args.only.split(",") if name.strip()]
    unknown = sorted(set(chosen) - set(GROUPS))
    if unknown:
        parser.error(f"unknown group(s) {', '.join(unknown)}; choose from {', '.join(GROUPS)}")
    settings = QUICK if args.quick else FULL
    info = machine()
    started = time.perf_counter()
    print(
        f"SRE Workshop benchmarks, {dt.datetime.now():%Y-%m-%d %H:%M}\n"
        f"machine: {info['cpus']} x {info['cpu']}, {info['memory']}, {info['system']}, "
        f"Python {info['python']}; load at start {info['load']}",
        flush=True,
    )
    rows: list[Row] = []
    results: dict[str, Any] = {"machine": info, "groups": chosen}
    failed = False
    for name in chosen:
        print(f"- {name} ...", file=sys.stderr, flush=True)
        try:
            rows += _GROUPS[name](settings, results)
        except BenchmarkError as exc:
            failed = True
            rows.append(Row(f"{name}: not measured", str(exc).splitlines()[0]))
            print(exc, file=sys.stderr)
    elapsed = time.perf_counter() - started
    info_end = machine()
    print()
    print(table(rows))
    print(f"\n{len(rows)} figures in {elapsed:.0f} s; load at end {info_end['load']}")
    if args.json is not None:
        results["rows"] = [asdict(row) for row in rows]
        args.json.write_text(json.dumps(results, indent=2) + "\n")
    return 1 if failed else 0
