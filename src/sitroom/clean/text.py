"""The scraped text of a page → the parts of an article.

The cascade, in order: split into blocks; tag each block from the pattern files (chrome, section
headings, captions, bylines, datelines, note markers); walk the blocks once, keeping track of the region
the page is in (article, related-stories list, notes, bio, comments); then pick the title and authors
from what stood before the body. Everything that is not article ends up in `boilerplate`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .. import patterns
from ..dates import first_day_date
from ..model import Footnote
from . import comments as comment_parser
from .blocks import Block, is_name_like, is_prose, is_title_like, split_blocks, words
from .footnotes import marker_of, parse_note
from .people import any_author, byline_names, is_person

# How far a byline or dateline may stand from the headline it belongs to (blocks).
TITLE_REACH = 4
# A bio is a paragraph or two; a longer block opening with the author's name is body.
BIO_MAX_WORDS = 120


@dataclass
class TextParts:
    """What the text cleaner read from a page; `sitroom.clean.article` turns it into an `Article`."""

    title: str | None = None
    authors: list[str] = field(default_factory=list)
    date_line: str | None = None
    paragraphs: list[str] = field(default_factory=list)
    headings: list[str] = field(default_factory=list)
    captions: list[str] = field(default_factory=list)
    footnotes: list[Footnote] = field(default_factory=list)
    bio: list[str] = field(default_factory=list)
    comments: list[tuple[str | None, str]] = field(default_factory=list)
    boilerplate: list[str] = field(default_factory=list)


def is_chrome(text: str) -> bool:
    return patterns.load("chrome.txt").find_any(text) is not None


def section_of(text: str) -> str | None:
    hit = patterns.load("sections.txt").find_any(text)
    return hit.section if hit else None


def is_caption(text: str) -> bool:
    return patterns.load("captions.txt").matches("caption", text)


def is_dateline(text: str) -> bool:
    rules = patterns.load("bylines.txt")
    return len(words(text)) <= 14 and first_day_date(text) is not None and (
        rules.matches("dateline", text) or rules.matches("updated", text) or len(words(text)) <= 6
    )


def bio_name(text: str, authors: list[str]) -> str | None:
    """The person a bio sentence is about ("Jane Doe is a former ..."), or None if the block is no bio."""
    if len(words(text)) > BIO_MAX_WORDS:
        return None
    cues = patterns.load("bio.txt").get("cue")
    tokens = text.split()
    for size in (4, 3, 2):
        if len(tokens) <= size:
            continue
        name = " ".join(tokens[:size])
        rest = " ".join(tokens[size:])
        if is_name_like(name) and any(c.regex.search(rest) for c in cues):
            return name
    for author in authors:
        if text.startswith(author) and any(c.regex.search(text[len(author):].strip()) for c in cues):
            return author
    return None


@dataclass
class _Walk:
    """State of the one pass over a page's blocks."""

    parts: TextParts
    blocks: list[Block]
    region: str = "article"
    body_started: bool = False
    bylines: list[tuple[int, list[str]]] = field(default_factory=list)
    datelines: list[int] = field(default_factory=list)
    head: list[Block] = field(default_factory=list)
    comment_blocks: list[Block] = field(default_factory=list)
    title_block: int | None = None


def read_text(text: str, *, title_hint: str | None = None) -> TextParts:
    """Read the scraped text of a page into its article parts."""
    blocks = split_blocks(text)
    walk = _Walk(TextParts(), blocks)
    for block in blocks:
        _step(walk, block)
    _finish(walk, title_hint)
    return walk.parts


