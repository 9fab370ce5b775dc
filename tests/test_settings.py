"""Settings come from one place, in one order: defaults < sitroom.toml (user folder, then current folder)
< SITROOM_* environment < flags."""

import pytest

from sitroom.errors import SettingsError
from sitroom.settings import DEFAULT_DB, Settings


@pytest.fixture
def clean(monkeypatch, tmp_path):
    for name in ("SITROOM_DB", "SITROOM_KB", "SITROOM_SPACY_MODEL", "SITROOM_CACHE", "SITROOM_BATCH_SIZE"):
        monkeypatch.delenv(name, raising=False)
    home, here = tmp_path / "config", tmp_path / "here"
    (home / "sitroom").mkdir(parents=True)
    here.mkdir()
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home))
    monkeypatch.chdir(here)
    return home / "sitroom" / "sitroom.toml", here / "sitroom.toml"


def test_each_layer_overrides_the_one_below(clean, monkeypatch):
    user_file, local_file = clean
    assert Settings.load().db == DEFAULT_DB
    user_file.write_text('db = "user.duckdb"\nbatch_size = 7\n', encoding="utf-8")
    assert (Settings.load().db, Settings.load().batch_size) == ("user.duckdb", 7)
    local_file.write_text('db = "local.duckdb"\n', encoding="utf-8")
    assert (Settings.load().db, Settings.load().batch_size) == ("local.duckdb", 7)  # key by key, the nearer file wins
    monkeypatch.setenv("SITROOM_DB", "env.duckdb")
    assert Settings.load().db == "env.duckdb"
    assert Settings.load(db="flag.duckdb").db == "flag.duckdb"
    assert Settings.load(db=None).db == "env.duckdb"  # a flag not given is no flag


def test_actor_files_add_up_from_the_environment_and_flags(clean, monkeypatch):
    monkeypatch.setenv("SITROOM_KB", "a.yaml:b.yaml")
    assert Settings.load().kb == ("a.yaml", "b.yaml")
    assert Settings.load(kb=("c.yaml",)).kb == ("a.yaml", "b.yaml", "c.yaml")


def test_bad_files_and_values_say_where_and_what(clean, monkeypatch):
    _, local_file = clean
    local_file.write_text("db = \n", encoding="utf-8")
    with pytest.raises(SettingsError) as bad_toml:
        Settings.load()
    assert str(local_file) in str(bad_toml.value) and bad_toml.value.code == "E103"
    local_file.write_text("colour = 'red'\n", encoding="utf-8")
    with pytest.raises(SettingsError, match="colour"):
        Settings.load()
    local_file.unlink()
    monkeypatch.setenv("SITROOM_BATCH_SIZE", "none")
    with pytest.raises(SettingsError, match="batch_size"):
        Settings.load()


def test_no_module_but_settings_reads_the_environment():
    import ast
    from pathlib import Path

    source = Path(__file__).resolve().parents[1] / "src" / "sitroom"
    readers = []
    for path in source.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute) and node.attr in ("environ", "getenv") and getattr(node.value, "id", "") == "os":
                readers.append(path.relative_to(source).as_posix())
    assert set(readers) <= {"settings.py"}, readers


def test_empty_variables_are_unset_and_home_is_expanded(clean, monkeypatch):
    monkeypatch.setenv("SITROOM_DB", "")
    monkeypatch.setenv("SITROOM_SPACY_MODEL", "")
    assert (Settings.load().db, Settings.load().spacy_model) == (DEFAULT_DB, None)
    _, local_file = clean
    local_file.write_text('kb = ["~/actors/sahel.yaml"]\ndb = "~/mali.duckdb"\n', encoding="utf-8")
    loaded = Settings.load()
    assert not loaded.kb[0].startswith("~") and loaded.kb[0].endswith("actors/sahel.yaml") and not loaded.db.startswith("~")
    with pytest.raises(SettingsError, match="db"):
        Settings.load(db="")
