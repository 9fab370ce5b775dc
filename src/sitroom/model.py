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


# --- knowledge ------------------------------------------------------------------------------------

ActorKind = Literal[
    "armed_group", "state_force", "police", "militia", "government", "igo", "political", "person", "civilians", "generic"
]


class Actor(Record):
    """One entry of the actor knowledge base (data/actors.yaml, or a user's --kb file)."""

    id: str = Field(description="Stable slug, e.g. 'aqim'; generic classes start with 'generic-'.")
    name: str = Field(description="Canonical name; a generic class's name may hold '{country}'.")
    kind: ActorKind
    inter: int = Field(ge=1, le=8, description="ACLED interaction code: 1 state forces … 7 civilians, 8 external/other forces.")
    acled_name: str | None = Field(default=None, description="The name ACLED writes, without its year suffix.")
    aliases: list[str] = Field(default_factory=list)
    affiliations: list[str] = Field(default_factory=list, description="Ids of the organisations this one belongs to.")
    countries: list[str] = Field(default_factory=list, description="ISO 3166-1 alpha-2 codes.")
    active: str | None = Field(default=None, description="'YYYY-' or 'YYYY-YYYY'.")
    wikidata: str | None = None
    role: str | None = Field(default=None, description="For people: their role, e.g. 'leader of Ansar Dine'.")
    note: str = Field(description="Why the entry exists: the public fact it rests on.")
    source: str = Field(default="", description="'file:line' the entry was read from.")


PlaceFeature = Literal["C", "A1", "A2", "P", "R", "H", "T", "S", "L"]


class Place(Record):
    """A gazetteer entry: a country, region, town or named area with coordinates."""

    id: str = Field(description="'geonames:<id>', 'sitroom:<slug>' (team gazetteer), 'country:<ISO2>', 'region:<slug>' (continent or macro-region) or 'area:<ISO2>:<admin1>[:<admin2>]' (an administrative area).")
    name: str
    lat: float
    lon: float
    country: str | None = Field(description="ISO 3166-1 alpha-2 code.")
    admin1: str | None = Field(default=None, description="Name of the first-level region.")
    feature: PlaceFeature = Field(description="C country, A1/A2 first/second-level region, P populated place, R area, H water, T terrain, S spot, L continent or macro-region.")
    population: int = 0


# --- annotation -----------------------------------------------------------------------------------

PartKind = Literal["title", "body", "caption", "footnote"]


class Part(Record):
    """A piece of the annotated text: the title, the body, one caption or one footnote."""

    kind: PartKind
    start: int
    end: int


class ActorLink(Record):
    id: str
    name: str = Field(description="Canonical name; for a generic class, filled with the article's country.")
    kind: ActorKind
    inter: int
    acled_name: str | None = None
    affiliations: list[str] = Field(default_factory=list)


class PlaceLink(Record):
    id: str
    name: str
    lat: float
    lon: float
    country: str | None
    admin1: str | None = None
    feature: PlaceFeature
    precision: int = Field(ge=1, le=3, description="As ACLED's geo_precision: 1 the named place, 2 near it or a part of a region, 3 a region or country.")


TimePrecision = Literal["day", "month", "year"]


class TimeLink(Record):
    id: str = Field(description="The value as text: YYYY-MM-DD, YYYY-MM or YYYY.")
    name: str
    start: date
    end: date
    precision: TimePrecision
    relative: bool = Field(default=False, description="Resolved against the reference date ('last April').")


MentionType = Literal["actor", "person", "place", "time"]


class Mention(Record):
    """A span of the annotated text naming an actor, a person, a place or a time, with its link."""

    article_id: str
    text: str = Field(description="The surface string exactly as in the annotated text.")
    start: int = Field(description="Character offset in the annotated text.")
    end: int
    type: MentionType
    sentence: int = Field(description="Index of the sentence holding the mention.")
    sentence_text: str = Field(description="That sentence, so every mention can be checked where it stands.")
    part: PartKind
    link: ActorLink | PlaceLink | TimeLink | None = Field(description="What the mention refers to; null when unlinked.")
    how: str = Field(description="How it was found and linked: 'alias', 'ner', 'fuzzy', 'coref', 'context', ….")


class Sentence(Record):
    index: int
    start: int
    end: int
    part: PartKind


Modality = Literal["asserted", "reported", "hypothetical", "planned", "negated", "historical"]


class Clause(Record):
    """A verb and what depends on it, with the modality its cues give."""

    sentence: int
    start: int
    end: int
    verb: str
    verb_start: int
    modality: Modality = Field(description="The strongest cue: negated > hypothetical > planned > historical > reported > asserted.")
    cues: list[str] = Field(default_factory=list, description="'kind:word' for every cue found, e.g. 'hypothetical:could'.")


