"""The language layer's commands as a user runs them: real subprocesses, a real database file."""

import json

import pytest

from .test_cli import run
from .test_gazetteer import geonames_row

PAGE = """Zorgistan Liberation Front claims attack near Gao
By Amadou Diallo
GAO, Mali, Jan. 20, 2013 - The Zorgistan Liberation Front said on Saturday that its fighters had attacked a checkpoint near Gao, in northern Mali.
The group, which nobody in Bamako had heard of before this week, also said it could strike Ansongo within days, according to a statement.
"""


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    folder = tmp_path_factory.mktemp("pages")
    (folder / "zlf.txt").write_text(PAGE, encoding="utf-8")
    (folder / "inject.txt").write_text(
        "Injected [bold red]markup[/] page\n\nMUJAO fighters [link=http://evil]seized[/link] Gao on Jan. 12, 2013, residents said on the telephone.\n",
        encoding="utf-8",
    )
    path = folder / "lang.duckdb"
    result = run("ingest", str(folder), "--db", str(path), "--json")
    assert result.returncode == 0, result.stderr
    return path


def test_export_mentions_has_every_field_the_issue_names(db):
    result = run("export", "--what", "mentions", "--format", "json", "--db", str(db))
    assert result.returncode == 0, result.stderr
    mentions = json.loads(result.stdout)["mentions"]
    for m in mentions:
        assert {"article_id", "text", "start", "end", "type", "sentence", "link"} <= set(m)
    places = [m for m in mentions if m["type"] == "place" and m["link"]]
    assert places and all({"id", "name", "lat", "lon", "country", "admin1", "precision"} <= set(m["link"]) for m in places)
    times = [m for m in mentions if m["type"] == "time" and m["link"]]
    assert times and all({"start", "end", "precision"} <= set(m["link"]) for m in times)
    assert any(m["link"] and m["link"]["id"] == "mujao" for m in mentions)
    assert any(m["link"] is None and "Zorgistan" in m["text"] for m in mentions)  # unknown, kept unlinked
    lines = run("export", "--what", "mentions", "--format", "jsonl", "--db", str(db)).stdout.splitlines()
    assert len(lines) == len(mentions)


def test_article_annotated_highlights_and_escapes(db):
    listing = json.loads(run("articles", "--json", "--db", str(db)).stdout)["articles"]
    injected = next(a for a in listing if "Injected" in (a["title"] or ""))
    result = run("article", injected["id"][:10], "--annotated", "--db", str(db))
    assert result.returncode == 0, result.stderr
    assert "[link=http://evil]seized[/link]" in result.stdout  # shown as text, not run as markup
    assert "mentions" in result.stdout and "MUJAO" in result.stdout


def test_annotate_again_after_the_knowledge_changes(db, tmp_path):
    unchanged = json.loads(run("annotate", "--db", str(db), "--json").stdout)
    assert unchanged["annotated"] == 0  # nothing changed since ingest
    kb = tmp_path / "mine.yaml"
    kb.write_text(
        "- id: zorgistan-liberation-front\n  name: Zorgistan Liberation Front\n  kind: armed_group\n  inter: 2\n"
        "  aliases: [ZLF]\n  affiliations: [aqim]\n  note: a group invented for this test\n",
        encoding="utf-8",
    )
    result = run("annotate", "--db", str(db), "--kb", str(kb), "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["annotated"] == 2
    mentions = json.loads(run("export", "--what", "mentions", "--db", str(db)).stdout)["mentions"]
    zlf = [m for m in mentions if "Zorgistan" in m["text"]]
    assert zlf and all(m["link"] and m["link"]["id"] == "zorgistan-liberation-front" for m in zlf)
    # "its fighters" / "The group" now have a named group to refer to
    assert any(m["text"] == "The group" and m["link"] and m["link"]["id"] == "zorgistan-liberation-front" for m in mentions)


def test_kb_check_and_show(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "- id: one\n  name: One Front\n  kind: armed_group\n  inter: 2\n  aliases: [The Front]\n  note: x\n"
        "- id: two\n  name: Two Front\n  kind: armed_group\n  inter: 2\n  aliases: [the front]\n  note: y\n",
        encoding="utf-8",
    )
    result = run("kb", "check", str(bad))
    assert result.returncode == 1
    message = " ".join(result.stderr.split())
    assert f"{bad}, line 11, aliases: 'the front' already names 'one'" in message
    wrong_kind = tmp_path / "kind.yaml"
    wrong_kind.write_text("- id: x\n  name: X\n  kind: army\n  inter: 2\n  note: z\n", encoding="utf-8")
    assert "line 3, kind" in " ".join(run("kb", "check", str(wrong_kind)).stderr.split())
    shown = run("kb", "show", "Ansar Eddine")
    assert shown.returncode == 0 and "ansar-dine" in shown.stdout
    assert run("kb", "show", "Nobody Front").returncode == 1


def test_gazetteer_add_and_find(tmp_path):
    places = tmp_path / "XX.txt"
    places.write_text(geonames_row(990001, "Zorgiville", 15.0, -1.0, "P", "PPL", "ML", "04", 1200) + "\n", encoding="utf-8")
    db = tmp_path / "g.duckdb"
    added = run("gazetteer", "add", str(places), "--db", str(db))
    assert added.returncode == 0, added.stderr
    assert "loaded 1 places rows" in added.stdout
    found = json.loads(run("gazetteer", "find", "zorgiville", "--db", str(db), "--json").stdout)["places"]
    assert [(p["name"], p["country"]) for p in found] == [("Zorgiville", "ML")]
    assert run("gazetteer", "add", str(tmp_path / "nothing.txt"), "--db", str(db)).returncode == 2


def test_bench_prints_both_speeds_and_their_ratio():
    result = run("bench", "--json", "--words", "400")
    assert result.returncode == 0, result.stderr
    measured = json.loads(result.stdout.strip().splitlines()[-1])
    assert measured["words"] >= 400 and measured["spacy_wps"] > 0 and measured["sitroom_wps"] > 0
    assert measured["ratio"] == pytest.approx(measured["sitroom_wps"] / measured["spacy_wps"], rel=0.01)
