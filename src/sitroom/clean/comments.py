"""Reader comments: splitting a comment section into comments, and flagging spam and author replies."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from .. import patterns
from ..model import Comment
from .blocks import Block, is_name_like, words
from .people import any_author

_TOKEN = re.compile(r"[A-Za-z0-9]{5,}")
_VOWELS = set("aeiouyAEIOUY")
_SENTENCE = re.compile(r"[^.!?]+[.!?]+")

# Spam thresholds, set on the demo and test pages: one link in a comment is normal (readers cite sources),
# two or more with no prose around them is a link farm; junk tokens are rare in human text.
LINK_FARM_LINKS = 2
JUNK_SHARE = 0.15
JUNK_MIN = 2


@dataclass
class _Draft:
    author: str | None
    lines: list[str] = field(default_factory=list)


def _is_junk(token: str) -> bool:
    """A token no language writes: letters and digits mixed at random, or a long run without vowels."""
    letters = sum(c.isalpha() for c in token)
    digits = sum(c.isdigit() for c in token)
    if letters and digits and not re.fullmatch(r"[A-Za-z]+\d{1,4}|\d+(st|nd|rd|th|s|km|m|kg)", token):
        return True
    return letters >= 6 and not any(c in _VOWELS for c in token)


def _garbage_tail(text: str) -> bool:
    tail = text.strip()[-24:]
    if len(tail) < 8:
        return False
    odd = sum(1 for c in tail if not (c.isalnum() or c.isspace() or c in ".,!?'’\"”)-:;"))
    junk = [t for t in _TOKEN.findall(tail) if _is_junk(t)]
    return odd >= 5 or len(junk) >= 1 and odd >= 2


def spam_reasons(text: str, page_texts: Counter[str] | None = None) -> list[str]:
    """Which spam signals a comment shows; it is spam when the list is non-empty."""
    rules = patterns.load("spam.txt")
    link_counts = [len(p.regex.findall(text)) for p in rules.get("link")]
    links = sum(count > 0 for count in link_counts)
    link_count = max(link_counts, default=0)
    spam_words = sum(1 for p in rules.get("spam_words") if p.regex.search(text))
    praise = sum(1 for p in rules.get("praise") if p.regex.search(text))
    tokens = _TOKEN.findall(text)
    junk = [t for t in tokens if _is_junk(t)]
    reasons: list[str] = []
    if link_count >= LINK_FARM_LINKS:
        reasons.append("link farm")
    if links and (spam_words or praise):
        reasons.append("link with sales pitch or stock praise")
    if spam_words >= 2:
        reasons.append("spam vocabulary")
    if junk and (len(junk) >= JUNK_MIN or len(junk) / max(len(tokens), 1) >= JUNK_SHARE):
        reasons.append("junk tokens")
    if _garbage_tail(text):
        reasons.append("ends in garbage")
    sentences = [s.strip().casefold() for s in _SENTENCE.findall(text)]
    if praise and len(sentences) != len(set(sentences)):
        reasons.append("repeated praise")
    if praise and page_texts and page_texts[text.strip().casefold()] > 1:
        reasons.append("duplicated comment")
    return reasons


def _signed_by(text: str) -> str | None:
    hit = patterns.load("comments.txt").first("signature", text)
    return hit[1].group("name") if hit else None


def finish(drafts: list[tuple[str | None, str]], authors: list[str]) -> list[Comment]:
    """Comments from (author, text) pairs, with spam and author-reply flags."""
    rules = patterns.load("comments.txt")
    texts = Counter(text.strip().casefold() for _, text in drafts)
    comments = []
    for author, text in drafts:
        by_author = (
            any_author(author, authors)
            or any_author(_signed_by(text), authors)
            or (bool(authors) and rules.matches("author_reply", text))
        )
        reasons = spam_reasons(text, texts)
        comments.append(Comment(author=author, text=text, spam=bool(reasons), spam_reasons=reasons, by_article_author=by_author))
    return comments


def _author_line(block: Block, following: Block | None) -> bool:
    """A short name on its own line, heading the comment text after it."""
    if not is_name_like(block.text) or following is None:
        return False
    # A button row ("Login", "Recommend") after a short line means a widget header, not a commenter.
    return len(words(following.text)) >= 3 or _is_meta(following.text) and any(c.isdigit() for c in following.text)


def _is_meta(text: str) -> bool:
    return patterns.load("comments.txt").matches("meta", text)


def split_comments(blocks: list[Block], is_chrome) -> tuple[list[tuple[str | None, str]], list[str]]:
    """Split a comment section's blocks into (author, text) pairs; the rest is chrome."""
    rules = patterns.load("comments.txt")
    drafts: list[_Draft] = []
    chrome: list[str] = []
    current: _Draft | None = None
    closed = False
    for position, block in enumerate(blocks):
        text = block.text
        closed = closed or rules.matches("end", text)
        if closed:
            chrome.append(text)
            continue
        following = blocks[position + 1] if position + 1 < len(blocks) else None
        heading = rules.first("author", text)
        if heading:
            current = _Draft(heading[1].group("author").strip())
            drafts.append(current)
            continue
        if _is_meta(text):
            chrome.append(text)
            if current and current.lines and re.match(r"^(reply|report|flag|like)", text, re.I):
                current = None
            continue
        if is_chrome(text):
            chrome.append(text)
            current = None
            continue
        if _author_line(block, following) and (current is None or current.lines):
            current = _Draft(text)
            drafts.append(current)
            continue
        if current is None:
            current = _Draft(None)
            drafts.append(current)
        current.lines.append(text)
    found = [d for d in drafts if d.lines]
    if any(d.author for d in found):
        # Where the site names its commenters, text under no name is the section's own chrome.
        chrome.extend(line for d in found if not d.author for line in d.lines)
        found = [d for d in found if d.author]
    return [(d.author, " ".join(d.lines)) for d in found], chrome
