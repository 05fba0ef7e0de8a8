"""The command line (`sre-workshop-cli`, or `python -m sre_workshop`), on the same core as the app.

Every error is one clear line on stderr and a non-zero exit code, never a traceback: a coach
batching reports reads the message, a bug's traceback goes to the log file instead.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TextIO

from sre_workshop import __version__
from sre_workshop.logs import configure_logging
from sre_workshop.model import Dimension
from sre_workshop.paths import resolve_data_dir
from sre_workshop.storage import StorageError, schema_version
from sre_workshop.workspace import Workspace, open_workspace

log = logging.getLogger(__name__)

EXIT_OK = 0
EXIT_PROBLEM = 1
EXIT_USAGE = 2


class CommandError(Exception):
    """A problem to report to the user in one line."""


def _print_json(data: object, out: TextIO) -> None:
    json.dump(data, out, ensure_ascii=False, indent=2)
    out.write("\n")


def _fmt(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}"


# --- commands ---------------------------------------------------------------------------------


def cmd_demo(args: argparse.Namespace, out: TextIO) -> int:
    from sre_workshop.demo import add_demo_data, remove_demo_data

    with _workspace(args) as workspace:
        if args.remove:
            removed = remove_demo_data(workspace)
            out.write(f"Removed {removed} demo team(s) and everything in them.\n")
            return EXIT_OK
        team = add_demo_data(workspace)
        if team is None:
            out.write("The demo team is already there; nothing added.\n")
            return EXIT_OK
        assessments = workspace.repository.list_assessments(team.id)
        out.write(f"Added the demo team {team.name!r} with {len(assessments)} assessments:\n")
        for assessment in assessments:
            out.write(f"  {assessment.date}  {assessment.id}\n")
    return EXIT_OK


def assessment_summary(workspace: Workspace, assessment_id: str) -> dict[str, object]:
    """The scores of one assessment as plain data (``list --json`` and the app share this)."""
    from sre_workshop.scoring import compare_assessments, score_assessment, verdict_counts

    repository = workspace.repository
    record = repository.load_record(assessment_id)
    assessment = record.assessment
    framework = workspace.framework_for(assessment)
    scores = score_assessment(record, framework)
    culture, process = scores.dimensions[Dimension.CULTURE], scores.dimensions[Dimension.PROCESS]
    summary: dict[str, object] = {
        "id": assessment.id,
        "date": assessment.date.isoformat(),
        "status": assessment.status.value,
        "compares_with": assessment.compares_with,
        "title": assessment.title,
        "coach": assessment.coach,
        "framework": {"id": assessment.framework.id, "version": assessment.framework.version},
        "is_demo": assessment.is_demo,
        "culture_score": culture.mean,
        "culture_band": culture.band.value if culture.band else None,
        "process_score": process.mean,
        "process_band": process.band.value if process.band else None,
        "survey_score": scores.survey_score,
        "survey_band": scores.survey_band.value if scores.survey_band else None,
        "areas_rated": len(culture.rated) + len(process.rated),
        "areas_not_applicable": len(culture.not_applicable) + len(process.not_applicable),
        "next_reassessment": assessment.reassessment_due.isoformat(),
    }
    if assessment.compares_with:
        compared = repository.load_record(assessment.compares_with)
        rows = compare_assessments(
            record,
            framework,
            compared,
            workspace.framework_for(compared.assessment),
            repository.load_settings().dead_band,
        )
        summary["verdicts"] = {str(k): v for k, v in verdict_counts(rows).items()}
    return summary


def cmd_list(args: argparse.Namespace, out: TextIO) -> int:
    with _workspace(args) as workspace:
        repository = workspace.repository
        teams = []
        for team in repository.list_teams():
            teams.append(
                {
                    "id": team.id,
                    "name": team.name,
                    "description": team.description,
                    "is_demo": team.is_demo,
                    "assessments": [
                        assessment_summary(workspace, assessment.id)
                        for assessment in repository.list_assessments(team.id)
                    ],
                }
            )
    if args.json:
        _print_json({"teams": teams}, out)
        return EXIT_OK
    if not teams:
        out.write("No teams yet. Try `sre-workshop-cli demo` to add the demo team.\n")
    for team_data in teams:
        demo = "  [demo]" if team_data["is_demo"] else ""
        out.write(f"{team_data['name']}{demo}\n  team id {team_data['id']}\n")
        assessments = team_data["assessments"]
        assert isinstance(assessments, list)
        if not assessments:
            out.write("  (no assessments)\n")
        for item in assessments:
            line = (
                f"  {item['date']}  {item['id']}  {str(item['status']).replace('_', ' '):<11}"
                f"  culture {_fmt(item['culture_score'])}  process {_fmt(item['process_score'])}"
                f"  survey {_fmt(item['survey_score'])}"
            )
            if item.get("survey_band"):
                line += f" ({item['survey_band']})"
            out.write(line + "\n")
            if item["compares_with"]:
                verdicts = item.get("verdicts", {})
                assert isinstance(verdicts, dict)
                out.write(
                    f"      compares with {item['compares_with']}: "
                    f"{verdicts.get('progressing', 0)} progressing, "
                    f"{verdicts.get('stagnating', 0)} stagnating, "
                    f"{verdicts.get('regressing', 0)} regressing\n"
                )
    return EXIT_OK


def cmd_scores(args: argparse.Namespace, out: TextIO) -> int:
    from sre_workshop.csv_export import scores_csv
    from sre_workshop.scoring import compare_assessments, score_assessment

    with _workspace(args) as workspace:
        repository = workspace.repository
        record = repository.load_record(args.assessment_id)
        compare_id = args.compare or record.assessment.compares_with
        if args.csv:
            out.write(scores_csv(workspace, args.assessment_id, compare_id))
            return EXIT_OK
        framework = workspace.framework_for(record.assessment)
        compared = repository.load_record(compare_id) if compare_id else None
        rows = compare_assessments(
            record,
            framework,
            compared,
            workspace.framework_for(compared.assessment) if compared else None,
            repository.load_settings().dead_band,
        )
        scores = score_assessment(record, framework)
        team = repository.get_team(record.assessment.team_id)
    out.write(f"{team.name}: assessment of {record.assessment.date}")
    if compared:
        out.write(f", compared with {compared.assessment.date}")
    out.write("\n\n")
    name_width = max((len(row.name) for row in rows), default=10)
    out.write(f"{'Area':<{name_width}}  Level  Then  Change  Verdict\n")
    for row in rows:
        level = "n/a" if row.not_applicable else (str(row.level) if row.level else "–")
        then = (
            "n/a"
            if row.compared_not_applicable
            else (str(row.compared_level) if row.compared_level else "–")
        )
        change = "" if row.change is None else f"{row.change:+d}"
        verdict = f"{row.verdict.symbol} {row.verdict.value}"
        if row.reason and row.verdict.value == "not comparable" and compared:
            verdict += f" ({row.reason})"
        out.write(f"{row.name:<{name_width}}  {level:>5}  {then:>4}  {change:>6}  {verdict}\n")
    out.write("\n")
    for dimension, score in scores.dimensions.items():
        band = f" ({score.band.value})" if score.band else ""
        out.write(f"{dimension.label} score: {_fmt(score.mean)}{band}\n")
    survey_band = f" ({scores.survey_band.value})" if scores.survey_band else ""
    out.write(
        f"Culture survey: {_fmt(scores.survey_score)}{survey_band}"
        f" from {scores.survey_answers} answers\n"
    )
    return EXIT_OK


def cmd_export(args: argparse.Namespace, out: TextIO) -> int:
    from sre_workshop.bundle import export_assessment_bundle, export_team_bundle, write_bundle

    if bool(args.assessment_id) == bool(args.team):
        raise CommandError("give either an ASSESSMENT_ID or --team TEAM_ID")
    with _workspace(args) as workspace:
        if args.team:
            bundle = export_team_bundle(workspace, args.team)
        else:
            bundle = export_assessment_bundle(workspace, args.assessment_id)
    path = write_bundle(bundle, Path(args.out))
    out.write(f"{path}\n")
    return EXIT_OK


def cmd_report(args: argparse.Namespace, out: TextIO) -> int:
    from sre_workshop.report import ReportError, export_report

    sections = None
    if args.sections is not None:
        sections = [name.strip() for name in args.sections.split(",") if name.strip()]
    with _workspace(args) as workspace:
        try:
            record = export_report(
                workspace,
                args.assessment_id,
                compare_id=args.compare,
                preset=args.preset,
                sections=sections,
                out=Path(args.out) if args.out else None,
                overwrite=args.overwrite,
            )
        except ReportError as exc:
            raise CommandError(str(exc)) from exc
    out.write(f"{record.path}\n")
    return EXIT_OK


def cmd_import(args: argparse.Namespace, out: TextIO) -> int:
    from sre_workshop.bundle import import_bundle

    with _workspace(args) as workspace:
        result = import_bundle(workspace, Path(args.file))
    out.write(result.summary() + "\n")
    return EXIT_OK


def cmd_check(args: argparse.Namespace, out: TextIO) -> int:
    """Check the database in full without touching it, and say what the app would do.

    Always runs SQLite's check, whatever the seal says (:mod:`sre_workshop.storage.seal`). It
    never writes a seal (only the app's clean exit does); on damage it removes one, so the app
    runs its own check at the next start rather than trusting the file's time stamps.
    """
    from sre_workshop.instance_lock import lock_held_by_another, previous_session_unclean
    from sre_workshop.recovery import damage_of
    from sre_workshop.storage.health import Health, inspect_database
    from sre_workshop.storage.seal import remove_seal

    paths = resolve_data_dir(args.data_dir)
    path = paths.database
    live = lock_held_by_another(paths.root)
    unclean = not live and previous_session_unclean(paths.root)
    if live:
        out.write("SRE Workshop is open on this data folder; checking without disturbing it.\n")
    elif unclean:
        out.write("SRE Workshop did not close cleanly last time; running the full check.\n")
    report = inspect_database(path, full=True, unclean=unclean, live=live)
    if report.state is Health.MISSING:
        out.write(
            f"No database yet at {path}; nothing to check. The app would start with an empty "
            "database.\n"
        )
        return EXIT_OK
    if report.state is Health.DAMAGED:
        # The one thing check may remove: a seal would let the app skip its own check of this
        # file (damage below the file system leaves its time stamps as they were).
        remove_seal(path)
        damage = damage_of(report, paths)
        sys.stderr.write(f"error: {damage.what_happened()}\n")
        sys.stderr.write(f"error: what the app does: {damage.what_the_app_does()}\n")
        if damage.candidate is not None and damage.candidate.backup is not None:
            sys.stderr.write(
                "error: from the command line: sre-workshop-cli backups restore "
                f"{damage.candidate.backup.id}\n"
            )
        return EXIT_PROBLEM
    if report.state is Health.NEWER:
        sys.stderr.write(
            f"error: {report.describe()} The app opens it read-only and never writes to it; "
            "the command line refuses it. Update SRE Workshop to work with it.\n"
        )
        return EXIT_PROBLEM
    broken = _broken_references(path, live=live)
    if broken:
        sys.stderr.write(
            f"error: {path} passes the integrity check but has {broken} broken references "
            "between records; the app opens it as it is.\n"
        )
        return EXIT_PROBLEM
    version = report.schema_version or 0
    if version < schema_version():
        out.write(
            f"{path}: OK (schema version {version}, integrity check passed). The app, or any "
            f"command that writes, upgrades it to version {schema_version()} after a backup.\n"
        )
        return EXIT_OK
    out.write(
        f"{path}: OK (schema version {version}, integrity check passed). The app opens it as "
        "it is.\n"
    )
    return EXIT_OK


def _broken_references(path: Path, *, live: bool) -> int:
    from sre_workshop.storage.health import connect_for_check, open_for_check

    with open_for_check(path, live=live) as checked:
        connection = connect_for_check(checked, path)
        try:
            return len(connection.execute("PRAGMA foreign_key_check").fetchall())
        finally:
            connection.close()


def cmd_backups_list(args: argparse.Namespace, out: TextIO) -> int:
    from sre_workshop.recovery import when
    from sre_workshop.storage.backups import backup_infos
    from sre_workshop.storage.health import check_backup

    paths = resolve_data_dir(args.data_dir)
    rows = []
    for info in backup_infos(paths.backups):
        checked = check_backup(info.path)
        rows.append(
            {
                "id": info.id,
                "taken_at": info.taken_at.isoformat(),
                "date": when(info.taken_at),
                "reason": info.reason,
                "reason_words": info.reason_words,
                "size": info.size,
                "teams": checked.teams if checked.usable else None,
                "assessments": checked.assessments if checked.usable else None,
                "usable": checked.usable,
                "problem": checked.problem,
                "kept_for_good": info.protected,
                "file": str(info.path),
            }
        )
    if args.json:
        _print_json({"backups_folder": str(paths.backups), "backups": rows}, out)
        return EXIT_OK
    if not rows:
        out.write(f"No backups yet in {paths.backups}.\n")
        return EXIT_OK
    out.write(f"Backups in {paths.backups}, newest first:\n")
    out.write(f"{'ID':<23} {'Date':<24} {'Teams':>5} {'Assessments':>11} {'Size':>8}  Reason\n")
    for row in rows:
        if row["usable"]:
            counts = f"{row['teams']:>5} {row['assessments']:>11}"
        else:
            counts = f"{'–':>5} {'–':>11}"
        reason = str(row["reason_words"])
        if not row["usable"]:
            reason += f" (cannot be restored: {row['problem']})"
        size = int(str(row["size"]))
        out.write(f"{row['id']:<23} {row['date']:<24} {counts} {_megabytes(size):>8}  {reason}\n")
    out.write(
        "Restore one with: sre-workshop-cli backups restore ID (the start of the ID is enough)\n"
    )
    return EXIT_OK


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB" if size >= 100 * 1024 else f"{size / 1024:.0f} kB"


def cmd_backups_restore(args: argparse.Namespace, out: TextIO) -> int:
    from sre_workshop.instance_lock import InstanceLock
    from sre_workshop.recovery import candidate_for, damage_of, recover, restore_backup
    from sre_workshop.storage.backups import find_backup
    from sre_workshop.storage.errors import DamagedDatabaseError

    paths = resolve_data_dir(args.data_dir)
    busy = (
        "SRE Workshop is open on this data folder; restore from its File > Backups… window, "
        "or quit it first"
    )
    with InstanceLock(paths.root) as lock:
        if not lock.acquire():
            raise CommandError(busy)
        backup = find_backup(paths.backups, args.backup_id)
        candidate = candidate_for(backup)
        try:
            workspace = open_workspace(paths.root, lock=lock)
        except DamagedDatabaseError as exc:
            recovery = recover(paths, damage_of(exc.report, paths), candidate, lock=lock)
            recovery.workspace.close()
            out.write(
                f"The database {exc.report.problem}; it was moved aside, not deleted: "
                f"{recovery.kept_at}\nRestored {candidate.describe()}.\n"
            )
            return EXIT_OK
        try:
            result = restore_backup(workspace, backup)
        finally:
            workspace.close()
    out.write(result.summary() + "\n")
    return EXIT_OK


def cmd_frameworks(args: argparse.Namespace, out: TextIO) -> int:
    from sre_workshop.framework import load_framework_file, load_registry

    if args.file:
        framework = load_framework_file(Path(args.file))
        out.write(
            f"{args.file}: valid framework {framework.id} {framework.version} "
            f"({len(framework.areas)} areas, {len(framework.question_keys())} questions)\n"
        )
        return EXIT_OK
    paths = resolve_data_dir(args.data_dir)
    registry, problems = load_registry(paths.frameworks if paths.frameworks.is_dir() else None)
    for framework in registry.all():
        out.write(
            f"{framework.id} {framework.version}  {framework.name}  "
            f"({len(framework.areas)} areas, {framework.source})\n"
        )
    for problem in problems:
        sys.stderr.write(f"warning: skipped {problem}\n")
    return EXIT_PROBLEM if problems else EXIT_OK


def cmd_self_test(args: argparse.Namespace, out: TextIO) -> int:
    """Check this installation end to end; see :mod:`sre_workshop.selftest`."""
    from sre_workshop.selftest import run_self_test

    report = run_self_test(out=out, keep=args.keep)
    return EXIT_OK if report.passed else EXIT_PROBLEM


_SETTING_KEYS = {
    "coach_name": str,
    "default_timebox_minutes": int,
    "reports_folder": str,
    "dead_band": float,
    "min_votes_to_show": int,
}


def cmd_settings(args: argparse.Namespace, out: TextIO) -> int:
    from dataclasses import asdict, replace

    with _workspace(args) as workspace:
        settings = workspace.repository.load_settings()
        if args.set:
            changes: dict[str, object] = {}
            for assignment in args.set:
                key, sep, value = assignment.partition("=")
                if not sep or key not in _SETTING_KEYS:
                    raise CommandError(
                        f"unknown setting {key!r}; known: {', '.join(_SETTING_KEYS)}"
                    )
                try:
                    changes[key] = _SETTING_KEYS[key](value)
                except ValueError:
                    raise CommandError(f"{key} needs a {_SETTING_KEYS[key].__name__}") from None
            settings = workspace.repository.save_settings(replace(settings, **changes))  # type: ignore[arg-type]
    for key, value in asdict(settings).items():
        out.write(f"{key} = {value}\n")
    return EXIT_OK


# --- plumbing ------------------------------------------------------------------------------------


class _workspace:
    """Open the workspace for one command and close it afterwards."""

    def __init__(self, args: argparse.Namespace) -> None:
        self._args = args
        self._workspace: Workspace | None = None

    def __enter__(self) -> Workspace:
        self._workspace = open_workspace(self._args.data_dir)
        return self._workspace

    def __exit__(self, *exc_info: object) -> None:
        if self._workspace is not None:
            self._workspace.close()


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="sre-workshop-cli",
        description="SRE Workshop on the command line: demo data, lists, scores, bundles, checks.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        help="data folder to use (default: $SRE_WORKSHOP_DATA_DIR or the user data folder)",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    demo = commands.add_parser("demo", help="add the demo team (or --remove all demo data)")
    demo.add_argument("--remove", action="store_true", help="delete every demo team")
    demo.set_defaults(handler=cmd_demo)

    listing = commands.add_parser("list", help="teams and their assessments with scores")
    listing.add_argument("--json", action="store_true", help="print JSON")
    listing.set_defaults(handler=cmd_list)

    scores = commands.add_parser("scores", help="per-area levels, changes and verdicts")
    scores.add_argument("assessment_id", metavar="ASSESSMENT_ID")
    scores.add_argument("--compare", metavar="ID", help="compare with this assessment instead")
    scores.add_argument("--csv", action="store_true", help="print CSV")
    scores.set_defaults(handler=cmd_scores)

    export = commands.add_parser("export", help="write an assessment or a team to a JSON bundle")
    export.add_argument("assessment_id", metavar="ASSESSMENT_ID", nargs="?")
    export.add_argument("--team", metavar="TEAM_ID", help="export the whole team")
    export.add_argument("--out", metavar="FILE", required=True, help="bundle file to write")
    export.set_defaults(handler=cmd_export)

    report = commands.add_parser("report", help="write a PDF report of an assessment")
    report.add_argument("assessment_id", metavar="ASSESSMENT_ID")
    report.add_argument(
        "--compare", metavar="ID", help="compare with this assessment instead of its own"
    )
    report.add_argument(
        "--preset",
        choices=("full", "summary"),
        default="full",
        help="full (with the facilitator's notes) or summary (for stakeholders); default full",
    )
    report.add_argument(
        "--sections",
        metavar="LIST",
        help="comma-separated sections: cover,summary,charts,scores,areas,hypotheses,actions,"
        "next,appendix (default: all)",
    )
    report.add_argument(
        "--out",
        metavar="FILE",
        help="PDF file to write (default: a new file in the reports folder)",
    )
    report.add_argument("--overwrite", action="store_true", help="replace --out if it exists")
    report.set_defaults(handler=cmd_report)

    importing = commands.add_parser("import", help="import a JSON bundle")
    importing.add_argument("file", metavar="FILE")
    importing.set_defaults(handler=cmd_import)

    check = commands.add_parser(
        "check", help="check the database in full and say what the app would do (changes nothing)"
    )
    check.set_defaults(handler=cmd_check)

    backups = commands.add_parser("backups", help="list the backups or restore one")
    backup_commands = backups.add_subparsers(
        dest="backups_command", metavar="ACTION", required=True
    )
    backups_list = backup_commands.add_parser(
        "list", help="backups with ID, date, reason, teams and assessments"
    )
    backups_list.add_argument("--json", action="store_true", help="print JSON")
    backups_list.set_defaults(handler=cmd_backups_list)
    backups_restore = backup_commands.add_parser(
        "restore", help="replace the database with a backup (the current data is kept aside)"
    )
    backups_restore.add_argument("backup_id", metavar="ID", help="the backup's ID or its start")
    backups_restore.set_defaults(handler=cmd_backups_restore)

    frameworks = commands.add_parser("frameworks", help="list frameworks or validate a file")
    frameworks.add_argument("file", metavar="FILE", nargs="?", help="framework file to check")
    frameworks.set_defaults(handler=cmd_frameworks)

    settings = commands.add_parser("settings", help="show or change shared settings")
    settings.add_argument(
        "--set", metavar="KEY=VALUE", action="append", help="change a setting (repeatable)"
    )
    settings.set_defaults(handler=cmd_settings)

    self_test = commands.add_parser(
        "self-test",
        help="check this installation in a temporary data folder (never touches your data)",
    )
    self_test.add_argument(
        "--keep", action="store_true", help="keep the temporary folder (report, charts) to look at"
    )
    self_test.set_defaults(handler=cmd_self_test)
    return parser


def _user_errors() -> tuple[type[BaseException], ...]:
    from sre_workshop.bundle import BundleError
    from sre_workshop.framework import FrameworkError

    return (CommandError, StorageError, BundleError, FrameworkError, ValueError, KeyError, OSError)


def main(argv: Sequence[str] | None = None, out: TextIO | None = None) -> int:
    out = out or sys.stdout
    parser = build_parser()
    args = parser.parse_args(argv)
    handler: Callable[[argparse.Namespace, TextIO], int] = args.handler
    if args.command != "self-test":  # the self-test writes only to its temporary folder
        configure_logging(resolve_data_dir(args.data_dir).logs)
    try:
        return handler(args, out)
    except _user_errors() as exc:
        sys.stderr.write(f"error: {_one_line(exc)}\n")
        return EXIT_PROBLEM
    except Exception as exc:  # a bug: one line for the user, the traceback to the log
        log.exception("unexpected error in %s", args.command)
        sys.stderr.write(f"internal error: {type(exc).__name__}: {_one_line(exc)}\n")
        return EXIT_PROBLEM


def _one_line(exc: BaseException) -> str:
    text = str(exc.args[0]) if isinstance(exc, KeyError) and exc.args else str(exc)
    if isinstance(exc, OSError) and exc.strerror:
        text = f"{exc.filename}: {exc.strerror}" if exc.filename else exc.strerror
    return " ".join(text.split()) or type(exc).__name__


if __name__ == "__main__":
    raise SystemExit(main())
