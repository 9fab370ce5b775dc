"""Who acted on whom, read from the dependency parse around a trigger.

Active verbs: the subject acts, the object and the target of 'on'/'against' are acted on. Passive verbs:
the 'by' agent acts, the subject is acted on. Nouns: 'by X', "X's attack", "JNIM attack" give the actor,
'on'/'against' the target, 'between X and Y' both sides; an event noun that is a verb's object ("launched
an attack") takes that verb's subject. A verb with no subject of its own takes the one of the verb it
is joined to ("ambushed a patrol and killed four").
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from ..nlp.state import FoundActor

TARGET_PREPOSITIONS = {"on", "against", "at", "targeting", "upon"}
AGENT_PREPOSITIONS = {"by", "from"}
_CLAUSE_LINKS = {"conj", "xcomp", "advcl", "pcomp"}


@dataclass
class Roles:
    actor1: FoundActor | None = None
    actor2: FoundActor | None = None
    assoc: list[FoundActor] = field(default_factory=list)
    objects: list[Token] = field(default_factory=list)
    """The tokens heading what was acted on (for actors, places or things such as 'the village')."""
    actor1_how: str | None = None
    """The rule that found actor1: 'subject', 'passive-by', 'relative-clause-head', 'joined-verb-subject',
    'between', 'possessor', 'by-agent', 'subject-of-governing-verb'."""
    actor2_how: str | None = None
    """The rule that found actor2: 'object', 'target-preposition', 'with-preposition', 'passive-subject',
    'second-subject', 'between', 'noun-target', 'object-of-governing-verb'."""


class ActorIndex:
    """The actors of a Doc by token, so a subtree's actors are found without scanning them all."""

    def __init__(self, actors: list[FoundActor]):
        self.by_token: dict[int, FoundActor] = {}
        for actor in actors:
            for i in range(actor.start, actor.end):
                self.by_token[i] = actor

    def at(self, token: Token) -> FoundActor | None:
        return self.by_token.get(token.i)

    def in_phrase(self, head: Token, stop: Token | None = None) -> list[FoundActor]:
        """Actors in the subtree of `head` (not inside `stop`'s), the one holding `head` first, then in order."""
        banned = {t.i for t in stop.subtree} if stop is not None else set()
        found: list[FoundActor] = []
        own = self.by_token.get(head.i)
        if own is not None:
            found.append(own)
        for token in head.subtree:
            actor = self.by_token.get(token.i)
            if actor is not None and actor not in found and token.i not in banned:
                found.append(actor)
        # "Dana Ambassagou militiamen": the name before a generic head names who they are
        if found and _generic(found[0]):
            named = next((a for a in found[1:] if not _generic(a) and a.end <= head.i and a.type == "actor"), None)
            if named is not None:
                found.remove(named)
                found.insert(0, named)
        return found


def _generic(actor: FoundActor) -> bool:
    return (actor.actor_id or "").startswith("generic-")


def _conjuncts(token: Token) -> list[Token]:
    return [token, *[t for t in token.conjuncts if t.i > token.i]]


def _first_actor(index: ActorIndex, heads: list[Token], stop: Token | None = None) -> tuple[FoundActor | None, list[FoundActor]]:
    """The actor heading the first of `heads`, and the actors of its conjuncts ('X and Y')."""
    actors: list[FoundActor] = []
    for head in heads:
        for part in _conjuncts(head):
            for actor in index.in_phrase(part, stop)[:1]:
                if actor not in actors:
                    actors.append(actor)
    return (actors[0], actors[1:]) if actors else (None, [])


def _children(token: Token, *deps: str) -> list[Token]:
    return [c for c in token.children if c.dep_ in deps]


def _prep_objects(token: Token, words: set[str]) -> list[Token]:
    """Objects of the prepositions in `words` after `token` ("On 3 May, …" before a verb is a date, not a target)."""
    return [
        o for p in token.children if p.dep_ in ("prep", "agent") and p.i > token.i and p.lower_ in words
        for o in p.children if o.dep_ == "pobj"
    ]


def _subject_of(verb: Token, index: ActorIndex, depth: int = 0) -> tuple[FoundActor | None, list[FoundActor]]:
    return _subject_with_rule(verb, index, depth)[:2]


