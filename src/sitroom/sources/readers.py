"""Where pages come from: files, folders (recursive), globs, stdin, JSON Lines and http(s) URLs.

Each reader yields `Page`s, or `PageError`s for what could not be read, so one bad file never stops a
batch. WARC and RSS readers will sit beside these.
"""

from __future__ import annotations

import glob
import json
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

from ..errors import PageError, SourceError
from ..model import Page
from ..settings import ReadOptions
from .decode import decode, looks_like_html, make_page, page_from_bytes
from .http import Fetcher, is_url

_SKIP_DIRS = {".git", ".hg", ".svn", "__pycache__", "node_modules", ".venv"}

Item = Page | PageError


def _files_under(folder: Path) -> list[Path]:
    found = []
    for path in sorted(folder.rglob("*")):
        if path.is_file() and not any(part in _SKIP_DIRS or part.startswith(".") for part in path.relative_to(folder).parts):
            found.append(path)
    return found


def expand(inputs: list[str]) -> list[str]:
    """Paths, folders and globs → the list of things to read, in a stable order. URLs and '-' pass through."""
    targets: list[str] = []
    for item in inputs:
        if item == "-" or is_url(item):
            targets.append(item)
            continue
        path = Path(item)
        if path.is_dir():
            targets.extend(str(p) for p in _files_under(path))
        elif path.exists():
            targets.append(item)
        elif any(ch in item for ch in "*?["):
            matches = sorted(glob.glob(item, recursive=True))
            if not matches:
                raise SourceError(f"{item}: the pattern matches no file")
            for match in matches:
                targets.extend(str(p) for p in _files_under(Path(match))) if Path(match).is_dir() else targets.append(match)
        else:
            raise SourceError(f"{item}: no such file, folder or URL")
    return targets


def _jsonl_pages(text: str, source: str) -> Iterator[Item]:
    for number, line in enumerate(text.splitlines(), start=1):
        where = f"{source}#{number}"
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield PageError(where, "bad_json", f"not valid JSON ({exc.msg} at column {exc.colno})")
            continue
        if not isinstance(record, dict):
            yield PageError(where, "bad_json", "each line must be a JSON object with 'html' or 'text'")
            continue
        body = record.get("html") if record.get("html") is not None else record.get("text")
        if not isinstance(body, str) or not body.strip():
            yield PageError(where, "empty", "the line has no 'html' or 'text' to read")
            continue
        is_html = "html" in record and record["html"] is not None
        yield make_page(
            body,
            source=where,
            format="html" if is_html else "text",
            url=record.get("url"),
            title=record.get("title"),
            date=record.get("date"),
            site=record.get("source"),
        )


def _from_bytes(data: bytes, source: str, options: ReadOptions, *, url: str | None = None, content_type: str = "") -> Iterator[Item]:
    if len(data) > options.max_bytes:
        yield PageError(
            source, "too_large", f"{len(data) / 1e6:.1f} MB is over the {options.max_bytes / 1e6:.1f} MB cap (raise it with --max-bytes)"
        )
        return
    if source.lower().endswith((".jsonl", ".ndjson")) or "jsonl" in content_type or "ndjson" in content_type:
        try:
            text, _ = decode(data, source)
        except PageError as error:
            yield error
            return
        yield from _jsonl_pages(text, source)
        return
    try:
        yield page_from_bytes(data, source, url=url, content_type=content_type)
    except PageError as error:
        yield error


def read_path(path: str, options: ReadOptions) -> Iterator[Item]:
    try:
        size = Path(path).stat().st_size
        if size > options.max_bytes:
            yield PageError(path, "too_large", f"{size / 1e6:.1f} MB is over the {options.max_bytes / 1e6:.1f} MB cap (raise it with --max-bytes)")
            return
        data = Path(path).read_bytes()
    except OSError as exc:
        yield PageError(path, "unreadable", f"cannot read the file ({exc.strerror or exc})")
        return
    yield from _from_bytes(data, path, options)


def read_stdin(options: ReadOptions, stream=None) -> Iterator[Item]:
    data = (stream or sys.stdin.buffer).read()
    stripped = data.lstrip()
    if stripped.startswith(b"{"):
        text, _ = decode(data, "-")
        yield from _jsonl_pages(text, "-")
        return
    yield from _from_bytes(data, "-", options)


def read_sources(
    inputs: list[str],
    options: ReadOptions = ReadOptions(),
    *,
    fetcher: Fetcher | None = None,
    on_target: Callable[[int], None] | None = None,
) -> Iterator[Item]:
    """Every page named by `inputs`; `on_target` hears how many targets there are before reading starts."""
    targets = expand(inputs)
    if on_target:
        on_target(len(targets))
    for target in targets:
        if target == "-":
            yield from read_stdin(options)
        elif is_url(target):
            fetch = fetcher or Fetcher(timeout=options.timeout, max_bytes=options.max_bytes, allow_private=options.allow_private)
            try:
                data, content_type, final_url = fetch.get(target)
            except PageError as error:
                yield error
                continue
            yield from _from_bytes(data, target, options, url=final_url, content_type=content_type)
        else:
            yield from read_path(target, options)


__all__ = ["ReadOptions", "read_sources", "expand", "looks_like_html"]