class Quote(Record):
    """A direct or indirect quotation and who it is attributed to."""

    sentence: int
    kind: Literal["direct", "indirect"]
    text: str
    start: int
    end: int
    cue: str = Field(description="The reporting word: said, told, according to, notes, ….")
    speaker: str | None = Field(default=None, description="The speaker as written.")
    speaker_start: int | None = None
    speaker_end: int | None = None
    speaker_link: ActorLink | None = Field(default=None, description="The person (or organisation) the speaker resolves to.")
    speaker_role: str | None = Field(default=None, description="Role words given with the speaker: 'insurgent leader', 'spokesman'.")
    speaker_org: ActorLink | None = Field(default=None, description="The organisation the speaker speaks for, where stated or known.")


# --- events, claims and relations --------------------------------------------------------------


class Evidence(Record):
    """The sentence an extracted item stands on."""

    sentence: int = Field(description="Index of the sentence in the annotated text.")
    text: str = Field(description="The sentence as written.")
    start: int = Field(description="Character offset of the sentence in the annotated text.")
    end: int
    part: PartKind


EventDatePrecision = Literal["day", "week", "month", "year"]


class EventDate(Record):
    start: date
    end: date
    precision: EventDatePrecision = Field(description="'week' when only the report's date is known (ACLED time_precision 2).")
    how: Literal["stated", "neighbour", "report"] = Field(description="Read in the sentence, in a sentence next to it, or the report's own date.")
    text: str | None = Field(default=None, description="The date as written, when stated.")


class Fatalities(Record):
    count: int | None = Field(description="The number the text gives (a floor when a qualifier says so); null for vague words.")
    low: int
    high: int | None = Field(description="Null when the text sets no upper bound ('at least 12', 'dozens').")
    qualifier: str | None = Field(default=None, description="'at least', 'more than', 'about', … as written.")
    text: str = Field(description="The words the number was read from.")
    acled: int = Field(description="The single number ACLED's conventions give (a floor as itself, 'dozens' as 12).")


class Event(Record):
    """Who did what to whom, where and when, as one sentence reports it."""

    id: str = Field(description="'<article id>:e<n>', stable for the same text and knowledge.")
    article_id: str
    event_class: str = Field(description="sitroom's class (docs/events.md), e.g. 'airstrike', 'territory_taken'.")
    event_type: str = Field(description="ACLED's event type.")
    sub_event_type: str = Field(description="ACLED's sub-event type.")
    actor1: ActorLink | None = Field(description="Who acted.")
    actor2: ActorLink | None = Field(description="Who was acted on.")
    assoc_actors: list[ActorLink] = Field(default_factory=list, description="Actors named alongside actor1 or actor2.")
    interaction: int | None = Field(default=None, description="ACLED's interaction code from the actors' inter codes, e.g. 17.")
    location: PlaceLink | None
    location_how: str | None = Field(default=None, description="'sentence', 'neighbour', 'caption' or 'article' (the article's first place).")
    location_text: str | None = Field(default=None, description="The place as the text writes it ('Konno', 'Tombouctou').")
    date: EventDate | None
    fatalities: Fatalities | None = Field(description="Deaths the sentence reports; null when it says nothing of them.")
    modality: Modality
    modality_cues: list[str] = Field(default_factory=list)
    trigger: str = Field(description="The words that name the event.")
    evidence: Evidence
    retold: list[Evidence] = Field(
        default_factory=list,
        description="Other sentences of the article that tell the same event: a toll given later, 'the attack' again, the lede after the headline.",
    )
    confidence: float = Field(ge=0, le=1)
    how: dict[str, str] = Field(
        default_factory=dict,
        description="The rules that gave each field: 'trigger' (event_triggers.txt:LINE), 'class', 'type', 'actor1', 'actor2', "
        "'place', 'date', 'modality', 'fatalities'. `sitroom events --explain ID` prints them.",
    )


class FigureValue(Record):
    low: float
    high: float | None
    unit: str | None = Field(description="What is counted or measured, as written: 'fighters', 'square miles'.")
    qualifier: str | None = None
    normalized_value: float | None = Field(default=None, description="In the normalised unit (km², km, percent), when the unit has one.")
    normalized_unit: str | None = None


ClaimKind = Literal["figure", "quote", "assessment"]


class Claim(Record):
    """A figure, a quotation or an assessment: what a source says, kept so briefs can cite it."""

    id: str
    article_id: str
    kind: ClaimKind
    subject: ActorLink | None = Field(default=None, description="Whom the figure is about, where linked.")
    subject_text: str | None = Field(default=None, description="The subject as written ('AQIM', 'the French force').")
    text: str = Field(description="The figure's words, the quotation, or the assessing sentence.")
    value: FigureValue | None = None
    speaker: str | None = None
    speaker_link: ActorLink | None = None
    speaker_org: ActorLink | None = None
    date: EventDate | None = Field(default=None, description="When the claim holds, where stated.")
    modality: Modality = "asserted"
    evidence: Evidence
    how: dict[str, str] = Field(
        default_factory=dict,
        description="The rules that gave each field: 'value', 'subject', 'cue' (claims.txt:LINE), 'quote', 'speaker', 'date', 'modality'.",
    )