def _subject_with_rule(verb: Token, index: ActorIndex, depth: int = 0) -> tuple[FoundActor | None, list[FoundActor], str | None]:
    """The actor heading a verb's subject, the others joined to it, and the rule that found them."""
    subjects = _children(verb, "nsubj")
    if subjects:
        return (*_first_actor(index, subjects), "subject" if depth == 0 else "joined-verb-subject")
    if verb.dep_ in ("relcl", "acl") and verb.head.i != verb.i:
        # "militants who attacked the camp": the noun the clause describes
        return (*_first_actor(index, [verb.head], stop=verb), "relative-clause-head")
    if verb.dep_ in _CLAUSE_LINKS and verb.head.i != verb.i and depth < 4:
        head = verb.head
        if head.dep_ == "prep" and head.head.i != head.i:  # "after attacking": the verb the preposition hangs on
            head = head.head
        if any(c.dep_ == "nsubjpass" for c in head.children) and verb.dep_ in ("advcl", "xcomp"):
            return None, [], None  # "soldiers were ambushed, killing …" is not the soldiers killing
        return _subject_with_rule(head, index, depth + 1)
    return None, [], None


def verb_roles(verb: Token, index: ActorIndex) -> Roles:
    roles = Roles()
    passive = bool(_children(verb, "nsubjpass", "auxpass"))
    if passive:
        agents = [o for a in _children(verb, "agent") for o in a.children if o.dep_ == "pobj"]
        roles.actor1, roles.assoc = _first_actor(index, agents)
        roles.actor1_how = "passive-by"
        targets = _children(verb, "nsubjpass")
        target_how = "passive-subject"
    else:
        roles.actor1, roles.assoc, roles.actor1_how = _subject_with_rule(verb, index)
        objects = _children(verb, "dobj", "dative")
        targets = objects + _prep_objects(verb, TARGET_PREPOSITIONS)
        target_how = "object" if objects else "target-preposition"
        # "clashed with the army": the other side
        if not targets:
            targets = _prep_objects(verb, {"with", "between"})
            target_how = "with-preposition"
    roles.objects = targets
    actor2, more = _first_actor(index, targets)
    roles.actor2 = actor2 if actor2 is not roles.actor1 else None
    roles.assoc += [a for a in more if a is not roles.actor1]
    # "X and Y clashed": the second subject is the other side
    if roles.actor2 is None and not passive and roles.assoc and verb.lower_.startswith(("clash", "fought", "fight")):
        roles.actor2 = roles.assoc.pop(0)
        target_how = "second-subject"
    roles.actor1_how = roles.actor1_how if roles.actor1 is not None else None
    roles.actor2_how = target_how if roles.actor2 is not None else None
    return roles


def noun_roles(noun: Token, index: ActorIndex) -> Roles:
    roles = Roles()
    between = _prep_objects(noun, {"between"})
    if between:
        sides, more = _first_actor(index, between)
        roles.actor1 = sides
        roles.actor1_how = "between" if sides is not None else None
        if more:
            roles.actor2, roles.assoc = more[0], more[1:]
            roles.actor2_how = "between"
        return roles
    own = [c for c in noun.children if c.dep_ in ("poss", "compound", "amod", "nmod") and index.at(c)]
    agents = _prep_objects(noun, AGENT_PREPOSITIONS)
    roles.actor1, roles.assoc = _first_actor(index, own + agents)
    roles.actor1_how = ("possessor" if own else "by-agent") if roles.actor1 is not None else None
    targets = [o for c in noun.children if c.dep_ == "acl" for o in c.children if o.dep_ == "dobj"]  # "a strike targeting X"
    targets += _prep_objects(noun, TARGET_PREPOSITIONS | {"of"} if noun.lower_.startswith(("kidnap", "abduct", "massacre", "execution", "assassination", "arrest")) else TARGET_PREPOSITIONS)
    roles.objects = targets
    roles.actor2, more = _first_actor(index, targets)
    roles.actor2_how = "noun-target" if roles.actor2 is not None else None
    roles.assoc += more
    head = noun.head
    if roles.actor1 is None and noun.dep_ in ("dobj", "attr", "pobj") and head.i != noun.i:
        verb = head.head if noun.dep_ == "pobj" and head.dep_ == "prep" else head
        if verb.tag_.startswith("VB"):
            roles.actor1, more = _subject_of(verb, index)
            roles.actor1_how = "subject-of-governing-verb" if roles.actor1 is not None else None
            roles.assoc += more
    if roles.actor2 is None and noun.dep_ in ("nsubj",) and head.i != noun.i:
        # "an ambush near Boni killed four soldiers": the verb's object was hit
        objects = _children(head, "dobj")
        roles.objects = roles.objects or objects
        roles.actor2, more = _first_actor(index, objects)
        roles.actor2_how = "object-of-governing-verb" if roles.actor2 is not None else None
        roles.assoc += more
    if roles.actor2 is roles.actor1:
        roles.actor2, roles.actor2_how = None, None
    return roles


def trigger_head(doc: Doc, start: int, end: int) -> Token:
    """The token of a trigger phrase whose head lies outside it ("blew himself up" -> 'blew')."""
    for token in doc[start:end]:
        if not (start <= token.head.i < end) or token.head.i == token.i:
            return token
    return doc[start]
