"""`Query` applied in SQL (`query_events`, `query_incidents`) selects what the filters it replaces
selected: `EventFilter` (the store's SQL before) and `IncidentScope.contains` with `sitroom incidents`
--type and --min-reports (Python before). Both are transcribed below as they were at a70cd86, and run
over the events and incidents of the fixture database (demo pages, stored by that sitroom)."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from sitroom.model import Event, Incident
from sitroom.query import Listing, Query
from sitroom.store import BadCursor, migrate, open_store

FIXTURE = Path(__file__).parent / "data" / "store-v4.duckdb"


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    path = tmp_path_factory.mktemp("query") / "demo.duckdb"
    shutil.copyfile(FIXTURE, path)
    migrate(path)
    with open_store(path, read_only=True) as opened:
        yield opened


# --- the filters as they were ---------------------------------------------------------------------
@dataclass(frozen=True)
class EventFilter:
    """store.base.EventFilter at a70cd86, which Query replaced."""

    country: str | None = None
    actor: str | None = None
    type: str | None = None
    since: date | None = None
    until: date | None = None
    modalities: tuple[str, ...] = ()
    article_id: str | None = None


def old_events(events: list[Event], where: EventFilter) -> list[Event]:
    """duckdb_store.events(where) at a70cd86, in Python."""

    def keep(e: Event) -> bool:
        if where.country and not (
            (e.location and (e.location.country or "").lower() == where.country.lower())
            or (e.location and e.location.name.lower() == where.country.lower())
        ):
            return False
        actors = [a for a in (e.actor1, e.actor2, *e.assoc_actors) if a is not None]
        if where.actor and where.actor.lower() not in " | ".join(f"{a.id} {a.name} {a.acled_name or ''}".lower() for a in actors):
            return False
        if where.type and where.type.lower() not in (e.event_class.lower(), e.event_type.lower(), e.sub_event_type.lower()):
            return False
        if where.since and (e.date is None or e.date.end < where.since):
            return False
        if where.until and (e.date is None or e.date.start > where.until):
            return False
        if where.modalities and e.modality not in where.modalities:
            return False
        return not (where.article_id and e.article_id != where.article_id)

    kept = [e for e in events if keep(e)]
    return sorted(kept, key=lambda e: (e.date is None, e.date.start if e.date else date.min, e.article_id, e.id))


def _country_names(wanted: str) -> frozenset[str]:
    from sitroom.kb.world import builtin_gazetteer

    key = wanted.casefold()
    codes = {c.code.casefold() for c in builtin_gazetteer().countries() if key in {n.casefold() for n in (c.name, *c.names)}}
    return frozenset({key, *codes})


def old_incidents(incidents: list[Incident], *, since=None, until=None, country=None, actor=None, type_=None, min_reports=1) -> list[Incident]:
    """IncidentScope.contains and the --type / --min-reports filter of `sitroom incidents` at a70cd86."""

    def contains(i: Incident) -> bool:
        if since and (i.date is None or i.date.end < since):
            return False
        if until and (i.date is None or i.date.start > until):
            return False
        if country:
            place = i.location
            if place is None or not {(place.country or "").casefold(), place.name.casefold(), (place.admin1 or "").casefold()} & _country_names(country):
                return False
        if actor:
            wanted = actor.casefold()
            if not any(wanted in f"{a.id} {a.name} {a.acled_name or ''}".casefold() for a in i.actors):
                return False
        return True

    wanted = (type_ or "").casefold()
    return [
        i for i in incidents
        if len(i.article_ids) >= min_reports and contains(i)
        and (not wanted or wanted in (i.event_class.casefold(), i.event_type.casefold(), i.sub_event_type.casefold()))
    ]


def resolved(country: str | None) -> tuple[str, ...]:
    """What the pipeline hands the store: a country's name turned into its code."""
    if not country:
        return ()
    from sitroom.kb.world import builtin_gazetteer

    names = {n.casefold(): c.code for c in builtin_gazetteer().countries() for n in (c.name, *c.names)}
    return (names.get(country.casefold(), country),)


# --- events ---------------------------------------------------------------------------------------
EVENT_FILTERS = [
    EventFilter(),
    EventFilter(country="ML"),
    EventFilter(country="fr"),
    EventFilter(country="Konna"),
    EventFilter(country="sévaré"),
    EventFilter(actor="islamist"),
    EventFilter(actor="MILITARY FORCES OF"),
    EventFilter(actor="ansar"),
    EventFilter(type="attack"),
    EventFilter(type="Battles"),
    EventFilter(type="strategic developments"),
    EventFilter(since=date(2013, 1, 10)),
    EventFilter(until=date(2012, 12, 31)),
    EventFilter(since=date(2013, 1, 10), until=date(2013, 1, 10)),
    EventFilter(modalities=("asserted",)),
    EventFilter(modalities=("reported", "hypothetical", "negated")),
    EventFilter(country="ML", type="Battles", modalities=("asserted", "reported"), since=date(2013, 1, 1)),
    EventFilter(actor="mali", type="territory_taken"),
    EventFilter(country="ZZ"),
]


