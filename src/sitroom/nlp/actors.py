"""Actor and person mentions: aliases from the knowledge base (phrase matching), then the organisations
and people spaCy's NER finds that the knowledge base lacks (kept, unlinked), then bare surnames of people
already named in full.
"""

from __future__ import annotations

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc
from spacy.util import filter_spans

from ..kb.actors import ActorKB, is_acronym
from .spans import name_bounds
from .state import FoundActor

NER_ACTOR_LABELS = {"ORG": "actor", "PERSON": "person"}


class ActorFinder:
    def __init__(self, nlp, kb: ActorKB):
        self.kb = kb
        self.strings = nlp.vocab.strings
        """The matchers' own strings: a Doc from another vocabulary (a stored parse) does not hold the ids."""
        self.exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.folded = PhraseMatcher(nlp.vocab, attr="LOWER")
        by_actor: dict[str, tuple[list, list]] = {}
        # make_doc per alias would be slow for thousands; the tokenizer's pipe is the same tokenization
        aliases = kb.aliases()
        docs = list(nlp.tokenizer.pipe(alias for alias, _ in aliases))
        for (alias, actor_id), alias_doc in zip(aliases, docs):
            exact, folded = by_actor.setdefault(actor_id, ([], []))
            (exact if is_acronym(alias) else folded).append(alias_doc)
        self.cased_aliases = {alias.casefold() for alias, _ in aliases if not alias.islower() and not is_acronym(alias)}
        for actor_id, (exact, folded) in by_actor.items():
            if exact:
                self.exact.add(actor_id, exact)
            if folded:
                self.folded.add(actor_id, folded)

    def __call__(self, doc: Doc) -> list[FoundActor]:
        spans = []
        for match_id, start, end in [*self.exact(doc), *self.folded(doc)]:
            span = doc[start:end]
            # 'Platform' the coalition, not 'platform' the word: a capitalised alias wants a capital
            if span.text.islower() and span.text.casefold() in self.cased_aliases:
                continue
            span.label_ = self.strings[match_id]
            spans.append(span)
        found = []
        taken = set()
        for span in filter_spans(spans):
            actor = self.kb.actors[span.label_]
            found.append(FoundActor(span.start, span.end, "person" if actor.kind == "person" else "actor", actor.id, "alias"))
            taken.update(range(span.start, span.end))
        for ent in doc.ents:
            kind = NER_ACTOR_LABELS.get(ent.label_)
            if not kind or taken.intersection(range(ent.start, ent.end)):
                continue
            start, end = name_bounds(ent)
            if end <= start:
                continue
            actor = self.kb.resolve(doc[start:end].text)
            if actor:
                kind = "person" if actor.kind == "person" else "actor"
            found.append(FoundActor(start, end, kind, actor.id if actor else None, "alias" if actor else "ner"))
            taken.update(range(start, end))
        found += self._surnames(doc, found, taken)
        return sorted(found, key=lambda f: f.start)

    def _surnames(self, doc: Doc, found: list[FoundActor], taken: set[int]) -> list[FoundActor]:
        """'Hamaha said' after 'Oumar Ould Hamaha': the same person, when no other person shares the surname."""
        owners: dict[str, set[str | None]] = {}
        first_at: dict[str, int] = {}
        for mention in found:
            if mention.type == "person" and mention.end - mention.start >= 2:
                surname = doc[mention.end - 1].text
                owners.setdefault(surname, set()).add(mention.actor_id or doc[mention.start : mention.end].text)
                first_at.setdefault(surname, mention.end)
        for mention in found:  # NER found the bare surname itself: give it the full name's link
            owner = owners.get(doc[mention.start].text) if mention.end - mention.start == 1 else None
            if owner and len(owner) == 1 and mention.type == "person" and mention.actor_id is None:
                (actor_id,) = owner
                if actor_id in self.kb.actors and mention.start >= first_at[doc[mention.start].text]:
                    mention.actor_id, mention.how = actor_id, "surname"
        more = []
        for token in doc:
            owner = owners.get(token.text)
            if owner and len(owner) == 1 and token.i not in taken and token.i >= first_at[token.text] and token.text[:1].isupper():
                (actor_id,) = owner
                linked = actor_id if actor_id in self.kb.actors else None
                more.append(FoundActor(token.i, token.i + 1, "person", linked, "surname"))
        return more
