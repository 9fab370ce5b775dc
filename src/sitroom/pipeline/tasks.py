"""The application layer's work outside one open database: extracting texts without storing them,
scoring against ACLED's coding, looking up knowledge (places, actors) and bringing a database up to date.

Each function takes the Settings (and, where knowledge comes from a database, its path) and does the
whole job, so the CLI and the web app only format what comes back.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from ..errors import DatabaseMissing, NotFound
from ..model import Actor, Place
from ..settings import Settings


@contextmanager
def _knowledge(settings: Settings, db: str | None) -> Iterator:
    """Knowledge (actors from the settings' files, places with the GeoNames loaded into `db` when given)."""
    from ..kb.knowledge import load_knowledge
    from ..store import open_store

    store = open_store(db, read_only=True) if db else None  # DatabaseMissing when `db` is not there
    try:
        yield load_knowledge(store, settings.kb)
    finally:
        if store is not None:
            store.close()


def extract_texts(items: Iterable, settings: Settings, db: str | None = None) -> Iterator[tuple]:
    """Each TextItem with its Extraction (or the IngestFailure that stopped it), in input order; nothing
    is stored. `db` lends its loaded GeoNames places (DatabaseMissing at once when it is not there)."""
    if db and not Path(db).exists():
        raise DatabaseMissing(db)
    return _extracted(items, settings, db)


def _extracted(items: Iterable, settings: Settings, db: str | None) -> Iterator[tuple]:
    from ..extract.annotate import Annotator
    from ..extract.run import extract_items

    with _knowledge(settings, db) as knowledge:
        yield from extract_items(items, Annotator(knowledge, model=settings.spacy_model))


def read_texts(path: str) -> Iterator:
    """TextItems (or IngestFailures for bad lines) from a JSON Lines file, '-' for stdin."""
    from ..extract.run import read_items

    return read_items(path)


def score_acled(gold: str, settings: Settings, db: str | None = None, every: int = 1, progress: Callable[[int], None] | None = None):
    """The surest event of every Nth row's notes against ACLED's coding (sitroom.evaluate.acled_events)."""
    from ..evaluate.acled_events import score_file

    with _knowledge(settings, db) as knowledge:
        return score_file(gold, knowledge, every, progress=progress)


def score_toponyms(path: str, settings: Settings, db: str | None = None, every: int = 1):
    """Every Nth article of an LGL / TR-News XML file: place mentions and their links against the gold
    toponyms (sitroom.evaluate.toponyms)."""
    from ..evaluate.toponyms import score_file

    with _knowledge(settings, db) as knowledge:
        return score_file(path, knowledge, every)


def acled_rows(gold: str, every: int = 1) -> int:
    from ..evaluate.acled_events import row_count

    return row_count(gold, every)


def find_places(name: str, settings: Settings) -> list[Place]:
    """The places a name may mean: built in, and in the GeoNames files loaded into the settings' database."""
    from ..kb.gazetteer import name_key
    from ..kb.knowledge import load_gazetteer
    from ..store import open_store

    key = name_key(name)
    if not Path(settings.db).exists():
        return load_gazetteer(None).lookup([key]).get(key, [])
    with open_store(settings.db, read_only=True) as store:
        return load_gazetteer(store).lookup([key]).get(key, [])


def check_actor_file(path: Path) -> list[Actor]:
    """The actors an actor file defines, every entry validated (KnowledgeFileError names the line)."""
    from ..kb.actors import load_kb

    kb = load_kb((str(path),))
    return [a for a in kb.actors.values() if a.source.startswith(f"{path}:")]


def look_up_actor(name: str, settings: Settings) -> tuple[Actor, list[Actor]]:
    """The actor an alias or id names, with its affiliations; NotFound (E205) when none."""
    from ..kb.actors import load_kb

    knowledge = load_kb(settings.kb)
    actor = knowledge.resolve(name) or knowledge.actors.get(name)
    if actor is None:
        raise NotFound(code="E205", name=name)
    return actor, knowledge.affiliated_with(actor.id)


def migrate(settings: Settings) -> list[str]:
    """Bring the settings' database up to date; the names of the migrations applied."""
    from ..store import migrate as migrate_store

    return migrate_store(settings.db)  # DatabaseMissing when it is not there


__all__ = [
    "acled_rows", "check_actor_file", "extract_texts", "find_places", "look_up_actor", "migrate", "read_texts",
    "score_acled",
    "score_toponyms",
]
