"""Loading GeoNames dumps into the store: `sitroom gazetteer add FILE|CC ...`.

Accepted: a places file in GeoNames' 19-column format (a country file like ML.txt, cities500.txt,
allCountries.txt), alternateNames(V2).txt, admin1CodesASCII.txt, or a .zip holding them. A two-letter
country code downloads that country's file and the admin1 names from download.geonames.org into
the cache folder's geonames/ first (~/.cache/sitroom, or SITROOM_CACHE / sitroom.toml's cache).

Every file is read through once before any is loaded (`check`): a file cut short, in another encoding or
not GeoNames' at all stops the whole call with the file and line named, and the store is left as it was.
"""

from __future__ import annotations

import re
import tempfile
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ..errors import KnowledgeFileError, SourceError

DUMP_URL = "https://download.geonames.org/export/dump/"
DOWNLOAD_LIMIT = 2 * 1024**3
_COUNTRY_CODE = re.compile(r"^[A-Za-z]{2}$")
_ADMIN1_CODE = re.compile(r"^[A-Z]{2}\.[0-9A-Z]+$")
_ORDER = {"places": 0, "admin1": 1, "alternate_names": 2}
"""Load order: alternate names only attach to places already loaded."""

_INTEGER, _DECIMAL, _ANY = r"-?[0-9]+", r"-?[0-9]+(?:\.[0-9]+)?", r"[^\t]*"
_OPTIONAL_INTEGER = f"(?:{_INTEGER})?"


@dataclass(frozen=True)
class _Format:
    """A GeoNames file's rows: how many tab-separated cells (alternateNames has 8, V2 adds 2), and the
    cells the store casts to numbers, by position, with the pattern each must match (an empty cell is NULL)."""

    widths: tuple[int, ...]
    numbers: dict[int, tuple[str, str]]

    def row(self) -> re.Pattern:
        """One pattern for a whole good row, so that checking a 12-million-line dump stays quick."""
        rows = ("\t".join(self.numbers[i][1] if i in self.numbers else _ANY for i in range(width)) for width in self.widths)
        return re.compile("|".join(f"(?:{r})" for r in rows))


_FORMATS = {
    "places": _Format((19,), {0: ("geonameid", _INTEGER), 4: ("latitude", _DECIMAL), 5: ("longitude", _DECIMAL), 14: ("population", _OPTIONAL_INTEGER)}),
    "admin1": _Format((4,), {3: ("geonameid", _OPTIONAL_INTEGER)}),
    "alternate_names": _Format((8, 10), {0: ("alternateNameId", _INTEGER), 1: ("geonameid", _INTEGER)}),
}


@dataclass(frozen=True)
class Loaded:
    path: str
    kind: str
    rows: int


def cache_dir(cache: Path) -> Path:
    """Where downloads are kept: the settings' cache folder (SITROOM_CACHE, ~/.cache/sitroom)."""
    return Path(cache) / "geonames"


def file_kind(path: str, shown: str | None = None) -> str:
    """'places', 'alternate_names' or 'admin1', from the first line's shape; errors call the file `shown`."""
    with open(path, encoding="utf-8-sig", errors="replace") as handle:
        line = next((line for line in handle if line.strip() and not line.startswith("#")), "")
    cells = line.rstrip("\n").split("\t")
    if len(cells) == 19 and cells[0].isdigit():
        return "places"
    if len(cells) == 4 and _ADMIN1_CODE.match(cells[0]):
        return "admin1"
    if len(cells) in _FORMATS["alternate_names"].widths and cells[0].isdigit() and cells[1].isdigit():
        return "alternate_names"
    raise KnowledgeFileError(
        shown or path, 1, "format",
        f"not a GeoNames file: its first line has {len(cells)} tab-separated cells; expected a 19-column places dump "
        "(e.g. ML.txt), alternateNames or admin1CodesASCII.txt",
    )


def check(path: Path, shown: str | None = None) -> str:
    """The file's kind, once every line has been read as UTF-8 and found in its kind's shape. Checked here,
    before DuckDB reads it: DuckDB pads a row cut short with NULLs, and its own errors name no reliable line.
    Errors call the file `shown` (a zip's member by its archive)."""
    shown = shown or str(path)
    kind = file_kind(str(path), shown)
    fmt = _FORMATS[kind]
    good = fmt.row()
    with open(path, "rb") as handle:
        for number, raw in enumerate(handle, 1):
            line = _decoded(raw, shown, number).rstrip("\r\n")
            # blank lines pass (DuckDB skips them); a refused row is looked at cell by cell to say why
            if line and not good.fullmatch(line) and (fault := _fault(line.split("\t"), fmt, kind)):
                raise KnowledgeFileError(shown, number, *fault)
    return kind


def _decoded(raw: bytes, shown: str, number: int) -> str:
    try:
        return raw.decode("utf-8-sig" if number == 1 else "utf-8")
    except UnicodeDecodeError as error:
        raise KnowledgeFileError(
            shown, number, "encoding",
            f"not UTF-8 (byte 0x{raw[error.start]:02x} at position {error.start + 1}); GeoNames files are UTF-8: "
            "download it again, or convert it (e.g. iconv -f latin1 -t utf-8)",
        ) from None


def _fault(cells: list[str], fmt: _Format, kind: str) -> tuple[str, str] | None:
    """(field, reason) when the row is not in its format's shape."""
    label = kind.replace("_", " ")
    if len(cells) not in fmt.widths:
        expected = " or ".join(str(w) for w in fmt.widths)
        return "columns", f"{len(cells)} tab-separated cells where a GeoNames {label} row has {expected}; the file looks cut short or damaged: download it again"
    for position, (name, pattern) in fmt.numbers.items():
        if not re.fullmatch(pattern, cells[position]):
            return name, f"{cells[position]!r} is not a number; the file is damaged or not a GeoNames {label} file: download it again"
    return None


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


def _files(target: str, scratch: Path, cache: Path | None, fetcher) -> list[tuple[Path, str]]:
    """The text files `target` names, each with the name messages call it by."""
    path = Path(target)
    if path.is_file() and path.suffix.lower() == ".zip":
        into = Path(tempfile.mkdtemp(dir=scratch))  # a folder per zip: two may hold files of the same name
        return [(f, f"{target} ({f.relative_to(into)})") for f in _unzip(path, into)]
    if path.is_file():
        return [(path, target)]
    if _COUNTRY_CODE.match(target):
        if cache is None:
            raise SourceError(code="E306", target=target)
        return [(f, str(f)) for f in download(target, cache, fetcher)]
    raise SourceError(code="E203", path=target, expected="give a GeoNames file, a .zip of one, or a two-letter country code (e.g. 'sitroom gazetteer add ML')")


def add(targets: str | Iterable[str], store, cache: Path | None = None, fetcher=None) -> list[Loaded]:
    """Load files, zips or country codes' downloads into `store`. Every file is checked whole before any
    is loaded, so a bad one loads nothing; places load before the names that need them, whatever the order
    given. Downloads are kept under `cache` (the settings' cache folder)."""
    targets = [targets] if isinstance(targets, str) else list(targets)
    with tempfile.TemporaryDirectory() as scratch:
        # dict.fromkeys: two country codes both download admin1CodesASCII.txt; it loads once
        files = list(dict.fromkeys(f for target in targets for f in _files(target, Path(scratch), cache, fetcher)))
        checked = sorted(((path, shown, check(path, shown)) for path, shown in files), key=lambda c: _ORDER[c[2]])
        return [Loaded(shown, kind, store.load_gazetteer_file(str(path), kind)) for path, shown, kind in checked]
