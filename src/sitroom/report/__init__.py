"""The situation report: headline numbers, summary, map, timeline, actor network, figures, contradictions.

`gather` reads what the report says from the store; `render_html` and `render_markdown` lay it out;
`write_report` picks the format from the file's suffix.
"""

from __future__ import annotations

from pathlib import Path

from ..store import Store
from .content import ReportContent, ReportScope, gather
from .html import render_html
from .markdown import render_markdown

FORMATS = {".html": render_html, ".htm": render_html, ".md": render_markdown, ".markdown": render_markdown}


class UnknownReportFormat(ValueError):
    """The output file's suffix names no format the report is written in."""


def write_report(store: Store, out: Path, scope: ReportScope = ReportScope()) -> ReportContent:
    """Write the report for `scope` to `out` (.html or .md) and return what it says."""
    render = FORMATS.get(out.suffix.casefold())
    if render is None:
        raise UnknownReportFormat(f"{out}: write the report to a .html or .md file")
    content = gather(store, scope)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(render(content), encoding="utf-8")
    return content


__all__ = ["FORMATS", "ReportContent", "ReportScope", "UnknownReportFormat", "gather", "render_html", "render_markdown", "write_report"]
