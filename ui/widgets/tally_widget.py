"""A vote tally typed in quickly: one row per value with its count and − / + buttons.

Used for the room's vote on the five maturity levels and for the 1-to-7 culture survey. The
keyboard drives it: Up/Down pick the value, + (or =, or Right) and - (or Left) step its count.
Digits are not consumed, so they bubble up to the facilitation view, which rates with them.

The widget shows the count as soon as it changes and emits ``count_changed``; its owner saves
the change and puts the stored counts back with :meth:`TallyWidget.set_counts` (which never
emits), so a count that could not be saved does not stay on screen. The total, the proposed
value (median) and the spread come from the core's :func:`sre_workshop.scoring.tally_summary`
and :func:`sre_workshop.scoring.tally_median`.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent, QMouseEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from sre_workshop.scoring import tally_median, tally_summary

#: Keys the tally handles itself (everything else, digits included, goes to its parents).
PREVIOUS_VALUE_KEYS = (Qt.Key.Key_Up,)
NEXT_VALUE_KEYS = (Qt.Key.Key_Down,)
INCREMENT_KEYS = (Qt.Key.Key_Plus, Qt.Key.Key_Equal, Qt.Key.Key_Right)
DECREMENT_KEYS = (Qt.Key.Key_Minus, Qt.Key.Key_Underscore, Qt.Key.Key_Left)
_OWN_KEYS = frozenset((*PREVIOUS_VALUE_KEYS, *NEXT_VALUE_KEYS, *INCREMENT_KEYS, *DECREMENT_KEYS))
_PLAIN = (
    Qt.KeyboardModifier.NoModifier,
    Qt.KeyboardModifier.ShiftModifier,
    Qt.KeyboardModifier.KeypadModifier,
)

_ROW_STYLE = "QFrame#tallyRow {{ background: {background}; border-radius: 4px; {border} }}"
_FOCUS_BACKGROUND = "#E8F1FA"
_MARKED_BACKGROUND = "#FFF4DB"
_MARKED_BORDER = "border-left: 4px solid #B7791F;"
_UNMARKED_BORDER = "border-left: 4px solid transparent;"


def _plain(event: QKeyEvent) -> bool:
    modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
    return modifiers in _PLAIN


class _Row(QFrame):
    """One value of the tally: marker, label, optional detail, − count +."""

    clicked = Signal()

    def __init__(self, label: str, detail: str | None, parent: QWidget, label_width: int) -> None:
        super().__init__(parent)
        self.setObjectName("tallyRow")
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        layout = QGridLayout(self)
        layout.setContentsMargins(4, 3, 4, 3)
        layout.setHorizontalSpacing(6)
        layout.setVerticalSpacing(0)
        self.marker = QLabel("", self)
        self.marker.setFixedWidth(14)
        self.marker.setObjectName("tallyMarker")
        self.label = QLabel(label, self)
        self.label.setObjectName("tallyLabel")
        # With details the labels wrap in a column of one width, so the details line up;
        # without, a label takes the row.
        has_details = detail is not None
        self.label.setWordWrap(has_details)
        if has_details:
            self.label.setFixedWidth(label_width)
        self.detail = QLabel(detail or "", self)
        self.detail.setObjectName("tallyDetail")
        self.detail.setWordWrap(True)
        self.detail.setVisible(bool(detail))
        self.detail.setMinimumWidth(80)
        self.detail.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.minus = QToolButton(self)
        self.minus.setText("−")
        self.minus.setObjectName("tallyMinus")
        self.count = QLabel("0", self)
        self.count.setObjectName("tallyCount")
        self.count.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.count.setMinimumWidth(30)
        self.plus = QToolButton(self)
        self.plus.setText("+")
        self.plus.setObjectName("tallyPlus")
        for button in (self.minus, self.plus):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setAutoRaise(False)
            button.setFixedSize(26, 26)
        layout.addWidget(self.marker, 0, 0, Qt.AlignmentFlag.AlignVCenter)
        layout.addWidget(self.label, 0, 1, Qt.AlignmentFlag.AlignVCenter)
        layout.addWidget(self.detail, 0, 2, Qt.AlignmentFlag.AlignVCenter)
        buttons = QHBoxLayout()
        buttons.setSpacing(2)
        buttons.addWidget(self.minus)
        buttons.addWidget(self.count)
        buttons.addWidget(self.plus)
        layout.addLayout(buttons, 0, 3, Qt.AlignmentFlag.AlignVCenter)
        layout.setColumnStretch(2 if has_details else 1, 1)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.clicked.emit()
        super().mousePressEvent(event)


class TallyWidget(QWidget):
    """How many people chose each of N values (5 levels or 7 survey answers)."""

    #: (value, new count): the user changed a count.
    count_changed = Signal(int, int)
    #: The focused value moved (Up/Down or a click).
    current_value_changed = Signal(int)

    def __init__(
        self,
        labels: Sequence[str],
        *,
        first_value: int = 1,
        details: Sequence[str] | None = None,
        noun: tuple[str, str] = ("vote", "votes"),
        propose: bool = True,
        parent: QWidget | None = None,
    ) -> None:
        """``labels[i]`` names value ``first_value + i``; ``propose`` shows the proposed
        value (the median rounded down, named by its label) rather than the median itself."""
        super().__init__(parent)
        if not labels:
            raise ValueError("a tally needs at least one value")
        self.setObjectName("tallyWidget")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._labels = tuple(labels)
        self._first = first_value
        self._noun = noun
        self._propose = propose
        self._counts = [0] * len(labels)
        self._current = 0
        self._marked: int | None = None
        self._marked_note = ""
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        self._rows: list[_Row] = []
        label_width = max(90, min(125, 9 * max(len(label) for label in self._labels) // 2))
        for index, label in enumerate(self._labels):
            detail = details[index] if details is not None else None
            row = _Row(label, detail, self, label_width)
            value = first_value + index
            row.minus.clicked.connect(lambda _=False, v=value: self._step(v, -1))
            row.plus.clicked.connect(lambda _=False, v=value: self._step(v, +1))
            row.clicked.connect(lambda v=value: self._click_row(v))
            layout.addWidget(row)
            self._rows.append(row)
        self.summary_label = QLabel(self)
        self.summary_label.setObjectName("tallySummary")
        self.summary_label.setWordWrap(True)
        layout.addWidget(self.summary_label)
        self._refresh()

    # --- reading and writing ---------------------------------------------------------------

    @property
    def values(self) -> tuple[int, ...]:
        return tuple(range(self._first, self._first + len(self._labels)))

    def counts(self) -> tuple[int, ...]:
        return tuple(self._counts)

    def count(self, value: int) -> int:
        return self._counts[self._index(value)]

    def set_counts(self, counts: Sequence[int]) -> None:
        """Show ``counts`` (one per value) without emitting ``count_changed``."""
        if len(counts) != len(self._counts):
            raise ValueError(f"expected {len(self._counts)} counts, got {len(counts)}")
        self._counts = [int(count) for count in counts]
        self._refresh()

    def set_labels(self, labels: Sequence[str]) -> None:
        """Rename the values (as many labels as values)."""
        if len(labels) != len(self._labels):
            raise ValueError(f"expected {len(self._labels)} labels, got {len(labels)}")
        self._labels = tuple(labels)
        self._refresh()

    def set_details(self, details: Sequence[str]) -> None:
        for row, detail in zip(self._rows, details, strict=True):
            row.detail.setText(detail)
            row.detail.setVisible(bool(detail))

    def set_marked(self, value: int | None, note: str = "") -> None:
        """Highlight the row of ``value`` (for example the agreed level) with a text note."""
        self._marked = value
        self._marked_note = note
        self._refresh()

    @property
    def current_value(self) -> int:
        return self._first + self._current

    def set_current_value(self, value: int) -> None:
        index = self._index(value)
        if index != self._current:
            self._current = index
            self._refresh()
            self.current_value_changed.emit(self.current_value)

    def summary_text(self) -> str:
        """ "9 votes · proposed 3 Defined · spread 2–4": total, proposal and spread."""
        summary = tally_summary(self._counts)
        singular, plural = self._noun
        if summary.total == 0:
            return f"No {plural} yet"
        parts = [f"{summary.total} {singular if summary.total == 1 else plural}"]
        if self._propose:
            if summary.proposed is not None:
                parts.append(f"proposed {self._labels[summary.proposed - 1]}")
        else:
            median = tally_median(self._counts, first_value=self._first)
            if median is not None:
                parts.append(f"median {median:g}")
        if summary.lowest is not None and summary.highest is not None:
            low = summary.lowest - 1 + self._first
            high = summary.highest - 1 + self._first
            parts.append("all agree" if low == high else f"spread {low}–{high}")
        return " · ".join(parts)

    # --- behaviour -------------------------------------------------------------------------

    def _index(self, value: int) -> int:
        index = value - self._first
        if not 0 <= index < len(self._counts):
            raise ValueError(f"{value} is not a value of this tally")
        return index

    def _click_row(self, value: int) -> None:
        self.set_current_value(value)
        self.setFocus(Qt.FocusReason.MouseFocusReason)

    def _step(self, value: int, delta: int) -> None:
        self.set_current_value(value)
        index = self._index(value)
        new = max(0, self._counts[index] + delta)
        if new == self._counts[index]:
            return
        self._counts[index] = new
        self._refresh()
        self.count_changed.emit(value, new)

    def step_current(self, delta: int) -> None:
        self._step(self.current_value, delta)

    def event(self, event: QEvent) -> bool:
        # Claim our keys before window shortcuts see them (Left/Right are "previous/next
        # question" elsewhere in the view); digits are left alone so they still rate.
        if event.type() == QEvent.Type.ShortcutOverride:
            assert isinstance(event, QKeyEvent)
            if event.key() in _OWN_KEYS and _plain(event):
                event.accept()
                return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if not _plain(event) or key not in _OWN_KEYS:
            event.ignore()  # digits and everything else bubble up to the view
            return
        if key in PREVIOUS_VALUE_KEYS:
            self.set_current_value(max(self._first, self.current_value - 1))
        elif key in NEXT_VALUE_KEYS:
            self.set_current_value(min(self.values[-1], self.current_value + 1))
        elif key in INCREMENT_KEYS:
            self.step_current(+1)
        else:
            self.step_current(-1)
        event.accept()

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self._refresh()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self._refresh()

    def _refresh(self) -> None:
        focused = self.hasFocus()
        for index, row in enumerate(self._rows):
            value = self._first + index
            current = focused and index == self._current
            marked = self._marked == value
            row.count.setText(str(self._counts[index]))
            row.minus.setEnabled(self._counts[index] > 0)
            row.marker.setText("▸" if current else "")
            label = self._labels[index]
            if marked and self._marked_note:
                label = f"{label}\n✓ {self._marked_note}"
            row.label.setText(label)
            background = (
                _FOCUS_BACKGROUND if current else _MARKED_BACKGROUND if marked else "transparent"
            )
            row.setStyleSheet(
                _ROW_STYLE.format(
                    background=background, border=_MARKED_BORDER if marked else _UNMARKED_BORDER
                )
            )
            row.setProperty("current", current)
            row.setProperty("marked", marked)
        self.summary_label.setText(self.summary_text())
