"""Footnotes and endnotes: finding their markers and parsing each citation into author, title, outlet, date."""

from __future__ import annotations

import re

from ..dates import DateMention, find_dates
from ..model import Footnote
from .blocks import is_name_like

# "[iv] ...", "[12] ...", "iv. ...", "12. ...", "12) ...", "^12 ..."; roman numerals up to 39 (xxxix).
_ROMAN = r"x{0,3}(?:ix|iv|v?i{0,3})"
BRACKETED = re.compile(rf"^\[(?P<marker>(?=[ivx])(?:{_ROMAN})|\d{{1,3}})\]\s*(?P<text>\S.*)$", re.I)
NUMBERED = re.compile(rf"^(?P<marker>\d{{1,3}}|(?=[ivx])(?:{_ROMAN}))(?:[.)]|\s)\s*(?P<text>\S.*)$", re.I)
SUPERSCRIPT = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")
_SUPERSCRIPT_MARKER = re.compile(r"^(?P<marker>[⁰¹²³⁴⁵⁶⁷⁸⁹]+)\s*(?P<text>\S.*)$")

_URL = re.compile(r"(?:https?://|www\.)\S+", re.I)
_QUOTED = re.compile(r"[\"“”„«](?P<title>[^\"“”»]{3,300}?)[,.;:]?\s*[\"”“»]")
_APA = re.compile(r"^(?P<author>[^()]{2,160}?)\s*\((?P<date>[^()]*\b(?:19|20)\d\d\b[^()]*)\)\.?\s*(?P<rest>.*)$")
_IBID = re.compile(r"^(ibid|ibidem|id\.)\b", re.I)
_ACCESS = re.compile(r"\b(accessed|retrieved|available (at|from)|last (visited|accessed)|online)\b.*$", re.I)
_TRIM = " \t,.;:–—-"


def marker_of(text: str, *, numbered: bool) -> tuple[str, str] | None:
    """(marker, note text) when the block opens with a note marker; plain "12." counts only when `numbered`."""
    match = BRACKETED.match(text) or _SUPERSCRIPT_MARKER.match(text)
    if not match and numbered:
        match = NUMBERED.match(text)
    if not match:
        return None
    return match.group("marker").translate(SUPERSCRIPT).lower(), match.group("text").strip()


def _date_text(mentions: list[DateMention]) -> DateMention | None:
    if not mentions:
        return None
    rank = {"day": 0, "month": 1, "year": 2}
    return min(mentions, key=lambda m: (rank[m.precision], m.start))


def _clean(value: str | None) -> str | None:
    if value is None:
        return None
    value = value.strip(_TRIM).strip()
    if re.search(r"\b[A-Z]$", value):
        value += "."  # an initial keeps its full stop: "Chen, L."
    value = re.sub(r"^(in|by|from)\s+", "", value, flags=re.I)
    return value or None


def _author(value: str | None) -> str | None:
    value = _clean(value)
    if value is None:
        return None
    # An author is a name or a list of names; anything sentence-like before the title is not.
    parts = [p for p in re.split(r",\s*|\s+and\s+|\s*&\s*", value) if p]
    if all(is_name_like(p) or re.fullmatch(r"[A-Z]\.(?:\s?[A-Z]\.)*", p) for p in parts) and len(parts) <= 6:
        return value
    return None


def parse_note(marker: str, text: str) -> Footnote:
    """Read a citation in the common news and academic styles (quoted title, APA, MLA-like sentences)."""
    note = text.strip()
    if _IBID.match(note):
        return Footnote(marker=marker, text=note)
    url_match = _URL.search(note)
    url = url_match.group(0).rstrip(".,;)") if url_match else None
    plain = _URL.sub(" ", note)
    plain = _ACCESS.sub("", plain)

    author = title = outlet = None
    when: DateMention | None = None

    quoted = _QUOTED.search(plain)
    apa = _APA.match(plain)
    if quoted:
        author = _author(plain[: quoted.start()])
        title = _clean(quoted.group("title"))
        rest = plain[quoted.end():]
        when = _date_text(find_dates(rest))
        outlet = _clean(rest[: when.start] if when else rest)
    elif apa:
        author = _author(apa.group("author"))
        when = _date_text(find_dates(apa.group("date")))
        pieces = [p for p in re.split(r"(?<=[a-z0-9?!])\.\s+", apa.group("rest").strip()) if p.strip(_TRIM)]
        title = _clean(pieces[0]) if pieces else None
        outlet = _clean(pieces[1]) if len(pieces) > 1 else None
    else:
        pieces = [p for p in re.split(r"(?<=[a-z0-9?!)])\.\s+", plain.strip()) if p.strip(_TRIM)]
        when = _date_text(find_dates(plain))
        if len(pieces) >= 2 and _author(pieces[0]):
            author = _author(pieces[0])
            title = _clean(pieces[1])
            rest = " ".join(pieces[2:])
        elif pieces:
            title = _clean(pieces[0])
            rest = " ".join(pieces[1:])
        else:
            rest = ""
        if when and rest:
            local = _date_text(find_dates(rest))
            outlet = _clean(rest[: local.start]) if local else _clean(rest)
        else:
            outlet = _clean(rest)
        if title and when and when.text in title:
            title = _clean(title.replace(when.text, ""))
    if outlet and re.fullmatch(r"[\d\s,.;:()pP-]*", outlet):
        outlet = None
    return Footnote(
        marker=marker,
        text=note,
        author=author,
        title=title,
        outlet=outlet,
        date=when.iso() if when else None,
        url=url,
    )
