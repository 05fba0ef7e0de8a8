"""The phone's page and its JSON snapshot, rendered on the server from a :class:`PhoneView`.

One rendering path: the page is complete HTML that works without JavaScript (a plain form that
posts and is redirected back); the small script only reloads it when the phase or question
changes and updates the vote count in place. Every piece of text goes through
:func:`html.escape`; the page has no inline script or style (the CSP forbids both), so bars are
native ``<progress>`` elements rather than styled widths.

Before the reveal nothing here knows the distribution: :class:`PhoneView` carries only the
number of votes and the phone's own choice. After it, a result below the coach's
"too few to show" setting is shown as a sentence without counts.
"""

from __future__ import annotations

from html import escape
from string import Template
from typing import Any

from sre_workshop.voting.assets import page_template
from sre_workshop.voting.room import Phase, PhoneView
from sre_workshop.voting.rounds import DONT_KNOW, RoundKind, RoundResult, RoundSpec

WIFI_HINT = "Not sent — check the Wi-Fi and try again."


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def phone_json(view: PhoneView) -> dict[str, Any]:
    """The full snapshot a phone's script gets from ``state`` and the live stream."""
    spec = view.round
    return {
        "rev": view.rev,
        "page": view.page,
        "phase": view.phase.value,
        "votes_cast": view.votes_cast,
        "my_vote": view.my_vote,
        "round": _round_json(spec) if spec is not None else None,
        "result": _result_json(view.result) if view.phase is Phase.REVEALED else None,
    }


def _round_json(spec: RoundSpec) -> dict[str, Any]:
    return {
        "id": spec.id,
        "kind": spec.kind.value,
        "area": spec.area_name,
        "heading": spec.heading,
        "context": spec.context,
        "choices": [
            {"value": choice.value, "label": choice.label, "detail": choice.detail}
            for choice in spec.choices
        ],
    }


def _result_json(result: RoundResult | None) -> dict[str, Any] | None:
    if result is None:
        return None
    if not result.shown:
        return {"shown": False, "total": result.total}
    return {
        "shown": True,
        "total": result.total,
        "counts": [
            {"value": choice.value, "label": choice.label, "count": count}
            for choice, count in zip(result.round.choices, result.counts, strict=True)
        ],
    }


# --- HTML --------------------------------------------------------------------------------------


def render_page(view: PhoneView, *, notice: str = "", notice_kind: str = "") -> str:
    """The whole page for ``view``; ``notice`` is a one-off message (after a vote, an error)."""
    if view.phase is Phase.OPEN and view.round is not None:
        title, body = view.round.area_name, _ballot(view, view.round, notice, notice_kind)
    elif view.phase is Phase.REVEALED and view.round is not None:
        title, body = f"Result · {view.round.area_name}", _result(view.round, view.result)
    else:
        title, body = "Waiting for the coach", _waiting(notice, notice_kind)
    return _document(title, body, view)


def render_message(view: PhoneView, heading: str, message: str) -> str:
    """A page for a request that could not be served (no JavaScript: shown after a post)."""
    body = (
        '<section class="card">'
        f"<h1>{_e(heading)}</h1>"
        f'<p class="status error" role="alert">{_e(message)}</p>'
        '<p><a class="button" href="./">Back to the vote</a></p>'
        "</section>"
    )
    return _document(heading, body, view)


def _document(title: str, body: str, view: PhoneView) -> str:
    template = Template(page_template())
    return template.substitute(
        title=_e(f"{title} · Room vote"), page=_e(view.page), rev=_e(view.rev), body=body
    )


def _status(text: str, kind: str) -> str:
    css = f"status {kind}" if kind else "status"
    return f'<p id="status" class="{_e(css)}" role="status" aria-live="polite">{_e(text)}</p>'


def _waiting(notice: str, notice_kind: str) -> str:
    return (
        '<section class="card waiting">'
        '<p class="eyebrow">Connected</p>'
        "<h1>You're in. Waiting for the coach to open a vote.</h1>"
        '<p class="muted">Keep this page open: the question appears here when voting starts.</p>'
        f"{_status(notice, notice_kind)}"
        '<p class="refresh"><a class="button secondary" href="./">Refresh</a></p>'
        "</section>"
    )


def _ballot(view: PhoneView, spec: RoundSpec, notice: str, notice_kind: str) -> str:
    options = []
    for choice in spec.choices:
        checked = " checked" if view.my_vote == choice.value else ""
        detail = f'<span class="detail">{_e(choice.detail)}</span>' if choice.detail else ""
        extra = " dont-know" if spec.kind is RoundKind.LEVEL and choice.value == DONT_KNOW else ""
        options.append(
            f'<label class="choice{extra}">'
            f'<input type="radio" name="choice" value="{choice.value}" required{checked}>'
            f'<span class="text"><span class="label">{_e(choice.label)}</span>{detail}</span>'
            "</label>"
        )
    if not notice and view.my_vote is not None:
        chosen = next((c.label for c in spec.choices if c.value == view.my_vote), "")
        notice = f"✓ Vote received: {chosen}. You can change it until the coach reveals."
        notice_kind = "received"
    context = ""
    if spec.context:
        lead = '<span class="muted">Discussing:</span> ' if spec.kind is RoundKind.LEVEL else ""
        context = f'<p class="context">{lead}{_e(spec.context)}</p>'

    button = "Change my vote" if view.my_vote is not None else "Send my vote"
    return (
        f'<p class="eyebrow">{_e(spec.area_name)}</p>'
        f'<h1 id="question">{_e(spec.heading)}</h1>'
        f"{context}"
        '<form class="ballot" method="post" action="vote">'
        f'<input type="hidden" name="round" value="{_e(spec.id)}">'
        "<fieldset><legend>Your anonymous vote</legend>"
        f"{''.join(options)}"
        "</fieldset>"
        f'<button type="submit" class="send">{_e(button)}</button>'
        f"{_status(notice, notice_kind)}"
        "</form>"
        f'<p class="count"><span data-votes-cast>{view.votes_cast}</span> voted so far · '
        "results appear when the coach reveals them</p>"
    )


def _result(spec: RoundSpec, result: RoundResult | None) -> str:
    head = f'<p class="eyebrow">{_e(spec.area_name)} · Result</p><h1>{_e(spec.heading)}</h1>'
    if result is None:
        return head
    if not result.shown:
        return (
            f"{head}"
            f'<p class="status too-few" role="status">Too few votes to show ({result.total}). '
            "Small counts are hidden so nobody's vote can be worked out.</p>"
        )
    top = max(result.counts) if result.counts else 0
    rows = []
    for choice, count in zip(spec.choices, result.counts, strict=True):
        most = " most" if count and count == top else ""
        rows.append(
            f'<li class="result{most}">'
            f'<span class="label">{_e(choice.label)}</span>'
            f'<span class="n">{count}</span>'
            f'<progress max="{max(result.total, 1)}" value="{count}">'
            f"{count} of {result.total}</progress>"
            "</li>"
        )
    return (
        f"{head}"
        f'<p class="total" role="status">{_e(_plural(result.total, "vote"))} · revealed</p>'
        f'<ol class="results">{"".join(rows)}</ol>'
        '<p class="muted">The room now discusses the spread; the next vote appears here.</p>'
    )
