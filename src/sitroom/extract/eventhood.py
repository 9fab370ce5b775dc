"""Is a trigger an event that happened at all? One decision per candidate, before roles are read.

A trigger word is not always an event: a weapon named is not a weapon used ("precision missiles", "lay
mines"); nature and accidents kill without an armed actor ("a tsunami killed 222", "a boiler exploded");
another sense of the word ("struck a deal", "fight corruption", "expelled two diplomats", "targeted
officials with sanctions"); a police seizure of contraband; a habit or a kind of event rather than one
("attacks are usually carried out by small cells"; "they lay mines"); a heading or list item that names a
topic ("Car bombs", "* 2007 Bagram Airfield bombing"). Each answer is the name of the rule that said no,
so a rejected candidate can be explained. The words are data (data/eventhood.txt).
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from ..nlp.words import word_classes
from .scene import clause_tokens, is_verb

ACCIDENT = "not-event:natural-or-accidental-cause"
COPULAS = {"be", "is", "are", "was", "were", "been", "being", "'s", "'re", "have", "has", "had"}
CRIME_PRONE = {"looting", "arrest", "territory_taken", "property_destruction"}
"""Classes whose words also tell ordinary crime ("robbed a bank", "detained smugglers"). A killing or a beating
is violence whoever does it: ACLED codes gangs' and bandits' attacks in the countries it covers them."""
CAUSE_DEPS = {"nsubj", "nsubjpass", "pobj", "compound", "conj", "dobj", "ROOT", "appos", "advcl"}
"""Where a cause stands in its sentence: "after a volcano erupted", "in a fire", "a gas leak", "the flood"."""
HEADING_WORDS = 15
LIST_MARKS = "*-•·–#="
"""Bullets and wiki heading marks that may open a line before its words."""
PRESENT_SIMPLE = {"VBZ", "VBP"}
_OBJECT_DEPS = {"dobj", "nsubjpass", "attr", "oprd"}
_ATTRIBUTED_DEPS = {"pobj", "prep", "pcomp", "relcl", "acl", "compound", "conj", "dobj", "amod"}
"""The links from an event word up to the word of blame or credit it is the matter of."""
_SUBJECT_DEPS = {"nsubj", "nsubjpass", "csubj"}


class Eventhood:
    def __init__(self):
        self.words = word_classes("eventhood.txt")

    def is_weapon(self, word: Token) -> bool:
        return not is_verb(word) and self.words.is_(word.lower_, "weapon")

    def why_not(self, head: Token, trigger_words: Span, sentence: Span, part: str, other_violence: bool = False,
                trigger_class: str = "") -> str | None:
        """The rule that says the trigger at `head` is no event, or None when nothing does. `part`: the part of
        the article the sentence is in (title, body, caption or footnote); `other_violence`: the sentence tells
        of violence through another trigger, so a weapon it names is that violence's means."""
        if part == "body" and _heading_like(sentence) and not any(_finite_clause(t) for t in sentence):
            return "not-event:verbless-line"
        if head.dep_ == "amod" and (head.tag_ == "VBN" or head.tag_ == "JJ" and head.lower_.endswith("ed")) and head.head.tag_.startswith("NN"):
            return "not-event:participle-describes"  # "several wounded soldiers", "a fallen dictator's looted arsenals"
        if head.tag_ == "VBG" and head.dep_ in ("csubj", "csubjpass", "nsubj", "nsubjpass") and self._names_an_activity(head):
            return "not-event:gerund-subject"  # "Capturing drones with nets is one of several options": a kind of act
        lower = head.lower_
        if self.is_weapon(head) and not other_violence and not self._weapon_used(head):
            return "not-event:weapon-named-not-used"
        if self._natural_cause(head, trigger_words):
            return ACCIDENT
        if self._other_sense(head):
            return "not-event:other-sense"
        if self.words.is_(lower, "labour_strike") and self._labour(head):
            return "not-event:labour-strike"
        if self.words.is_(lower, "seizing") and self._contraband(head):
            return "not-event:contraband-seized"
        if not is_verb(head) and any(
            c.dep_ == "prep" and c.lower_ == "of" and any(self.words.is_(g.lower_, "kind") for g in c.children) for c in head.children
        ):
            return "not-event:kind-of-event"  # "suicide attacks of the kind the region has been spared"
        if _month_name(head):
            return "not-event:month-name"  # "on 16 March" is a date, not a march
        if trigger_class in CRIME_PRONE and self._crime(head):
            return "not-event:ordinary-crime"
        if self._attribution(head):
            return "not-event:attribution-talk"
        if part != "title" and not _headline(sentence) and self._habitual(head):
            return "not-event:habitual"
        return None

    def judging(self, word: str) -> bool:
        """A word that judges or places an event already told ("this cowardly attack", "the latest bombing")."""
        return self.words.is_(word, "judging")

    def reaction_to(self, noun: Token) -> bool:
        """The event noun is what someone reacts to ("condemns this cowardly attack", "responded to the
        bombing", "frustration about Saturday's attack", "searches related to the attacks"): the sentence is
        about the reaction, not another telling of the event."""
        token = noun
        for _ in range(3):
            if token.head.i == token.i:
                return False
            token = token.head
            if self.words.is_(token.lower_, "reaction"):
                return True
            if token.dep_ not in ("prep", "pobj", "dobj") and not token.tag_.startswith("IN"):
                return self.words.is_(token.lower_, "reaction")
        return False

    def background(self, head: Token) -> str | None:
        """The rule that says an undated event is background history rather than news of the report's week
        ("the rebels had seized Gao", "attacks that once terrorised the north", "a plot hatched years
        ago"), or None. Background keeps no date: it must not take the report's."""
        verb = head if is_verb(head) else _governing_verb(head)
        for _ in range(4):  # "MUJAO had enforced its law, carrying out punishments including amputations"
            if verb is None:
                break
            if verb.tag_ == "VBN" and any(c.dep_ == "aux" and c.lower_ in ("had", "'d") for c in verb.children):
                return "background:past-perfect"
            if verb.dep_ not in ("advcl", "xcomp", "conj", "prep", "acl") or verb.tag_ not in ("VBG", "VBN", "VB"):
                break
            verb = verb.head if is_verb(verb.head) else _governing_verb(verb.head)
        clause = clause_tokens(head)
        doc = head.doc
        word = next((doc[i].lower_ for i in sorted(clause) if self.words.is_(doc[i].lower_, "background")), None)
        return f"background:{word}" if word else None

    # --- the rules ------------------------------------------------------------------------------
    def _weapon_used(self, noun: Token) -> bool:
        """The weapon does something ("rockets slammed into the town"), is fired, dropped or set off ("fired
        mortars", "chlorine munitions were dropped"), or is the means of harm ("killed by a mine", "a grenade
        explosion"). A weapon that is only there ("these are precision missiles", "rocket fuel") is not used."""
        while noun.head.i != noun.i and (
            noun.dep_ in ("conj", "appos")
            or noun.dep_ in ("compound", "npadvmod", "amod", "nmod") and self._weapon_phrase(noun.head)
        ):
            noun = noun.head  # "guns and mortars", "chlorine gas", "rocket-propelled grenades"; not "mines minister"
        if self.words.is_(noun.lower_, "weapon_use") or noun.dep_ in ("nsubj", "nsubjpass") and noun.head.lower_ not in COPULAS:
            return True  # "mortar/rocket fire", "a grenade explosion": the phrase names the weapon's use
        governors = [noun.head, noun.head.head] if noun.dep_ == "pobj" else [noun.head]
        governors += [c for c in noun.head.children if c.dep_ == "xcomp"]  # "the bombs began to explode"
        if any(self.words.is_(word.lower_, "weapon_use") for word in governors):
            return True
        if any(c.dep_ in ("amod", "compound") and self.words.is_(c.lower_, "weapon_use") for c in noun.children):
            return True  # "a fired rocket"
        return noun.dep_ == "ROOT" and any(self.words.is_(t.lower_, "weapon_use") for t in noun.subtree)

    def _weapon_phrase(self, word: Token) -> bool:
        """A word that may head a weapon's phrase: another weapon, a use of one ("a grenade explosion") or
        the participle between ("rocket-propelled")."""
        return word.tag_ in ("VBN", "VBD") or any(self.words.is_(word.lower_, kind) for kind in ("weapon", "weapon_part", "weapon_use"))

    def _natural_cause(self, head: Token, trigger_words: Span) -> bool:
        """The harm's cause is nature, fire, an accident or a disease, or what exploded is plant equipment: as
        the trigger's own agent ("a tsunami killed 222", "a boiler exploded"), or, when the trigger names no
        agent of its own, anywhere in its sentence ("five were killed after a volcano erupted")."""
        words = self.words
        agents = [c for c in head.children if c.dep_ in ("nsubj", "compound", "amod")]
        agents += [g for c in head.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
        if not is_verb(head) and head.dep_ in _SUBJECT_DEPS:
            agents.append(head.head)
        for agent in agents:
            phrase = list(agent.subtree) if agent.i != head.head.i else [agent]  # "a second wave of flood hit Kelantan"
            if any((words.is_(t.lower_, "natural_cause") or words.is_(t.lower_, "fire")) and t.tag_ not in ("NNP", "NNPS") for t in phrase):
                return True
            if _explosion(trigger_words) and any(words.is_(t.lower_, "accident_object") for t in agent.subtree):
                return True
        own_agent = [a for a in agents if a.dep_ in ("nsubj", "pobj") and a.ent_type_ in ("PERSON", "ORG", "NORP", "GPE")]
        if own_agent or not any(words.is_(t.lower_, "harm") for t in trigger_words):
            return False
        sentence = head.sent
        common = [t for t in sentence if t.dep_ in CAUSE_DEPS and t.tag_ not in ("NNP", "NNPS")]  # not "the Storm Corps"
        causes = [t for t in common if words.is_(t.lower_, "natural_cause")]
        blasts = [c for c in head.children if c.dep_ == "nsubj" and _explosion(c)]  # "two explosions hit the city"
        if _explosion(trigger_words) or blasts:
            causes += [t for t in common if words.is_(t.lower_, "accident_object")]
        subjects = [c for c in head.children if c.dep_ == "nsubj" and c not in blasts and not words.is_(c.lower_, "natural_cause")]
        return bool(causes) and not subjects

    def _other_sense(self, head: Token) -> bool:
        """The trigger's object (or passive subject, or what it acts 'with' or 'on') is a plan, a deal, a
        policy aim or diplomats, or a verb of striking stands in a sentence of sanctions: another sense."""
        words = self.words
        objects = [c for c in head.children if c.dep_ in _OBJECT_DEPS]
        objects += [g for c in head.children if c.dep_ == "prep" and c.lower_ in ("with", "of", "on") for g in c.children if g.dep_ == "pobj"]
        if is_verb(head) and head.dep_ == "xcomp":
            objects += [c for c in head.head.children if c.dep_ == "nsubjpass"]
        objects += [c for o in objects for c in o.children if c.dep_ == "compound"]  # "two embassy staff members"
        if any(words.is_(o.lower_, "abstract_object") for o in objects):
            return True
        if head.dep_ == "acl":
            objects.append(head.head)  # "Russian diplomats expelled by the US"
        if words.is_(head.lower_, "expel") and any(words.is_(o.lower_, "expelled_people") for o in objects):
            return True
        aims = [g for c in head.children if c.dep_ in ("xcomp", "acl") for g in c.children if g.dep_ == "dobj"]
        aims += [g for c in head.children if c.dep_ == "prep" and c.lower_ == "against" for g in c.children if g.dep_ == "pobj"]
        if words.is_(head.lower_, "fight") and any(words.is_(o.lower_, "natural_cause") or words.is_(o.lower_, "fire") for o in aims):
            return True  # "the battle to contain the wildfires", "fighting against the virus"
        return words.is_(head.lower_, "measure_verb") and any(words.is_(t.lower_, "economic_measure") for t in head.sent)

    def _attribution(self, head: Token) -> bool:
        """Talk of who did an event ("claimed responsibility for the attack", "denied involvement in the
        bombing", "accused Iran of bombing Damascus", "takes credit for the suicide bomb that killed dozens")
        names the event as known; it is the claim or the denial that is new, not the event."""
        token = head
        for _ in range(5):
            if token.head.i == token.i or token.dep_ not in _ATTRIBUTED_DEPS:
                return False
            came_from, token = token, token.head
            if self.words.is_(token.lower_, "attribution"):
                return True
            if came_from.dep_ == "prep" and any(c.dep_ == "dobj" and self.words.is_(c.lower_, "attribution") for c in token.children):
                return True  # "takes credit for the bomb": the parse hangs 'for' on the verb
        return False

    def _names_an_activity(self, gerund: Token) -> bool:
        """A gerund subject of a present or perfect verb names a kind of act ("Capturing drones is one option",
        "Kidnapping for ransom has given AQIM an income") unless the verb tells that it happens ("fighting
        went on into Thursday", "fighting has spread to Gao")."""
        verb = gerund.head
        if self.words.is_(verb.lower_, "happening"):
            return False
        return verb.tag_ in PRESENT_SIMPLE or verb.lower_ in COPULAS or any(
            c.dep_ == "aux" and c.tag_ in PRESENT_SIMPLE for c in verb.children
        )

    def _crime(self, head: Token) -> bool:
        """Robbery, theft, smuggling, counterfeit money or drugs: ordinary crime in the trigger's clause with no
        armed men in the sentence, which ACLED and sitroom leave to the police blotter."""
        words = [t.lower_ for t in head.sent]
        if any(self.words.is_(w, "armed") for w in words):
            return False  # "unknown gunmen robbed the mayor": armed men's robbery is what ACLED codes as looting
        return any(self.words.is_(head.doc[i].lower_, "crime") or self.words.is_(head.doc[i].lower_, "contraband") for i in clause_tokens(head))

    def _labour(self, head: Token) -> bool:
        """'striking transporters', 'the strike of drivers', 'a general strike': a stoppage of work."""
        if head.dep_ == "amod":
            return True
        near = [*head.children, *(g for c in head.children if c.dep_ == "prep" for g in c.children)]
        return any(self.words.is_(t.lower_, "workers") for t in [*near, *head.subtree])

    def _contraband(self, head: Token) -> bool:
        things = [t for t in head.subtree if t.i > head.i] + [c for c in head.children if c.dep_ == "nsubjpass"]
        return any(self.words.is_(t.lower_, "contraband") for t in things)

    def _habitual(self, head: Token) -> bool:
        """A habit or a kind of event told in the present simple with no time of its own: "they lay mines",
        "attacks are usually carried out by small cells", "insurgents who continue to ambush". The present
        progressive ("are attacking") and the perfect ("have attacked") tell events; so does any past tense."""
        if not is_verb(head):
            return False  # a bare event noun as the subject of a present verb is extract.events._generic_noun's
        verb = head
        if verb.dep_ == "xcomp" and self.words.is_(verb.head.lower_, "habitual") and verb.head.tag_ in PRESENT_SIMPLE:
            return True  # "continue to ambush", "tend to strike"
        auxiliaries = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
        if auxiliaries:
            present = len(auxiliaries) == 1 and auxiliaries[0].dep_ == "auxpass" and auxiliaries[0].tag_ in PRESENT_SIMPLE
        else:
            present = verb.tag_ in PRESENT_SIMPLE
        if not present:
            return False
        doc = head.doc
        return not any(doc[i].ent_type_ in ("DATE", "TIME") for i in clause_tokens(head))


def _finite_clause(token: Token) -> bool:
    """A verb with a subject ("she was arrested", "7 militants killed in blasts"): what a heading like
    "Collapsed ceasefire" or a list item like "2007 Bagram Airfield bombing" lacks."""
    return (token.tag_.startswith("VB") or token.tag_ == "MD") and any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in token.children)


