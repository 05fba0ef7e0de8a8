"""Window layout state (geometry, splitters) in QSettings: UI preferences only.

With ``--data-dir`` the settings file lives inside that data folder, so a test or a second data
folder never disturbs the coach's own window layout.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings


def ui_settings(data_dir: Path | None) -> QSettings:
    if data_dir is not None:
        return QSettings(str(data_dir / "ui-state.ini"), QSettings.Format.IniFormat)
    return QSettings(
        QSettings.Format.IniFormat, QSettings.Scope.UserScope, "SRE Workshop", "ui-state"
    )


def read_bytes(settings: QSettings, key: str) -> QByteArray | None:
    value = settings.value(key)
    return value if isinstance(value, QByteArray) and not value.isEmpty() else None
