"""Records kept as JSON, each row with the version of its shape (`record_version`).

Version 1 is the shape sitroom wrote before versions were recorded (schema 0001-0004). When a record's
shape changes so that stored JSON no longer validates, bump its version in `CURRENT` and add a step to
`UPGRADES` that turns a dict of the old version into one of the next. Reading upgrades old rows on the
fly; `migrate` rewrites them for good. A row newer than this sitroom knows is refused.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from pydantic import BaseModel

from ..errors import NewerDatabase
from ..model import AnnotatedArticle, Article, Claim, Event, Incident, Relation

if TYPE_CHECKING:
    from .database import Database

M = TypeVar("M", bound=BaseModel)

CURRENT: dict[type[BaseModel], int] = {Article: 1, AnnotatedArticle: 1, Event: 1, Claim: 1, Relation: 1, Incident: 1}
"""The version of each stored record's shape this sitroom writes."""

UPGRADES: dict[tuple[type[BaseModel], int], Callable[[dict], dict]] = {}
"""(record type, version) -> a function from a stored dict of that version to one of the next version."""

TABLES: dict[type[BaseModel], tuple[str, str]] = {
    Article: ("articles", "id"),
    AnnotatedArticle: ("annotations", "article_id"),
    Event: ("events", "id"),
    Claim: ("claims", "id"),
    Relation: ("relations", "id"),
    Incident: ("incidents", "id"),
}
"""Where each kind of record is kept: (table, key column); the JSON is in `record`."""


def version(model: type[BaseModel]) -> int:
    return CURRENT[model]


def load(model: type[M], text: str, stored_version: int | None) -> M:
    """A stored record read back, upgraded first when it was stored in an older shape."""
    have, want = stored_version or 1, CURRENT[model]
    if have == want:
        return model.model_validate_json(text)
    if have > want:
        raise NewerDatabase(code="E114", record=model.__name__, have=have, want=want)
    return model.model_validate(upgrade(model, json.loads(text), have))


def upgrade(model: type[BaseModel], data: dict, have: int) -> dict:
    for step in range(have, CURRENT[model]):
        data = UPGRADES[(model, step)](data)
    return data


def upgrade_stored(db: Database) -> int:
    """Rewrite every stored record older than its current version (one transaction); returns how many."""
    done = 0
    with db.transaction():
        for model, (table, key) in TABLES.items():
            want = CURRENT[model]
            rows = db.rows(f"SELECT {key}, record, record_version FROM {table} WHERE coalesce(record_version, 1) < ?", [want])
            fresh = [(load(model, text, have).model_dump_json(), want, row_key) for row_key, text, have in rows]
            db.executemany(f"UPDATE {table} SET record = ?, record_version = ? WHERE {key} = ?", fresh)
            done += len(fresh)
    return done
