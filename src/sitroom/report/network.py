"""The actor network: who is allied with, part of, backing, opposing or fighting whom.

Laid out by a small force-directed simulation (ties pull, every pair pushes) started from a circle in
name order, so the same store always gives the same picture. Each tie's hover text quotes the sentences
that state it.
"""

from __future__ import annotations

import math

from markupsafe import Markup

from ..model import ActorLink
from .content import Tie, actor_key
from .svg import el, num

TIE_STYLES = {
    "alliance": ("#2c6fbb", ""),
    "affiliation": ("#16a085", "2 3"),
    "support": ("#27ae60", "6 3"),
    "opposition": ("#7f8c8d", "1 3"),
    "fighting": ("#c0392b", ""),
}
"""Colour and dash of each kind of tie."""
KIND_FILL = {"state_force": "#dce6f5", "armed_group": "#f6dcdc", "government": "#e3eedd", "igo": "#eee6f5", "civilians": "#f5efdc"}
ITERATIONS = 400


GRAVITY = 1.0
"""Pull toward the middle, so that actors tied to nobody else in view stay near the rest."""


def layout(nodes: list[str], edges: list[tuple[str, str]], iterations: int = ITERATIONS) -> dict[str, tuple[float, float]]:
    """Positions in the unit square: Fruchterman–Reingold with a little gravity, cooling linearly, then
    stretched to fill the square (so no actor is pinned against an edge)."""
    n = len(nodes)
    if n == 1:
        return {nodes[0]: (0.5, 0.5)}
    pos = {v: [0.5 + 0.4 * math.cos(2 * math.pi * k / n), 0.5 + 0.4 * math.sin(2 * math.pi * k / n)] for k, v in enumerate(nodes)}
    ideal = 1.6 * math.sqrt(1.0 / n)
    for step in range(iterations):
        heat = 0.1 * (1 - step / iterations) + 0.002
        push = {v: [(0.5 - pos[v][0]) * GRAVITY, (0.5 - pos[v][1]) * GRAVITY] for v in nodes}
        for a_index, a in enumerate(nodes):
            for b in nodes[a_index + 1:]:
                dx, dy = pos[a][0] - pos[b][0], pos[a][1] - pos[b][1]
                d = math.hypot(dx, dy) or 1e-4
                force = ideal * ideal / d
                push[a][0] += dx / d * force
                push[a][1] += dy / d * force
                push[b][0] -= dx / d * force
                push[b][1] -= dy / d * force
        for a, b in edges:
            dx, dy = pos[a][0] - pos[b][0], pos[a][1] - pos[b][1]
            d = math.hypot(dx, dy) or 1e-4
            force = d * d / ideal
            push[a][0] -= dx / d * force
            push[a][1] -= dy / d * force
            push[b][0] += dx / d * force
            push[b][1] += dy / d * force
        for v in nodes:
            dx, dy = push[v]
            d = math.hypot(dx, dy) or 1e-4
            pos[v][0] += dx / d * min(d, heat)
            pos[v][1] += dy / d * min(d, heat)
    xs, ys = [p[0] for p in pos.values()], [p[1] for p in pos.values()]
    width, height = (max(xs) - min(xs)) or 1.0, (max(ys) - min(ys)) or 1.0
    return {v: ((p[0] - min(xs)) / width, (p[1] - min(ys)) / height) for v, p in pos.items()}


def _short(name: str, limit: int = 28) -> str:
    return name if len(name) <= limit else name[: limit - 1] + "…"


def network(ties: list[Tie], width: int = 900, height: int = 560) -> Markup:
    if not ties:
        return el("svg", {"id": "network", "viewBox": f"0 0 {width} 60", "role": "img"},
                  el("text", {"x": 10, "y": 30, "class": "empty"}, "No ties between actors in scope."))
    actors: dict[str, ActorLink] = {}
    for t in ties:
        actors.setdefault(actor_key(t.source), t.source)
        actors.setdefault(actor_key(t.target), t.target)
    nodes = sorted(actors)
    where = layout(nodes, [(actor_key(t.source), actor_key(t.target)) for t in ties])

    def xy(key: str) -> tuple[float, float]:
        x, y = where[key]
        return 100 + x * (width - 200), 34 + y * (height - 56)

    lines: list[Markup] = []
    pairs_seen: dict[frozenset[str], int] = {}
    for t in ties:
        a, b = actor_key(t.source), actor_key(t.target)
        (x1, y1), (x2, y2) = xy(a), xy(b)
        nth = pairs_seen.get(frozenset((a, b)), 0)
        pairs_seen[frozenset((a, b))] = nth + 1
        bend = 18 * nth * (1 if nth % 2 else -1)
        mx, my = (x1 + x2) / 2, (y1 + y2) / 2
        length = math.hypot(x2 - x1, y2 - y1) or 1
        cx, cy = mx - (y2 - y1) / length * bend, my + (x2 - x1) / length * bend
        stroke, dash = TIE_STYLES.get(t.kind, ("#555", ""))
        said = "\n".join(f"“{c.text}”" for c in t.evidence)
        tip = f"{t.source.name} — {t.kind} — {t.target.name} ({t.count} sentence{'s' if t.count != 1 else ''})\n{said}"
        lines.append(el("path", {"d": f"M{num(x1)} {num(y1)} Q{num(cx)} {num(cy)} {num(x2)} {num(y2)}", "stroke": stroke,
                                 "stroke-dasharray": dash or None, "stroke-width": num(1.5 + min(t.count, 6) * 0.6),
                                 "class": f"tie tie-{t.kind}"}, el("title", {}, tip)))
    circles: list[Markup] = []
    for key in nodes:
        actor = actors[key]
        x, y = xy(key)
        ties_here = sum(1 for t in ties if key in (actor_key(t.source), actor_key(t.target)))
        circles.append(el("g", {"class": "actor"},
                          el("circle", {"cx": num(x), "cy": num(y), "r": num(6 + 2 * math.sqrt(ties_here)),
                                        "fill": KIND_FILL.get(actor.kind, "#eeeeee")},
                             el("title", {}, f"{actor.name} ({actor.kind.replace('_', ' ')}), {ties_here} ties")),
                          el("text", {"x": num(x), "y": num(y - 10 - 2 * math.sqrt(ties_here)), "text-anchor": "middle"}, _short(actor.name))))
    return el("svg", {"id": "network", "viewBox": f"0 0 {width} {height}", "role": "img", "aria-label": "Actor network"}, *lines, *circles)


def tie_legend() -> Markup:
    return Markup("").join(
        el("span", {"class": "key"},
           el("svg", {"width": 28, "height": 10, "aria-hidden": "true"},
              el("line", {"x1": 0, "y1": 5, "x2": 28, "y2": 5, "stroke": stroke, "stroke-width": 2.5, "stroke-dasharray": dash or None})),
           kind)
        for kind, (stroke, dash) in TIE_STYLES.items()
    )
