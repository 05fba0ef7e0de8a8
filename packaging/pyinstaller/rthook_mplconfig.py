"""PyInstaller run-time hook: keep matplotlib's font cache between runs of the frozen app.

PyInstaller's own run-time hook for matplotlib (``pyi_rth_mplconfig``) points ``MPLCONFIGDIR``
at a new temporary folder on every start, so matplotlib would index the system's fonts again at
the first chart of every session: seconds on a laptop with many fonts, while the room waits.
The spec replaces that hook with this one, which uses the user's cache folder (the cache only;
the coach's data folder is never touched). If that folder cannot be created, matplotlib falls
back to a temporary folder by itself.
"""

import os
from pathlib import Path

import platformdirs

_folder = Path(platformdirs.user_cache_dir("SRE Workshop", "SRE Workshop")) / "matplotlib"
try:
    _folder.mkdir(parents=True, exist_ok=True)
except OSError:
    pass
else:
    os.environ["MPLCONFIGDIR"] = str(_folder)
