"""``TeamListModel``: the library's list of teams, a read-only view of core ``Team`` objects."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from sre_workshop.model import Team

#: ``index.data(TeamRole)`` is the core ``Team`` of a row.
TeamRole = Qt.ItemDataRole.UserRole + 1

DEMO_MARKER = " (demo)"
#: Characters that would break a list row into lines (str.splitlines' set).
_LINE_BREAKS = str.maketrans(dict.fromkeys("\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029", " "))


def one_line(text: str) -> str:
    """``text`` with its line breaks as spaces: every team row is one line tall, so the list
    can size all rows alike (``uniformItemSizes``), which keeps 500 teams fast to show."""
    return text.translate(_LINE_BREAKS)


_Index = QModelIndex | QPersistentModelIndex


class TeamListModel(QAbstractListModel):
    """One row per team, in the order the repository lists them (by name)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._teams: tuple[Team, ...] = ()

    # --- the adapter's own API ---------------------------------------------------------------

    def set_teams(self, teams: Sequence[Team]) -> None:
        self.beginResetModel()
        self._teams = tuple(teams)
        self.endResetModel()

    def teams(self) -> tuple[Team, ...]:
        return self._teams

    def team_at(self, row: int) -> Team | None:
        return self._teams[row] if 0 <= row < len(self._teams) else None

    def row_of(self, team_id: str | None) -> int | None:
        """The row of the team with ``team_id``, or None when it is not listed."""
        for row, team in enumerate(self._teams):
            if team.id == team_id:
                return row
        return None

    # --- QAbstractListModel ------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt API signature
        return 0 if parent.isValid() else len(self._teams)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.parent().isValid():
            return None
        team = self.team_at(index.row())
        if team is None:
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return one_line(team.name) + (DEMO_MARKER if team.is_demo else "")
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = [team.name]
            if team.is_demo:
                lines.append("Demo team: File ▸ Remove Demo Data deletes it in one step.")
            if team.description:
                lines.append(_shorten(team.description, 300))
            return "\n".join(lines)
        if role == TeamRole:
            return team
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )


def _shorten(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
