"""A private Xvfb for the start-up benchmark, and "is that window visible yet?" with xdotool.

The start-up figures are taken on a real X server (Xvfb), not Qt's offscreen platform: mapping a
window there goes through the same xcb plugin, fonts and style as on a coach's laptop. The
runner starts its own Xvfb on a free display number (so it never disturbs another one) unless
``$SRE_WORKSHOP_BENCH_DISPLAY`` names one to use.

Needs (Debian/Ubuntu): ``apt-get install -y xvfb xdotool libxcb-cursor0 libxcb-icccm4
libxcb-keysyms1 libxcb-image0 libxcb-render-util0 libxcb-xkb1 libxkbcommon-x11-0 libxcb-shape0
libxcb-randr0``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from pathlib import Path
from types import TracebackType

from benchmarks.common import BenchmarkError

_SOCKETS = Path("/tmp/.X11-unix")


def tools_missing() -> list[str]:
    """The programs the start-up benchmark needs that are not on PATH."""
    return [tool for tool in ("Xvfb", "xdotool") if shutil.which(tool) is None]


def _free_display() -> int:
    for number in range(140, 240):
        if not (_SOCKETS / f"X{number}").exists() and not Path(f"/tmp/.X{number}-lock").exists():
            return number
    raise BenchmarkError("no free X display number between :140 and :239")


class XServer:
    """``with XServer() as x:`` a running Xvfb; ``x.display`` is ``":N"``."""

    def __init__(self) -> None:
        self.display = os.environ.get("SRE_WORKSHOP_BENCH_DISPLAY", "")
        self._process: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> XServer:
        if self.display:
            return self
        number = _free_display()
        self.display = f":{number}"
        self._process = subprocess.Popen(
            ["Xvfb", self.display, "-screen", "0", "1920x1080x24", "-nolisten", "tcp", "-noreset"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                raise BenchmarkError(f"Xvfb {self.display} exited at start")
            probe = subprocess.run(
                ["xdotool", "getdisplaygeometry"],
                env=self.env(),
                capture_output=True,
                check=False,
            )
            if probe.returncode == 0:
                return self
            time.sleep(0.05)
        self.__exit__(None, None, None)
        raise BenchmarkError(f"Xvfb {self.display} did not come up within 15 s")

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if self._process is not None:
            self._process.terminate()
            try:
                self._process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()
            self._process = None

    def env(self) -> dict[str, str]:
        env = dict(os.environ)
        env["DISPLAY"] = self.display
        env.pop("QT_QPA_PLATFORM", None)  # the real xcb platform
        env.pop("WAYLAND_DISPLAY", None)
        return env

    def visible_windows(self, pid: int, name: str) -> list[str]:
        """Ids of ``pid``'s mapped windows whose title matches the regular expression ``name``."""
        found = subprocess.run(
            ["xdotool", "search", "--all", "--onlyvisible", "--pid", str(pid), "--name", name],
            env=self.env(),
            capture_output=True,
            text=True,
            check=False,
        )
        return found.stdout.split()

    def window_names(self, pid: int) -> list[str]:
        """The titles of every mapped window of ``pid`` (to spot an unexpected dialog)."""
        names = []
        for window in self.visible_windows(pid, "."):
            name = subprocess.run(
                ["xdotool", "getwindowname", window],
                env=self.env(),
                capture_output=True,
                text=True,
                check=False,
            )
            names.append(name.stdout.strip())
        return names
