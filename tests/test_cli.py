"""The `sitroom` command as a user runs it: real subprocesses, a real database file."""

import json
import os
import subprocess
import sys

import pytest

from .conftest import CORPUS, ROOT

SITROOM = [sys.executable, "-m", "sitroom.cli"]
COMMANDS = [
    "ingest", "articles", "article", "export", "demo", "doctor", "schema", "annotate", "bench",
    "gazetteer add", "gazetteer find", "kb check", "kb show", "events", "extract", "eval acled", "eval toponyms",
    "incidents", "incidents split", "conflicts", "report", "reextract", "migrate", "eval all",
    "eval wikievents", "eval police", "eval muc", "eval case", "eval factuality", "train factuality",
]


def run(*args, cwd=None, env=None, input=None):
    return subprocess.run([*SITROOM, *args], capture_output=True, text=True, cwd=cwd, env={**os.environ, **(env or {})}, input=input)


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_with_an_example(command):
    result = run(*command.split(), "--help")
    assert result.returncode == 0
    assert "Example: sitroom " + command in " ".join(result.stdout.split())


def test_every_command_is_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for command in COMMANDS:
        assert f"sitroom {command}" in readme, command


def test_ingest_json_exit_codes_and_export(tmp_path):
    db = tmp_path / "cli.duckdb"
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "empty.txt").write_text("", encoding="utf-8")
    result = run("ingest", str(CORPUS), str(bad), "--db", str(db), "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert (report["read"], report["stored"], report["duplicates"]) == (17, 15, 1)
    assert report["failed"] == [{"path": str(bad / "empty.txt"), "kind": "empty", "error": "empty file (nothing to read)"}]

    only_bad = run("ingest", str(bad), "--db", str(db), "--json")
    assert only_bad.returncode == 1
    missing = run("ingest", str(tmp_path / "missing"), "--db", str(db))
    assert missing.returncode == 2 and "no such file" in missing.stderr

    exported = run("export", "--what", "articles", "--format", "json", "--db", str(db))
    assert exported.returncode == 0
    articles = json.loads(exported.stdout)["articles"]
    assert len(articles) == 15
    out_file = tmp_path / "a.json"
    assert run("export", "--db", str(db), "--out", str(out_file)).returncode == 0
    assert json.loads(out_file.read_text(encoding="utf-8")) == {"articles": articles}

    listed = json.loads(run("articles", "--db", str(db), "--json").stdout)["articles"]
    one = run("article", listed[0]["id"][:8], "--db", str(db), "--json")
    assert json.loads(one.stdout)["id"] == listed[0]["id"]
    assert run("article", "zzzz", "--db", str(db)).returncode == 1


def test_sitroom_db_environment_and_stdin(tmp_path):
    db = tmp_path / "env.duckdb"
    page = (CORPUS / "04-aguelhok.txt").read_text(encoding="utf-8")
    result = run("ingest", "-", "--json", env={"SITROOM_DB": str(db)}, input=page)
    assert json.loads(result.stdout)["stored"] == 1 and db.exists()


def test_missing_database_says_what_to_do(tmp_path):
    result = run("articles", "--db", str(tmp_path / "none.duckdb"))
    assert result.returncode == 1 and "sitroom ingest" in result.stderr


def test_demo_and_doctor(tmp_path):
    result = run("demo", "--db", str(tmp_path / "demo.duckdb"), "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    assert "15 stored" in result.stdout and "near-duplicate" in result.stdout
    assert (tmp_path / "out" / "demo-articles.json").exists()
    doctor = run("doctor", "--db", str(tmp_path / "demo.duckdb"), "--json")
    checks = {c["name"]: c for c in json.loads(doctor.stdout)}
    assert checks["spacy model"]["ok"] and checks["database"]["ok"] and checks["pattern files"]["ok"]
    broken = run("doctor", "--json", env={"SITROOM_SPACY_MODEL": "no_such_pipeline"})
    assert broken.returncode == 1
    assert "no_such_pipeline" in {c["name"]: c for c in json.loads(broken.stdout)}["spacy model"]["fix"]


def test_page_text_is_never_read_as_rich_markup(tmp_path):
    db = tmp_path / "x.duckdb"
    page = tmp_path / "markup.txt"
    page.write_text(
        "Markup test [bold red]headline[/] for the team\nBy Jane Doe\nJanuary 3, 2013\n"
        "Fighters [link=https://evil.example]attacked[/link] the town of Gao on Monday, residents said in calls.\n",
        encoding="utf-8",
    )
    run("ingest", str(page), "--db", str(db))
    (listed,) = json.loads(run("articles", "--db", str(db), "--json").stdout)["articles"]
    shown = run("article", listed["id"], "--db", str(db))
    assert "[link=https://evil.example]attacked[/link]" in " ".join(shown.stdout.split())


def test_an_old_database_is_read_only_until_migrated(tmp_path):
    import shutil

    old = tmp_path / "old.duckdb"
    shutil.copyfile(ROOT / "tests" / "data" / "store-v4.duckdb", old)
    refused = run("articles", "--db", str(old))
    assert refused.returncode == 1 and "E102" in refused.stderr and f"sitroom migrate --db {old}" in " ".join(refused.stderr.split())
    migrated = run("migrate", "--db", str(old))
    assert migrated.returncode == 0 and "applied" in migrated.stdout
    assert len(json.loads(run("articles", "--db", str(old), "--json").stdout)["articles"]) == 3
    assert "up to date" in run("migrate", "--db", str(old)).stdout
