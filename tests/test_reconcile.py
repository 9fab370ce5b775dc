"""Incidents and comparisons across sources, on small sets of events written for the tests, and in a real
DuckDB store (incremental updates, splits that stay split)."""

from datetime import date

from sitroom.model import (
    ActorLink,
    Claim,
    Event,
    EventDate,
    Evidence,
    Fatalities,
    FigureValue,
    PlaceLink,
)
from sitroom.reconcile import conflicts, split, update_incidents
from sitroom.reconcile.conflicts import compare_figures, compare_incident
from sitroom.reconcile.incidents import assign, build
from sitroom.store import open_store
from sitroom.store.base import Batch, StoredArticle

KONNA = PlaceLink(id="sitroom:ml-konna", name="Konna", lat=14.943, lon=-3.893, country="ML", admin1="Mopti", feature="P", precision=1)
KONNA_NEAR = KONNA.model_copy(update={"lat": 14.99, "lon": -3.85})
KONNA_ELSEWHERE = PlaceLink(id="geonames:1", name="Konna", lat=9.5, lon=1.2, country="TG", admin1=None, feature="P", precision=1)
BAMAKO = PlaceLink(id="sitroom:ml-bamako", name="Bamako", lat=12.65, lon=-8.0, country="ML", admin1="Bamako", feature="P", precision=1)
FRANCE = ActorLink(id="military-forces-of-france", name="Military Forces of France", kind="state_force", inter=1)
MUJAO = ActorLink(id="mujao", name="Movement for Unity and Jihad in West Africa", kind="armed_group", inter=2)
AQIM = ActorLink(id="aqim", name="al-Qaeda in the Islamic Maghreb", kind="armed_group", inter=2)


def event(article: str, n: int = 1, *, cls="airstrike", day=date(2013, 1, 11), precision="day", place=KONNA, actor=FRANCE,
          dead=None, text="French jets struck near Konna.", where_written=None, modality="asserted") -> Event:
    end = day if precision == "day" else (date(day.year, day.month, 28) if precision == "month" else date(day.year, 12, 31))
    return Event(
        id=f"{article}:e{n}", article_id=article, event_class=cls, event_type="Explosions/Remote violence", sub_event_type="Air/drone strike",
        actor1=actor, actor2=None, location=place, location_text=where_written or (place.name if place else None),
        date=EventDate(start=day, end=end, precision=precision, how="stated"),
        fatalities=Fatalities(count=dead, low=dead, high=dead, text=str(dead), acled=dead) if dead is not None else None,
        modality=modality, trigger="struck", evidence=Evidence(sentence=0, text=text, start=0, end=len(text), part="body"), confidence=0.9,
    )


def clusters_of(events):
    clusters = {}
    assign(events, clusters)
    return sorted(sorted(e.id for e in members) for members in clusters.values())


def test_reports_of_one_strike_merge_with_reasons():
    clusters = {}
    changed = assign([event("a"), event("b", day=date(2013, 1, 12), place=KONNA_NEAR)], clusters)
    (members,) = clusters.values()
    assert {e.id for e in members} == {"a:e1", "b:e1"}
    reasons = next(iter(changed.values()))
    assert any("km apart" in r and "dates" in r and "actors shared" in r for r in reasons)


def test_what_must_not_merge():
    a_month_apart = [event("a", cls="attack", actor=MUJAO), event("b", cls="attack", actor=MUJAO, day=date(2013, 2, 11))]
    assert len(clusters_of(a_month_apart)) == 2
    same_name_two_countries = [event("a"), event("b", place=KONNA_ELSEWHERE)]
    assert len(clusters_of(same_name_two_countries)) == 2
    other_actors = [event("a", cls="attack", actor=MUJAO), event("b", cls="attack", actor=AQIM)]
    assert len(clusters_of(other_actors)) == 2
    same_article = [event("a", 1), event("a", 2)]
    assert len(clusters_of(same_article)) == 2
    not_happened = [event("a"), event("b", modality="hypothetical")]
    assert clusters_of(not_happened) == [["a:e1"]]


def test_a_coup_dated_to_different_months_is_one_incident_with_a_date_contradiction():
    coups = [
        event("a", cls="coup", day=date(2012, 3, 1), precision="month", place=BAMAKO, actor=None, text="The coup of March 2012."),
        event("b", cls="coup", day=date(2012, 4, 1), precision="month", place=BAMAKO, actor=None, text="The coup of April 2012."),
    ]
    clusters = {}
    assign(coups, clusters)
    ((cid, members),) = clusters.items()
    incident = build(cid, members, [])
    (found,) = [c for c in compare_incident(incident, members) if c.kind == "date"]
    assert found.status == "contradicted" and sorted(i.value for i in found.items) == ["2012-03", "2012-04"]


