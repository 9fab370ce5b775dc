"""The event layer's commands as a user runs them: real subprocesses, a real DuckDB file."""

import csv
import io
import json

import pytest

from .test_cli import run

REPORTS = {
    "konna.txt": """French jets strike Islamists near Konna
By Staff Reporter
MOPTI, Mali, Jan. 12, 2013 - French jets bombed Islamist positions near Konna on Friday, killing dozens of fighters, the defence ministry said.
MUJAO could attack Gao again within days, officials warned.
=SUM(1,2) was written on a wall in Gao.
""",
    "gao.txt": """Attack on army post in Gao
GAO, Mali, Feb. 10, 2013 - MUJAO fighters attacked an army checkpoint in Gao on Saturday, killing three soldiers.
The MNLA did not attack the base at Tessalit.
""",
}
ACLED_COLUMNS = {
    "event_date", "event_type", "sub_event_type", "actor1", "inter1", "actor2", "inter2", "interaction", "country", "admin1",
    "location", "latitude", "longitude", "geo_precision", "time_precision", "source", "notes", "fatalities",
}


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    folder = tmp_path_factory.mktemp("reports")
    for name, text in REPORTS.items():
        (folder / name).write_text(text, encoding="utf-8")
    path = folder / "events.duckdb"
    result = run("ingest", str(folder), "--db", str(path), "--json")
    assert result.returncode == 0, result.stderr
    return path


def test_ingest_stores_events_with_modality(db):
    result = run("events", "--db", str(db), "--json")
    assert result.returncode == 0, result.stderr
    events = json.loads(result.stdout)["events"]
    classes = {(e["event_class"], e["modality"]) for e in events}
    assert ("airstrike", "reported") in classes
    assert ("attack", "hypothetical") in classes and ("attack", "negated") in classes
    attack = next(e for e in events if e["event_class"] == "attack" and e["modality"] == "asserted")
    assert attack["location"]["name"] == "Gao" and attack["date"]["start"] == "2013-02-09" and attack["fatalities"]["count"] == 3
    for e in events:
        assert {"event_type", "sub_event_type", "actor1", "actor2", "assoc_actors", "location", "date", "fatalities", "modality", "evidence", "confidence", "article_id"} <= set(e)


def test_events_filters(db):
    def count(*args):
        result = run("events", "--db", str(db), "--json", *args)
        assert result.returncode == 0, result.stderr
        return len(json.loads(result.stdout)["events"])

    everything = count()
    assert count("--type", "airstrike") == 1
    assert count("--type", "Explosions/Remote violence") == 1
    assert count("--modality", "asserted", "--modality", "reported") < everything
    assert count("--modality", "negated") == 1
    assert count("--actor", "france") >= 1 and count("--actor", "nobody-at-all") == 0
    assert count("--since", "2013-02-01") < everything and count("--until", "2013-01-31") >= 1
    assert count("--country", "ML") >= 1
    bad = run("events", "--db", str(db), "--since", "yesterday")
    assert bad.returncode == 2 and "YYYY-MM-DD" in bad.stderr
    table = run("events", "--db", str(db), env={"COLUMNS": "200"})
    assert table.returncode == 0 and "airstrike" in table.stdout


def test_export_acled_has_acled_columns_and_only_what_happened(db):
    result = run("export", "--what", "events", "--format", "acled", "--db", str(db))
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert ACLED_COLUMNS <= set(rows[0])
    assert rows and all(r["event_type"] for r in rows)
    assert not any("[hypothetical]" in r["notes"] or "[negated]" in r["notes"] for r in rows)
    strike = next(r for r in rows if r["sub_event_type"] == "Air/drone strike")
    assert strike["country"] == "Mali" and strike["actor1"].startswith("Military Forces of France") and strike["inter1"] == "1"
    assert strike["fatalities"] == "12" and strike["time_precision"] == "1" and strike["event_date"] == "2013-01-11"


def test_export_formats(db):
    geo = json.loads(run("export", "--what", "events", "--format", "geojson", "--db", str(db)).stdout)
    assert geo["type"] == "FeatureCollection" and geo["features"]
    lon, lat = geo["features"][0]["geometry"]["coordinates"]
    assert -20 < lon < 10 and 10 < lat < 25  # Mali, not swapped
    both = json.loads(run("export", "--what", "all", "--db", str(db)).stdout)
    assert set(both) == {"events", "claims", "relations"}
    lines = run("export", "--what", "events", "--format", "csv", "--db", str(db)).stdout
    assert "'=SUM" not in lines or "\n=SUM" not in lines  # a page's formula never reaches a spreadsheet as one
    assert not any(cell.startswith("=") for row in csv.reader(io.StringIO(lines)) for cell in row)
    wrong = run("export", "--what", "articles", "--format", "acled", "--db", str(db))
    assert wrong.returncode == 2 and "events" in wrong.stderr


def test_extract_reads_jsonl_skips_bad_lines_and_stores_nothing(tmp_path):
    source = tmp_path / "notes.jsonl"
    source.write_text(
        json.dumps({"id": "n1", "text": "On 3 May 2020, JNIM militants ambushed a FAMa patrol near Boni, killing 4 soldiers.", "date": "2020-05-05"}) + "\n"
        + "{not json\n"
        + json.dumps({"id": "n2", "text": "Protesters gathered in Bamako to denounce insecurity.", "date": "9-May-20", "title": "Protest"}) + "\n"
        + json.dumps({"id": "n3", "date": "2020-05-05"}) + "\n",
        encoding="utf-8",
    )
    result = run("extract", str(source))
    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["id"] for line in lines] == ["n1", "n2"]
    assert all(set(line) >= {"id", "events", "claims", "relations"} for line in lines)
    assert lines[0]["events"][0]["fatalities"]["count"] == 4 and lines[0]["events"][0]["date"]["start"] == "2020-05-03"
    assert lines[1]["events"][0]["event_type"] == "Protests"
    assert f"{source}:2" in result.stderr and f"{source}:4" in result.stderr  # each bad line named, the rest went on
    assert not list(tmp_path.glob("*.duckdb"))
    missing = run("extract", str(tmp_path / "nope.jsonl"))
    assert missing.returncode == 2 and "no such file" in missing.stderr


