"""Bytes → text: refuse binaries, detect the encoding (UTF-8, cp1252, Latin-1), repair mojibake."""

from __future__ import annotations

import codecs
import hashlib
import re

import ftfy
from charset_normalizer import from_bytes

from ..errors import PageError
from ..model import Page, PageFormat

# Magic numbers of the binary formats analysts' folders are full of.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "a PDF"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"RIFF", "a RIFF (WebP/WAV/AVI) file"),
    (b"PK\x03\x04", "a ZIP archive (or DOCX/XLSX)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"BZh", "a bzip2 archive"),
    (b"7z\xbc\xaf", "a 7-Zip archive"),
    (b"Rar!", "a RAR archive"),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office document"),
    (b"\x7fELF", "a program (ELF)"),
    (b"MZ", "a Windows program"),
    (b"\x00\x00\x00", "a binary file"),
)
# Share of control characters above which decoded "text" is really binary or a wrong encoding.
MAX_CONTROL_SHARE = 0.01
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_HTML_START = re.compile(rb"^\s*(<!--.*?-->\s*)*<(!doctype\s+html|html|head|body|meta|title|article|div|p)\b", re.I | re.S)
_FIXER = ftfy.TextFixerConfig(unescape_html=False, uncurl_quotes=False, fix_character_width=False, fix_latin_ligatures=False)


def sniff_binary(data: bytes) -> str | None:
    """A name for the binary format `data` is in, or None when it may be text."""
    for magic, name in _MAGIC:
        if data.startswith(magic):
            return name
    if b"\x00" in data[:4096]:
        return "a binary file (it contains NUL bytes)"
    return None


def decode(data: bytes, source: str) -> tuple[str, str]:
    """(text, encoding) of a page's bytes, mojibake repaired. Raises PageError for what is not text."""
    if not data.strip():
        raise PageError(source, "empty", "empty file (nothing to read)")
    binary = sniff_binary(data)
    if binary:
        raise PageError(source, "binary", f"not a web page: looks like {binary}")
    if data.startswith(codecs.BOM_UTF8):
        data, encoding = data[3:], "utf-8"
    try:
        text, encoding = data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        best = from_bytes(data, cp_isolation=["cp1252", "latin_1"]).best()
        if best is None:
            raise PageError(source, "undecodable", "undecodable bytes: not UTF-8, cp1252 or Latin-1 text") from None
        text, encoding = str(best), best.encoding
    if len(_CONTROL.findall(text)) > MAX_CONTROL_SHARE * max(len(text), 1):
        raise PageError(source, "undecodable", f"undecodable bytes: too many control characters for {encoding} text")
    return ftfy.fix_text(text, _FIXER), encoding


def looks_like_html(data: bytes | str, name: str = "") -> bool:
    if name.lower().endswith((".html", ".htm", ".xhtml", ".shtml", ".php", ".asp", ".aspx")):
        return True
    head = data[:2048].encode("utf-8", "replace") if isinstance(data, str) else data[:2048]
    return bool(_HTML_START.match(head))


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def make_page(
    text: str,
    *,
    source: str,
    format: PageFormat,
    encoding: str = "utf-8",
    url: str | None = None,
    title: str | None = None,
    date: str | None = None,
    site: str | None = None,
) -> Page:
    text = text.replace("\r\n", "\n")
    return Page(
        source=source,
        url=url,
        format=format,
        content=text,
        content_hash=content_hash(text),
        encoding=encoding,
        title_hint=title,
        date_hint=date,
        site_hint=site,
    )


def page_from_bytes(data: bytes, source: str, *, url: str | None = None, content_type: str = "") -> Page:
    text, encoding = decode(data, source)
    is_html = "html" in content_type.lower() or looks_like_html(data, source)
    return make_page(text, source=source, format="html" if is_html else "text", encoding=encoding, url=url)
