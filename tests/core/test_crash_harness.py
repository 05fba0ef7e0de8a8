"""Crash safety: SIGKILL at random moments while workshop edits are being saved loses nothing.

A child process applies a long random sequence of workshop edits through
:class:`~sre_workshop.capture.CaptureSession`, the very methods the facilitation view calls
(notes, quick answers, follow-up flags, levels, not applicable, rationale, vote and survey
tallies, and the undo path's ``save_*`` with an earlier value). Just before the repository
writes, the child logs the exact object it is about to save ("try"); after the session's method
returns it logs the edit as acknowledged ("ack"). The parent kills the child with SIGKILL at a
random moment, reads the log, and checks the database the way the next start of the app would
(the full check after an unclean exit, then ``PRAGMA integrity_check``): every acknowledged
edit is there, as the last acknowledged value of its key; only the one edit in flight may or may
not be. Then it starts another child on the same database, many times over.

Children are forked from a "zygote": a helper process that has imported the app once and forks
a fresh child per life (each child opens the workspace itself, through ``open_workspace``), so
hundreds of kills fit in a few seconds. The ack log is written with ``os.write`` to a file, so
whatever the child wrote before it died is read completely.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from sre_workshop.model import AssessmentRecord
from sre_workshop.storage.health import Health, inspect_database
from sre_workshop.workflows import create_team, plan_assessment
from sre_workshop.workspace import open_workspace

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork() and SIGKILL")

RUNS = 10
KILLS_PER_RUN = 22
BASE_SEED = 20260302
REPO_ROOT = Path(__file__).resolve().parents[2]

#: The one way both processes turn a stored object into comparable text.
NORMAL_SOURCE = textwrap.dedent(
    """
    import dataclasses, enum, json

    def normal(obj):
        def plain(value):
            if isinstance(value, enum.Enum):
                return value.value
            raise TypeError(type(value).__name__)
        return json.dumps(dataclasses.asdict(obj), default=plain, sort_keys=True,
                          ensure_ascii=False)
    """
)

ZYGOTE = NORMAL_SOURCE + textwrap.dedent(
    """
    import itertools, os, random, sys, traceback
    from dataclasses import replace
    from sre_workshop.capture import CaptureSession
    from sre_workshop.model import QuickAnswer
    from sre_workshop.workspace import open_workspace

    ALPHABET = "abcdefghij XYZ 0123456789 éüß жлф λψ 中文 😀🚀 <&>'\\"\\n\\t\\u200d\\u0301"

    def text(rng):
        return "".join(rng.choice(ALPHABET) for _ in range(rng.randrange(0, 300)))

    def child(data_dir, assessment_id, seed, log_path):
        rng = random.Random(seed)
        fd = os.open(log_path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)

        def log(*items):
            os.write(fd, (json.dumps(items, ensure_ascii=False) + "\\n").encode("utf-8"))

        workspace = open_workspace(data_dir)
        repository = workspace.repository
        current = {"seq": -1}

        def watch(kind, name):
            real = getattr(repository, name)
            def save(assessment, obj):
                key = obj.question_key if kind == "answer" else obj.area_key
                log("try", current["seq"], kind, key, normal(obj))
                return real(assessment, obj)
            setattr(repository, name, save)

        watch("answer", "save_answer")
        watch("rating", "save_rating")
        watch("survey", "save_survey_tally")
        session = CaptureSession(workspace, assessment_id)
        questions = [
            flat.question.key for area in session.framework.areas
            for flat in area.flat_questions()
        ]
        areas = [area.key for area in session.framework.areas]
        surveyed = [area.key for area in session.framework.areas if area.survey_statement]
        history = []
        log("ready")
        for seq in itertools.count():
            current["seq"] = seq
            op = rng.randrange(10)
            question, area = rng.choice(questions), rng.choice(areas)
            if op == 0:
                history.append(session.set_notes(question, text(rng)))
            elif op == 1:
                quick = rng.choice([None, *QuickAnswer])
                history.append(session.set_quick_answer(question, quick))
            elif op == 2:
                history.append(session.set_follow_up(question, rng.random() < 0.5))
            elif op == 3:
                history.append(session.set_level(area, rng.choice([None, 1, 2, 3, 4, 5])))
            elif op == 4:
                history.append(session.set_not_applicable(area, text(rng)))
            elif op == 5:
                history.append(session.set_rationale(area, text(rng)))
            elif op == 6:
                history.append(session.set_vote_count(area, rng.randint(1, 5), rng.randrange(16)))
            elif op == 7:
                survey_area = rng.choice(surveyed)
                history.append(
                    session.set_survey_count(survey_area, rng.randint(1, 7), rng.randrange(16))
                )
            elif op == 8 and history:
                # Undo: the facilitation view's undo commands save the earlier object again.
                earlier = history.pop()
                if hasattr(earlier, "question_key"):
                    session.save_answer(earlier)
                elif hasattr(earlier, "counts"):
                    session.save_survey_tally(earlier)
                else:
                    session.save_rating(earlier)
            else:
                history.append(session.set_notes(question, session.answer(question).notes + "."))
            log("ack", seq)

    while True:
        line = sys.stdin.readline()
        if not line:
            break
        command = line.split()
        if command[0] == "run":
            pid = os.fork()
            if pid == 0:
                code = 0
                try:
                    child(*command[1:])
                except BaseException:
                    with open(command[4] + ".error", "w", encoding="utf-8") as handle:
                        handle.write(traceback.format_exc())
                    code = 3
                os._exit(code)
            print(pid, flush=True)
        elif command[0] == "wait":
            _, status = os.waitpid(int(command[1]), 0)
            print(status, flush=True)
    """
)

namespace: dict[str, object] = {}
exec(NORMAL_SOURCE, namespace)  # the very code the child runs
normal = namespace["normal"]


@dataclass
class Expectation:
    """What the database must hold: the last acknowledged object per key."""

    acked: dict[tuple[str, str], str] = field(default_factory=dict)

    def read_log(self, path: Path) -> tuple[tuple[str, str] | None, str | None, int]:
        """Apply one life's log; returns the edit in flight (key, value) and the acks."""
        tries: dict[int, tuple[tuple[str, str], str]] = {}
        in_flight: tuple[tuple[str, str], str] | None = None
        acks = 0
        text = path.read_bytes()
        # A kill can land inside the child's write of a log line (a long one spans pages), so
        # the last line may be torn. A line is written before the step it records starts, so a
        # torn one records a step that never began: only whole lines count.
        whole = text[: text.rfind(b"\n") + 1].decode("utf-8")
        for line in whole.splitlines():
            entry = json.loads(line)
            if entry[0] == "try":
                _, seq, kind, key, value = entry
                tries[seq] = ((kind, key), value)
                in_flight = tries[seq]
            elif entry[0] == "ack":
                acks += 1
                tried = tries.pop(entry[1], None)
                if tried is not None:
                    self.acked[tried[0]] = tried[1]
                in_flight = None
        if in_flight is None:
            return None, None, acks
        return in_flight[0], in_flight[1], acks


