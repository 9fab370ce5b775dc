"""Place mentions resolved to gazetteer entries, using the article's context.

Candidates are the places spaCy's NER finds (GPE, LOC, FAC) and runs of capitalised words that a gazetteer
knows; closed-class and sentence-initial common words, lone abbreviations and compass words, and the words of a
person the text names in full never are. Without a word that only places follow ("in", "near", "seized", "the
village of"), a run or a name the NER took for a person or an organisation needs a place's own name and a
country, a region, a team place or a large town. A name several places share is resolved by containment first
("Gainesville, Ga.", "Boni (Douentza, Mopti)"), then by score: the article's main country and the other
countries it names, the kind of place, its population, its own name over an alternate one, its distance to
places resolved without doubt, and a region named beside it. Two far-apart readings in different countries
that nothing tells apart, and a small town abroad nothing points to, are not linked. A misspelling after a
place word is matched loosely against the places of the article's countries ("retook Konno" → Konna).
Precision follows ACLED's geo_precision: 1 the named place itself, 2 near it (or a natural area), 3 a region,
a country or a continent.
"""
from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass

from rapidfuzz import fuzz, process
from spacy.tokens import Doc

from ..kb.gazetteer import Gazetteer, distance_km, lies_in, name_key
from ..model import Place
from .document import place_country
from .spans import name_bounds
from .state import DocContext, FoundActor, FoundPlace
from .words import sentence_starts, token_tags, token_texts, word_classes

NER_PLACE_LABELS = {"GPE", "LOC", "FAC"}
PROPER_NOUN_TAGS = {"NNP", "NNPS"}
"""A sentence's first word is a place candidate only when the tagger reads it as a proper noun: a sentence
starting 'Police', 'Big' or 'More' starts with a capitalised common word (Poland, Biga …), never a place."""
HEADING_MARKS = {":", ",", "—", "–", "-"}
"""A sentence's first word before one of these heads a brief or a dateline ('Kidal: car bomb …', 'TIMBUKTU,
Jan. 28'), where the tagger often misreads a place as a common noun; it stays a candidate."""
CLOSED_CLASS_TAGS = {"CC", "DT", "EX", "IN", "MD", "PDT", "PRP", "PRP$", "RP", "TO", "UH", "WDT", "WP", "WP$", "WRB", "CD"}
"""Word classes no place name is ('But', 'We', 'At', 'Since', 'One': Buta, Huế, Ath, Sincé, Onex): never
a candidate, capitalised or not, even when the NER marks it as a place."""
_DIRECTION = re.compile(r"^(?:north|south|east|west|central|upper|lower)(?: ?(?:ern|east|west|eastern|western))? ")
FUZZY_CUTOFF = 80
FUZZY_MIN_LETTERS = 5
"""Loose matching ('Konno' → Konna) only for names this long: shorter ones are a letter away from too many towns."""
WEAK_MIN_POPULATION = 100_000
"""A capitalised word no cue marks as a place, or a name the NER took for a person or organisation, is taken as a
town only when the town is this large ('Aleppo', 'Edmonton'); smaller namesakes are surnames and common words
(Police in Poland, Paterson, Liberal)."""
AMBIGUOUS_KM = 161.0
AMBIGUOUS_MARGIN = 0.5
"""When the two best readings of a name lie in different countries, score within this of each other and lie farther
apart than AMBIGUOUS_KM, nothing in the text decides: the mention links to nothing (a name the NER marked stays
an unlinked place mention). Within one country the better-scored reading is kept: the text's other places, the
cercle in brackets and the region named break most ties there."""
NEAR_KM = 300
CONTEXT_KM = 150
"""A village lies within this of the cercle or region named in brackets after it."""
MAX_WORDS = 4
_FEATURE_WEIGHT = {"C": 6.0, "L": 6.0, "A1": 0.9, "A2": 0.6, "P": 1.0, "S": 0.7, "R": 0.8, "H": 0.6, "T": 0.6}
_PRECISION = {"C": 3, "L": 3, "A1": 3, "A2": 3, "P": 1, "S": 1, "R": 2, "H": 2, "T": 2}


def _same_area(place: Place, area: Place) -> bool:
    """A second-level area of the place's own region: it may hold the place (the index has no second-level codes)."""
    return area.feature == "A2" and area.country == place.country and name_key(area.admin1 or "") == name_key(place.admin1 or "-")


