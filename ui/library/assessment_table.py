"""The table of a team's assessments: one row each, scores at a glance."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from ui.models.assessment_model import (
    COMPARES_WITH,
    CULTURE,
    DATE,
    PROCESS,
    STATUS,
    SURVEY,
    TITLE,
    AssessmentTableModel,
)


def assessment_table(
    model: AssessmentTableModel, menu: list[QAction], row_height: int
) -> QTableView:
    """A read-only, single-row-selection table of ``model`` with ``menu`` as its context menu.

    The title takes the spare width; every other column is as wide as its contents.
    """
    table = QTableView()
    table.setObjectName("assessmentTable")
    table.setAccessibleName("Assessments")
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setTabKeyNavigation(False)
    table.setAlternatingRowColors(True)
    table.setShowGrid(False)
    table.setWordWrap(False)
    table.setTextElideMode(Qt.TextElideMode.ElideRight)
    table.verticalHeader().hide()
    table.verticalHeader().setDefaultSectionSize(row_height)
    table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
    table.addActions(menu)
    columns = table.horizontalHeader()
    columns.setHighlightSections(False)
    columns.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    for column in (DATE, STATUS, CULTURE, PROCESS, SURVEY, COMPARES_WITH):
        columns.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
    columns.setSectionResizeMode(TITLE, QHeaderView.ResizeMode.Stretch)
    columns.setMinimumSectionSize(70)
    return table
