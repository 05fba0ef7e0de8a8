"""Find the assets in ``resources/`` from a source tree, an installed wheel or a frozen build.

The wheel carries ``resources/`` as ``sre_workshop/_resources``; a PyInstaller build unpacks it
under ``sys._MEIPASS/resources``; a source checkout (or editable install) has it beside the
package. One function decides, so no other module guesses paths.
"""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


@cache
def resources_dir() -> Path:
    """The folder holding ``frameworks/``, ``schemas/``, ``demo/`` and the other assets."""
    candidates = [_PACKAGE_DIR / "_resources", _PACKAGE_DIR.parent / "resources"]
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        candidates.insert(0, Path(frozen_root) / "resources")
    for candidate in candidates:
        if (candidate / "schemas").is_dir():
            return candidate
    searched = ", ".join(str(path) for path in candidates)
    raise FileNotFoundError(f"SRE Workshop's resources folder is missing (looked in {searched})")


def resource_path(*parts: str) -> Path:
    """A path in the resources folder: ``resource_path("schemas", "bundle.schema.json")``."""
    return resources_dir().joinpath(*parts)
