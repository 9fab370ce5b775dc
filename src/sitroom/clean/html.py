"""An HTML page → the parts of an article.

trafilatura reads the main text and the metadata. Before it runs, the parts it drops or would fold into
the body — captions, comments, footnotes, the author bio — are found by their elements' class and id
(`data/html.txt`), read, and cut from the tree. Whatever text of the page is left unused is boilerplate.
"""

from __future__ import annotations

import copy
import re

import trafilatura
from lxml import etree
from lxml import html as lxml_html

from .. import patterns
from ..errors import PageError
from . import comments as comment_parser
from .blocks import Block, is_prose, is_title_like, normalise_space, words
from .footnotes import marker_of, parse_note
from .people import parse_names
from .text import TextParts, is_caption, is_chrome, read_text, section_of

_BLOCK_TAGS = {
    "p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "figcaption", "caption", "td", "th",
    "dt", "dd", "pre", "section", "article", "header", "footer", "aside", "nav", "ul", "ol", "form", "main",
    "figure", "table", "tr", "address", "title", "button", "label",
}
_INVISIBLE = ("script", "style", "template", "head", "svg")
_NOTE_ID = re.compile(r"(?:fn|footnote|endnote|note|ref)[-_:]?(\w+)$", re.I)


def signature(element: etree._Element) -> str:
    classes = " ".join(f".{c}" for c in (element.get("class") or "").lower().split())
    ident = f" #{element.get('id').lower()}" if element.get("id") else ""
    return f"{str(element.tag).lower()} {classes}{ident}".strip()


def _matches(section: str, element: etree._Element) -> bool:
    return patterns.load("html.txt").matches(section, signature(element))


def parse_html(content: str, source: str) -> etree._Element:
    try:
        tree = lxml_html.document_fromstring(content)
    except (etree.ParserError, ValueError) as exc:
        raise PageError(source, "no_text", f"not readable as HTML ({exc})") from None
    return tree


def element_text(element: etree._Element) -> str:
    return normalise_space(element.text_content())


def render_blocks(tree: etree._Element) -> list[str]:
    """The page's visible text, one string per block element, as a browser would lay it out."""
    lines: list[str] = []
    buffer: list[str] = []

    def flush() -> None:
        text = normalise_space("".join(buffer))
        if text:
            lines.append(text)
        buffer.clear()

    def visit(element: etree._Element) -> None:
        tag = str(element.tag).lower() if isinstance(element.tag, str) else ""
        if not tag or tag in _INVISIBLE:
            if element.tail:
                buffer.append(element.tail)
            return
        block = tag in _BLOCK_TAGS or tag == "br"
        if block:
            flush()
        if element.text:
            buffer.append(element.text)
        for child in element:
            visit(child)
        if block:
            flush()
        if element.tail:
            buffer.append(element.tail)

    body = tree.find("body")
    visit(body if body is not None else tree)
    flush()
    return lines


def _outermost(tree: etree._Element, section: str) -> list[etree._Element]:
    found: list[etree._Element] = []
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue
        if any(ancestor in found for ancestor in element.iterancestors()):
            continue
        if _matches(section, element):
            found.append(element)
    return found


def _comments(container: etree._Element) -> list[tuple[str | None, str]]:
    items = [e for e in container.iter() if isinstance(e.tag, str) and e is not container and _matches("comment_item", e)]
    # Keep the innermost items that hold text of their own, so nested wrappers do not count twice.
    items = [e for e in items if not any(_matches("comment_item", d) for d in e.iterdescendants() if isinstance(d.tag, str))] or items
    drafts: list[tuple[str | None, str]] = []
    for item in items:
        author_el = next((d for d in item.iter() if isinstance(d.tag, str) and _matches("comment_author", d)), None)
        text_els = [d for d in item.iter() if isinstance(d.tag, str) and d is not item and _matches("comment_text", d)]
        paragraphs = [element_text(p) for el in text_els[:1] for p in (el.findall(".//p") or [el])]
        if not paragraphs:
            paragraphs = [element_text(p) for p in item.findall(".//p")]
        text = " ".join(p for p in paragraphs if p)
        if text:
            drafts.append((element_text(author_el) if author_el is not None else None, text))
    if drafts:
        return drafts
    blocks = [Block(i, t, i) for i, t in enumerate(render_blocks(container))]
    found, _ = comment_parser.split_comments(blocks, is_chrome)
    return found