def _governing_verb(noun: Token) -> Token | None:
    token = noun
    for _ in range(4):
        if token.head.i == token.i:
            return None
        token = token.head
        if is_verb(token):
            return token
    return None


def _heading_like(sentence: Span) -> bool:
    """A short line of its own with no full stop, among other lines: a heading, a list item or a caption's
    label (a text of one line, such as a coder's note, is not a heading). Read by looking at the characters
    next to the line, not by copying the text around it: this runs for every candidate."""
    words = [t for t in sentence if not t.is_space]
    if not words or len(words) > HEADING_WORDS or words[-1].text in (".", "!", "?", "…"):
        return False
    text = sentence.doc.text
    opening = _back_over(text, _back_over(text, _back_over(text, words[0].idx, " \t"), LIST_MARKS), " \t")
    closing = words[-1].idx + len(words[-1])
    while closing < len(text) and text[closing] in " \t":
        closing += 1
    if opening and text[opening - 1] != "\n" or closing < len(text) and text[closing] != "\n":
        return False
    return bool(text[:opening].strip() or text[closing:].strip()) or "\n" in text[opening:closing]


def _back_over(text: str, end: int, characters: str) -> int:
    """Where a run of `characters` ending at `end` starts."""
    while end and text[end - 1] in characters:
        end -= 1
    return end


def _month_name(token: Token) -> bool:
    """'March' or 'May' beside a day number: a date the time reader did not take."""
    if not token.text[:1].isupper() or token.lower_ not in ("march", "may"):
        return False
    doc = token.doc
    near = [doc[i] for i in (token.i - 1, token.i + 1) if 0 <= i < len(doc)]
    return any(t.like_num for t in near)


def _headline(sentence: Span) -> bool:
    """The text's first line, or a line with no full stop: headlines tell past events in the present."""
    return sentence.start == 0 or _heading_like(sentence)


def _explosion(words: Span | Token) -> bool:
    return any(t.lower_.startswith(("explo", "blast", "blew", "burn")) for t in ([words] if isinstance(words, Token) else words))
