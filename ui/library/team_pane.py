"""The library's left side: the list of teams, a hint while there are none, and New Team."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize, Qt
from PySide6.QtGui import QAction, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QListView,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from ui.models.team_model import TeamListModel
from ui.widgets.actions import action_button


class _RoomyDelegate(QStyledItemDelegate):
    """List rows with a little air, so team names are easy to scan and to click."""

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        hint = super().sizeHint(option, index)
        return QSize(hint.width(), hint.height() + 12)


class TeamPane(QWidget):
    """The teams, with ``menu`` as the list's context menu and a button for ``new_team``."""

    def __init__(
        self,
        model: TeamListModel,
        menu: list[QAction],
        new_team: QAction,
        heading_font: QFont,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("teamPane")
        heading = QLabel("&Teams")
        heading.setFont(heading_font)
        self.team_list = QListView()
        self.team_list.setObjectName("teamList")
        self.team_list.setAccessibleName("Teams")
        self.team_list.setModel(model)
        self.team_list.setItemDelegate(_RoomyDelegate(self.team_list))
        # Rows are one line each (team_model.one_line): no need to measure 500 of them.
        self.team_list.setUniformItemSizes(True)
        self.team_list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.team_list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.team_list.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.team_list.addActions(menu)
        heading.setBuddy(self.team_list)
        self.teams_hint = QLabel("No teams yet. Create one, or load the demo team to look around.")
        self.teams_hint.setObjectName("teamsHint")
        self.teams_hint.setWordWrap(True)
        self.new_team_button = action_button(new_team, "&New Team…")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 8, 12)
        layout.setSpacing(8)
        layout.addWidget(heading)
        layout.addWidget(self.teams_hint)
        layout.addWidget(self.team_list, 1)
        layout.addWidget(self.new_team_button)