def stored(record: AssessmentRecord) -> dict[tuple[str, str], str]:
    found: dict[tuple[str, str], str] = {}
    for answer in record.answers:
        found[("answer", answer.question_key)] = normal(answer)  # type: ignore[operator]
    for rating in record.ratings:
        found[("rating", rating.area_key)] = normal(rating)  # type: ignore[operator]
    for tally in record.survey:
        found[("survey", tally.area_key)] = normal(tally)  # type: ignore[operator]
    return found


class Zygote:
    def __init__(self) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-c", ZYGOTE],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            cwd=REPO_ROOT,
        )

    def ask(self, line: str) -> str:
        assert self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.write(line + "\n")
        self.process.stdin.flush()
        return self.process.stdout.readline().strip()

    def close(self) -> None:
        if self.process.stdin is not None:
            self.process.stdin.close()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=30)
        if self.process.stdout is not None:
            self.process.stdout.close()


@pytest.fixture
def zygote() -> Iterator[Zygote]:
    started = Zygote()
    yield started
    started.close()


def verify(
    data_dir: Path, assessment_id: str, expectation: Expectation, log: Path
) -> tuple[int, bool]:
    """Check the database after a kill; returns the acknowledged edits in the log and whether
    the kill landed while an edit was being saved."""
    key, value, acks = expectation.read_log(log)
    error = log.with_name(log.name + ".error")
    assert not error.exists(), error.read_text("utf-8")
    # What the app does after an unclean exit: the full check, without touching the file.
    report = inspect_database(data_dir / "sre-workshop.sqlite3", full=True)
    assert report.state is Health.OK, report.describe()
    workspace = open_workspace(data_dir)
    try:
        assert [tuple(row) for row in workspace.database.query("PRAGMA integrity_check")] == [
            ("ok",)
        ]
        found = stored(workspace.repository.load_record(assessment_id))
    finally:
        workspace.close()
    for acked_key, acked_value in expectation.acked.items():
        if acked_key == key and found.get(acked_key) == value:
            continue  # the edit in flight reached the disk: allowed
        assert found.get(acked_key) == acked_value, f"acknowledged edit of {acked_key} lost"
    for found_key in found.keys() - expectation.acked.keys():
        assert found_key == key and found[found_key] == value, f"{found_key} never acknowledged"
    if key is not None and found.get(key) == value:
        expectation.acked[key] = value  # settled: it is in the database
    return acks, key is not None


