"""Colours and the stylesheet of the facilitation view (scoped to its object names).

Calm colours on a light background, one accent blue, and status never by colour alone: every
coloured state also carries a word or a symbol (✓, ⚠, "Not saved", "n/a").
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

ACCENT = "#0B5394"
TEXT = "#1B2430"
MUTED = "#5F6B7A"
OK = "#1E7B4F"
WARN_TEXT = "#7A4A00"
WARN_BACKGROUND = "#FFF4DB"
DANGER_TEXT = "#A61B1B"
DANGER_BACKGROUND = "#FDECEC"

#: The current question's size at any window size (points): readable from the back of a room.
QUESTION_POINTS = 22
#: ... and when the centre column is wide (1920 pixels and up).
QUESTION_POINTS_WIDE = 26

VIEW_STYLE = f"""
QWidget#facilitationView {{ background: #F3F5F8; }}
QWidget#facilitationView QLabel {{ color: {TEXT}; }}

QFrame#sessionBar {{ background: #FFFFFF; border-bottom: 1px solid #D9DFE6; }}
QLabel#sessionTitle {{ font-size: 12pt; font-weight: 700; }}
QLabel#sessionStatus {{ font-size: 9.5pt; color: {MUTED}; border: 1px solid #C9D2DC;
    border-radius: 9px; padding: 1px 8px; }}
QLabel#overallClock {{ font-family: "DejaVu Sans Mono", monospace; font-size: 13pt;
    font-weight: 700; }}
QLabel#overallClock[paused="true"] {{ color: {WARN_TEXT}; }}
QLabel#clockCaption {{ font-size: 9pt; color: {MUTED}; }}

QFrame#card {{ background: #FFFFFF; border: 1px solid #DDE3EA; border-radius: 8px; }}
QLabel#eyebrow {{ font-size: 9pt; font-weight: 700; color: {ACCENT}; letter-spacing: 1px; }}
QLabel#sectionHeading {{ font-size: 9pt; font-weight: 700; color: {MUTED}; letter-spacing: 1px; }}
QLabel#areaName {{ font-size: 17pt; font-weight: 700; }}
QLabel#areaDescription {{ font-size: 10pt; color: #3E4957; }}
QLabel#timebox {{ font-family: "DejaVu Sans Mono", monospace; font-size: 11pt; font-weight: 700;
    padding: 3px 10px; border-radius: 6px; background: #EEF2F6; color: {TEXT}; }}
QLabel#timebox[state="almost-up"] {{ background: {WARN_BACKGROUND}; color: {WARN_TEXT};
    border: 1px solid #E7C27A; }}
QLabel#timebox[state="over"] {{ background: {DANGER_TEXT}; color: #FFFFFF; }}

QFrame#questionCard {{ background: #FFFFFF; border: 1px solid #DDE3EA;
    border-left: 6px solid {ACCENT}; border-radius: 8px; }}
QFrame#questionCard[followUp="true"] {{ border-left: 6px solid #7FA7CF; }}
QLabel#questionPosition {{ font-size: 10pt; font-weight: 700; color: {MUTED}; }}
QLabel#questionText {{ color: #0A0F14; }}

QPushButton#quickAnswer, QPushButton#followUp, QPushButton#levelButton,
QPushButton#notApplicable, QToolButton#barButton {{
    background: #FFFFFF; border: 1px solid #B9C3CE; border-radius: 6px; padding: 4px 8px;
    font-size: 10.5pt; color: {TEXT}; }}
QPushButton#quickAnswer:checked, QPushButton#levelButton:checked,
QToolButton#barButton:checked {{ background: {ACCENT}; border-color: {ACCENT}; color: #FFFFFF; }}
QPushButton#followUp:checked, QPushButton#notApplicable:checked {{ background: {WARN_BACKGROUND};
    border: 1px solid #B7791F; color: {WARN_TEXT}; }}
QPushButton#levelButton {{ font-size: 13pt; font-weight: 700; min-width: 26px; }}
QPushButton:hover {{ border-color: {ACCENT}; }}

QPlainTextEdit#notesEdit, QPlainTextEdit#rationaleEdit, QLineEdit#reasonEdit {{
    background: #FFFFFF; border: 1px solid #B9C3CE; border-radius: 6px; padding: 4px;
    color: {TEXT}; selection-background-color: #BBD3EC; selection-color: {TEXT}; }}
