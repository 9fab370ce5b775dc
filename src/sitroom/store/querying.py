"""A `Query` applied in SQL: its filters as WHERE clauses, its order, and keyset paging by cursor.

Events and incidents keep the columns a query reads beside their JSON record (migration 0007).
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TypeVar

from ..errors import BadCursor
from ..query import Listing, Query
from .database import Database
from .repository import page

T = TypeVar("T")


@dataclass(frozen=True)
class Table:
    """How one table answers a query."""

    name: str
    keys: tuple[str, ...]
    """The order after the date, which makes it total: ('article_id', 'id') for events."""
    modality: str
    """SQL true when the row has one of the modalities in the list parameter."""
    article: str
    """SQL true when the row comes from the article parameter."""
    text: str
    """The column holding the sentence(s) `Query.text` searches."""
    reports: bool = False
    """Whether `Query.min_reports` applies (incidents)."""


EVENTS = Table("events", ("article_id", "id"), "list_contains(?, modality)", "article_id = ?", "sentence")
INCIDENTS = Table("incidents", ("id",), "list_has_any(modalities, ?)", "list_contains(article_ids, ?)", "text", reports=True)


def _any_of(columns: tuple[str, ...], values: tuple[str, ...]) -> tuple[str, list]:
    marks = ", ".join("?" for _ in values)
    wanted = [v.lower() for v in values]
    return "(" + " OR ".join(f"lower({c}) IN ({marks})" for c in columns) + ")", wanted * len(columns)


def filters(table: Table, q: Query) -> tuple[list[str], list]:
    """WHERE clauses (to be joined with AND) and their parameters for `q`'s filters (paging aside)."""
    where: list[str] = []
    params: list = []

    def add(sql: str, *values) -> None:
        where.append(sql)
        params.extend(values)

    if q.since:
        add("date_end >= ?", q.since)
    if q.until:
        add("date_start <= ?", q.until)
    if q.countries:
        sql, values = _any_of(("country", "place", "admin1"), q.countries)
        add(sql, *values)
    if q.actors:
        add("(" + " OR ".join("contains(actors, ?)" for _ in q.actors) + ")", *(a.lower() for a in q.actors))
    if q.classes:
        sql, values = _any_of(("event_class", "event_type", "sub_event_type"), q.classes)
        add(sql, *values)
    if q.modalities:
        add(table.modality, list(q.modalities))
    if table.reports and q.min_reports > 0:
        add("n_reports >= ?", q.min_reports)
    if q.text:
        add(f"contains(lower({table.text}), ?)", q.text.lower())
    if q.article_id:
        add(table.article, q.article_id)
    return where, params


def order_by(table: Table, descending: bool) -> str:
    way = " DESC" if descending else ""
    return f" ORDER BY date_start{way} NULLS LAST, " + ", ".join(f"{k}{way}" for k in table.keys)


# --- cursors --------------------------------------------------------------------------------------
def encode_cursor(order: str, day: date | None, keys: tuple) -> str:
    raw = json.dumps([order, day.isoformat() if day else None, *keys], separators=(",", ":"))
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def decode_cursor(cursor: str, order: str, n_keys: int) -> tuple[date | None, list[str]]:
    try:
        value = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
        ok = isinstance(value, list) and len(value) == 2 + n_keys and all(isinstance(k, str) for k in value[2:])
        day = date.fromisoformat(value[1]) if ok and value[1] is not None else None
    except (ValueError, TypeError, binascii.Error, UnicodeDecodeError):
        ok = False
    if not ok:
        raise BadCursor(code="E111", reason=f"{cursor!r} is not a cursor a listing gave")
    if value[0] != order:
        raise BadCursor(code="E111", reason=f"that cursor pages a listing in order {value[0]!r}, not {order!r}")
    return day, value[2:]


def after(table: Table, day: date | None, keys: list[str], descending: bool) -> tuple[str, list]:
    """SQL true for the rows that come after (day, *keys) in the listing's order (undated rows last)."""
    op = "<" if descending else ">"

    def tail(i: int) -> tuple[str, list]:
        column = table.keys[i]
        if i == len(table.keys) - 1:
            return f"{column} {op} ?", [keys[i]]
        rest, params = tail(i + 1)
        return f"({column} {op} ? OR ({column} = ? AND {rest}))", [keys[i], keys[i], *params]

    rest, params = tail(0)
    if day is None:
        return f"(date_start IS NULL AND {rest})", params
    return f"(date_start {op} ? OR date_start IS NULL OR (date_start = ? AND {rest}))", [day, day, *params]


def listing(db: Database, table: Table, q: Query, load: Callable[[str, int | None], T]) -> Listing[T]:
    """The page of `table`'s records `q` selects, how many it selects in all, and the next page's cursor."""
    where, params = filters(table, q)
    total = db.value(f"SELECT count(*) FROM {table.name} WHERE " + " AND ".join(where or ["TRUE"]), params)
    descending = q.order == "-date"
    if q.cursor:
        day, keys = decode_cursor(q.cursor, q.order, len(table.keys))
        sql, more = after(table, day, keys, descending)
        where, params = [*where, sql], [*params, *more]
    columns = ", ".join(table.keys)
    sql = f"SELECT record, record_version, date_start, {columns} FROM {table.name} WHERE " + " AND ".join(where or ["TRUE"])
    rows = db.rows(page(sql + order_by(table, descending), None if q.limit is None else q.limit + 1, q.offset), params)
    next_cursor = None
    if q.limit is not None and len(rows) > q.limit:
        rows = rows[: q.limit]
        if rows:
            next_cursor = encode_cursor(q.order, rows[-1][2], tuple(rows[-1][3:]))
    return Listing(items=[load(r[0], r[1]) for r in rows], total=total, next_cursor=next_cursor)
