"""The public Python API: a small, pinned surface that starts fast."""

import subprocess
import sys

import sitroom


def test_the_public_names_are_pinned():
    assert sorted(sitroom.__all__) == ["Listing", "Query", "Runner", "Settings", "SitroomError", "Workspace", "__version__", "open"]
    for name in sitroom.__all__:
        assert getattr(sitroom, name) is not None


def test_import_sitroom_loads_nothing_heavy():
    code = (
        "import sys, sitroom; heavy = [m for m in ('spacy', 'duckdb', 'typer', 'rich', 'trafilatura', 'pydantic') if m in sys.modules];"
        "print(','.join(heavy))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == ""


def test_the_readme_example_runs(tmp_path):
    import re
    import shutil
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    (example,) = re.findall(r"```python\n(.*?)```", (root / "README.md").read_text(encoding="utf-8"), flags=re.S)
    pages = tmp_path / "pages"
    pages.mkdir()
    for name in ("01-konna-falls.txt", "02-serval-strikes.txt"):
        shutil.copyfile(root / "src" / "sitroom" / "demo" / "corpus" / name, pages / name)
    result = subprocess.run([sys.executable, "-c", example], capture_output=True, text=True, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert re.search(r"showing \d+ of \d+", result.stdout)
    assert (tmp_path / "mali.duckdb").exists() and "<html" in (tmp_path / "mali.html").read_text(encoding="utf-8")
