"""The situation report as Markdown, to paste into a brief.

No charts: the headline, the summary, the key figures, the contradictions and the incidents as tables,
with numbered sources. Page text is escaped so that neither Markdown nor the HTML a Markdown viewer
allows can be smuggled in by a page.
"""

from __future__ import annotations

import re

from ..reconcile.incidents import toll
from .content import ReportContent, counted, when
from .html import article_label, source_numbers, span

_SPECIAL = re.compile(r"([\\`*_\[\]|~])")
"""Marks that act mid-line (page text never starts a line here): emphasis, code, links, table cells, strike-through."""


def md(text: str) -> str:
    """Page text made inert: HTML characters as entities, Markdown's marks backslashed, one line."""
    text = " ".join(text.split())
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _SPECIAL.sub(r"\\\1", text)


def render_markdown(content: ReportContent) -> str:
    c = content
    numbers = source_numbers(c)
    period = f" from {c.first_date.isoformat()} to {c.last_date.isoformat()}" if c.first_date else ""
    several = sum(1 for i in c.incidents if len(i.article_ids) > 1)
    lines = [
        f"# Situation report: {md(c.scope.describe())}",
        "",
        f"Incidents{period or ': none'}. Generated {c.generated.isoformat()} by sitroom from {len(c.articles)} sources. Numbers in brackets cite the sources listed at the end."
        + (f" {md(c.outside_scope_note)}" if c.outside_scope_note else ""),
        "",
        f"- **{counted(len(c.incidents), 'incident')}**, {several} told by several sources",
        f"- **{toll(c.fatalities_low, c.fatalities_high) or '0'} fatalities** reported (lowest–highest per incident, summed)",
        f"- **{counted(len(c.actors), 'actor')}** named",
        f"- **{counted(len(c.articles), 'source')}**" + (f" (+{counted(sum(len(v) for v in c.copies.values()), 'copy')} counted once)" if c.copies else ""),
        f"- **{counted(len(c.contradictions), 'contradiction')}** between sources",
        "",
        "## Summary",
        "",
    ]
    lines += [f"{n}. **{md(cite.lead)}**: “{md(cite.text)}” [{numbers[cite.article_id]}]" for n, cite in enumerate(c.summary, 1)] or ["No incidents in scope."]
    lines += ["", "## Key figures", ""]
    if c.figures:
        lines += ["| about | unit | range | sources | status |", "|---|---|---|---|---|"]
        for f in c.figures:
            cited = ", ".join(f"[{numbers[a]}]" for a in dict.fromkeys(x.article_id for x in f.claims))
            lines.append(f"| {md(f.subject)} | {md(f.unit)} | {span(f.low, f.high)} | {cited} | {f.status} |")
    else:
        lines.append("No figures in scope.")
    lines += ["", f"## Where sources contradict each other ({len(c.contradictions)})", ""]
    for k in c.contradictions:
        lines += [f"**{k.kind}: {md(k.topic)}**", ""]
        lines += [f"- **{md(item.value)}**: “{md(item.evidence.text)}” [{numbers[item.article_id]}]" for item in k.items]
        lines.append("")
    if not c.contradictions:
        lines += ["None in scope.", ""]
    agreed = [k for k in c.conflicts if k.status != "contradicted"]
    if agreed:
        lines += ["Corroborated or differing only in form:", ""]
        lines += [f"- {k.status}: {k.kind}, {md(k.topic)}: " + "; ".join(f"{md(i.value)} [{numbers[i.article_id]}]" for i in k.items) for k in agreed]
        lines.append("")
    lines += [f"## Incidents ({len(c.incidents)})", "", "| date | what | where | dead | actors | sources |", "|---|---|---|---|---|---|"]
    for i in c.incidents:
        where = md(i.location.name + (f" ({i.location.country})" if i.location.country else "")) if i.location else ""
        cited = ", ".join(f"[{numbers[a]}]" for a in i.article_ids)
        lines.append(f"| {md(when(i))} | {md(i.event_class.replace('_', ' '))} | {where} | {toll(i.fatalities_low, i.fatalities_high)} | "
                     f"{md(', '.join(a.name for a in i.actors))} | {cited} |")
    lines += ["", "## Sources", ""]
    for article_id, n in sorted(numbers.items(), key=lambda kv: kv[1]):
        a = c.articles[article_id]
        dated = f", {a.published.isoformat()}" if a.published else ""
        lines.append(f"{n}. {md(article_label(a))}{dated}. {md(a.url or a.source)}")
    return "\n".join(lines) + "\n"