def as_query(where: EventFilter, **more) -> Query:
    return Query(
        countries=(where.country,) if where.country else (), actors=(where.actor,) if where.actor else (),
        classes=(where.type,) if where.type else (), since=where.since, until=where.until, modalities=where.modalities, **more,
    )


@pytest.mark.parametrize("where", EVENT_FILTERS, ids=repr)
def test_query_events_selects_what_event_filter_did(store, where):
    everything = store.events()
    expected = old_events(everything, where)
    found = store.query_events(as_query(where))
    assert [e.id for e in found.items] == [e.id for e in expected]
    assert found.total == len(expected) and found.next_cursor is None
    assert [e.id for e in store.events(as_query(where))] == [e.id for e in expected]
    assert [e.id for e in everything if as_query(where).admits_event(e)] == [e.id for e in expected]


def test_every_article_and_some_filters_in_each_case(store):
    everything = store.events()
    for article_id in {e.article_id for e in everything}:
        where = EventFilter(article_id=article_id)
        assert [e.id for e in store.query_events(Query(article_id=article_id)).items] == [e.id for e in old_events(everything, where)]
    sizes = [len(old_events(everything, w)) for w in EVENT_FILTERS]
    assert sizes[0] > 20 and all(0 < n < sizes[0] for n in sizes[1:-1]) and sizes[-1] == 0  # every filter cuts, none empties


def test_a_country_also_matches_a_first_level_region(store):
    """Query's one extension over EventFilter: a region's name matches, as it did for incidents."""
    everything = store.events()
    found = store.query_events(Query(countries=("mopti",))).items
    assert {e.id for e in old_events(everything, EventFilter(country="Mopti"))} < {e.id for e in found}
    assert all("mopti" in {e.location.name.lower(), (e.location.admin1 or "").lower()} for e in found)


def test_several_values_match_any_and_text_searches_the_sentence(store):
    everything = store.events()
    either = store.query_events(Query(classes=("coup", "airstrike"), countries=("FR", "US"))).items
    assert [e.id for e in either] == [e.id for e in everything if e.event_class in ("coup", "airstrike") and e.location and e.location.country in ("FR", "US")]
    konna = store.query_events(Query(text="KONNA")).items
    assert konna and [e.id for e in konna] == [e.id for e in everything if "konna" in e.evidence.text.lower()]


# --- incidents ------------------------------------------------------------------------------------
INCIDENT_FILTERS = [
    {},
    {"country": "Mali"},
    {"country": "ML"},
    {"country": "france"},
    {"country": "Konna"},
    {"country": "Mopti"},
    {"actor": "islamist"},
    {"actor": "FORCES"},
    {"type_": "armed_clash"},
    {"type_": "battles"},
    {"type_": "Violence against civilians"},
    {"min_reports": 2},
    {"min_reports": 3},
    {"min_reports": 0},
    {"since": date(2013, 1, 10)},
    {"until": date(2012, 12, 31)},
    {"since": date(2013, 1, 10), "until": date(2013, 1, 10)},
    {"country": "Mali", "type_": "Battles", "min_reports": 2},
    {"actor": "mali", "since": date(2013, 1, 1), "type_": "attack"},
    {"country": "Chad"},
]


@pytest.mark.parametrize("scope", INCIDENT_FILTERS, ids=repr)
def test_query_incidents_selects_what_incident_scope_did(store, scope):
    everything = store.incidents()
    expected = old_incidents(everything, **scope)
    query = Query(
        since=scope.get("since"), until=scope.get("until"), countries=resolved(scope.get("country")),
        actors=(scope["actor"],) if "actor" in scope else (), classes=(scope["type_"],) if "type_" in scope else (),
        min_reports=scope.get("min_reports", 1),
    )
    found = store.query_incidents(query)
    assert [i.id for i in found.items] == [i.id for i in expected]
    assert found.total == len(expected) and found.next_cursor is None
    assert [i.id for i in everything if query.admits_incident(i)] == [i.id for i in expected]


