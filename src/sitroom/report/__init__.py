"""The situation report: headline numbers, summary, map, timeline, actor network, figures, contradictions.

`gather` reads what the report says from the store; `render_html` and `render_markdown` lay it out;
`write_report` picks the format from the file's suffix.
"""

from __future__ import annotations

from pathlib import Path

from ..reconcile.scope import IncidentScope
from ..store import Store
from .content import ReportContent, gather
from .html import render_html
from .markdown import render_markdown

FORMATS = {".html": render_html, ".htm": render_html, ".md": render_markdown, ".markdown": render_markdown}


class UnknownReportFormat(ValueError):
    """The output file's suffix names no format the report is written in."""


def _renderer(out: Path):
    render = FORMATS.get(out.suffix.casefold())
    if render is None:
        raise UnknownReportFormat(f"{out}: write the report to a .html or .md file")
    return render


def write_rendered(content: ReportContent, out: Path) -> None:
    """Write gathered content to `out`, in the format its suffix names (.html or .md)."""
    render = _renderer(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(render(content), encoding="utf-8")


def write_report(store: Store, out: Path, scope: IncidentScope = IncidentScope()) -> ReportContent:
    """Write the report for `scope` to `out` (.html or .md) and return what it says."""
    _renderer(out)  # a wrong suffix is said before any work is done
    content = gather(store, scope)
    write_rendered(content, out)
    return content


__all__ = ["FORMATS", "IncidentScope", "ReportContent", "UnknownReportFormat", "gather", "render_html", "render_markdown", "write_rendered", "write_report"]