def _notes(container: etree._Element) -> list:
    notes = []
    items = container.findall(".//li") or [p for p in container.findall(".//p")]
    for position, item in enumerate(items, start=1):
        text = element_text(item)
        if not text or section_of(text) == "notes":
            continue
        marked = marker_of(text, numbered=False)
        if marked:
            notes.append(parse_note(*marked))
            continue
        sup = item.find(".//sup")
        ident = _NOTE_ID.search(item.get("id") or "")
        if sup is not None and text.startswith(element_text(sup)):
            marker = element_text(sup).strip("[]. ")
            text = text[len(element_text(sup)):].strip()
        elif item.tag == "li":
            marker = ident.group(1) if ident and ident.group(1).isdigit() else str(position)
            text = re.sub(r"\s*[↩↑^]\s*$", "", text)
        else:
            continue
        notes.append(parse_note(marker.lower(), text))
    return notes


def _metadata_authors(value: str | None) -> list[str]:
    if not value:
        return []
    names: list[str] = []
    for part in re.split(r";\s*", value):
        names.extend(parse_names(part) or ([part.strip()] if len(part.split()) >= 2 else []))
    return list(dict.fromkeys(names))


def read_html(content: str, source: str, *, url: str | None = None) -> tuple[TextParts, dict[str, str | None]]:
    """Read an HTML page; returns the parts and the metadata trafilatura found (title, date, site name)."""
    tree = parse_html(content, source)
    page_lines = render_blocks(tree)
    work = copy.deepcopy(tree)
    parts = TextParts()

    for element in _outermost(work, "caption"):
        text = element_text(element)
        if text:
            parts.captions.append(text)
        element.drop_tree()
    bio_lines: list[str] = []
    for element in _outermost(work, "bio"):
        lines = [line for line in render_blocks(element) if section_of(line) != "bio" and is_prose(line)]
        bio_lines.extend(lines)
        element.drop_tree()
    parts.bio = bio_lines
    for element in _outermost(work, "notes"):
        parts.footnotes.extend(_notes(element))
        element.drop_tree()
    comment_containers = _outermost(work, "comments")
    comment_sources = [copy.deepcopy(c) for c in comment_containers]
    for element in comment_containers:
        element.drop_tree()
    for element in _outermost(work, "drop"):
        element.drop_tree()

    document = trafilatura.bare_extraction(
        work,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        favor_recall=True,
        date_extraction_params={"extensive_search": False, "original_date": True, "outputformat": "%Y-%m-%d"},
    )
    meta: dict[str, str | None] = {"title": None, "date": None, "site_name": None}
    body_lines: list[str] = []
    if document is not None:
        meta = {"title": document.title, "date": document.date, "site_name": document.sitename}
        parts.authors = _metadata_authors(document.author)
        body_lines = [normalise_space(line) for line in (document.text or "").split("\n") if line.strip()]

    if not parts.authors or not meta["date"]:
        # The page's visible text, read as a scraped page, fills in what the markup does not say.
        text_view = read_text("\n".join(page_lines))
        parts.authors = parts.authors or text_view.authors
        parts.date_line = text_view.date_line

    for line in body_lines:
        if is_chrome(line) or section_of(line):
            parts.boilerplate.append(line)
        elif is_caption(line) and line not in parts.captions:
            parts.captions.append(line)
        elif is_title_like(line) and len(words(line)) <= 14 and not is_prose(line):
            parts.headings.append(line)
        else:
            # trafilatura already cut the page's chrome by its structure; what it kept is body.
            parts.paragraphs.append(line)

    parts.comments = [d for c in comment_sources for d in _comments(c)]
    parts.title = meta["title"]
    used = set(parts.paragraphs) | set(parts.captions) | set(parts.headings) | set(parts.bio) | {meta["title"] or ""}
    used |= {text for _, text in parts.comments} | {note.text for note in parts.footnotes}
    comment_words = " ".join(text for _, text in parts.comments)
    parts.boilerplate = list(dict.fromkeys(
        [line for line in parts.boilerplate if line not in used]
        + [line for line in page_lines if line not in used and line not in comment_words and not _inside_any(line, used)]
    ))
    return parts, meta


def _inside_any(line: str, used: set[str]) -> bool:
    """A rendered line that is part of (or contains) an extracted part is not boilerplate."""
    return any(line in part or (len(part) > 20 and part in line) for part in used if part)
