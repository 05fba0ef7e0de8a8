"""The phone page's files from ``resources/voting/``: the HTML shell, stylesheet and script.

They are read once and kept in memory; the server serves the CSS and JavaScript itself, from
the same origin, which is all the Content-Security-Policy allows.
"""

from __future__ import annotations

from functools import cache

from sre_workshop.resources import resource_path


@cache
def _read(name: str) -> str:
    return resource_path("voting", name).read_text("utf-8")


def page_template() -> str:
    """The HTML document with ``$title``, ``$page``, ``$rev`` and ``$body`` placeholders."""
    return _read("page.html")


def stylesheet() -> bytes:
    return _read("app.css").encode("utf-8")


def script() -> bytes:
    return _read("app.js").encode("utf-8")
