"""The application icon for the window and the task bar, from ``resources/icons/``.

The PNG sizes are used, not the SVG source, so no image-format plugin is needed (a frozen build
that lost Qt's SVG plugin still shows its icon). The files are generated from the SVG by
``packaging/make_icons.py``.
"""

from __future__ import annotations

from PySide6.QtGui import QIcon

from sre_workshop.resources import resource_path

ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def application_icon() -> QIcon:
    """All PNG sizes of the icon in one QIcon (empty if the files are missing)."""
    icon = QIcon()
    try:
        folder = resource_path("icons")
    except FileNotFoundError:  # a broken installation: the self-test says so, the app still runs
        return icon
    for size in ICON_SIZES:
        path = folder / f"sre-workshop-{size}.png"
        if path.is_file():
            icon.addFile(str(path))
    return icon
