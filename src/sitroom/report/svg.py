"""SVG built from elements whose text and attributes are always escaped, and the timeline chart.

Every chart of the report is drawn here, in Python, as inline SVG: nothing runs in the reader's browser,
so the report needs no script at all, and hover text is SVG's own <title>.
"""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta

from markupsafe import Markup, escape

from ..model import Incident

TYPE_COLOURS = {
    "Battles": "#c0392b",
    "Explosions/Remote violence": "#e67e22",
    "Violence against civilians": "#8e44ad",
    "Riots": "#8d6e63",
    "Protests": "#27ae60",
    "Strategic developments": "#2c6fbb",
}
"""One colour per ACLED event type, shared by the map, the timeline and the legends."""
OTHER_COLOUR = "#7f8c8d"


def colour(event_type: str) -> str:
    return TYPE_COLOURS.get(event_type, OTHER_COLOUR)


def el(tag: str, attrs: dict[str, object] | None = None, *children: str | Markup) -> Markup:
    """An element: attribute values and plain-string children are escaped; Markup children are kept as built."""
    rendered = "".join(f' {name.rstrip("_").replace("_", "-")}="{escape(str(value))}"' for name, value in (attrs or {}).items() if value is not None)
    inner = "".join(str(c) if isinstance(c, Markup) else str(escape(c)) for c in children)
    return Markup(f"<{tag}{rendered}>{inner}</{tag}>")


def num(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def legend(types: list[str]) -> Markup:
    """A colour key for the event types shown, as HTML."""
    return Markup("").join(
        el("span", {"class": "key"}, el("span", {"class": "swatch", "style": f"background:{colour(t)}"}), t) for t in types
    )


def _bucket(day: date, by_month: bool) -> date:
    return day.replace(day=1) if by_month else day - timedelta(days=day.weekday())


def _buckets(first: date, last: date, by_month: bool) -> list[date]:
    found, current = [], _bucket(first, by_month)
    while current <= last:
        found.append(current)
        current = (current.replace(year=current.year + current.month // 12, month=current.month % 12 + 1)
                   if by_month else current + timedelta(days=7))
    return found


def timeline(incidents: list[Incident], width: int = 900, height: int = 240) -> tuple[Markup, str]:
    """Incidents per month (per week for spans under four months), stacked by type; and a note on what it leaves out."""
    dated = [i for i in incidents if i.date and i.date.precision != "year"]
    vague = len([i for i in incidents if i.date and i.date.precision == "year"])
    undated = len([i for i in incidents if i.date is None])
    note = ", ".join(part for part in (f"{vague} dated only to a year" if vague else "", f"{undated} undated" if undated else "") if part)
    if not dated:
        return el("svg", {"id": "timeline", "viewBox": f"0 0 {width} 60", "role": "img"},
                  el("text", {"x": 10, "y": 30, "class": "empty"}, "No dated incidents in scope.")), note
    first, last = min(i.date.start for i in dated), max(i.date.start for i in dated)
    by_month = (last - first).days > 120
    slots = _buckets(first, last, by_month)
    counts: dict[date, Counter[str]] = {s: Counter() for s in slots}
    for i in dated:
        counts[_bucket(i.date.start, by_month)][i.event_type] += 1
    types = [t for t in (*TYPE_COLOURS, *sorted({i.event_type for i in dated} - set(TYPE_COLOURS))) if any(c[t] for c in counts.values())]
    left, bottom, top = 36, 34, 24
    plot_w, plot_h = width - left - 10, height - bottom - top
    peak = max(sum(c.values()) for c in counts.values())
    slot_w = plot_w / len(slots)
    parts: list[Markup] = []
    for step in sorted({0, peak // 2, peak}):
        y = top + plot_h - plot_h * step / peak
        parts.append(el("line", {"x1": left, "x2": width - 10, "y1": num(y), "y2": num(y), "class": "grid"}))
        parts.append(el("text", {"x": left - 6, "y": num(y + 4), "class": "axis", "text-anchor": "end"}, str(step)))
    label_every = max(1, len(slots) // 12)
    for n, slot in enumerate(slots):
        x = left + n * slot_w
        y = top + plot_h
        label = slot.strftime("%b %Y") if by_month else slot.strftime("%d %b")
        for t in types:
            k = counts[slot][t]
            if not k:
                continue
            h = plot_h * k / peak
            y -= h
            parts.append(el("rect", {"x": num(x + 1), "y": num(y), "width": num(max(slot_w - 2, 1)), "height": num(h), "fill": colour(t),
                                     "class": "bar"}, el("title", {}, f"{label}: {k} × {t}")))
        if n % label_every == 0:
            parts.append(el("text", {"x": num(x + slot_w / 2), "y": height - bottom + 16, "class": "axis", "text-anchor": "middle"}, label))
    unit = "month" if by_month else "week"
    parts.append(el("text", {"x": left, "y": 11, "class": "axis"}, f"incidents per {unit}"))
    return el("svg", {"id": "timeline", "viewBox": f"0 0 {width} {height}", "role": "img", "aria-label": f"Incidents per {unit} by type"},
              *parts), note
