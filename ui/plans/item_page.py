"""One tab of the plans view: buttons, a table of items, and the selected item's details.

With no items the table gives way to a short explanation of what belongs here, so an empty
tab says what to do next instead of showing bare column headers.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

DETAILS_STYLE = "QLabel#itemDetails { padding: 6px 8px; }"
TABLE_STYLE = (
    "QTableView::item { padding: 5px 4px; }"
    "QHeaderView::section { padding: 4px 8px; border: none;"
    " border-right: 1px solid palette(mid); border-bottom: 1px solid palette(mid);"
    " background: palette(button); font-weight: 600; }"
)


class TopAlignedDelegate(QStyledItemDelegate):
    """Icons at the top of their cell, beside the first line of text (rows wrap long text)."""

    def initStyleOption(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        super().initStyleOption(option, index)
        option.decorationAlignment = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop


class ItemPage(QWidget):
    """A table of hypotheses or actions with its buttons and a details pane below."""

    def __init__(
        self,
        name: str,
        model: QAbstractItemModel,
        buttons: Sequence[QPushButton],
        stretch_column: int,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName(f"{name}Page")
        self.table = QTableView()
        self.table.setObjectName(f"{name}Table")
        self.table.setModel(model)
        self.table.setItemDelegate(TopAlignedDelegate(self.table))
        self.table.setStyleSheet(TABLE_STYLE)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        self.table.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.table.setAlternatingRowColors(True)
        self.table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.table.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(stretch_column, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)

        self.details_label = QLabel()
        self.details_label.setObjectName("itemDetails")
        self.details_label.setStyleSheet(DETAILS_STYLE)
        self.details_label.setWordWrap(True)
        self.details_label.setTextFormat(Qt.TextFormat.RichText)
        self.details_label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.details_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        details = QScrollArea()
        details.setObjectName(f"{name}Details")
        details.setWidgetResizable(True)
        details.setFrameShape(QFrame.Shape.StyledPanel)
        details.setWidget(self.details_label)

        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setObjectName(f"{name}Splitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(details)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([420, 130])

        self.empty_label = QLabel()
        self.empty_label.setObjectName(f"{name}Empty")
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setTextFormat(Qt.TextFormat.PlainText)
        self.empty_label.setMargin(40)

        self.empty_page = QWidget()
        empty_row = QHBoxLayout(self.empty_page)
        empty_row.addStretch(1)
        empty_row.addWidget(self.empty_label, 4)
        empty_row.addStretch(1)
        self.empty_label.setMaximumWidth(720)

        self.stack = QStackedWidget()
        self.stack.addWidget(self.empty_page)
        self.stack.addWidget(self.splitter)

        button_row = QHBoxLayout()
        button_row.setSpacing(8)
        for button in buttons:
            button_row.addWidget(button)
        button_row.addStretch(1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.setSpacing(10)
        layout.addLayout(button_row)
        layout.addWidget(self.stack, 1)

    def set_empty(self, empty: bool, text: str) -> None:
        self.empty_label.setText(text)
        self.stack.setCurrentWidget(self.empty_page if empty else self.splitter)

    def set_details(self, html_text: str) -> None:
        self.details_label.setText(html_text)

    def selected_row(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].row() if rows else None

    def select_row(self, row: int | None) -> None:
        if row is None:
            self.table.clearSelection()
            return
        self.table.selectRow(row)
        self.table.scrollTo(self.table.model().index(row, 0))
