"""One exception tree, one message catalogue: every error sitroom raises on purpose has a stable code,
and the CLI prints it as text, never as markup."""

import importlib
import pickle
import pkgutil
import subprocess
import sys
from pathlib import Path

import sitroom
from sitroom.errors import (
    CATALOGUE,
    ArticleNotFound,
    DatabaseMissing,
    KnowledgeFileError,
    MigrationNeeded,
    PageError,
    SitroomError,
    catalogue_markdown,
)

ROOT = Path(__file__).resolve().parents[1]


def _sitroom_exceptions() -> list[type]:
    found = []
    for info in pkgutil.walk_packages(sitroom.__path__, "sitroom."):
        if info.name.endswith("__main__"):
            continue
        module = importlib.import_module(info.name)
        found += [v for v in vars(module).values() if isinstance(v, type) and issubclass(v, BaseException) and v.__module__ == info.name]
    return found


def test_every_exception_is_a_sitroom_error_with_a_catalogued_code():
    exceptions = _sitroom_exceptions()
    assert len(exceptions) >= 10
    for cls in exceptions:
        assert issubclass(cls, SitroomError), f"{cls.__module__}.{cls.__name__} does not derive from SitroomError"
        assert cls.code in CATALOGUE, cls


def test_docs_list_every_code():
    assert (ROOT / "docs" / "errors.md").read_text(encoding="utf-8") == catalogue_markdown(), "regenerate docs/errors.md from sitroom.errors.catalogue_markdown()"


def test_a_path_that_looks_like_markup_is_printed_as_it_is(tmp_path):
    odd = tmp_path / "[bold]x[/]" / "[/].duckdb"
    result = subprocess.run([sys.executable, "-m", "sitroom.cli", "articles", "--db", str(odd)], capture_output=True, text=True)
    assert result.returncode == 1, result.stderr
    line = " ".join(result.stderr.split())
    assert line.startswith("error E101:") and str(odd) in line and "Traceback" not in result.stderr


def test_errors_survive_pickling():
    """A process pool or a Dask cluster ships exceptions back pickled: each comes back the same."""
    raised = [
        PageError("https://example.org/a", "fetch", "HTTP 404"),
        KnowledgeFileError("actors.yaml", 3, "aliases", "'AQ' is too short to match safely"),
        DatabaseMissing("x.duckdb"),
        MigrationNeeded("old.duckdb"),
        ArticleNotFound(code="E115", article_id="ab"),
        SitroomError("a message that says what to do"),
    ]
    for error in raised:
        back = pickle.loads(pickle.dumps(error))
        assert type(back) is type(error)
        assert (str(back), back.code) == (str(error), error.code)
        assert vars(back) == vars(error)
