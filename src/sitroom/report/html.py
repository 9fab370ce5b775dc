"""The situation report as one self-contained HTML file.

Everything a page said reaches the file through Jinja2's autoescaping or the escaping SVG builder, and
the file carries a Content-Security-Policy that allows no script and nothing from the network: even a
mistake in escaping could not make a page's `<script>` run in an analyst's browser.
"""

from __future__ import annotations

from datetime import date
from urllib.parse import urlsplit

from jinja2 import Environment, PackageLoader, select_autoescape

from ..model import Article
from ..reconcile.incidents import toll
from .content import ReportContent, anchor, counted, when
from .geo import incident_map
from .network import network, tie_legend
from .svg import TYPE_COLOURS, colour, legend, timeline


def safe_url(url: str | None) -> str | None:
    """The page's address, only when it is a web address: a `javascript:` URL never becomes a link."""
    if url and urlsplit(url).scheme in ("http", "https"):
        return url
    return None


def number(value: float) -> str:
    return f"{value:,.0f}" if value >= 100 or float(value).is_integer() else f"{value:,.1f}"


def span(low: float, high: float | None) -> str:
    """A figure's range across sources: '2,500', '1,000 – 15,000', '37+'."""
    if high is None:
        return f"{number(low)}+"
    return number(low) if high == low else f"{number(low)} – {number(high)}"


def source_numbers(content: ReportContent) -> dict[str, int]:
    """Each cited article's number, in order of publication (undated last)."""
    ordered = sorted(content.articles.values(), key=lambda a: (a.published or a.published_earliest or date.max, a.title or "", a.id))
    return {a.id: n for n, a in enumerate(ordered, 1)}


def article_label(article: Article) -> str:
    title = article.title or article.source.rsplit("/", 1)[-1]
    outlet = article.site_name or (urlsplit(article.url).hostname if article.url else None)
    return f"{title}" + (f" ({outlet})" if outlet else "")


def render_html(content: ReportContent) -> str:
    env = Environment(loader=PackageLoader("sitroom.report", "templates"), autoescape=select_autoescape(default=True, default_for_string=True),
                      trim_blocks=True, lstrip_blocks=True)
    map_svg, far, map_note = incident_map(content.incidents)
    timeline_svg, timeline_note = timeline(content.incidents)
    types_shown = [t for t in TYPE_COLOURS if any(i.event_type == t for i in content.incidents)]
    numbers = source_numbers(content)
    return env.get_template("report.html.j2").render(
        c=content, map_svg=map_svg, far=far, map_note=map_note, timeline_svg=timeline_svg, timeline_note=timeline_note,
        network_svg=network(content.ties), type_legend=legend(types_shown), tie_legend=tie_legend(), numbers=numbers,
        anchor=anchor, counted=counted, safe_url=safe_url, toll=toll, when=when, span=span, colour=colour, article_label=article_label,
        several=sum(1 for i in content.incidents if len(i.article_ids) > 1),
    )
