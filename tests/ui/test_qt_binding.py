"""The Qt binding must not leak references to None: on Python 3.11 that aborts the app.

PySide6 6.12.0 took a reference from ``None`` (and ``True``/``False``) on every call that returns
nothing or a bool; after a few thousand calls, such as a coach typing notes for a while, CPython
aborts with ``none_dealloc``. pyproject.toml excludes that release; this test catches any other.
"""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QCheckBox, QLabel
from pytestqt.qtbot import QtBot


def test_qt_calls_do_not_leak_references_to_none_or_bools(qtbot: QtBot) -> None:
    label, box = QLabel(), QCheckBox()
    qtbot.addWidget(label)
    qtbot.addWidget(box)
    none_before, true_before = sys.getrefcount(None), sys.getrefcount(True)
    for _ in range(500):
        label.setText("x")
        box.isChecked()
        box.isEnabled()
    assert sys.getrefcount(None) - none_before > -50
    assert sys.getrefcount(True) - true_before > -50
