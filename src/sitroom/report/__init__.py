"""The situation report: headline numbers, summary, map, timeline, actor network, figures, contradictions.

`gather` reads what the report says from the store; `render_html` and `render_markdown` lay it out;
`write_report` picks the format from the file's suffix.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import UnknownReportFormat
from ..export import write_file
from ..kb.event_classes import EventClasses
from ..query import Query
from ..store import Store
from .content import ReportContent, gather
from .html import render_html
from .markdown import render_markdown

FORMATS = {".html": render_html, ".htm": render_html, ".md": render_markdown, ".markdown": render_markdown}


def _renderer(out: Path):
    render = FORMATS.get(out.suffix.casefold())
    if render is None:
        raise UnknownReportFormat(path=out)
    return render


def write_rendered(content: ReportContent, out: Path) -> None:
    """Write gathered content to `out`, in the format its suffix names (.html or .md)."""
    write_file(out, _renderer(out)(content))


def write_report(store: Store, out: Path, scope: Query = Query(), classes: EventClasses | None = None) -> ReportContent:
    """Write the report on the incidents `scope` selects to `out` (.html or .md) and return what it says."""
    _renderer(out)  # a wrong suffix is said before any work is done
    content = gather(store, scope, classes=classes)
    write_rendered(content, out)
    return content


__all__ = ["FORMATS", "ReportContent", "UnknownReportFormat", "gather", "render_html", "render_markdown", "write_rendered", "write_report"]