def test_two_tolls_and_two_spellings():
    strikes = [event("a", dead=12), event("b", dead=30, where_written="Konno")]
    clusters = {}
    assign(strikes, clusters)
    ((cid, members),) = clusters.items()
    incident = build(cid, members, [])
    assert (incident.fatalities_low, incident.fatalities_high) == (12, 30)
    found = {c.kind: c for c in compare_incident(incident, members)}
    assert found["number"].status == "contradicted" and {i.value for i in found["number"].items} == {"12", "30"}
    assert found["place"].status == "noted"  # Konna and Konno are one place: a spelling, not a contradiction
    assert found["date"].status == "corroborated" and len(found["date"].items) == 2


def figure(article, low, high, text, qualifier=None, unit="fighters"):
    value = FigureValue(low=low, high=high, unit=unit, qualifier=qualifier)
    return Claim(id=f"{article}:c1", article_id=article, kind="figure", subject=AQIM, text=text, value=value,
                 evidence=Evidence(sentence=0, text=text, start=0, end=len(text), part="body"))


def test_figures_about_one_subject_compared():
    (c,) = compare_figures([figure("a", 15000, 15000, "15,000 fighters"), figure("b", 2000, 5000, "a few thousand fighters")])
    assert c.status == "contradicted" and c.topic.startswith("al-Qaeda")
    (c,) = compare_figures([figure("a", 3000, 3000, "about 3,000 fighters", "about"), figure("b", 3200, 3200, "3,200 fighters")])
    assert c.status == "corroborated" and len(c.items) == 2
    # "men" counts toward the same strength as "fighters" (data/figure_units.tsv); hours do not
    (c,) = compare_figures([figure("a", 15000, 15000, "15,000 fighters"), figure("b", 2000, 5000, "a few thousand men", unit="men")])
    assert c.status == "contradicted" and c.topic.endswith("fighters")
    assert compare_figures([figure("a", 15000, 15000, "15,000 fighters"), figure("b", 3, 3, "three hours", unit="hours")]) == []


def test_places_inside_or_beside_each_other_do_not_contradict():
    GAO = PlaceLink(id="sitroom:ml-gao", name="Gao", lat=16.27, lon=-0.04, country="ML", admin1="Gao", feature="P", precision=1)
    MALI = PlaceLink(id="country:ML", name="Mali", lat=17.0, lon=-4.0, country="ML", feature="C", precision=3)
    MOPTI = PlaceLink(id="sitroom:ml-mopti", name="Mopti", lat=14.49, lon=-4.2, country="ML", admin1="Mopti", feature="P", precision=1)
    SEVARE = PlaceLink(id="sitroom:ml-sevare", name="Sévaré", lat=14.53, lon=-4.1, country="ML", admin1="Mopti", feature="P", precision=1)

    def places_compared(a, b):
        members = [event("a", cls="attack", actor=MUJAO, place=a), event("b", cls="attack", actor=MUJAO, place=b)]
        return [c for c in compare_incident(build("inc-x", members, []), members) if c.kind == "place"]

    assert places_compared(GAO, MALI) == [] and places_compared(MOPTI, SEVARE) == []
    (far,) = places_compared(GAO, BAMAKO)
    assert far.status == "contradicted"


def test_raids_dated_only_to_a_year_stay_apart():
    vague = [event("a", cls="attack", actor=MUJAO, day=date(2012, 1, 1), precision="year"), event("b", cls="attack", actor=MUJAO, day=date(2012, 6, 3))]
    assert len(clusters_of(vague)) == 2


def test_an_undated_report_is_placed_by_its_publication_week(tmp_path):
    from sitroom.model import Article

    def article(article_id, published):
        return StoredArticle(article=Article(id=article_id, content_hash=article_id, source=f"{article_id}.txt", format="text",
                                             language="en", published=published, paragraphs=["text"]), minhash=[0] * 8)

    undated = event("b", cls="coup", place=BAMAKO, actor=None, text="Soldiers have overthrown the president.")
    undated = undated.model_copy(update={"date": None})
    stated = event("a", cls="coup", place=BAMAKO, actor=None, day=date(2012, 3, 22), text="The coup of 22 March.")
    with open_store(tmp_path / "u.duckdb") as store:
        store.write_batch(store.start_run([]), Batch(articles=[article("a", date(2012, 4, 2)), article("b", date(2012, 3, 23))], duplicates=[], failures=[]))
        _store_events(store, [stated, undated])
        update_incidents(store)
        (incident,) = store.incidents()
    assert sorted(incident.article_ids) == ["a", "b"]
    assert incident.date.start == date(2012, 3, 22) and incident.date.how == "stated"  # a stated day is more precise than a week
    assert any("2012-03-17" in r for r in incident.reasons)  # the week before 23 March


