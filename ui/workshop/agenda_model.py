"""The workshop agenda as a Qt item model: areas in scope, grouped by dimension, with progress.

A thin adapter: the facilitation view builds one frozen :class:`AgendaEntry` per area from the
capture session and hands it in; the model only presents it. Two levels (dimension groups, then
areas) and two columns (name, progress mark). Progress reads without colour: "✓ 3" for an
agreed level, "n/a", "✎ 2/8" for notes on two of eight questions, "skipped" for an area passed
without capturing anything, and "⚑" when questions are flagged for follow-up. The current area
is marked with "▶" and bold as well as a background.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from enum import Enum
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from sre_workshop.model import Dimension

ModelIndex = QModelIndex | QPersistentModelIndex

NAME_COLUMN = 0
STATUS_COLUMN = 1
COLUMN_COUNT = 2

AreaKeyRole = Qt.ItemDataRole.UserRole + 1
StatusRole = Qt.ItemDataRole.UserRole + 2
EntryRole = Qt.ItemDataRole.UserRole + 3

_ROOT = QModelIndex()
_GROUP_ID = 0  # internal id of group rows; area rows carry their group's row + 1
_CURRENT_BACKGROUND = QColor("#DCEBFA")
_MUTED = QColor("#5F6B7A")


class AreaStatus(Enum):
    NOT_STARTED = "not started"
    SKIPPED = "skipped"
    IN_PROGRESS = "notes taken"
    RATED = "rated"
    NOT_APPLICABLE = "not applicable"


@dataclass(frozen=True)
class AgendaEntry:
    """One area on the agenda and how far the workshop got with it."""

    area_key: str
    name: str
    dimension: Dimension
    level: int | None = None
    level_name: str = ""
    not_applicable: bool = False
    #: Questions with notes, a quick answer or a flag, out of ``questions``.
    answered: int = 0
    questions: int = 0
    flagged: int = 0
    #: The coach has been to this area in this sitting.
    visited: bool = False

    @property
    def status(self) -> AreaStatus:
        if self.not_applicable:
            return AreaStatus.NOT_APPLICABLE
        if self.level is not None:
            return AreaStatus.RATED
        if self.answered:
            return AreaStatus.IN_PROGRESS
        return AreaStatus.SKIPPED if self.visited else AreaStatus.NOT_STARTED

    def mark(self) -> str:
        """The short progress text of the status column."""
        status = self.status
        if status is AreaStatus.RATED:
            text = f"✓ {self.level}"
        elif status is AreaStatus.NOT_APPLICABLE:
            text = "n/a"
        elif status is AreaStatus.IN_PROGRESS:
            text = f"✎ {self.answered}/{self.questions}"
        elif status is AreaStatus.SKIPPED:
            text = "skipped"
        else:
            text = "–"
        return f"{text} ⚑" if self.flagged else text

    def describe(self) -> str:
        """The full progress in words (tooltip and accessible text)."""
        status = self.status
        if status is AreaStatus.RATED:
            parts = [f"Level {self.level} {self.level_name} agreed".replace("  ", " ")]
        elif status is AreaStatus.NOT_APPLICABLE:
            parts = ["Not applicable"]
        elif status is AreaStatus.SKIPPED:
            parts = ["Skipped: visited, nothing captured yet"]
        elif status is AreaStatus.NOT_STARTED:
            parts = ["Not started"]
        else:
            parts = ["No level agreed yet"]
        if self.questions:
            parts.append(f"notes or answers on {self.answered} of {self.questions} questions")
        if self.flagged:
            parts.append(f"{self.flagged} flagged for follow-up")
        return f"{self.name}: " + "; ".join(parts)


@dataclass
class _Group:
    dimension: Dimension
    entries: list[AgendaEntry] = field(default_factory=list)

    def summary(self) -> str:
        done = sum(
            entry.status in (AreaStatus.RATED, AreaStatus.NOT_APPLICABLE) for entry in self.entries
        )
        return f"{done}/{len(self.entries)}"


class AgendaModel(QAbstractItemModel):
    """Dimension groups (Culture, Process) with their areas in agenda order."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._groups: list[_Group] = []
        self._current: str | None = None

    # --- loading ---------------------------------------------------------------------------

    def set_entries(self, entries: Sequence[AgendaEntry]) -> None:
        """Replace the agenda; entries are grouped by dimension, keeping their order."""
        self.beginResetModel()
        groups: dict[Dimension, _Group] = {}
        for entry in entries:
            groups.setdefault(entry.dimension, _Group(entry.dimension)).entries.append(entry)
        self._groups = [groups[dimension] for dimension in Dimension if dimension in groups]
        if self._current is not None and self._locate(self._current) is None:
            self._current = None
        self.endResetModel()

    def update_entry(self, entry: AgendaEntry) -> None:
        """Show new progress for one area (a targeted ``dataChanged``)."""
        found = self._locate(entry.area_key)
        if found is None:
            return
        group_row, row = found
        self._groups[group_row].entries[row] = entry
        self._changed(group_row, row)
        self._changed_group(group_row)

    def mark_visited(self, area_key: str) -> None:
        entry = self.entry(area_key)
        if entry is not None and not entry.visited:
            self.update_entry(replace(entry, visited=True))

    def set_current(self, area_key: str | None) -> None:
        previous, self._current = self._current, area_key
        for key in (previous, area_key):
            found = self._locate(key) if key is not None else None
            if found is not None:
                self._changed(*found)

    # --- reading ---------------------------------------------------------------------------

    @property
    def current(self) -> str | None:
        return self._current

    def entries(self) -> tuple[AgendaEntry, ...]:
        """Every area in agenda order (the order navigation follows)."""
        return tuple(entry for group in self._groups for entry in group.entries)

    def entry(self, area_key: str) -> AgendaEntry | None:
        found = self._locate(area_key)
        return self._groups[found[0]].entries[found[1]] if found is not None else None

    def index_of(self, area_key: str, column: int = NAME_COLUMN) -> QModelIndex:
        found = self._locate(area_key)
        if found is None:
            return QModelIndex()
        group_row, row = found
        return self.index(row, column, self.index(group_row, 0))

    def _locate(self, area_key: str) -> tuple[int, int] | None:
        for group_row, group in enumerate(self._groups):
            for row, entry in enumerate(group.entries):
                if entry.area_key == area_key:
                    return group_row, row
        return None

    def _changed(self, group_row: int, row: int) -> None:
        parent = self.index(group_row, 0)
        self.dataChanged.emit(
            self.index(row, NAME_COLUMN, parent), self.index(row, STATUS_COLUMN, parent)
        )

    def _changed_group(self, group_row: int) -> None:
        self.dataChanged.emit(
            self.index(group_row, NAME_COLUMN), self.index(group_row, STATUS_COLUMN)
        )

    # --- QAbstractItemModel ----------------------------------------------------------------

    def index(self, row: int, column: int, parent: ModelIndex = _ROOT) -> QModelIndex:
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, _GROUP_ID)
        return self.createIndex(row, column, parent.row() + 1)

    def parent(self, index: ModelIndex = _ROOT) -> QModelIndex:  # type: ignore[override]
        if not index.isValid() or index.internalId() == _GROUP_ID:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, _GROUP_ID)

    def rowCount(self, parent: ModelIndex = _ROOT) -> int:
        if not parent.isValid():
            return len(self._groups)
        if parent.internalId() == _GROUP_ID and parent.column() == 0:
            return len(self._groups[parent.row()].entries)
        return 0

    def columnCount(self, parent: ModelIndex = _ROOT) -> int:
        return COLUMN_COUNT

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if index.internalId() == _GROUP_ID:
            return Qt.ItemFlag.ItemIsEnabled
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if index.internalId() == _GROUP_ID:
            return self._group_data(self._groups[index.row()], index.column(), role)
        entry = self._groups[index.internalId() - 1].entries[index.row()]
        return self._entry_data(entry, index.column(), role)

    def _group_data(self, group: _Group, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return group.dimension.label.upper() if column == NAME_COLUMN else group.summary()
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(_MUTED)
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            return f"{group.dimension.label}: {group.summary()} areas agreed or not applicable"
        return None

    def _entry_data(self, entry: AgendaEntry, column: int, role: int) -> Any:
        current = entry.area_key == self._current
        if role == Qt.ItemDataRole.DisplayRole:
            if column == NAME_COLUMN:
                return f"▶ {entry.name}" if current else entry.name
            return entry.mark()
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            prefix = "Current area. " if current else ""
            return prefix + entry.describe()
        if role == Qt.ItemDataRole.FontRole and current:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.BackgroundRole and current:
            return QBrush(_CURRENT_BACKGROUND)
        if role == Qt.ItemDataRole.ForegroundRole and column == STATUS_COLUMN:
            if entry.status in (AreaStatus.NOT_STARTED, AreaStatus.SKIPPED):
                return QBrush(_MUTED)
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole and column == STATUS_COLUMN:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == AreaKeyRole:
            return entry.area_key
        if role == StatusRole:
            return entry.status.value
        if role == EntryRole:
            return entry
        return None
