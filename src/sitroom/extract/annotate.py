"""Article -> AnnotatedArticle: parse (sitroom.nlp.parse), then extract over the parse's Docs.

`extract_parse(parse, knowledge)` is the extraction alone: the language layer and the event, claim and
relation rules over each Doc of a `Parse` (from spaCy just now, or read back from the store), turned into
one `AnnotatedArticle` whose offsets point into the whole text. `Annotator` loads spaCy once and does
both for batches of articles with `nlp.pipe`. Each article is annotated on its own (a failure costs that
article only, recorded with its reason); a text longer than spaCy can take at once is parsed in pieces
(document.CHUNK_CHARS) and its records are joined.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from ..kb.knowledge import Knowledge
from ..model import (
    ActorLink,
    AnnotatedArticle,
    Article,
    Claim,
    Clause,
    Event,
    EventDate,
    Evidence,
    Fatalities,
    FigureValue,
    IngestFailure,
    Mention,
    Part,
    PlaceLink,
    Quote,
    Relation,
    Sentence,
    TimeLink,
)
from ..nlp.document import main_country
from ..nlp.parse import Parse, Parser
from ..nlp.state import DocContext
from .events import FoundEvent
from .facts import DocFacts, Extractor

if TYPE_CHECKING:
    from ..store.base import StoredParse

BATCH_ARTICLES = 8


def extract_parse(parse: Parse, knowledge: Knowledge, extractor: Extractor | None = None) -> AnnotatedArticle:
    """The AnnotatedArticle of a parsed article: every Doc of `parse` through the language and extraction
    layers (`extractor`, built for `knowledge` when not given; build one and pass it for many parses)."""
    extractor = extractor or Extractor(knowledge)
    is_actor = knowledge.actors.resolve  # a known actor's name ('Ganda Koy') votes for no country's town
    country = main_country(parse.text, knowledge.gazetteer, lambda name: is_actor(name) is not None)
    context = DocContext(parse.article_id, parse.reference_date, country, parse.parts)
    built = _Records(parse.article_id, parse.text, parse.parts)
    link = lambda actor_id: actor_link(knowledge, actor_id, context)  # noqa: E731
    found = [extractor(doc, context) for doc in parse.docs]  # every piece before any record: a later piece may set the country
    for piece, doc, facts in zip(parse.pieces, parse.docs, found):
        built.add_piece(piece.offset, doc, facts, link)
    built.mentions.sort(key=lambda m: (m.start, m.end))
    return AnnotatedArticle(
        article_id=parse.article_id, text=parse.text, parts=parse.parts, country=context.country,
        reference_date=context.reference_date, reference_how=parse.reference_how, sentences=built.sentences,
        mentions=built.mentions, clauses=built.clauses, quotes=built.quotes, events=built.events, claims=built.claims,
        relations=built.relations, model=parse.model, knowledge=knowledge.digest, notes=list(parse.notes or []) + context.notes,
    )


class Annotator:
    """spaCy's parse and sitroom's extraction for batches of articles. `nlp`: a spaCy pipeline to parse with
    (default: the one `model`, the settings or the installed preference names, see nlp.pipeline)."""

    def __init__(self, knowledge: Knowledge, nlp=None, *, model: str | None = None):
        self.knowledge = knowledge
        self.parser = Parser(nlp, model=model)
        self.nlp = self.parser.nlp
        self.model = self.parser.model
        self.extractor = Extractor(knowledge, self.nlp)

    # --- the public entry points --------------------------------------------------------------
    def annotate(self, articles: Iterable[Article]) -> Iterator[AnnotatedArticle | IngestFailure]:
        """An AnnotatedArticle per article, or an IngestFailure (kind 'internal') saying why not."""
        for result in self._batches(articles, keep_parses=False):
            yield result if isinstance(result, IngestFailure) else result[0]

    def annotate_with_parses(self, articles: Iterable[Article]) -> Iterator[tuple[AnnotatedArticle, StoredParse] | IngestFailure]:
        """As `annotate`, each AnnotatedArticle with its parse in the form the store keeps."""
        yield from self._batches(articles, keep_parses=True)

    def _batches(self, articles: Iterable[Article], keep_parses: bool):
        batch: list[Article] = []
        for article in articles:
            batch.append(article)
            if len(batch) >= BATCH_ARTICLES:
                yield from self._batch(batch, keep_parses=keep_parses)
                batch = []
        if batch:
            yield from self._batch(batch, keep_parses=keep_parses)

    def annotate_one(self, article: Article) -> AnnotatedArticle:
        ((result, _),) = self._batch([article], raise_errors=True, keep_parses=False)
        return result

    def parse(self, articles: list[Article]) -> list[Parse]:
        return self.parser.parse(articles)

    def extract(self, parse: Parse) -> AnnotatedArticle:
        return extract_parse(parse, self.knowledge, self.extractor)

    # --- batches ------------------------------------------------------------------------------
    def _batch(
        self, articles: list[Article], raise_errors: bool = False, keep_parses: bool = True,
    ) -> list[tuple[AnnotatedArticle, StoredParse | None] | IngestFailure]:
        """Parse and extract a batch; the DocBin bytes are made only when `keep_parses` (the store wants them)."""
        try:
            return [(self.extract(parse), parse.to_stored() if keep_parses else None) for parse in self.parse(articles)]
        except Exception as error:
            if raise_errors:
                raise
            if len(articles) > 1:  # find the article at fault; the others are annotated
                return [result for article in articles for result in self._batch([article], keep_parses=keep_parses)]
            return [
                IngestFailure(
                    source=articles[0].source, kind="internal",
                    error=f"annotation failed ({error.__class__.__name__}: {error}); the article is stored without annotations, please report it",
                )
            ]


def actor_link(knowledge: Knowledge, actor_id: str | None, context: DocContext) -> ActorLink | None:
    """The link for a knowledge-base id; a generic class takes the article's country, or the one an event
    names for it ('generic-state-forces@UA' for "the Ukrainian forces")."""
    actor_id, _, own_country = (actor_id or "").partition("@")
    actor = knowledge.actors.actors.get(actor_id) if actor_id else None
    if actor is None:
        return None
    name, link_id = actor.name, actor.id
    acled_name = actor.acled_name
    if "{country}" in name:
        code = own_country or context.country
        country = knowledge.gazetteer.country(code) if code else None
        label = country.name if country else None
        name = _with_country(name, label)
        acled_name = _with_country(acled_name, label) if acled_name else acled_name
        link_id = f"{actor.id}:{code}" if label else actor.id
    return ActorLink(id=link_id, name=name, kind=actor.kind, inter=actor.inter, acled_name=acled_name, affiliations=actor.affiliations)


def _with_country(template: str, country: str | None) -> str:
    """'Civilians ({country})' → 'Civilians (Mali)', or 'Civilians' when no country is known: the placeholder never
    reaches a record."""
    return template.replace("{country}", country) if country else template.replace(" ({country})", "").replace("{country}", "")


def _event_date(time, how: str) -> EventDate | None:
    if time is None:
        return None
    v = time.value
    return EventDate(start=v.first, end=v.last, precision=v.precision, how=how, text=v.text)


def _place_link(p, precision: int) -> PlaceLink:
    return PlaceLink(id=p.id, name=p.name, lat=p.lat, lon=p.lon, country=p.country, admin1=p.admin1, feature=p.feature, precision=precision)


class _Records:
    """Collects one article's records from its annotated pieces, shifting offsets into the whole text."""

    def __init__(self, article_id: str, text: str, parts: list[Part]):
        self.article_id, self.text, self.parts = article_id, text, parts
        self.part_starts = [p.start for p in parts]
        self.sentences: list[Sentence] = []
        self.mentions: list[Mention] = []
        self.clauses: list[Clause] = []
        self.quotes: list[Quote] = []
        self.events: list[Event] = []
        self.claims: list[Claim] = []
        self.relations: list[Relation] = []

    def part_of(self, offset: int) -> str:
        at = bisect.bisect_right(self.part_starts, offset) - 1
        return self.parts[max(0, at)].kind if self.parts else "body"

    def add_piece(self, base: int, doc, facts: DocFacts, actor_link) -> None:
        first = len(self.sentences)
        quote_start = len(self.quotes)
        starts: list[int] = []
        for sent in doc.sents:
            if sent.text.strip():
                starts.append(sent.start_char)
                self.sentences.append(
                    Sentence(index=len(self.sentences), start=base + sent.start_char, end=base + sent.end_char, part=self.part_of(base + sent.start_char))
                )
        self._base, self._first, self._starts = base, first, starts
        for found in facts.actors:
            span = doc[found.start : found.end]
            self._mention(span.start_char, span.end_char, found.type, actor_link(found.actor_id), found.how)
        for found in facts.places:
            span = doc[found.start : found.end]
            link = _place_link(found.place, found.precision) if found.place else None
            self._mention(span.start_char, span.end_char, "place", link, found.how)
        for found in facts.times:
            v = found.value
            link = TimeLink(id=v.iso(), name=v.iso(), start=v.first, end=v.last, precision=v.precision, relative=v.relative)
            self._mention(found.start_char, found.end_char, "time", link, "relative" if v.relative else "explicit")
        for found in facts.clauses:
            verb, last = doc[found.verb], doc[found.end - 1]
            self.clauses.append(
                Clause(
                    sentence=self._sentence_at(verb.idx), start=base + doc[found.start].idx, end=base + last.idx + len(last),
                    verb=verb.text, verb_start=base + verb.idx, modality=found.modality, cues=found.cues,
                )
            )
        for found in facts.quotes:
            speaker = doc[found.speaker[0] : found.speaker[1]] if found.speaker else None
            self.quotes.append(
                Quote(
                    sentence=self._sentence_at(found.start_char), kind=found.kind,
                    text=self.text[base + found.start_char : base + found.end_char], start=base + found.start_char,
                    end=base + found.end_char, cue=found.cue, speaker=speaker.text if speaker is not None else None,
                    speaker_start=base + speaker.start_char if speaker is not None else None,
                    speaker_end=base + speaker.end_char if speaker is not None else None,
                    speaker_link=actor_link(found.speaker_actor), speaker_role=found.speaker_role,
                    speaker_org=actor_link(found.speaker_org),
                )
            )

        for found in facts.events:
            self.events.append(self._event(doc, found, actor_link))
        for figure in facts.figures:
            self.claims.append(self._figure(doc, figure, actor_link))
        for assessment in facts.assessments:
            self.claims.append(
                Claim(
                    id=f"{self.article_id}:c{len(self.claims) + 1}", article_id=self.article_id, kind="assessment",
                    text=assessment.sentence.text, modality=assessment.modality, evidence=self._evidence(assessment.sentence.start_char),
                    how=assessment.how,
                )
            )
        for quote, found in zip(self.quotes[quote_start:], facts.quotes):
            self.claims.append(
                Claim(
                    id=f"{self.article_id}:c{len(self.claims) + 1}", article_id=self.article_id, kind="quote", text=quote.text,
                    speaker=quote.speaker, speaker_link=quote.speaker_link, speaker_org=quote.speaker_org,
                    subject=quote.speaker_org or quote.speaker_link, modality="reported", evidence=self._evidence_at(quote.start),
                    how={**found.how, "modality": "quotation"},
                )
            )
        for relation in facts.relations:
            source, target = actor_link(relation.source), actor_link(relation.target)
            if source is None or target is None:
                continue
            self.relations.append(
                Relation(
                    id=f"{self.article_id}:r{len(self.relations) + 1}", article_id=self.article_id, type=relation.type, source=source,
                    target=target, cue=relation.cue, evidence=self._evidence(relation.sentence.start_char),
                    date=_event_date(relation.time, "stated"), modality=relation.modality, how=relation.how,
                )
            )

    def _evidence_at(self, start: int) -> Evidence:
        """Evidence for an offset in the whole text (quotes are stored with whole-text offsets)."""
        return self._evidence_of(max(0, bisect.bisect_right([s.start for s in self.sentences], start) - 1))

    def _figure(self, doc, figure, actor_link) -> Claim:
        q = figure.quantity
        words = doc[figure.start : figure.end]
        return Claim(
            id=f"{self.article_id}:c{len(self.claims) + 1}", article_id=self.article_id, kind="figure",
            subject=actor_link(figure.subject.actor_id) if figure.subject else None,
            subject_text=doc[figure.subject.start : figure.subject.end].text if figure.subject else None, text=words.text,
            value=FigureValue(
                low=q.low, high=q.high, unit=figure.unit, qualifier=q.qualifier,
                normalized_value=figure.normalized_value, normalized_unit=figure.normalized_unit,
            ),
            date=_event_date(figure.time, "stated"), modality=figure.modality, evidence=self._evidence(figure.sentence.start_char),
            how=figure.how,
        )

    def _evidence(self, doc_start: int) -> Evidence:
        return self._evidence_of(self._sentence_at(doc_start))

    def _evidence_of(self, index: int) -> Evidence:
        sentence = self.sentences[index]
        text = self.text[sentence.start : sentence.end].rstrip()
        return Evidence(sentence=index, text=text, start=sentence.start, end=sentence.start + len(text), part=sentence.part)

    def _event(self, doc, found: FoundEvent, article_actor_link) -> Event:
        trigger = doc[found.trigger[0] : found.trigger[1]]
        location = _place_link(found.place.place, found.place_precision) if found.place and found.place.place else None

        def actor_link(actor_id: str | None):
            # a generic actor ('Civilians ({country})') takes the country of the event's town or region before the
            # article's; a country named as the place (often the government's voice: 'France said') does not count
            if actor_id and "@" not in actor_id and location is not None and location.country and location.feature != "C":
                actor_id = f"{actor_id}@{location.country}"
            return article_actor_link(actor_id)

        actor1, actor2 = actor_link(found.actor1), actor_link(found.actor2)
        inters = sorted(a.inter for a in (actor1, actor2) if a is not None)
        interaction = int(f"{inters[0]}{inters[1]}") if len(inters) == 2 else (inters[0] * 10 if inters else None)
        date = _event_date(found.time, found.time_how)
        deaths = found.deaths
        fatalities = None
        if deaths is not None:
            fatalities = Fatalities(
                count=deaths.low if (deaths.exact or deaths.qualifier) else None, low=deaths.low, high=deaths.high,
                qualifier=deaths.qualifier, text=deaths.text, acled=deaths.acled,
            )
        return Event(
            id=f"{self.article_id}:e{len(self.events) + 1}", article_id=self.article_id, event_class=found.event_class,
            event_type=found.event_type, sub_event_type=found.sub_event_type, actor1=actor1, actor2=actor2,
            assoc_actors=[link for link in map(actor_link, found.assoc) if link is not None], interaction=interaction,
            location=location, location_how=found.place_how if location else None,
            location_text=doc[found.place.start : found.place.end].text if location else None, date=date, fatalities=fatalities,
            modality=found.modality, modality_cues=found.cues, trigger=trigger.text,
            evidence=self._evidence(found.sentence.start_char), retold=self._retold(found),
            confidence=found.confidence, how=dict(found.how),
        )

    def _retold(self, found: FoundEvent) -> list[Evidence]:
        """The other sentences telling the event, once each, in text order, its own sentence aside."""
        own = self._sentence_at(found.sentence.start_char)
        indices = sorted({self._sentence_at(s.start_char) for s in found.retold} - {own})
        return [self._evidence_of(i) for i in indices]

    def _sentence_at(self, char: int) -> int:
        return self._first + max(0, bisect.bisect_right(self._starts, char) - 1)

    def _mention(self, start: int, end: int, kind: str, link, how: str) -> None:
        index = self._sentence_at(start)
        holder = self.sentences[index] if index < len(self.sentences) else None
        start, end = self._base + start, self._base + end
        self.mentions.append(
            Mention(
                article_id=self.article_id, text=self.text[start:end], start=start, end=end, type=kind, sentence=index,
                sentence_text=self.text[holder.start : holder.end] if holder else "", part=self.part_of(start), link=link, how=how,
            )
        )