def test_incident_filters_cut(store):
    everything = store.incidents()
    sizes = {repr(s): len(old_incidents(everything, **s)) for s in INCIDENT_FILTERS}
    assert sizes["{}"] == sizes["{'min_reports': 0}"] == len(everything) > 10 and sizes["{'country': 'Chad'}"] == 0
    assert all(0 < n < len(everything) for s, n in sizes.items() if s not in ("{}", "{'min_reports': 0}", "{'country': 'Chad'}"))


def test_incidents_by_modality_article_and_text(store):
    everything = store.incidents()
    some = everything[0]
    by_article = store.query_incidents(Query(article_id=some.article_ids[0])).items
    assert [i.id for i in by_article] == [i.id for i in everything if some.article_ids[0] in i.article_ids]
    reported = store.query_incidents(Query(modalities=("reported",))).items
    assert reported and [i.id for i in reported] == [i.id for i in everything if any(r.modality == "reported" for r in i.reports)]
    konna = store.query_incidents(Query(text="konna")).items
    assert konna and [i.id for i in konna] == [i.id for i in everything if any("konna" in r.sentence.lower() for r in i.reports)]


# --- paging ---------------------------------------------------------------------------------------
def pages(read, query: Query) -> list[Listing]:
    found = [read(query)]
    while found[-1].next_cursor:
        found.append(read(query.model_copy(update={"cursor": found[-1].next_cursor})))
    return found


@pytest.mark.parametrize("order", ["date", "-date"])
@pytest.mark.parametrize("size", [1, 3, 7])
def test_cursors_walk_every_event_and_incident_once(store, order, size):
    for read, everything, key in (
        (store.query_events, store.events(), lambda e: (e.date.start if e.date else None, e.article_id, e.id)),
        (store.query_incidents, store.incidents(), lambda i: (i.date.start if i.date else None, i.id)),
    ):
        walked = pages(read, Query(limit=size, order=order, min_reports=0))
        ids = [x.id for page in walked for x in page.items]
        dated = sorted((x for x in everything if x.date), key=key, reverse=order == "-date")
        undated = sorted((x for x in everything if not x.date), key=key, reverse=order == "-date")
        assert ids == [x.id for x in dated + undated]  # undated last either way
        assert {page.total for page in walked} == {len(everything)}
        assert all(len(page.items) == size for page in walked[:-1]) and walked[-1].next_cursor is None


def test_limit_and_offset(store):
    everything = [e.id for e in store.events()]
    assert [e.id for e in store.query_events(Query(limit=5, offset=4)).items] == everything[4:9]
    assert [e.id for e in store.events.list(limit=5, offset=4)] == everything[4:9]
    last = store.query_events(Query(limit=5, offset=len(everything) - 2))
    assert [e.id for e in last.items] == everything[-2:] and last.next_cursor is None
    nothing = store.query_events(Query(limit=0))
    assert nothing.items == [] and nothing.total == len(everything) and nothing.next_cursor is None
    assert [e.id for e in store.query_events(Query(offset=len(everything))).items] == []


def test_repositories_page_their_lists(store):
    articles = [a.id for a in store.articles()]
    assert [a.id for a in store.articles.list(limit=1, offset=1)] == articles[1:2]
    assert [c.id for c in store.claims.list(limit=3, offset=2)] == [c.id for c in store.claims()][2:5]
    assert [r.id for r in store.relations.list(limit=2)] == [r.id for r in store.relations()][:2]
    assert [i.id for i in store.incidents.list(limit=4, offset=3)] == [i.id for i in store.incidents()][3:7]
    assert [a.article_id for a in store.annotations.list(offset=2)] == [a.article_id for a in store.annotations()][2:]
    assert store.runs.list(limit=0) == [] and len(store.runs.failures(limit=5)) == len(store.failures())


def test_a_cursor_from_elsewhere_is_refused(store):
    first = store.query_events(Query(limit=2))
    with pytest.raises(BadCursor, match="order 'date'"):
        store.query_events(Query(limit=2, order="-date", cursor=first.next_cursor))
    for junk in ("nonsense", "", "W10", "WyJkYXRlIiwxLDIsM10"):
        with pytest.raises(BadCursor):
            store.query_events(Query(limit=2, cursor=junk or "x"))
    with pytest.raises(BadCursor):  # an incident cursor has fewer keys than an event's
        store.query_events(Query(cursor=store.query_incidents(Query(limit=1)).next_cursor))


def test_query_takes_one_value_for_many_and_describes_itself():
    query = Query(countries="ML", actors=["mujao"], classes=None)
    assert query.countries == ("ML",) and query.actors == ("mujao",) and query.classes == ()
    assert Query().describe() == "everything stored"
    assert query.describe() == "country ML; actor 'mujao'"
    with pytest.raises(ValueError):
        Query(order="size")
    with pytest.raises(ValueError):
        Query(limit=-1)