def test_sigkill_at_random_moments_never_loses_an_acknowledged_edit(
    tmp_path: Path, zygote: Zygote, capsys: pytest.CaptureFixture[str]
) -> None:
    started = time.monotonic()
    kills = acknowledged = mid_edits = 0
    for run in range(RUNS):
        rng = random.Random(BASE_SEED + run)
        data_dir = tmp_path / f"run-{run}"
        workspace = open_workspace(data_dir)
        try:
            team = create_team(workspace, f"Run {run}")
            assessment_id = plan_assessment(workspace, team.id, date=dt.date(2026, 3, 2)).id
        finally:
            workspace.close()
        expectation = Expectation()
        for life in range(KILLS_PER_RUN):
            log = tmp_path / f"run-{run}-life-{life}.log"
            seed = rng.randrange(2**32)
            pid = int(zygote.ask(f"run {data_dir} {assessment_id} {seed} {log}"))
            # Most kills land mid-edit; some during start-up (opening and checking).
            delay = rng.uniform(0.0, 0.03) if rng.random() < 0.15 else rng.uniform(0.03, 0.12)
            time.sleep(delay)
            os.kill(pid, signal.SIGKILL)
            status = int(zygote.ask(f"wait {pid}"))
            context = f"run {run}, life {life}, seed {seed}"
            assert os.WIFSIGNALED(status), f"{context}: the child ended by itself ({status})"
            assert os.WTERMSIG(status) == signal.SIGKILL, context
            kills += 1
            if not log.exists():
                log.write_text("", "utf-8")  # killed before it opened its log
            acks, mid_edit = verify(data_dir, assessment_id, expectation, log)
            acknowledged += acks
            mid_edits += mid_edit
        assert expectation.acked, f"run {run}: no edit was ever acknowledged"
    elapsed = time.monotonic() - started
    with capsys.disabled():
        print(
            f"\ncrash harness: {kills} SIGKILLs survived across {RUNS} runs ({mid_edits} in the "
            f"middle of saving an edit), {acknowledged} acknowledged edits all found, "
            f"integrity_check ok after every kill ({elapsed:.1f} s)"
        )
    assert kills >= 200
    assert mid_edits >= kills // 5, "too few kills landed while an edit was being saved"


def test_the_harness_ignores_a_log_line_torn_by_the_kill(tmp_path: Path) -> None:
    log = tmp_path / "life.log"
    whole = json.dumps(["try", 1, "rating", "culture.a", "x"]) + "\n" + json.dumps(["ack", 1])
    torn = json.dumps(["try", 2, "rating", "culture.b", "a long value"])[:30]
    log.write_text(whole + "\n" + torn, "utf-8")
    expectation = Expectation()
    in_flight, value, acks = expectation.read_log(log)
    assert (in_flight, value, acks) == (None, None, 1)
    assert expectation.acked == {("rating", "culture.a"): "x"}