RelationType = Literal["alliance", "affiliation", "support", "opposition"]


class Relation(Record):
    """How two actors stand to each other, as a sentence says."""

    id: str
    article_id: str
    type: RelationType
    source: ActorLink
    target: ActorLink
    cue: str = Field(description="The words that state the relation, or the event class it was read from.")
    evidence: Evidence
    date: EventDate | None = None
    modality: Modality = "asserted"
    how: dict[str, str] = Field(
        default_factory=dict,
        description="The rules that gave each field: 'cue' (claims.txt:LINE, or the event it was read from), 'pair', 'date', 'modality'.",
    )


class AnnotatedArticle(Record):
    """An article's text with its sentences, linked mentions, clauses' modality and quotations."""

    article_id: str
    text: str = Field(description="Title, body, captions and footnotes, separated by blank lines; every offset points here.")
    parts: list[Part]
    country: str | None = Field(description="The article's main country (ISO2), from the places and demonyms it names.")
    reference_date: date | None = Field(description="What relative times are resolved against.")
    reference_how: str | None = None
    sentences: list[Sentence] = Field(default_factory=list)
    mentions: list[Mention] = Field(default_factory=list)
    clauses: list[Clause] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    claims: list[Claim] = Field(default_factory=list)
    relations: list[Relation] = Field(default_factory=list)
    model: str = Field(description="The spaCy pipeline used, with its version.")
    knowledge: str = Field(description="Hash of the knowledge (actor files, gazetteer) used.")
    notes: list[str] = Field(default_factory=list, description="What was skipped or cut, and why.")


class Extraction(Record):
    """What `sitroom extract` writes for one input: its events, claims and relations, nothing stored."""

    id: str
    events: list[Event] = Field(default_factory=list)
    claims: list[Claim] = Field(default_factory=list)
    relations: list[Relation] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list, description="What was skipped or cut, and why.")


# --- across sources --------------------------------------------------------------------------------


class IncidentReport(Record):
    """One report of an incident: the event a sentence of an article gives."""

    article_id: str
    event_id: str
    sentence: str = Field(description="The evidence sentence.")
    modality: Modality


class Incident(Record):
    """One happening told by one or more reports, with what they agree on and the reasons they were merged."""

    id: str = Field(description="'inc-' and a stable hash of its first event's id.")
    event_class: str
    event_type: str
    sub_event_type: str
    date: EventDate | None = Field(description="The most precise date the reports give.")
    location: PlaceLink | None = Field(description="The most precise place the reports give.")
    actors: list[ActorLink] = Field(default_factory=list, description="Every actor any report names, once.")
    fatalities_low: int | None = Field(default=None, description="The lowest toll a report gives.")
    fatalities_high: int | None = Field(default=None, description="The highest toll a report gives (null: no upper bound).")
    article_ids: list[str] = Field(default_factory=list)
    event_ids: list[str] = Field(default_factory=list)
    reports: list[IncidentReport] = Field(default_factory=list)
    reasons: list[str] = Field(default_factory=list, description="Why each report joined: which fields matched and how closely.")


ConflictKind = Literal["date", "number", "place", "actor"]


class ConflictItem(Record):
    article_id: str
    value: str = Field(description="A date as YYYY-MM-DD (YYYY-MM for a month, YYYY-MM-DD/YYYY-MM-DD for a span of days), a number or range, a place or actor name.")
    evidence: Evidence


class Conflict(Record):
    """Sources that disagree about one thing, their values side by side; `corroborated` when they agree."""

    id: str
    kind: ConflictKind
    topic: str = Field(description="What they disagree about: the incident, or the subject of a figure.")
    status: Literal["contradicted", "corroborated", "noted"] = Field(
        description="'noted': the values differ only in form (two spellings of one place)."
    )
    incident_id: str | None = None
    items: list[ConflictItem] = Field(default_factory=list)


EXPORTED_RECORDS: dict[str, type[Record]] = {
    "article": Article,
    "footnote": Footnote,
    "comment": Comment,
    "ingest_failure": IngestFailure,
    "ingest_report": IngestReport,
    "duplicate_link": DuplicateLink,
    "actor": Actor,
    "place": Place,
    "mention": Mention,
    "quote": Quote,
    "clause": Clause,
    "event": Event,
    "claim": Claim,
    "relation": Relation,
    "annotated_article": AnnotatedArticle,
    "extraction": Extraction,
    "incident": Incident,
    "conflict": Conflict,
}