def _step(walk: _Walk, block: Block) -> None:
    parts, text = walk.parts, block.text
    if walk.region == "comments":
        if section_of(text) in {"related", "notes"}:
            walk.region = section_of(text) or "article"
            parts.boilerplate.append(text)
        else:
            walk.comment_blocks.append(block)
        return

    section = section_of(text)
    if section:
        parts.boilerplate.append(text)
        # Before the article starts, "Comment" or "Top Stories" are menu items, not sections of this page.
        if walk.body_started or section == "bio":
            walk.region = "article" if section == "end" else section
        return

    note = marker_of(text, numbered=walk.region == "notes")
    if note and (walk.region == "notes" or walk.body_started):
        parts.footnotes.append(parse_note(*note))
        walk.region = "notes"
        return

    if walk.region == "bio":
        if is_prose(text) and not is_chrome(text) and (not parts.bio or walk.body_started and _continues_bio(text)):
            parts.bio.append(text)
            return
        walk.region = "article"

    if not walk.body_started and walk.region == "article" and is_dateline(text):
        # Before chrome: "Commentary | 14 May 2013" reads as a menu item but states the date.
        walk.datelines.append(block.index)
        if parts.date_line is None:
            parts.date_line = text
        names = byline_names(text)
        if names:  # "Posted on March 3, 2013 by sahelblogger"
            walk.bylines.append((block.index, names))
        return

    if is_chrome(text):
        parts.boilerplate.append(text)
        return

    if walk.region == "related":
        if not is_prose(text):
            parts.boilerplate.append(text)
            return
        walk.region = "article"

    if walk.region == "notes":
        walk.region = "article"

    if is_caption(text):
        parts.captions.append(text)
        return

    names = byline_names(text)
    if names is not None and len(words(text)) <= 20:
        walk.bylines.append((block.index, names))
        if parts.date_line is None and first_day_date(text):
            parts.date_line = text
        return

    authors = _authors_so_far(walk)
    name = bio_name(text, authors)
    # A bio names the byline's author, or closes the article when no author is known.
    if name and (any_author(name, authors) or walk.body_started and _after_body_end(walk, block)):
        parts.bio.append(text)
        return

    if is_prose(text):
        parts.paragraphs.append(text)
        walk.body_started = True
        return

    if not walk.body_started:
        walk.head.append(block)
    elif is_title_like(text) and len(words(text)) <= 14 and _next_is_prose(walk, block):
        parts.headings.append(text)
    else:
        parts.boilerplate.append(text)


def _continues_bio(text: str) -> bool:
    first = text.split()[0] if text.split() else ""
    return first in {"He", "She", "They", "His", "Her", "Their"} and len(words(text)) <= 60


def _authors_so_far(walk: _Walk) -> list[str]:
    return [name for _, names in walk.bylines for name in names]


def _after_body_end(walk: _Walk, block: Block) -> bool:
    """No prose follows this block except comments, notes or chrome: it closes the article."""
    for later in walk.blocks[block.index + 1:]:
        if section_of(later.text) in {"comments", "notes", "bio"}:
            return True
        if is_prose(later.text) and not is_chrome(later.text) and not marker_of(later.text, numbered=False):
            return False
    return True


def _next_is_prose(walk: _Walk, block: Block) -> bool:
    following = walk.blocks[block.index + 1] if block.index + 1 < len(walk.blocks) else None
    return following is not None and is_prose(following.text) and not is_chrome(following.text)


def _finish(walk: _Walk, title_hint: str | None) -> None:
    parts = walk.parts
    parts.authors = list(dict.fromkeys(_authors_so_far(walk)))
    parts.title = title_hint or _pick_title(walk)
    if not parts.authors:
        parts.authors = _bare_name_byline(walk)
    parts.boilerplate.extend(block.text for block in walk.head if block.index != walk.title_block)
    drafts, chrome = comment_parser.split_comments(walk.comment_blocks, is_chrome)
    parts.comments = drafts
    parts.boilerplate.extend(chrome)


def _bare_name_byline(walk: _Walk) -> list[str]:
    """A byline that is just a name ("Tomas Reyes"), right under the headline or beside the date line."""
    near = set(walk.datelines) | ({walk.title_block} if walk.title_block is not None else set())
    for block in walk.head:
        if is_person(block.text) and (block.index - 1 in near or block.index + 1 in walk.datelines):
            walk.bylines.append((block.index, [block.text]))
            return [block.text]
    return []


def _pick_title(walk: _Walk) -> str | None:
    candidates = [b for b in walk.head if is_title_like(b.text) and not is_name_like(b.text)]
    if not candidates:
        return None
    anchors = [index for index, _ in walk.bylines] + walk.datelines
    chosen = None
    if anchors:
        first_anchor = min(anchors)
        before = [b for b in candidates if first_anchor - TITLE_REACH <= b.index < first_anchor]
        after = [b for b in candidates if first_anchor < b.index <= first_anchor + TITLE_REACH]
        # The headline comes first; a standfirst may stand between it and the byline. Some sites put
        # the date line above the headline, so look after it when nothing headline-like stands before.
        headline_sized = [b for b in before if len(words(b.text)) >= 5]
        chosen = (headline_sized or before or after[:1] or [None])[0]
    if chosen is None:
        # No byline or dateline: the headline is the longest headline-like line before the body.
        chosen = max(candidates, key=lambda b: (len(words(b.text)), -b.index))
    walk.title_block = chosen.index
    return chosen.text

