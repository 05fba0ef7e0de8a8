"""The “To review” part of a reassessment: hypotheses and actions carried from earlier ones.

Each carried item is a card with what it says, when it was posed, its status now, how it was
reviewed before, and its own Review… button; an item already reviewed in this assessment shows
that review. The panel only displays: it emits ``review_requested`` and the view opens the
dialog.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from sre_workshop.model import ActionItem, Assessment, Hypothesis, Review
from ui.plans.common import (
    OVERDUE,
    area_name,
    format_date,
    review_history_html,
    status_icon,
    status_label,
)
from ui.plans.hypothesis_model import is_review_overdue

CARD_STYLE = (
    "QFrame#reviewCard { background: palette(base); border: 1px solid #c8d0d9;"
    " border-radius: 6px; }"
    'QFrame#reviewCard[reviewed="true"] { border-left: 4px solid #3f7f5a; }'
    "QLabel#cardKind { color: #44505c; font-weight: 600; letter-spacing: 1px; }"
    "QLabel#cardMeta { color: #44505c; }"
    "QLabel#reviewedHere { background: #eef6f0; border: 1px solid #b9d8c3;"
    " border-radius: 4px; padding: 6px 8px; color: #1f3d2b; }"
    "QLabel#notReviewed { color: #6b4a00; font-weight: 600; }"
)

Item = Hypothesis | ActionItem


@dataclass(frozen=True)
class CarriedItem:
    """A carried hypothesis or action with everything its card shows."""

    item: Item
    reviews: tuple[Review, ...]
    posed_in: Assessment | None

    def review_here(self, assessment_id: str) -> Review | None:
        here = [review for review in self.reviews if review.assessment_id == assessment_id]
        return here[-1] if here else None


class ReviewCard(QFrame):
    """One carried item; ``review_requested`` asks the view to open the review dialog."""

    review_requested = Signal(object)

    def __init__(
        self,
        carried: CarriedItem,
        assessment: Assessment,
        assessments: Mapping[str, Assessment],
        area_names: Mapping[str, str],
        today: dt.date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.carried = carried
        self.item = carried.item
        self.setObjectName("reviewCard")
        item = carried.item
        review_here = carried.review_here(assessment.id)
        self.setProperty("reviewed", review_here is not None)
        is_hypothesis = isinstance(item, Hypothesis)

        kind = QLabel("HYPOTHESIS" if is_hypothesis else "ACTION ITEM")
        kind.setObjectName("cardKind")
        meta = QLabel(self._meta(carried, area_names, today))
        meta.setObjectName("cardMeta")
        meta.setTextFormat(Qt.TextFormat.PlainText)
        meta.setWordWrap(True)
        top = QHBoxLayout()
        top.setSpacing(10)
        top.addWidget(kind)
        top.addWidget(meta, 1)

        text = QLabel(item.sentence if isinstance(item, Hypothesis) else item.text)
        text.setObjectName("cardText")
        text.setTextFormat(Qt.TextFormat.PlainText)
        text.setWordWrap(True)
        text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        larger = QFont(self.font())
        if larger.pointSizeF() > 0:
            larger.setPointSizeF(larger.pointSizeF() * 1.08)
        text.setFont(larger)

        status_row = QHBoxLayout()
        status_row.setSpacing(6)
        icon = QLabel()
        size = self.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize)
        status_pixmap = status_icon(item.status).pixmap(size)
        if not status_pixmap.isNull():
            icon.setPixmap(status_pixmap)
            status_row.addWidget(icon)
        self.status_label = QLabel(f"Status now: {status_label(item.status)}")
        self.status_label.setObjectName("cardStatus")
        bold = QFont(self.font())
        bold.setBold(True)
        self.status_label.setFont(bold)
        status_row.addWidget(self.status_label)
        if review_here is None:
            pending = QLabel("· not yet reviewed in this assessment")
            pending.setObjectName("notReviewed")
            status_row.addWidget(pending)
        status_row.addStretch(1)

        content = QVBoxLayout()
        content.setSpacing(6)
        content.addLayout(top)
        content.addWidget(text)
        content.addLayout(status_row)

        if review_here is not None:
            evidence = review_here.evidence.strip()
            self.review_label: QLabel | None = QLabel(
                "<b>✓ Reviewed in this assessment:</b> "
                + html.escape(status_label(review_here.status))
                + (f" — {html.escape(evidence)}" if evidence else "")
            )
            self.review_label.setObjectName("reviewedHere")
            self.review_label.setTextFormat(Qt.TextFormat.RichText)
            self.review_label.setWordWrap(True)
            content.addWidget(self.review_label)
        else:
            self.review_label = None

        earlier = [review for review in carried.reviews if review is not review_here]
        history = review_history_html(earlier, assessments, assessment.id)
        self.history_label = QLabel(f"<b>Earlier reviews:</b><br>{history}")
        self.history_label.setObjectName("cardHistory")
        self.history_label.setTextFormat(Qt.TextFormat.RichText)
        self.history_label.setWordWrap(True)
        self.history_label.setVisible(bool(history))
        content.addWidget(self.history_label)

        self.review_button = QPushButton("Review again…" if review_here else "Review…")
        self.review_button.setObjectName("reviewButton")
        self.review_button.setAccessibleName(
            f"Review {'hypothesis' if is_hypothesis else 'action item'}: "
            + (item.capability if isinstance(item, Hypothesis) else item.text)[:80]
        )
        self.review_button.setToolTip(
            "Record its status now and the evidence the room saw, with this assessment"
        )
        self.review_button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.review_button.clicked.connect(self.on_review_button_clicked)
        if review_here is None:
            font = self.review_button.font()
            font.setBold(True)
            self.review_button.setFont(font)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(14, 10, 14, 12)
        layout.setSpacing(16)
        layout.addLayout(content, 1)
        layout.addWidget(self.review_button, 0, Qt.AlignmentFlag.AlignTop)

    @staticmethod
    def _meta(carried: CarriedItem, area_names: Mapping[str, str], today: dt.date) -> str:
        item = carried.item
        parts = [
            f"posed {format_date(carried.posed_in.date)}" if carried.posed_in else "posed earlier"
        ]
        if item.owner.strip():
            parts.append(f"owner {item.owner.strip()}")
        if isinstance(item, Hypothesis):
            if item.area_keys:
                parts.append(", ".join(area_name(area_names, key) for key in item.area_keys))
            if item.review_date is not None:
                due = f"review by {format_date(item.review_date)}"
                parts.append(due + (f" ({OVERDUE})" if is_review_overdue(item, today) else ""))
        else:
            if item.area_key:
                parts.append(area_name(area_names, item.area_key))
            if item.due_date is not None:
                due = f"due {format_date(item.due_date)}"
                parts.append(due + (f" ({OVERDUE})" if item.is_overdue(today) else ""))
        return " · ".join(parts)

    @Slot()
    def on_review_button_clicked(self) -> None:
        self.review_requested.emit(self.item)


class ReviewPanel(QWidget):
    """Cards for every carried item, hypotheses first; ``review_requested`` carries the item."""

    review_requested = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reviewPanel")
        self.cards: list[ReviewCard] = []
        self.summary_label = QLabel()
        self.summary_label.setObjectName("reviewSummary")
        self.summary_label.setWordWrap(True)
        self.summary_label.setTextFormat(Qt.TextFormat.PlainText)

        self._content = QWidget()
        self._content.setObjectName("reviewContent")
        self._content.setStyleSheet(CARD_STYLE)
        self._column = QVBoxLayout(self._content)
        self._column.setContentsMargins(2, 2, 12, 12)
        self._column.setSpacing(10)
        self.scroll_area = QScrollArea()
        self.scroll_area.setObjectName("reviewScroll")
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setWidget(self._content)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 4, 0)
        layout.setSpacing(10)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.scroll_area, 1)

    def set_items(
        self,
        carried: Sequence[CarriedItem],
        assessment: Assessment,
        assessments: Mapping[str, Assessment],
        area_names: Mapping[str, str],
        today: dt.date,
    ) -> None:
        self.clear()
        reviewed = sum(1 for entry in carried if entry.review_here(assessment.id) is not None)
        hypotheses = [entry for entry in carried if isinstance(entry.item, Hypothesis)]
        actions = [entry for entry in carried if isinstance(entry.item, ActionItem)]
        if not carried:
            self.summary_label.setText(
                "Nothing to review: the team's earlier assessments left no open hypotheses "
                "or action items."
            )
        else:
            self.summary_label.setText(
                f"Open hypotheses and action items from the team's earlier assessments: "
                f"{reviewed} of {len(carried)} reviewed in this assessment. Review each one: "
                "its status now and the evidence the room saw."
            )
        for title, entries in (("Hypotheses", hypotheses), ("Action items", actions)):
            if not entries:
                continue
            heading = QLabel(f"{title} ({len(entries)})")
            heading.setObjectName("reviewSectionHeading")
            font = QFont(self.font())
            font.setBold(True)
            if font.pointSizeF() > 0:
                font.setPointSizeF(font.pointSizeF() * 1.1)
            heading.setFont(font)
            self._column.addWidget(heading)
            for entry in entries:
                card = ReviewCard(entry, assessment, assessments, area_names, today)
                card.review_requested.connect(self.review_requested)
                self._column.addWidget(card)
                self.cards.append(card)
        self._column.addStretch(1)

    def card_for(self, item_id: str) -> ReviewCard | None:
        for card in self.cards:
            if card.item.id == item_id:
                return card
        return None

    def clear(self) -> None:
        self.summary_label.clear()
        self.cards = []
        while self._column.count():
            entry = self._column.takeAt(0)
            widget = entry.widget() if entry is not None else None
            if widget is not None:
                widget.hide()
                widget.deleteLater()
