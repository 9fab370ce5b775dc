"""Places to resolve names against: what a gazetteer answers, and the team's files it starts from.

The built-in gazetteer needs no download: data/countries.tsv, data/places.tsv and data/regions.tsv (written by
the team) and the world's towns and their areas from two packages, indexed once (kb/world.py). GeoNames dumps
the user loaded into the store (`sitroom gazetteer add`) lie over it (kb/knowledge.py). Lookups go by
`name_key`, which ignores case, accents, apostrophes and hyphens, so 'Ségou' finds 'Segou' and "N'Djamena" finds
'Ndjamena'.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Protocol

from ..errors import KnowledgeFileError
from ..model import Place

COUNTRIES = "countries.tsv"
PLACES = "places.tsv"
REGIONS = "regions.tsv"
REGION_COLUMNS = ["id", "name", "alternate_names", "lat", "lon", "countries", "note"]
AREA_NAMES = "area_names.tsv"
FEATURES = {"C", "A1", "A2", "P", "R", "H", "T", "S"}
"""Features of the team's places; 'L' (a continent or macro-region) is regions.tsv's alone."""


def name_key(name: str) -> str:
    """Compare place names ignoring case, accents, apostrophes, hyphens and a leading 'the'."""
    folded = unicodedata.normalize("NFKD", name)
    folded = "".join(c for c in folded if not unicodedata.combining(c)).casefold()
    folded = folded.replace("'", "").replace("\u2019", "").replace("`", "")
    folded = " ".join(folded.replace("-", " ").replace(".", " ").split())
    return folded[4:] if folded.startswith("the ") else folded


class Located(Protocol):
    lat: float
    lon: float


def distance_km(a: Located, b: Located) -> float:
    """Great-circle distance between two points (a Place, a PlaceLink, anything with lat and lon)."""
    lat1, lon1, lat2, lon2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(min(1.0, h)))


@dataclass(frozen=True)
class Country:
    code: str
    name: str
    names: tuple[str, ...]
    demonyms: tuple[str, ...]
    place: Place


class Gazetteer(Protocol):
    """What place resolution asks of a gazetteer."""

    digest: str
    focus: frozenset[str]
    """Countries the user loaded GeoNames places for: a prior when an article names no country."""

    def lookup(self, keys: Iterable[str], main_only: bool = False) -> dict[str, list[Place]]:
        """Places named by each `name_key`, for the keys that name any; with `main_only`, only by their own names,
        not by the alternate names a dump lists for them."""
        ...

    def names_in_country(self, country: str) -> dict[str, list[Place]]:
        """Every name key of places in a country (for fuzzy matching of misspellings)."""
        ...

    def country(self, code: str) -> Country | None: ...

    def countries(self) -> list[Country]: ...

    def country_words(self) -> dict[str, tuple[str, bool]]:
        """Every country name and demonym as written → (country code, whether it is a name, not a demonym)."""
        ...


def _rows(filename: str, columns: list[str]) -> Iterable[tuple[int, dict[str, str]]]:
    text = resources.files("sitroom").joinpath("data", filename).read_text(encoding="utf-8")
    lines = [(n, line) for n, line in enumerate(text.splitlines(), 1) if line.strip() and not line.startswith("#")]
    header = lines[0][1].split("\t")
    if header != columns:
        raise KnowledgeFileError(f"sitroom/data/{filename}", lines[0][0], "header", f"expected columns {columns}")
    for number, line in lines[1:]:
        cells = line.split("\t")
        if len(cells) != len(columns):
            raise KnowledgeFileError(f"sitroom/data/{filename}", number, "row", f"expected {len(columns)} tab-separated cells, found {len(cells)}")
        yield number, dict(zip(columns, cells))


def _float(filename: str, number: int, name: str, value: str) -> float:
    try:
        return float(value)
    except ValueError:
        raise KnowledgeFileError(f"sitroom/data/{filename}", number, name, f"{value!r} is not a number") from None


def _split(cell: str) -> list[str]:
    return [part.strip() for part in cell.split("|") if part.strip()]


def _country_rows() -> Iterator[Country]:
    """The countries of data/countries.tsv."""
    columns = ["iso2", "name", "aliases", "demonyms", "lat", "lon", "note"]
    for number, row in _rows(COUNTRIES, columns):
        code = row["iso2"].strip()
        place = Place(
            id=f"country:{code}", name=row["name"], lat=_float(COUNTRIES, number, "lat", row["lat"]),
            lon=_float(COUNTRIES, number, "lon", row["lon"]), country=code, admin1=None, feature="C",
        )
        names = (row["name"], *_split(row["aliases"]))
        yield Country(code, row["name"], names, tuple(_split(row["demonyms"])), place)


def team_rows() -> Iterator[tuple[Place, list[str]]]:
    """The team's places (data/places.tsv), each with its names."""
    columns = ["id", "name", "alternate_names", "lat", "lon", "country", "admin1", "feature", "population", "note"]
    for number, row in _rows(PLACES, columns):
        if row["feature"] not in FEATURES:
            raise KnowledgeFileError(f"sitroom/data/{PLACES}", number, "feature", f"{row['feature']!r} is not one of {sorted(FEATURES)}")
        place = Place(
            id=f"sitroom:{row['id']}", name=row["name"], lat=_float(PLACES, number, "lat", row["lat"]),
            lon=_float(PLACES, number, "lon", row["lon"]), country=row["country"] or None, admin1=row["admin1"] or None,
            feature=row["feature"], population=int(row["population"] or 0),
        )
        yield place, [row["name"], *_split(row["alternate_names"])]


class Area(Protocol):
    id: str
    name: str
    country: str | None
    admin1: str | None
    feature: str


def lies_in(small: Area, large: Area) -> bool:
    """Whether `small` is `large` or lies inside it: a country, a continent or macro-region by the countries it
    covers ('Konna' in 'the Sahel'), a first-level area by its name ('Konna' in 'Mopti Region')."""
    if small.id == large.id:
        return True
    if large.feature == "C":
        return small.country == large.country
    if large.feature == "L":
        return small.country is not None and small.country in region_countries().get(large.id, ())
    if large.feature == "A1":
        return small.country == large.country and small.admin1 is not None and name_key(small.admin1) == name_key(large.admin1 or large.name)
    return False


@cache
def region_countries() -> dict[str, frozenset[str]]:
    """Each continent's or macro-region's place id → the countries it is usually taken to cover (regions.tsv)."""
    return {f"region:{row['id']}": frozenset(_split(row["countries"])) for _, row in _rows(REGIONS, REGION_COLUMNS)}


def region_rows() -> Iterator[tuple[Place, list[str]]]:
    """Continents and macro-regions (data/regions.tsv): feature 'L', no country of their own."""
    for number, row in _rows(REGIONS, REGION_COLUMNS):
        place = Place(
            id=f"region:{row['id']}", name=row["name"], lat=_float(REGIONS, number, "lat", row["lat"]),
            lon=_float(REGIONS, number, "lon", row["lon"]), country=None, admin1=None, feature="L",
        )
        yield place, [row["name"], *_split(row["alternate_names"])]


def area_name_rows() -> Iterator[tuple[str, str, list[str]]]:
    """Other names of first-level areas (data/area_names.tsv): (country, the area's name, its other names)."""
    for _number, row in _rows(AREA_NAMES, ["country", "area", "names", "note"]):
        yield row["country"], row["area"], _split(row["names"])


@cache
def shipped_countries() -> list[Country]:
    """The shipped countries (data/countries.tsv), each with the names it answers to, read once."""
    return list(_country_rows())
