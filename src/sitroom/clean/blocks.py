"""Scraped page text → blocks: one block per line, or per paragraph when the text is hard-wrapped.

Also the shape tests every cleaner shares: does a block read like prose, like a headline, like a name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_SPACE = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+")
_TERMINAL = re.compile(r"""[.!?…:;][)"'”’»\]]*\s*(\[[ivxlcdm\d]+\])?$""", re.I)
_WORD = re.compile(r"[^\W\d_][\w'’.-]*")
_NAME_TOKEN = re.compile(r"^(?:[A-Z][\w'’-]*\.?|[A-Z]\.|(?:de|da|du|van|von|der|al|el|ag|ould|bin|ben|le|la|y|dos|del)(?:-)?)$")
_USERNAME = re.compile(r"^[A-Za-z][\w.-]{2,30}$")

# A paragraph is hard-wrapped when most of its lines run close to one column width; these numbers were
# set on pages wrapped at 60–80 columns, where a paragraph's inner lines fill at least 70% of the width.
WRAP_MIN_WIDTH = 40
WRAP_FILL = 0.7
WRAP_SHARE = 0.3


@dataclass(frozen=True)
class Block:
    index: int
    text: str
    line: int


def normalise_space(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def _wrap_width(lines: list[str]) -> int | None:
    """The column the text is wrapped at, or None when it is one block per line."""
    lengths = sorted(len(line) for line in lines if line)
    if len(lengths) < 6:
        return None
    width = lengths[int(len(lengths) * 0.95) - 1]
    if width < WRAP_MIN_WIDTH or width > 120:
        return None
    followed = sum(1 for a, b in zip(lines, lines[1:]) if a and b and len(a) >= WRAP_FILL * width)
    return width if followed >= WRAP_SHARE * len(lengths) else None


def split_blocks(text: str) -> list[Block]:
    """Split a page's text into blocks, joining the lines of hard-wrapped paragraphs."""
    raw = [normalise_space(line) for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    width = _wrap_width(raw)
    blocks: list[Block] = []
    pending: list[str] = []
    start = 0
    for number, line in enumerate(raw, start=1):
        joins = bool(width and pending and line and len(pending[-1]) >= WRAP_FILL * width)
        if joins:
            pending.append(line)
            continue
        if pending:
            blocks.append(Block(len(blocks), " ".join(pending), start))
            pending = []
        if line:
            pending, start = [line], number
    if pending:
        blocks.append(Block(len(blocks), " ".join(pending), start))
    return blocks


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def is_prose(text: str) -> bool:
    """Reads like a sentence of running text rather than a label, headline or button."""
    count = len(words(text))
    if count >= 20:
        return True
    return count >= 4 and bool(_TERMINAL.search(text)) and any(c.islower() for c in text)


def is_title_like(text: str) -> bool:
    count = len(words(text))
    return 3 <= count <= 30 and len(text) <= 240 and not text.endswith(".") and (text[0].isupper() or text[0] in "\"“'‘0123456789")


def is_name_like(text: str) -> bool:
    """A person's name ("Jane Doe", "R. Whitcombe", "Iyad Ag Ghali") or a user name ("sahel_watch")."""
    tokens = text.split()
    if not 1 <= len(tokens) <= 5 or len(text) > 48 or _TERMINAL.search(text.rstrip(".")) and not text.endswith("."):
        return False
    if len(tokens) == 1:
        return bool(_USERNAME.match(text)) and not text.isdigit()
    return all(_NAME_TOKEN.match(token) for token in tokens)


def ends_sentence(text: str) -> bool:
    return bool(_TERMINAL.search(text))
