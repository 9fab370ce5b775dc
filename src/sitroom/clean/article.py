"""Page → Article: the one function every runner (loop, process pool, Dask) calls per page."""

from __future__ import annotations

import re
from datetime import date

from .. import patterns
from ..dates import DateMention, date_from_url, find_dates, first_day_date, parse_iso
from ..errors import PageError
from ..model import Article, Page
from . import comments as comment_parser
from .html import read_html
from .language import detect_language
from .people import any_author
from .text import TextParts, read_text

# Words of context looked at before a date to tell a scheduled event from a past one.
FUTURE_CONTEXT_CHARS = 60
MIN_BODY_CHARS = 40


def article_id(content_hash: str) -> str:
    return content_hash[:16]


def _published(page: Page, parts: TextParts, meta_date: str | None) -> tuple[date | None, str | None]:
    rules = patterns.load("bylines.txt")
    if page.date_hint and parse_iso(page.date_hint):
        return parse_iso(page.date_hint), "given with the page"
    if meta_date and parse_iso(meta_date):
        return parse_iso(meta_date), "page metadata"
    if parts.date_line:
        mention = first_day_date(parts.date_line)
        if mention:
            how = "updated line" if rules.matches("updated", parts.date_line) else "date line"
            return mention.value, f"{how}: {parts.date_line!r}"
    from_url = date_from_url(page.url)
    if from_url:
        return from_url, "URL"
    return None, None


def _is_future(text: str, mention: DateMention) -> bool:
    before = text[max(0, mention.start - FUTURE_CONTEXT_CHARS): mention.start]
    return patterns.load("dates.txt").matches("future_cue", before)


def infer_earliest(parts: TextParts) -> tuple[date | None, str | None]:
    """The latest past date the page mentions in captions, footnotes and body: it was published no earlier."""
    best: tuple[date, str] | None = None
    sources = [("caption", t) for t in parts.captions] + [("footnote", n.text) for n in parts.footnotes]
    sources += [("body", t) for t in parts.paragraphs]
    for where, text in sources:
        for mention in find_dates(text, min_precision="month"):
            if _is_future(text, mention):
                continue
            if best is None or mention.value > best[0]:
                best = (mention.value, f"latest date the page mentions: {mention.text!r} in a {where}")
    return best if best else (None, None)


def read_article(page: Page) -> Article:
    """Read a page into an article. Raises PageError when the page has no article text."""
    meta: dict[str, str | None] = {}
    if page.format == "html":
        parts, meta = read_html(page.content, page.source, url=page.url)
        if page.title_hint:
            parts.title = page.title_hint
    else:
        parts = read_text(page.content, title_hint=page.title_hint)
    if sum(len(p) for p in parts.paragraphs) < MIN_BODY_CHARS:
        raise PageError(page.source, "no_text", "no article text found (only navigation, links or chrome)")

    language = detect_language(" ".join(parts.paragraphs))
    title, authors = parts.title, list(parts.authors)
    if title:
        title, prefix = _author_prefix(title, authors, parts)
        if prefix:
            authors.append(prefix)
    published, published_how = _published(page, parts, meta.get("date"))
    earliest, earliest_how = (None, None) if published else infer_earliest(parts)
    comments = comment_parser.finish(parts.comments, authors)
    return Article(
        id=article_id(page.content_hash),
        content_hash=page.content_hash,
        source=page.source,
        url=page.url,
        format=page.format,
        site_name=page.site_hint or meta.get("site_name"),
        title=title,
        authors=authors,
        published=published,
        published_how=published_how,
        published_earliest=earliest,
        published_earliest_how=earliest_how,
        language=language,
        paragraphs=parts.paragraphs,
        headings=parts.headings,
        captions=parts.captions,
        footnotes=parts.footnotes,
        author_bio=" ".join(parts.bio) or None,
        comments=comments,
        boilerplate=parts.boilerplate,
    )


_PREFIX = re.compile(r"^(?P<name>[^:]{3,60}):\s+(?P<headline>\S.{8,})$")


def _author_prefix(title: str, authors: list[str], parts: TextParts) -> tuple[str, str | None]:
    """'Jane Doe: Headline' → ('Headline', 'Jane Doe') when the page names Jane Doe as author or in its bio."""
    match = _PREFIX.match(title)
    if not match:
        return title, None
    name = match.group("name").strip()
    known = any_author(name, authors)
    in_bio = any(bio.startswith(name) for bio in parts.bio)
    if known:
        return match.group("headline"), None
    if in_bio:
        return match.group("headline"), name
    return title, None