def test_eval_acled_on_a_small_file_in_both_date_styles(tmp_path):
    gold = tmp_path / "gold.csv"
    columns = ["event_date", "event_type", "sub_event_type", "actor1", "actor2", "admin1", "location", "latitude", "longitude", "fatalities", "notes"]
    rows = [
        ["2020-05-03", "Battles", "Armed clash", "JNIM: Group for Support of Islam and Muslims", "Military Forces of Mali (2013-2020)", "Mopti", "Boni", "15.043", "-2.218", "4",
         "On 3 May 2020, JNIM militants ambushed a FAMa patrol near Boni (Douentza, Mopti), killing 4 soldiers."],
        ["9-May-20", "Protests", "Peaceful protest", "Protesters (Mali)", "", "Bamako", "Bamako", "12.65", "-8.0", "0",
         "On 9 May 2020, protesters gathered in Bamako to denounce insecurity."],
        ["11-January-2013", "Explosions/Remote violence", "Air/drone strike", "Military Forces of France (2012-)", "AQIM: Al Qaeda in the Islamic Maghreb", "Mopti", "Konna", "14.94", "-3.89", "12",
         "On 11 January 2013, French jets bombed Islamist positions near Konna, killing dozens of fighters."],
    ]
    with gold.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(columns)
        writer.writerows(rows)
    result = run("eval", "acled", str(gold), "--json")
    assert result.returncode == 0, result.stderr
    scores = json.loads(result.stdout)
    assert scores["rows"] == 3 and scores["event_found"] == 1.0
    assert scores["event_type"] == 1.0 and scores["fatalities"] == 1.0
    assert scores["location_25km"] >= 2 / 3
    assert set(scores["confusion"]) == {"Battles", "Protests", "Explosions/Remote violence"}
    table = run("eval", "acled", str(gold), env={"COLUMNS": "160"})
    assert table.returncode == 0 and "event_type accuracy" in table.stdout
    not_acled = tmp_path / "other.csv"
    not_acled.write_text("a,b\n1,2\n", encoding="utf-8")
    bad = run("eval", "acled", str(not_acled))
    assert bad.returncode == 2 and "not an ACLED export" in bad.stderr


def test_listings_never_cut_silently(db):
    everything = json.loads(run("events", "--db", str(db), "--json").stdout)
    assert everything["total"] == len(everything["events"]) >= 4 and everything["next_cursor"] is None
    cut = run("events", "--db", str(db), "--json", "--limit", "2")
    page = json.loads(cut.stdout)
    assert len(page["events"]) == 2 and page["total"] == everything["total"] and page["next_cursor"]
    assert f"showing 2 of {everything['total']} events" in cut.stderr
    table = run("events", "--db", str(db), "--limit", "1", env={"COLUMNS": "200"})
    assert f"showing 1 of {everything['total']} events" in table.stdout
    incidents = run("incidents", "--db", str(db), "--limit", "1", env={"COLUMNS": "200"})
    assert incidents.returncode == 0 and "showing 1 of" in incidents.stdout
    by_name = json.loads(run("events", "--db", str(db), "--json", "--country", "Mali").stdout)
    by_code = json.loads(run("events", "--db", str(db), "--json", "--country", "ML").stdout)
    assert by_name["total"] == by_code["total"] >= 1  # a country's name is turned into its code


def test_explain_names_the_rule_behind_each_field(db):
    events = json.loads(run("events", "--db", str(db), "--json").stdout)["events"]
    attack = next(e for e in events if e["event_class"] == "attack" and e["modality"] == "asserted")
    assert {"trigger", "actor1", "place", "date", "modality", "fatalities"} <= set(attack["how"])
    shown = run("events", "--db", str(db), "--explain", attack["id"], env={"COLUMNS": "200"})
    assert shown.returncode == 0, shown.stderr
    text = " ".join(shown.stdout.split())
    assert attack["how"]["trigger"] in text and attack["how"]["actor1"] in text and attack["evidence"]["text"][:40] in text
    # the Gao attack is told by the headline and the lede: one event, and --explain shows both sentences
    retold = next(e for e in events if e["retold"])
    again = " ".join(run("events", "--db", str(db), "--explain", retold["id"], env={"COLUMNS": "200"}).stdout.split())
    assert "told again: " + " ".join(retold["retold"][0]["text"].split())[:40] in again
    missing = run("events", "--db", str(db), "--explain", "nope:e1")
    assert missing.returncode == 1 and "E108" in missing.stderr


def test_reextract_redoes_extraction_from_stored_parses(db, tmp_path):
    import shutil

    copy = tmp_path / "copy.duckdb"
    shutil.copyfile(db, copy)
    before = json.loads(run("events", "--db", str(copy), "--json").stdout)["events"]
    nothing = json.loads(run("reextract", "--db", str(copy), "--json").stdout)
    assert nothing["reextracted"] == 0  # knowledge and rules unchanged: nothing is stale
    again = run("reextract", "--db", str(copy), "--all", "--json", env={"SITROOM_SPACY_MODEL": "no_such_pipeline"})
    assert again.returncode == 0, again.stderr  # no spaCy model is loaded
    assert json.loads(again.stdout)["reextracted"] == 2
    assert json.loads(run("events", "--db", str(copy), "--json").stdout)["events"] == before
