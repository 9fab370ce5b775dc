"""The typed records every stage passes on, defined once.

A stage is a plain function from one record to the next: sources yield `Page`s, the cleaners turn a
`Page` into an `Article`, the store keeps `Article`s and `IngestFailure`s. Exports are these records
serialised as JSON; `sitroom.schema` generates a JSON Schema from each.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

PageFormat = Literal["html", "text"]


class Record(BaseModel):
    """Base of every record: immutable once built, unknown fields refused."""

    model_config = ConfigDict(frozen=True, extra="forbid")


class Page(Record):
    """One page as it came in: its text (decoded, mojibake repaired) and where it came from."""

    source: str = Field(description="Where the page was read: a file path, 'path#line' for JSON Lines, a URL, or '-' for stdin.")
    url: str | None = Field(default=None, description="The page's own address, when known.")
    format: PageFormat = Field(description="'html' for markup, 'text' for the scraped text of a page.")
    content: str = Field(description="The decoded page.")
    content_hash: str = Field(description="sha256 of the decoded content: equal pages have equal hashes.")
    encoding: str = Field(default="utf-8", description="The encoding the bytes were decoded from.")
    title_hint: str | None = Field(default=None, description="A title given beside the page (JSON Lines `title`).")
    date_hint: str | None = Field(default=None, description="A publication date given beside the page (JSON Lines `date`).")
    site_hint: str | None = Field(default=None, description="A source or outlet name given beside the page (JSON Lines `source`).")


class Footnote(Record):
    """A footnote or endnote, parsed into the citation's parts where present."""

    marker: str = Field(description="The note's marker without brackets or dots: 'iv', '12'.")
    text: str = Field(description="The whole note as written.")
    author: str | None = None
    title: str | None = None
    outlet: str | None = None
    date: str | None = Field(default=None, description="YYYY-MM-DD, YYYY-MM or YYYY, as precise as the citation gives.")
    url: str | None = None


class Comment(Record):
    """A reader comment, kept apart from the article; never feeds events."""

    author: str | None = None
    text: str
    spam: bool = Field(default=False, description="Junk tokens, link farms, text ending in garbage, copy-pasted praise.")
    spam_reasons: list[str] = Field(default_factory=list, description="Which spam signals fired.")
    by_article_author: bool = Field(default=False, description="Signed by, or headed with, the byline's author.")


class Article(Record):
    """A page read into its parts: the article's text, what belongs to it, and what was cut as chrome."""

    id: str = Field(description="Stable id derived from the page's content hash.")
    content_hash: str
    source: str
    url: str | None = None
    format: PageFormat
    site_name: str | None = None
    title: str | None = None
    authors: list[str] = Field(default_factory=list)
    published: date | None = Field(default=None, description="The publication date the page states (metadata, byline or URL).")
    published_how: str | None = Field(default=None, description="Where `published` was read.")
    published_earliest: date | None = Field(
        default=None,
        description="When the page states no date: the earliest it can have been published, from the latest date it mentions.",
    )
    published_earliest_how: str | None = Field(default=None, description="Which mention `published_earliest` was inferred from.")
    language: str = Field(description="ISO 639-1 code of the detected language.")
    paragraphs: list[str] = Field(default_factory=list, description="Body paragraphs, in page order.")
    headings: list[str] = Field(default_factory=list, description="Sub-headings inside the body.")
    captions: list[str] = Field(default_factory=list)
    footnotes: list[Footnote] = Field(default_factory=list)
    author_bio: str | None = None
    comments: list[Comment] = Field(default_factory=list)
    boilerplate: list[str] = Field(default_factory=list, description="Site chrome cut from the page, kept for inspection.")

    @property
    def body_text(self) -> str:
        return "\n\n".join(self.paragraphs)


FailureKind = Literal[
    "empty", "binary", "too_large", "undecodable", "no_text", "not_english", "bad_json", "unreadable", "fetch", "internal"
]


class IngestFailure(Record):
    """A page that could not be read into an article, or was kept out of the English pipeline."""

    source: str
    kind: FailureKind
    error: str = Field(description="One line saying what is wrong and, where it helps, what to do.")


class IngestReport(Record):
    """What one `sitroom ingest` did."""

    read: int = 0
    stored: int = 0
    duplicates: int = 0
    failed: list[IngestFailure] = Field(default_factory=list)
    skipped: list[IngestFailure] = Field(default_factory=list, description="Stored, but kept out of the English pipeline.")


class DuplicateLink(Record):
    """A page that was not stored because an earlier article has the same or nearly the same text."""

    content_hash: str
    source: str
    url: str | None = None
    duplicate_of: str = Field(description="Id of the first article with this text.")
    similarity: float = Field(description="Estimated Jaccard similarity of the bodies' word shingles (1.0 for an exact copy).")
    kind: Literal["exact", "near"]


EXPORTED_RECORDS: dict[str, type[Record]] = {
    "article": Article,
    "footnote": Footnote,
    "comment": Comment,
    "ingest_failure": IngestFailure,
    "ingest_report": IngestReport,
    "duplicate_link": DuplicateLink,
}
