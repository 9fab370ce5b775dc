"""All the knowledge the language layer reads, loaded once: actors, the gazetteer and the event classes.

User actor files are the settings' `kb` (--kb FILE, SITROOM_KB, sitroom.toml), passed in; GeoNames dumps
from the store, where `sitroom gazetteer add` put them, layered over the built-in gazetteer. The event
classes (and the trigger words the event layer reads with them) come from a knowledge folder: the shipped
`sitroom/data`, or `data_dir` given to `load_knowledge` (a copy of it with classes added, for instance).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path

from ..model import Place
from .actors import ActorKB, load_kb
from .event_classes import EventClasses, data_file, load_event_classes
from .gazetteer import (
    Country,
    Gazetteer,
    distance_km,
)
from .world import builtin_gazetteer

SAME_PLACE_KM = 15.0


def _near(a: Place, b: Place) -> bool:
    return a.country == b.country and distance_km(a, b) < SAME_PLACE_KM


class LayeredGazetteer:
    """GeoNames places from the store over the built-in ones; where both hold a place, the store's wins, with the
    built-in one's region and population where the dump has none."""

    def __init__(self, builtin: Gazetteer, store):
        self.builtin = builtin
        self.store = store
        self.digest = hashlib.sha256((builtin.digest + store.gazetteer_digest()).encode()).hexdigest()[:16]
        self._country_names: dict[str, dict[str, list[Place]]] = {}
        self.focus = frozenset(store.gazetteer_countries())

    @staticmethod
    def _merge(loaded: list[Place], shipped: list[Place]) -> list[Place]:
        merged = []
        for place in loaded:
            twin = next((s for s in shipped if _near(s, place) and s.feature == place.feature), None)
            # what the dump lacks and the built-in twin knows: the region's name, the town's size (ranks namesakes)
            update = {"admin1": twin.admin1} if twin and not place.admin1 and twin.admin1 else {}
            if twin and not place.population and twin.population:
                update["population"] = twin.population
            merged.append(place.model_copy(update=update) if update else place)
        merged += [s for s in shipped if not any(_near(s, p) and s.feature == p.feature for p in loaded)]
        return merged

    def lookup(self, keys: Iterable[str], main_only: bool = False) -> dict[str, list[Place]]:
        keys = list(keys)
        shipped = self.builtin.lookup(keys, main_only)
        loaded = self.store.gazetteer_lookup(keys)
        return {key: self._merge(loaded.get(key, []), shipped.get(key, [])) for key in sorted(set(shipped) | set(loaded))}

    def names_in_country(self, country: str) -> dict[str, list[Place]]:
        if country not in self._country_names:
            names = dict(self.builtin.names_in_country(country))
            for key, places in self.store.gazetteer_names_in_country(country).items():
                names[key] = self._merge(places, names.get(key, []))
            self._country_names[country] = names
        return self._country_names[country]

    def country(self, code: str) -> Country | None:
        return self.builtin.country(code)

    def countries(self) -> list[Country]:
        return self.builtin.countries()

    def country_words(self) -> dict[str, tuple[str, bool]]:
        return self.builtin.country_words()


@dataclass
class Knowledge:
    actors: ActorKB
    gazetteer: Gazetteer
    event_classes: EventClasses = field(default_factory=load_event_classes)
    """The event class table of the knowledge folder (data/event_classes.tsv), read by extraction, incidents,
    exports and the report."""

    @property
    def data_dir(self) -> Path | None:
        """The knowledge folder the rules come from; None for the shipped one."""
        return self.event_classes.data_dir

    @property
    def digest(self) -> str:
        """Changes when the actors, the gazetteer or the rules (of the knowledge folder) change, so `sitroom annotate`
        redoes what they affect."""
        return hashlib.sha256((self.actors.digest + self.gazetteer.digest + rules_digest(self.data_dir)).encode()).hexdigest()[:16]


RULE_FILES = ("modality.txt", "quotes.txt", "anaphors.tsv", "geo.txt", "event_classes.tsv", "event_triggers.txt", "quantities.tsv", "claims.txt")
"""The shipped word lists the language and event layers read (event_classes.tsv holds every per-class fact)."""
RULE_CODE = ("nlp", "extract", "dates.py", "patterns.py")
"""The rule code (packages and modules of sitroom): a change to any of its source files changes the digest,
so stored annotations made by other code are found stale and `sitroom reextract` redoes them."""


@cache
def rules_code_digest() -> str:
    """A hash of the rule code's source files (read as files, not imported), by path, in a fixed order."""
    digest = hashlib.sha256()
    root = resources.files("sitroom")
    for name in RULE_CODE:
        entry = root.joinpath(name)
        files = sorted((f for f in entry.iterdir() if f.name.endswith(".py")), key=lambda f: f.name) if entry.is_dir() else [entry]
        for source in files:
            digest.update(f"{name}/{source.name}\0".encode())
            digest.update(source.read_bytes())
    return digest.hexdigest()


@cache
def _rules_digest(data_dir: Path | None) -> str:
    digest = hashlib.sha256(rules_code_digest().encode())
    for name in RULE_FILES:
        if data_dir is None:
            digest.update(resources.files("sitroom").joinpath("data", name).read_bytes())
        else:
            digest.update(data_file(name, data_dir).read_bytes())
    return digest.hexdigest()


def rules_digest(data_dir: Path | str | None = None) -> str:
    """A hash of the rule code and the rule files: the shipped ones, or those of `data_dir` (a file it lacks is
    the shipped one)."""
    return _rules_digest(None if data_dir is None else Path(data_dir).resolve())


def load_gazetteer(store=None) -> Gazetteer:
    """The built-in places, with the store's GeoNames places over them when any were loaded."""
    builtin = builtin_gazetteer()
    return LayeredGazetteer(builtin, store) if store is not None and store.gazetteer_digest() else builtin


def load_knowledge(store=None, kb_files: Iterable[str] = (), data_dir: Path | str | None = None) -> Knowledge:
    """Actors (shipped, and the settings' `kb_files`), places (shipped and the store's) and the event classes of
    `data_dir` (default: the shipped `sitroom/data`)."""
    return Knowledge(load_kb(tuple(kb_files)), load_gazetteer(store), load_event_classes(data_dir))