def _heads_a_line(texts: list[str], i: int) -> bool:
    """Whether the capitalised words from `i` end in a heading mark: 'Sobane Da: at least 35 killed'."""
    j = i
    while j < len(texts) and j - i < MAX_WORDS and texts[j][:1].isupper():
        j += 1
    return j > i and j < len(texts) and texts[j] in HEADING_MARKS


@dataclass
class _Candidate:
    start: int
    end: int
    key: str
    from_ner: bool
    region_word: bool
    town_word: bool = False
    weak: bool = False
    """No word around it says it is a place: taken only for a country, a region, a team place or a large town."""
    main_only: bool = False
    """Matched by places' own names only, not the alternate names a dump lists ('Google' for Topeka)."""


class PlaceResolver:
    def __init__(self, gazetteer: Gazetteer):
        self.gazetteer = gazetteer
        self.words = word_classes("geo.txt")
        self._fuzzy_names: dict[str, list[str]] = {}
        self.country_keys = {name_key(word) for word in gazetteer.country_words()}

    def _abbreviation(self, text: str) -> bool:
        """'BA', 'MW', 'Sen.': short capitals and dotted abbreviations are places only when they name a country
        ('US', 'U.S.', 'DRC') or a state or province ('Ga.', 'Ont.')."""
        letters = text.replace(".", "")
        short_caps = letters.isalpha() and letters.isupper() and len(letters) <= 3
        if not (short_caps or (text.endswith(".") and len(letters) <= 5)):
            return False
        key = name_key(text)  # 'Ga.', 'Ont.': the style names of states and provinces (data/area_names.tsv) stay
        return key not in self.country_keys and not any(
            p.feature == "A1" for p in self.gazetteer.lookup([key], main_only=True).get(key, ())
        )

    def _person_words(self, doc: Doc) -> set[str]:
        """Words of the people the NER names in full ('Michael Steele'): alone later ('Steele said'), they are the
        person, whatever town shares the name. A 'person' the gazetteer knows as a whole ('Ménaka Region') is not."""
        people = [ent for ent in doc.ents if ent.label_ == "PERSON" and len(ent) > 1]
        places = self.gazetteer.lookup([name_key(ent.text) for ent in people], main_only=True)
        return {t.text for ent in people if name_key(ent.text) not in places for t in ent if t.text[:1].isupper()}

    def _not_a_place(self, doc: Doc, start: int, end: int, person_words: set[str]) -> bool:
        """A span that names no place: no capitalised word ('marijuana'), a lone abbreviation (unless it heads a
        dateline: 'GAO:'), or a person's name without a word before it that only places follow."""
        texts = [t.text for t in doc[start:end]]
        if not any(text[:1].isupper() for text in texts):
            return True
        heads = doc[start].is_sent_start and _heads_a_line([t.text for t in doc[start : end + 1]], 0)
        if len(texts) == 1 and ((self._abbreviation(texts[0]) and not heads) or self.words.is_(texts[0], "area_generic")):
            return True  # 'BA', 'Sen.', 'Central', 'Western': never a place alone
        person = all(text in person_words for text in texts) and name_key(doc[start:end].text) not in self.country_keys
        return person and not self._place_context(doc, start)

    # --- candidates ---------------------------------------------------------------------------
    def _candidates(self, doc: Doc, actors: list[FoundActor], person_words: set[str]) -> list[_Candidate]:
        taken = {i for a in actors for i in range(a.start, a.end)}
        found: list[_Candidate] = []
        ner_tokens: set[int] = set()
        tags = token_tags(doc)
        for ent in doc.ents:
            if ent.label_ in NER_PLACE_LABELS and not taken.intersection(range(ent.start, ent.end)):
                start, end = name_bounds(ent)
                if end - start == 1 and (self.words.is_(doc[start].lower_, "not_place") or tags[start] in CLOSED_CLASS_TAGS):
                    continue
                if end > start and self._not_a_place(doc, start, end, person_words):
                    continue
                if end > start:
                    found.append(_Candidate(start, end, name_key(doc[start:end].text), True, self._region_after(doc, end)))
                    ner_tokens.update(range(ent.start, ent.end))
        # capitalised runs the NER did not mark (read off the words, without a Token object per token)
        texts = token_texts(doc)
        starts = sentence_starts(doc)
        heads = [first and _heads_a_line(texts, i) for i, first in enumerate(starts)]
        capitalised = [
            self._capitalised_text(text) and tag not in CLOSED_CLASS_TAGS
            and (not first or tag in PROPER_NOUN_TAGS or head or (text.isupper() and len(text) > 2))
            for text, tag, first, head in zip(texts, tags, starts, heads)
        ]
        i = 0
        while i < len(doc):
            if i in taken or i in ner_tokens or not capitalised[i]:
                i += 1
                continue
            j = i
            while j < len(doc) and j - i < MAX_WORDS and j not in taken and j not in ner_tokens and (capitalised[j] or (texts[j] in "-'’" and j + 1 < len(doc) and capitalised[j + 1])):
                j += 1
            previous = doc[i - 1].lower_ if i > 0 else ""
            cue = previous and (self.words.is_(previous, "locative") or self.words.is_(previous, "territory_verb"))
            strong_cue = cue or self._in_brackets(doc, i) or self._region_after(doc, j)
            # every capitalised run, and each sub-run ("Gao-Anefis" holds Gao and Anefis); without a cue it is weak
            for first in range(i, j):
                if not capitalised[first]:
                    continue
                for end in range(j, first, -1):
                    if self._not_a_place(doc, first, end, person_words):
                        continue
                    found.append(
                        _Candidate(first, end, name_key(doc[first:end].text), False, self._region_after(doc, end), weak=not strong_cue, main_only=not strong_cue)
                    )
            i = j
        return found

    @staticmethod
    def _in_brackets(doc: Doc, i: int) -> bool:
        """'(Douentza, Mopti)': places that say where the one before lies."""
        if i == 0 or doc[i - 1].text not in ("(", ","):
            return False
        return any(t.text == "(" for t in doc[max(0, i - 6) : i]) and not any(t.text == ")" for t in doc[max(0, i - 6) : i])

    def _capitalised_text(self, text: str) -> bool:
        return text[:1].isupper() and (len(text) > 1 or text == "N") and not self.words.is_(text, "not_place")

    def _place_context(self, doc: Doc, start: int) -> bool:
        """A word before that only places follow: 'in', 'near', 'seized', 'the town of', 'the area of', 'the attack
        on' (not a bare 'of', 'on' or 'and')."""
        before = doc[start - 1].lower_ if start else ""
        if not before:
            return False
        if before in ("of", "on") and start > 1 and (
            self.words.is_(doc[start - 2].lower_, "place_noun") or self.words.is_(doc[start - 2].lower_, "assault_noun")
        ):
            return True
        return self.words.is_(before, "place_preposition") or self.words.is_(before, "territory_verb") or self._town_before(doc, start)

    def _town_before(self, doc: Doc, start: int) -> bool:
        """'the town of Menaka', 'the village of Amba': the populated place, not the cercle of that name."""
        window = doc[max(0, start - 3) : start]
        return any(self.words.is_(t.lower_, "town_word") for t in window)

    def _region_after(self, doc: Doc, end: int) -> bool:
        return end < len(doc) and self.words.is_(doc[end].lower_, "region_word")

    # --- resolution ---------------------------------------------------------------------------
    def __call__(self, doc: Doc, ctx: DocContext, actors: list[FoundActor]) -> list[FoundPlace]:
        """Places in `doc`. Removes from `actors` the unlinked 'organisations' and 'people' that are towns."""
        unlinked = [a for a in actors if a.how == "ner"]
        person_words = self._person_words(doc)
        candidates = self._candidates(doc, [a for a in actors if a.how != "ner"], person_words)
        candidates = [c for c in candidates if not any(a.start < c.end and c.start < a.end for a in unlinked)]
        unlinked_keys: dict[str, list[FoundActor]] = {}
        for actor in unlinked:
            unlinked_keys.setdefault(name_key(doc[actor.start : actor.end].text), []).append(actor)
        region_keys = {f"{c.key} region": c.key for c in candidates if c.region_word}
        # "In Amenas": the NER left the first word of the name outside its span
        for c in [c for c in candidates if c.from_ner and c.start > 0 and doc[c.start - 1].text[:1].isupper()]:
            candidates.append(_Candidate(c.start - 1, c.end, name_key(doc[c.start - 1 : c.end].text), False, c.region_word))
        hits = self.gazetteer.lookup({c.key for c in candidates} | set(unlinked_keys) | set(region_keys))
        main_hits = self.gazetteer.lookup({c.key for c in candidates if c.main_only} | set(unlinked_keys), main_only=True)
        for region_key, key in region_keys.items():  # "the Timbuktu region" is the region named 'Timbuktu Region'
            if region_key in hits:
                hits[key] = hits.get(key, []) + [p for p in hits.pop(region_key) if p not in hits.get(key, [])]
        if ctx.country is None:
            # from names a place cue or the NER marks, not from people's and organisations' names
            ctx.country = self._infer_country([c.key for c in candidates if not c.weak], hits, self.gazetteer.focus)
        if ctx.country is None and len(self.gazetteer.focus) == 1:
            (ctx.country,) = self.gazetteer.focus  # the one country the user loaded places for
        fuzzy_keys: set[str] = set()
        for key, named in unlinked_keys.items():  # NER took a town for a person or an organisation
            for actor in named:
                if self._not_a_place(doc, actor.start, actor.end, person_words):
                    continue
                # a place word before or after ('the Ansongo area'), or brackets around it or just after it ('Farabougou (Niono, Segou)')
                cue = (
                    self._place_context(doc, actor.start) or self._in_brackets(doc, actor.start)
                    or (actor.end < len(doc) and (doc[actor.end].text == "(" or self.words.is_(doc[actor.end].lower_, "place_noun")))
                )
                # by its own name: a country, a region, one of the team's places, a large town, or a sizeable town, an
                # area, or any place of the user's loaded dumps in the article's country; after a place cue, by any
                # name, any town of the article's country or a sizeable one
                known = any(
                    self._sure(p) or p.population >= WEAK_MIN_POPULATION
                    or (p.country == ctx.country and (p.population >= 10_000 or p.feature in ("A1", "A2") or p.country in self.gazetteer.focus))
                    or (cue and (p.country == ctx.country or p.population >= 10_000))
                    for p in (hits if cue else main_hits).get(key, ())
                )
                if not known and cue and actor.end - actor.start == 1:
                    fuzzy = self._fuzzy(doc, actor.start, key, ctx)
                    if fuzzy:
                        hits[key] = fuzzy
                        fuzzy_keys.add(key)
                        known = True
                if known:
                    actors.remove(actor)
                    candidates.append(
                        _Candidate(actor.start, actor.end, key, False, self._region_after(doc, actor.end), main_only=not cue and key not in fuzzy_keys)
                    )
        for candidate in candidates:
            candidate.town_word = self._town_before(doc, candidate.start)
        chosen: list[tuple[_Candidate, list[Place], str]] = []
        used: set[int] = set()
        for candidate in sorted(candidates, key=lambda c: (c.start, -(c.end - c.start))):
            if used.intersection(range(candidate.start, candidate.end)):
                continue
            places = (main_hits if candidate.main_only else hits).get(candidate.key)
            how = "fuzzy" if candidate.key in fuzzy_keys else "gazetteer"
            if not places and candidate.from_ner and _DIRECTION.match(candidate.key):
                # "northern Mali": the country (or region) named, at its own precision
                places = self.gazetteer.lookup([_DIRECTION.sub("", candidate.key)]).get(_DIRECTION.sub("", candidate.key))
            if not places and (candidate.town_word or self._place_context(doc, candidate.start) or self._in_brackets(doc, candidate.start)):
                places, how = self._fuzzy(doc, candidate.start, candidate.key, ctx), "fuzzy"
            if places and candidate.weak:
                places = [
                    p for p in places
                    if self._sure(p) or p.population >= WEAK_MIN_POPULATION or (p.feature == "A1" and p.country == ctx.country)
                ]
            if not places and not candidate.from_ner:
                continue
            chosen.append((candidate, places or [], how))
            used.update(range(candidate.start, candidate.end))
        ctx.countries_named |= {p.country for _, places, _ in chosen for p in places if p.feature == "C" and len(places) == 1 and p.country}
        # "(Ansongo, Gao)" after a village says which cercle and region it lies in: resolve those first and
        # use them to place the village; they are context, not where something happened (precision 3).
        context = [(c, places) for c, places, _ in chosen if places and self._in_brackets(doc, c.start)]
        regions = {name_key(p.admin1) for _, places, _ in chosen for p in places if p.feature == "A1" and p.admin1}
        resolved_context = [max(places, key=lambda p: self._score(p, ctx, [], [], regions, c, True)) for c, places in context]
        anchors = [places[0] for _, places, _ in chosen if len(places) == 1 and places[0].feature != "C"]
        chosen = self._contained(doc, chosen)
        found = []
        for candidate, places, how in chosen:
            if not places:
                found.append(FoundPlace(candidate.start, candidate.end, None, 3, "ner"))
                continue
            in_context = any(candidate is c for c, _ in context)
            score = {id(p): self._score(p, ctx, anchors, resolved_context, regions, candidate, in_context) for p in places}
            ranked = sorted(places, key=lambda p: -score[id(p)])
            best = self._town_of_the_area(ranked, candidate)
            if not in_context and self._contradicts(best, resolved_context, how):
                found.append(FoundPlace(candidate.start, candidate.end, None, 3, "ner"))
                continue
            # the next reading that is another place, not an area the best lies in ('Gao' the town and its region)
            rival = next((p for p in ranked[1:] if not lies_in(best, p) and not _same_area(best, p)), None)
            if not in_context and best is ranked[0] and rival is not None:
                if (
                    best.feature not in ("C", "L", "A1") and best.country != rival.country
                    and score[id(best)] - score[id(rival)] < AMBIGUOUS_MARGIN and distance_km(best, rival) > AMBIGUOUS_KM
                ):
                    # nothing in the text tells these apart: no link (never a far-away town); a name only the
                    # gazetteer took for a place is then no place mention at all
                    if candidate.from_ner:
                        found.append(FoundPlace(candidate.start, candidate.end, None, 3, "ambiguous"))
                    continue
            if how != "contained" and self._far_away_small(best, ctx):
                # a small town abroad nothing in the text points to: not a link (a NER place stays, unlinked)
                if candidate.from_ner:
                    found.append(FoundPlace(candidate.start, candidate.end, None, 3, "abroad"))
                continue
            precision = 3 if in_context else self._precision(doc, candidate, best)
            found.append(FoundPlace(candidate.start, candidate.end, best, precision, "context" if in_context else how))
        return found

    @staticmethod
    def _contained(doc: Doc, chosen: list[tuple[_Candidate, list[Place], str]]) -> list[tuple[_Candidate, list[Place], str]]:
        """'Gainesville, Ga.', 'Kingston, Ont.', 'Gao, Mali': a name, a comma and the area or country it lies in. The
        name's readings narrow to those inside it (how: 'contained'), the area's to those that hold one of them."""
        after = {c.start: (c, places) for c, places, _ in chosen}
        narrowed: dict[int, tuple[list[Place], str]] = {}
        for candidate, places, _ in chosen:
            if candidate.end + 1 not in after or candidate.end >= len(doc) or doc[candidate.end].text != ",":
                continue
            container, areas = after[candidate.end + 1]
            pairs = [(p, a) for p in places for a in areas if a.feature in ("A1", "C") and p is not a and lies_in(p, a)]
            if pairs:
                narrowed[id(candidate)] = ([p for p in places if any(p is q for q, _ in pairs)], "contained")
                narrowed[id(container)] = ([a for a in areas if any(a is b for _, b in pairs)], "contained")
        return [(c, *narrowed.get(id(c), (places, how))) for c, places, how in chosen]

    @staticmethod
    def _town_of_the_area(ranked: list[Place], candidate: _Candidate) -> Place:
        """'Aleppo', 'New York': an area and the town it is named after are one answer; without a region word
        ('the Aleppo governorate') the name means the town."""
        best = ranked[0]
        if best.feature not in ("A1", "A2") or candidate.region_word:
            return best
        town = next((p for p in ranked if p.feature == "P" and p.country == best.country and p.admin1 == best.admin1), None)
        return town or best

    @staticmethod
    def _infer_country(keys: list[str], hits: dict[str, list[Place]], focus: frozenset[str]) -> str | None:
        votes = Counter(code for code in (place_country(hits.get(key, ()), focus) for key in keys) if code)
        ranked = votes.most_common(2)
        if not ranked or (len(ranked) == 2 and ranked[0][1] == ranked[1][1]):
            return None
        return ranked[0][0]

    def _score(
        self, place: Place, ctx: DocContext, anchors: list[Place], context: list[Place], regions: set[str],
        candidate: _Candidate, as_context: bool,
    ) -> float:
        score = _FEATURE_WEIGHT.get(place.feature, 0.5)
        if place.country and place.country == ctx.country:
            score += 3.0
        elif place.country in ctx.countries_named:
            score += 1.0
        if place.country in self.gazetteer.focus:
            score += 1.5
        score += math.log10(place.population + 1) / 3
        if candidate.region_word and place.feature in ("A1", "A2"):
            score += 4.0  # "the Timbuktu region" names the region, not the town
        elif as_context and place.feature in ("A1", "A2"):
            score += 2.5
        if (
            place.admin1 and name_key(place.admin1) in regions and name_key(place.admin1) != candidate.key
            and place.feature not in ("A1", "C") and not candidate.region_word
        ):
            score += 1.5  # in a region the text names (another name's reading, not this one's)
        if name_key(place.name) == candidate.key:
            score += 0.25  # named by its own name, not one of the alternate names a dump lists (less than a kind of place)
        if candidate.town_word and place.feature == "P":
            score += 2.0
        if place.feature not in ("C", "A1", "A2"):
            closest = min((distance_km(c, place) for c in context), default=CONTEXT_KM)
            if closest < CONTEXT_KM:  # the nearer the cercle named beside it, the likelier
                score += 2.0 * (1 - closest / CONTEXT_KM)
            elif any(a is not place and distance_km(a, place) < NEAR_KM for a in anchors):
                score += 1.5
        return score

    @staticmethod
    def _contradicts(place: Place, context: list[Place], how: str) -> bool:
        """The brackets after a name say where it lies; a gazetteer entry elsewhere is another place of that name."""
        if not context or place.feature in ("C", "A1"):
            return False
        regions = {name_key(c.admin1) for c in context if c.feature in ("A1", "A2") and c.admin1}
        if regions and place.admin1 and name_key(place.admin1) not in regions:
            return True
        return how == "fuzzy" and min(distance_km(place, c) for c in context) > CONTEXT_KM

    def _precision(self, doc: Doc, candidate: _Candidate, place: Place) -> int:
        precision = _PRECISION.get(place.feature, 3)
        if precision == 1:
            before = doc[max(0, candidate.start - 4) : candidate.start]
            if any(self.words.is_(t.lower_, "nearby") for t in before):
                return 2
        return precision

    def _far_away_small(self, place: Place, ctx: DocContext) -> bool:
        """A town of fewer than WEAK_MIN_POPULATION people outside the article's countries (its main one and those
        it names), when it has a main one: 'Agare' read as a Japanese village in a note about Gao."""
        countries = {ctx.country, *ctx.countries_named} - {None}
        return bool(countries) and place.country not in countries and not self._sure(place) and (
            place.feature not in ("C", "L", "A1") and place.population < WEAK_MIN_POPULATION
        )

    @staticmethod
    def _sure(place: Place) -> bool:
        """Named without doubt wherever it appears: a country, a continent or macro-region, a place of the team's."""
        return place.feature in ("C", "L") or place.id.startswith("sitroom:")

    def _fuzzy(self, doc: Doc, start: int, key: str, ctx: DocContext) -> list[Place]:
        """A misspelling ('Konno' for Konna), matched loosely, only after a word that says a place follows: a proper
        noun of FUZZY_MIN_LETTERS letters or more, against the places of the article's countries."""
        if sum(c.isalpha() for c in key) < FUZZY_MIN_LETTERS:
            return []
        if doc[start].tag_ not in PROPER_NOUN_TAGS and not doc[start].ent_type_:
            return []
        found: list[Place] = []
        for country in sorted({ctx.country, *ctx.countries_named} - {None}):
            names = self.gazetteer.names_in_country(country)
            if not names:
                continue
            choices = self._fuzzy_names.get(country)
            if choices is None:
                choices = self._fuzzy_names[country] = list(names)
            best = process.extractOne(key, choices, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF)
            if best and best[0][:1] == key[:1] and abs(len(best[0]) - len(key)) <= 2:
                found += [p for p in names[best[0]] if p.feature in ("P", "A1", "A2", "S")]
        return found