def _store_events(store, events):
    """Events as the annotator stores them: through an annotation record per article."""
    from sitroom.model import AnnotatedArticle

    by_article = {}
    for e in events:
        by_article.setdefault(e.article_id, []).append(e)
    annotations = [
        AnnotatedArticle(article_id=a, text="", parts=[], country="ML", reference_date=None, events=es, model="test", knowledge="test")
        for a, es in by_article.items()
    ]
    store.write_batch(store.start_run([]), Batch(articles=[], duplicates=[], failures=[], annotations=annotations))


def test_incremental_update_and_split_in_a_real_store(tmp_path):
    with open_store(tmp_path / "r.duckdb") as store:
        _store_events(store, [event("a", dead=12), event("b", day=date(2013, 1, 12))])
        first = update_incidents(store)
        assert (first.placed, first.incidents) == (2, 1)
        assert update_incidents(store).changed == 0  # nothing new: nothing rewritten
        _store_events(store, [event("c", dead=30, where_written="Konno")])
        third = update_incidents(store)
        assert (third.placed, third.changed, third.incidents) == (1, 1, 1)  # joined the existing incident
        (incident,) = store.incidents()
        assert sorted(incident.article_ids) == ["a", "b", "c"] and len(incident.reasons) == 3
        assert any(c.kind == "number" and c.status == "contradicted" for c in conflicts(store))
        made = split(store, incident.id[:10])
        assert len(made) == 3 and len(store.incidents()) == 3
        _store_events(store, [event("d")])
        update_incidents(store)
        assert all(len(i.article_ids) <= 2 for i in store.incidents())  # a, b and c stay apart


def test_commands_on_two_reports_of_one_strike(tmp_path):
    import json

    from .test_cli import run

    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "one.txt").write_text(
        "French jets hit Konna\n\nKONNA, Mali, Jan. 12, 2013 - French jets bombed Islamist positions in Konna on Friday, killing 12 fighters.\n",
        encoding="utf-8",
    )
    (pages / "two.txt").write_text(
        "Strikes near Konna\n\nBAMAKO, Jan. 13, 2013 - French warplanes bombed Islamist fighters in Konna on Friday, killing 30 of them, residents said.\n",
        encoding="utf-8",
    )
    db = tmp_path / "two.duckdb"
    assert run("ingest", str(pages), "--db", str(db), "--json").returncode == 0
    result = run("incidents", "--min-reports", "2", "--json", "--db", str(db))
    assert result.returncode == 0, result.stderr
    (incident,) = json.loads(result.stdout)["incidents"]
    assert incident["event_class"] == "airstrike" and len(incident["article_ids"]) == 2
    assert (incident["fatalities_low"], incident["fatalities_high"]) == (12, 30)
    assert json.loads(run("incidents", "--since", "2013-02-01", "--json", "--db", str(db)).stdout)["incidents"] == []
    assert len(json.loads(run("incidents", "--until", "2013-01-31", "--json", "--db", str(db)).stdout)["incidents"]) >= 1
    for key in ("id", "event_type", "sub_event_type", "date", "location", "actors", "event_ids", "reasons"):
        assert key in incident
    found = json.loads(run("conflicts", "--status", "contradicted", "--json", "--db", str(db)).stdout)["conflicts"]
    assert any(c["kind"] == "number" and {i["value"] for i in c["items"]} == {"12", "30"} for c in found)
    exported = json.loads(run("export", "--what", "conflicts", "--db", str(db)).stdout)["conflicts"]
    assert all({"id", "kind", "topic", "items"} <= set(c) for c in exported)
    assert run("conflicts", "--kind", "rumour", "--db", str(db)).returncode == 2
    split = run("incidents", "split", incident["id"], "--db", str(db))
    assert split.returncode == 0, split.stderr
    assert json.loads(run("incidents", "--min-reports", "2", "--json", "--db", str(db)).stdout)["incidents"] == []
    missing = run("incidents", "split", "inc-nope", "--db", str(db))
    assert missing.returncode == 2 and "sitroom incidents" in missing.stderr
