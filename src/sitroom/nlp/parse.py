"""Parsing: articles in, `Parse`s out. The only place sitroom runs spaCy's statistical model.

`Parser` loads the pipeline `find_model` picks (less the components sitroom never reads), adds the
sentence-blocks component before the parser, and parses the pieces of a batch of articles with one
`nlp.pipe`. A `Parse` is one article's text, its parts, the pieces it was cut into (a text longer than
spaCy takes at once is parsed in pieces, document.CHUNK_CHARS) and a spaCy Doc per piece, with the model
that made them. It is stored as DocBin bytes (`to_stored`) and read back without the model
(`Parse.from_stored`): tokens, fine-grained tags, dependencies, entities and sentence bounds are all the
language and extraction layers read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from itertools import pairwise
from typing import TYPE_CHECKING

from spacy.language import Language
from spacy.tokens import Doc, DocBin

from ..errors import StaleParse
from ..model import Article, Part
from . import document
from .document import Chunk, article_text, pieces_at
from .pipeline import find_model

if TYPE_CHECKING:
    from ..store.base import StoredParse

UNUSED_COMPONENTS = ("lemmatizer", "attribute_ruler")
"""Parts of en_core_web_sm the language layer never reads (it uses fine-grained tags, not lemmas or
coarse parts of speech); leaving them out saves about a sixth of spaCy's time."""
STORED_ATTRS = ("ORTH", "TAG", "HEAD", "DEP", "ENT_IOB", "ENT_TYPE", "SENT_START")
"""What a stored parse keeps of each token (DocBin also keeps the spaces after tokens)."""


@Language.component("sitroom_blocks", assigns=["token.is_sent_start"])
def _blocks(doc):
    """A blank line (between title and body, paragraphs, captions) always starts a sentence, and so does a
    single line break unless the text is hard-wrapped (wire copy, e-mail): a heading, a list item or a line
    of a page's text is not the start of the sentence after it. In hard-wrapped text a line well short of
    the wrap width ends its paragraph. The parser keeps sentence starts set before it."""
    starts = line_starts(doc.text)
    opened = None  # the line a forced start opened, while none of its words ended a sentence
    for token in doc[1:]:
        before = doc[token.i - 1]
        if token.is_space:
            opened = None if "\n" in token.text else opened
            continue
        gap = before.text + before.whitespace_ if before.is_space else before.whitespace_
        if "\n\n" in gap or ("\n" in gap and token.idx in starts):
            token.is_sent_start = True
            opened = token
        elif opened is not None:
            # a line is one sentence until a full stop inside it: "* 2007 Gao bombing" is not three
            token.is_sent_start = False
            if token.text in SENTENCE_ENDS:
                opened = None
    return doc


SENTENCE_ENDS = {".", "!", "?", "…", ":", ";"}
WRAP_WIDTH_MAX = 100
"""Hard-wrapped text breaks its lines at a fixed width no wider than this."""
WRAPPED_SHARE = 0.6
"""A text is hard-wrapped when at least this share of its lines (last lines of paragraphs aside) fill at
least WRAP_FILL of the widest line."""
WRAP_FILL = 0.7


def line_starts(text: str) -> set[int]:
    """Character offsets where a single line break starts a new sentence: every line of text that is not
    hard-wrapped; in hard-wrapped text, the line after one well short of the wrap width."""
    lines, offset = [], 0
    for line in text.split("\n"):
        lines.append((offset, line.rstrip()))
        offset += len(line) + 1
    filled = [(at, line) for at, line in lines if line.strip()]
    width = max((len(line) for _at, line in filled), default=0)
    inner = [line for (_at, line), (_next_at, following) in pairwise(lines) if line.strip() and following.strip()]
    wrapped = (
        0 < width <= WRAP_WIDTH_MAX and len(inner) >= 3
        and sum(len(line) >= WRAP_FILL * width for line in inner) >= WRAPPED_SHARE * len(inner)
    )
    starts = set()
    for (_at, line), (next_at, following) in pairwise(lines):
        if not following.strip():
            continue
        if not wrapped or len(line) < WRAP_FILL * width:
            starts.add(next_at + len(following) - len(following.lstrip()))
    return starts