QPlainTextEdit#notesEdit {{ font-size: 12pt; }}
QPlainTextEdit#rationaleEdit, QLineEdit#reasonEdit {{ font-size: 10.5pt; }}
QPlainTextEdit:focus, QLineEdit:focus {{ border: 2px solid {ACCENT}; }}
QLabel#saveState {{ font-size: 9.5pt; color: {MUTED}; }}
QLabel#saveState[state="failed"] {{ color: {DANGER_TEXT}; font-weight: 700;
    background: {DANGER_BACKGROUND}; border-radius: 4px; padding: 1px 6px; }}
QLabel#saveError {{ color: {DANGER_TEXT}; font-weight: 600; font-size: 9.5pt;
    background: {DANGER_BACKGROUND}; border: 1px solid #E5A5A5; border-radius: 4px;
    padding: 4px 8px; }}
QLabel#banner {{ background: {DANGER_BACKGROUND}; color: {DANGER_TEXT}; font-weight: 700;
    border: 1px solid #E5A5A5; border-radius: 6px; padding: 6px 10px; }}

QLabel#agreedLevel {{ font-size: 14pt; font-weight: 700; }}
QLabel#agreedLevel[state="none"] {{ color: {MUTED}; font-weight: 400; }}
QLabel#agreedLevel[state="na"] {{ color: {WARN_TEXT}; }}
QLabel#revealState {{ font-size: 9.5pt; color: {MUTED}; }}
QLabel#revealState[revealed="true"] {{ color: {OK}; font-weight: 700; }}
QLabel#roomVoteState {{ font-size: 9.5pt; font-weight: 700; color: {ACCENT}; }}
QLabel#surveyStatement {{ font-size: 10.5pt; font-style: italic; }}

QWidget#tallyWidget:focus {{ outline: none; }}
QLabel#tallyLabel {{ font-size: 10pt; font-weight: 700; }}
QLabel#tallyDetail {{ font-size: 9pt; color: #3E4957; }}
QLabel#tallyCount {{ font-size: 12pt; font-weight: 700; }}
QLabel#tallyMarker {{ color: {ACCENT}; font-weight: 700; }}
QLabel#tallySummary {{ font-size: 10pt; font-weight: 600; color: {ACCENT}; padding: 2px 4px; }}
QToolButton#tallyMinus, QToolButton#tallyPlus {{ background: #FFFFFF; border: 1px solid #B9C3CE;
    border-radius: 4px; font-size: 12pt; font-weight: 700; color: {TEXT}; }}
QToolButton#tallyMinus:disabled {{ color: #B9C3CE; }}

QTreeView#agenda {{ background: #FFFFFF; border: 1px solid #DDE3EA; border-radius: 8px;
    font-size: 10.5pt; padding: 4px; }}
QTreeView#agenda::item {{ padding: 2px 2px; }}
QTreeView#agenda::item:selected {{ background: transparent; color: {TEXT}; }}
QLabel#legend {{ font-size: 8.5pt; color: {MUTED}; }}
QLabel#hintBar {{ font-size: 9pt; color: {MUTED}; padding: 3px 10px; background: #FFFFFF;
    border-top: 1px solid #D9DFE6; }}
QScrollArea#ratingScroll {{ background: transparent; border: none; }}
QWidget#ratingPanel {{ background: transparent; }}
"""


class ElidedLabel(QLabel):
    """A one-line label that shortens its text with "…" instead of widening the window."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._full = ""
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.setMinimumWidth(60)

    def setText(self, text: str) -> None:
        self._full = text
        self.setToolTip(text)
        self._elide()

    def full_text(self) -> str:
        return self._full

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        metrics = self.fontMetrics()
        super().setText(metrics.elidedText(self._full, Qt.TextElideMode.ElideRight, self.width()))


def restyle(*widgets: object) -> None:
    """Re-apply the stylesheet after a dynamic property (state, revealed...) changed."""
    for widget in widgets:
        if isinstance(widget, QWidget):
            style = widget.style()
            style.unpolish(widget)
            style.polish(widget)
            widget.update()
