"""Loading GeoNames dumps into the store: `sitroom gazetteer add FILE|CC`.

Accepted: a places file in GeoNames' 19-column format (a country file like ML.txt, cities500.txt,
allCountries.txt), alternateNames(V2).txt, admin1CodesASCII.txt, or a .zip holding them. A two-letter
country code downloads that country's file and the admin1 names from download.geonames.org into
the cache folder's geonames/ first (~/.cache/sitroom, or SITROOM_CACHE / sitroom.toml's cache).
"""

from __future__ import annotations

import re
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

from ..errors import KnowledgeFileError, SourceError

DUMP_URL = "https://download.geonames.org/export/dump/"
DOWNLOAD_LIMIT = 2 * 1024**3
_COUNTRY_CODE = re.compile(r"^[A-Za-z]{2}$")
_ADMIN1_CODE = re.compile(r"^[A-Z]{2}\.[0-9A-Z]+$")


@dataclass(frozen=True)
class Loaded:
    path: str
    kind: str
    rows: int


def cache_dir(cache: Path) -> Path:
    """Where downloads are kept: the settings' cache folder (SITROOM_CACHE, ~/.cache/sitroom)."""
    return Path(cache) / "geonames"


def file_kind(path: str) -> str:
    """'places', 'alternate_names' or 'admin1', from the first line's shape."""
    with open(path, encoding="utf-8", errors="replace") as handle:
        line = next((line for line in handle if line.strip() and not line.startswith("#")), "")
    cells = line.rstrip("\n").split("\t")
    if len(cells) == 19 and cells[0].isdigit():
        return "places"
    if len(cells) == 4 and _ADMIN1_CODE.match(cells[0]):
        return "admin1"
    if len(cells) >= 4 and cells[0].isdigit() and cells[1].isdigit():
        return "alternate_names"
    raise KnowledgeFileError(
        path, 1, "format",
        f"not a GeoNames file: its first line has {len(cells)} tab-separated cells; expected a 19-column places dump "
        "(e.g. ML.txt), alternateNames or admin1CodesASCII.txt",
    )


def _unzip(path: Path, into: Path) -> list[Path]:
    try:
        with zipfile.ZipFile(path) as archive:
            members = [m for m in archive.namelist() if m.endswith(".txt") and not m.lower().startswith("readme")]
            archive.extractall(into, members)
    except zipfile.BadZipFile:
        raise KnowledgeFileError(str(path), 0, "format", "not a readable zip file") from None
    return [into / m for m in members]


def download(code: str, cache: Path, fetcher=None) -> list[Path]:
    """Fetch a country's dump and admin1CodesASCII.txt into the cache; returns the text files."""
    from ..sources.http import Fetcher

    fetcher = fetcher or Fetcher(max_bytes=DOWNLOAD_LIMIT, timeout=120)
    target = cache_dir(cache)
    target.mkdir(parents=True, exist_ok=True)
    code = code.upper()
    files = []
    for name in (f"{code}.zip", "admin1CodesASCII.txt"):
        body, _, _ = fetcher.get(DUMP_URL + name)
        path = target / name
        path.write_bytes(body)
        files += _unzip(path, target) if name.endswith(".zip") else [path]
    return files


def add(target: str, store, cache: Path | None = None, fetcher=None) -> list[Loaded]:
    """Load a file, a zip, or a country code's download into `store`. Places load before the names that
    need them. Downloads are kept under `cache` (the settings' cache folder)."""
    path = Path(target)
    with tempfile.TemporaryDirectory() as scratch:
        if path.is_file():
            files = _unzip(path, Path(scratch)) if path.suffix.lower() == ".zip" else [path]
        elif _COUNTRY_CODE.match(target):
            if cache is None:
                raise SourceError(code="E306", target=target)
            files = download(target, cache, fetcher)
        else:
            raise SourceError(code="E203", path=target, expected="give a GeoNames file, a .zip of one, or a two-letter country code (e.g. 'sitroom gazetteer add ML')")
        kinds = [(str(f), file_kind(str(f))) for f in files]
        order = {"places": 0, "admin1": 1, "alternate_names": 2}
        return [Loaded(f, kind, store.load_gazetteer_file(f, kind)) for f, kind in sorted(kinds, key=lambda fk: order[fk[1]])]