@dataclass
class Parse:
    """One article as spaCy parsed it: the text the language layer reads, cut into pieces, a Doc per piece."""

    article_id: str
    text: str
    """Title, body, captions and footnotes separated by blank lines (document.article_text)."""
    parts: list[Part]
    pieces: list[Chunk]
    """Where each Doc starts in `text`, with its text and the parts it overlaps."""
    docs: list[Doc]
    model: str
    """The spaCy pipeline and its version, e.g. 'en_core_web_sm-3.8.0'."""
    reference_date: date | None = None
    """The article's date relative times are read against (published, else the earliest it can have been)."""
    reference_how: str | None = None
    notes: list[str] | None = None
    """What reading the text removed or cut, and why."""

    @property
    def offsets(self) -> tuple[int, ...]:
        return tuple(piece.offset for piece in self.pieces)

    def to_bytes(self) -> bytes:
        return DocBin(attrs=list(STORED_ATTRS), docs=self.docs).to_bytes()

    def to_stored(self) -> StoredParse:
        from ..store.base import (
            StoredParse,  # the record only; nothing of the store runs here
        )

        return StoredParse(article_id=self.article_id, model=self.model, data=self.to_bytes(), offsets=self.offsets)

    @classmethod
    def from_stored(cls, stored: StoredParse, article: Article, vocab) -> Parse:
        """The parse of `article` read back from `stored` with `vocab` (e.g. `spacy.blank("en").vocab`: no
        model is loaded). Raises StaleParse when the stored pieces do not spell the article's text."""
        text, parts, notes = article_text(article)
        pieces = pieces_at(text, parts, stored.offsets)
        docs = list(DocBin().from_bytes(stored.data).get_docs(vocab))
        if len(docs) != len(pieces) or any(doc.text != piece.text for doc, piece in zip(docs, pieces)):
            raise StaleParse(code="E305", reason=f"the stored parse of article {article.id} does not fit its text")
        return cls._of(article, text, parts, notes, pieces, docs, stored.model)

    @classmethod
    def _of(cls, article: Article, text, parts, notes, pieces, docs, model) -> Parse:
        if len(pieces) > 1:
            notes = notes + [f"text of {len(text):,} characters annotated in {len(pieces)} pieces; coreference does not cross them"]
        reference = article.published or article.published_earliest
        how = "published" if article.published else ("published_earliest" if article.published_earliest else None)
        return cls(article.id, text, parts, pieces, docs, model, reference, how, notes)


SHOUTING_SHARE = 0.8
"""A text whose letters are at least this share capitals (wire copy of old, telex, some headlines pages) is
parsed in sentence case: spaCy's model reads capitals as names and tags most words of such text wrong."""
SHOUTING_MIN_LETTERS = 40


def calm(text: str) -> str:
    """`text` in sentence case when it is written in capitals, else `text` itself; always the same length,
    so every offset into one is an offset into the other."""
    letters = [c for c in text if c.isalpha()]
    if len(letters) < SHOUTING_MIN_LETTERS or sum(c.isupper() for c in letters) < SHOUTING_SHARE * len(letters):
        return text
    lowered = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    return _SENTENCE_OPENING.sub(lambda m: m.group(0).upper(), lowered)


_SENTENCE_OPENING = re.compile(r"(?:^|[.!?]\s+|\n\s*\n\s*)[\"'(“‘]?[a-z]")


def with_words_of(doc: Doc, text: str) -> Doc:
    """`doc` (parsed from `calm(text)`) with the words as `text` writes them and its tags, parse and entities."""
    words = [text[t.idx : t.idx + len(t)] for t in doc]
    rebuilt = Doc(doc.vocab, words=words, spaces=[bool(t.whitespace_) for t in doc])
    attrs = [a for a in STORED_ATTRS if a != "ORTH"]
    rebuilt.from_array(attrs, doc.to_array(attrs))
    return rebuilt


def model_name(nlp: Language) -> str:
    return f"{nlp.meta.get('name', 'unknown')}-{nlp.meta.get('version', '?')}"


class Parser:
    """spaCy's pipeline, loaded once, with the sentence-blocks component; `nlp` given is used as it is
    (with the component added), else the pipeline `find_model(model)` names is loaded."""

    def __init__(self, nlp: Language | None = None, *, model: str | None = None):
        if nlp is None:
            import spacy

            nlp = spacy.load(find_model(model), exclude=list(UNUSED_COMPONENTS))
        if "parser" in nlp.pipe_names and "sitroom_blocks" not in nlp.pipe_names:
            nlp.add_pipe("sitroom_blocks", before="parser")
        self.nlp = nlp
        self.model = model_name(nlp)

    def parse(self, articles: list[Article]) -> list[Parse]:
        """A Parse per article, in order; all pieces of the batch go through one `nlp.pipe`."""
        prepared = []
        for article in articles:
            text, parts, notes = article_text(article)
            prepared.append((article, text, parts, notes, document.chunks(text, parts)))
        texts = [piece.text for *_, pieces in prepared for piece in pieces]
        parsed = self.nlp.pipe(self.nlp.make_doc(calm(text)) for text in texts)
        docs = iter(doc if doc.text == text else with_words_of(doc, text) for doc, text in zip(parsed, texts))
        return [
            Parse._of(article, text, parts, notes, pieces, [next(docs) for _ in pieces], self.model)
            for article, text, parts, notes, pieces in prepared
        ]
