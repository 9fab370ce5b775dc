"""Events from an annotated Doc: a trigger, its class refined by the words around it, who acted on whom,
where and when, how many died, and how sure the text is that it happened.

Reads what the language layer found in the Doc (actors, places, times, clauses' modality) and returns
plain `FoundEvent`s, each with the ids of the rules that gave its fields (`how`); the annotator turns them
into `sitroom.model.Event` records. Knowledge (trigger words, class refinements, ACLED's types) is in data
files; see docs/events.md for the rules.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from ..kb.actors import ActorKB
from ..nlp.factuality import FactualityModel
from ..nlp.modality import HISTORICAL_AFTER, STRENGTH
from ..nlp.state import DocContext, FoundActor, FoundClause, FoundPlace, FoundTime
from ..nlp.words import word_classes
from .eventhood import Eventhood
from .fatalities import DeathCount, count_deaths, death_words, no_deaths
from .roles import ActorIndex, Roles, noun_roles, trigger_head, verb_roles
from .scene import NEIGHBOUR_SENTENCES, Scene, clause_tokens, is_verb, part_at
from .triggers import Trigger, trigger_finder
from .vocabulary import EventClasses, event_classes

UNIDENTIFIED = "generic-unidentified-armed-group"
CIVILIANS = "generic-civilians"
STATE_FORCES = "generic-state-forces"
VIOLENT = event_classes().violent
"""The shipped table's violent classes, for readers without a table of their own; the per-class facts
(violent, armed_only, explosive, conquest, specificity, crowd_actor) and the harm words and happened
modalities are columns and sections of data/event_classes.tsv, read through `EventFinder.classes`."""
ARMED_INTER = {1, 2, 3, 4, 8}
MAX_SENTENCE_TOKENS = 300
"""Longer "sentences" are lists or tables run together: their parse says nothing of who did what."""
NESTED_CLAUSES = {"relcl", "advcl", "ccomp"}
OTHER_TIME_PREPOSITIONS = {"after", "before", "following", "since", "until"}
"""A phrase dating an event by another happening ("fell after clashes") does not refine it; "during the
protest" and "amid the riot" set its scene and do."""
ACCIDENT_REFUSAL = "not-event:natural-or-accidental-cause"
MODEL_MODALITY = {"uncertain": "hypothetical", "negated": "negated"}
"""The factuality model's classes that overrule a clause the cue rules left asserted or reported."""
MODEL_OVERRULES_AT = 0.9
"""The model's probability at which it overrules the rules' 'asserted'. The rules' cues are precise, the
model's guesses less so: at 0.8 it overruled UW dev's predicates 173 times and was right 40% of them, and
WikiEvents dev lost true events (recall 0.746 -> 0.737) for no precision gained."""
SEPARATE_PREPOSITIONS = {"after", "before", "following", "during", "amid", "since", "until", "despite"}


@dataclass
class FoundEvent:
    event_class: str
    event_type: str
    sub_event_type: str
    trigger: tuple[int, int]
    sentence: Span
    actor1: str | None
    actor2: str | None
    assoc: list[str]
    place: FoundPlace | None
    place_how: str | None
    place_precision: int | None
    time: FoundTime | None
    time_how: str
    deaths: DeathCount | None
    modality: str
    cues: list[str]
    confidence: float
    civilians_named: bool = False
    """The text names civilians as the target ("killed two civilians"), not only a place ("the village")."""
    retold: list[Span] = field(default_factory=list)
    """Other sentences that tell this event: its toll given later, "the attack" again, the lede after the headline."""
    how: dict[str, str] = field(default_factory=dict)
    """Field -> the rule that gave it: 'trigger' (event_triggers.txt:LINE), 'class', 'type', 'actor1', 'actor2',
    'place', 'date', 'modality', 'fatalities' (see sitroom.model.Event.how)."""


class EventFinder:
    def __init__(self, actors: ActorKB, gazetteer=None, classes: EventClasses | None = None):
        self.kb = actors
        self.gazetteer = gazetteer
        self.classes = classes if classes is not None else event_classes()
        """The event class table (data/event_classes.tsv of the knowledge folder), e.g. `Knowledge.event_classes`."""
        self.triggers = trigger_finder(self.classes.data_dir)
        self.eventhood = Eventhood()
        self.factuality = FactualityModel.load()

    # --- the whole Doc ----------------------------------------------------------------------------
    def __call__(self, doc: Doc, context: DocContext, actors: list[FoundActor], places: list[FoundPlace],
                 times: list[FoundTime], clauses: list[FoundClause]) -> list[FoundEvent]:
        index = ActorIndex(actors)
        # a crowd's own name names its event ("protesters gathered in Bamako"), so it stays a trigger
        skip = {i for i, a in index.by_token.items() if not (a.actor_id or "").startswith(self.classes.crowd_actors)}
        place_tokens = {i: p for p in places for i in range(p.start, p.end)}
        skip.update(place_tokens)
        for t in times:
            span = doc.char_span(t.start_char, t.end_char, alignment_mode="expand")
            if span is not None:
                skip.update(range(span.start, span.end))
        clause_by_verb = {c.verb: c for c in clauses}
        sentences = list(doc.sents)
        sentence_of = {}
        for n, sent in enumerate(sentences):
            for token in sent:
                sentence_of[token.i] = n
        first_place = next((p for p in places if p.place is not None), None)
        by_sentence: dict[int, list[Trigger]] = {}
        for trigger in self.triggers(doc, skip):
            by_sentence.setdefault(sentence_of[trigger.start], []).append(trigger)
        events: list[FoundEvent] = []
        accidents: set[int] = set()
        """Sentences whose harm was found to come from nature or an accident: the toll after one is its toll."""
        for n, triggers in sorted(by_sentence.items()):
            scene = Scene(doc, sentences, n, index, places, times, clause_by_verb, context, first_place)
            if any(n - k <= NEIGHBOUR_SENTENCES for k in accidents if k < n) and self._after_accident(scene, triggers):
                continue  # "A boiler exploded at the plant. Four workers were injured." / "The explosion occurred at ..."
            if scene._part(scene.sentence.start_char) == "footnote":
                continue  # a footnote cites background (a source's title, a date); it reports no event of its own
            if len(scene.sentence) > MAX_SENTENCE_TOKENS:
                context.notes.append(
                    f"a sentence of {len(scene.sentence):,} tokens at character {scene.sentence.start_char:,} was not read for events"
                    " (a list or table flattened into text?)"
                )
                continue
            events.extend(self._sentence_events(scene, triggers, events))
            if ACCIDENT_REFUSAL in scene.refusals:
                accidents.add(n)
        self._fought_back(doc, events, sentences, index)
        _harmless_attacks(events, self.classes.harm_words)
        self._complex_attacks(events)
        return _merge_repeats(events, context, self.classes.happened)

    def _after_accident(self, scene: Scene, triggers: list[Trigger]) -> bool:
        """A sentence after an accident that only counts its harm ("Four people were injured") or names it
        again ("The explosion occurred at the plant"), with no one acting, tells of that accident."""
        doc = scene.doc
        for trigger in triggers:
            head = trigger_head(doc, trigger.start, trigger.end)
            if not (trigger.consequence or _refers_back(head, self.eventhood.judging)):
                return False
            if (verb_roles(head, scene.index) if is_verb(head) else noun_roles(head, scene.index)).actor1 is not None:
                return False
        return True

    def _complex_attacks(self, events: list[FoundEvent]) -> None:
        """An explosion that opens a fight ("a complex ambush initiated by an IED detonation") ranks below the
        fight it opened: ACLED codes the battle."""
        fights = {id(e.sentence.doc): [] for e in events}
        for event in events:
            if event.event_class in ("attack", "armed_clash"):
                fights[id(event.sentence.doc)].append(event.sentence.start)
        for event in events:
            if event.event_class in self.classes.explosive and event.sentence.start in fights[id(event.sentence.doc)] and any(
                self.triggers.words.is_(t.lower_, "complex_attack") for t in event.sentence
            ):
                event.confidence = round(max(0.05, event.confidence - 0.2), 2)

    def _fought_back(self, doc: Doc, events: list[FoundEvent], sentences: list[Span], index: ActorIndex) -> None:
        """An attack on civilians whose targets fought back ("Village self-defense repelled the attack") is, for
        ACLED, an armed clash: look for a response in the rest of its sentence and the next two."""
        starts = [s.start for s in sentences]
        for event in events:
            if self.classes[event.event_class].event_type != "by target" or event.event_type == "Battles" or event.civilians_named:
                continue  # civilians the text names as the targets stay the targets, whoever fought afterwards
            n = bisect.bisect_right(starts, event.sentence.start) - 1
            end = sentences[min(n + NEIGHBOUR_SENTENCES, len(sentences) - 1)].end
            window = doc[event.trigger[1] : end]
            if any(self.triggers.words.is_(t.lower_, "armed_response") for t in window):
                event.event_type, event.sub_event_type = "Battles", "Armed clash"
                event.how["type"] = f"fought-back {self.triggers.words.rule(next(t.lower_ for t in window if self.triggers.words.is_(t.lower_, 'armed_response')), 'armed_response')}"
                if event.actor2 is None or event.actor2.startswith(CIVILIANS):
                    # the side that fought back is the other party: "Dogon militiamen defending the village"
                    defenders = [index.by_token[t.i] for t in window if t.i in index.by_token]
                    event.actor2 = next((a.actor_id for a in defenders if a.actor_id and a.actor_id not in (event.actor1, UNIDENTIFIED)
                                         and self._inter(a.actor_id) in ARMED_INTER), None)
                    event.how["actor2"] = "fought-back-defender" if event.actor2 else "fought-back-none"

    # --- one sentence ---------------------------------------------------------------------------
    def _sentence_events(self, scene: Scene, triggers: list[Trigger], earlier: list[FoundEvent]) -> list[FoundEvent]:
        doc = scene.doc
        heads = {id(t): trigger_head(doc, t.start, t.end) for t in triggers}
        main = [t for t in triggers if not t.consequence]
        if not main and self._toll_of_earlier(scene, triggers, heads, earlier):
            return []
        # a death word with no violent event to join ("gunmen killed a chief"; "killed 134 villagers and burned
        # their huts") is an attack of its own
        violent, conquest = self.classes.violent, self.classes.conquest
        if not any(t.event_class in violent and t.event_class not in conquest for t in main):
            main = sorted(main + [t for t in triggers if t.consequence][:1], key=lambda t: t.start)
        # a trigger inside another violent trigger's phrase is the same event ("attacked the camp with mortars")
        kept: list[Trigger] = []
        for trigger in main:
            head = heads[id(trigger)]
            host = next(
                (k for k in kept if k.event_class in violent and trigger.event_class in violent and _detail_of(head, heads[id(k)])),
                None,
            )
            if host is None:
                host = next(
                    (k for k in main if k is not trigger and k.event_class in violent and trigger.event_class in violent
                     and _detail_of(head, heads[id(k)])),
                    None,
                )
                if host is not None and host not in kept:
                    host = None  # the host comes later in the list; it will absorb this one when it is kept
            if host is None:
                kept.append(trigger)
            elif host.event_class in conquest and self.eventhood.is_weapon(head) and _taken_thing(head, heads[id(host)]):
                # "seized 29 grenade launchers": the weapons are what was taken, and taking them disrupts their use
                disrupted = Trigger("disrupted_weapons_use", host.start, host.end, host.consequence, f"{host.rule} weapons-taken {trigger.rule}")
                heads[id(disrupted)] = heads[id(host)]
                kept[kept.index(host)] = disrupted
            elif host.event_class == "attack" and trigger.event_class in self.classes.explosive and any(
                self.triggers.words.is_(t.lower_, "complex_attack") for t in scene.sentence
            ):
                pass  # "a complex ambush initiated by an IED" stays an ambush
            elif self.classes.specificity(host.event_class) < self.classes.specificity(trigger.event_class):
                sharper = Trigger(trigger.event_class, host.start, host.end, host.consequence, f"{host.rule} sharpened-by {trigger.rule}")
                heads[id(sharper)] = heads[id(host)]
                kept[kept.index(host)] = sharper
        previous = self._recent_violent(scene, earlier)
        reacted = {id(t) for t in kept if not is_verb(heads[id(t)]) and self.eventhood.reaction_to(heads[id(t)])}
        for trigger in [t for t in kept if id(t) in reacted or _refers_back(heads[id(t)], self.eventhood.judging)]:
            # "Three Dogon men were killed in the attack", "condemned the coup", "claimed responsibility for the
            # bombing": a definite event noun with nothing new of its own, or the matter of a reaction ("condemns
            # this cowardly attack on the patrol"), points back at an event already told
            referent = previous if previous is not None and trigger.event_class in violent else next(
                (e for e in reversed(earlier) if e.event_class == trigger.event_class
                 or (trigger.event_class in violent and e.event_class in violent and e.modality in self.classes.happened)), None)
            if referent is not None:
                kept.remove(trigger)
                if id(trigger) not in reacted:
                    referent.retold.append(scene.sentence)  # a reaction ("condemned the attack") does not tell it again
        deaths_for: dict[int, set[int]] = {id(t): set() for t in kept}
        orphans: set[int] = set()
        for word in death_words(scene.sentence):
            owner = _owner(word, [k for k in kept if k.event_class in violent and k.event_class not in conquest], heads)
            if owner is None and previous is not None and not _subjects(word):
                orphans.add(word.i)  # "Four people were killed, and livestock seized": the toll of the attack before
                continue
            owner = owner or _owner(word, kept, heads)
            if owner is not None:
                deaths_for[id(owner)].add(word.i)
        if orphans and previous is not None:
            previous.retold.append(scene.sentence)
        if orphans and previous is not None and (previous.deaths is None or previous.deaths.low == 0):
            counted = count_deaths(scene.sentence, orphans)
            previous.deaths = counted or previous.deaths
            if counted:
                previous.how["fatalities"] = "toll-in-later-sentence"
        events = []
        for trigger in kept:
            others = any(
                t is not trigger and not self.eventhood.is_weapon(doc[t.start])
                and (t.event_class in violent and t.event_class not in conquest or t.consequence) for t in triggers
            )
            event = self._event(scene, trigger, heads[id(trigger)], deaths_for[id(trigger)], others)
            if event is not None:
                events.append(event)
        return events

    def _recent_violent(self, scene: Scene, earlier: list[FoundEvent]) -> FoundEvent | None:
        """The last violent event of the previous sentences of the same part, within reach of a back-reference."""
        for event in reversed(earlier):
            n = scene.sentences.index(event.sentence)
            if n == scene.n:
                continue
            if scene.n - n > NEIGHBOUR_SENTENCES or scene._part(event.sentence.start_char) != scene._part(scene.sentence.start_char):
                return None
            if event.event_class in self.classes.violent:
                return event
        return None

    def _toll_of_earlier(self, scene: Scene, triggers: list[Trigger], heads: dict[int, Token], earlier: list[FoundEvent]) -> bool:
        """A sentence that only counts the dead with no one named as killing them ("Three soldiers were killed")
        gives the toll of the event just before it, not a new event. Returns whether it did."""
        if not earlier or scene.n - scene.sentences.index(earlier[-1].sentence) > NEIGHBOUR_SENTENCES:
            return False
        previous = earlier[-1]
        if scene._part(previous.sentence.start_char) != scene._part(scene.sentence.start_char):
            return False
        for trigger in triggers:
            head = heads[id(trigger)]
            if (verb_roles(head, scene.index) if is_verb(head) else noun_roles(head, scene.index)).actor1 is not None:
                return False
        deaths = count_deaths(scene.sentence)
        if deaths is not None and (previous.deaths is None or previous.deaths.low == 0):
            previous.deaths = deaths
            previous.how["fatalities"] = "toll-of-earlier-event"
        previous.retold.append(scene.sentence)
        return True

    def _event(self, scene: Scene, trigger: Trigger, head: Token, death_tokens: set[int], other_violence: bool = False) -> FoundEvent | None:
        """The event `trigger` tells, or None when it tells none; `other_violence`: another violent trigger
        stands in the sentence (a weapon named beside it is the means of that violence)."""
        doc = scene.doc
        roles = verb_roles(head, scene.index) if is_verb(head) else noun_roles(head, scene.index)
        crowd = scene.index.at(head)
        if crowd is not None and (crowd.actor_id or "").startswith(self.classes.crowd_actors):
            if head.dep_ not in ("nsubj", "nsubjpass"):
                return None  # "ordered to shoot at demonstrators": the crowd is named, its protest is not
            if roles.actor1 is None:
                roles.actor1, roles.actor1_how = crowd, "crowd-named-as-trigger"
        if not is_verb(head) and head.dep_ in ("compound", "amod", "nmod") and self.triggers.words.is_(head.head.lower_, "describes"):
            return None  # "the coup leaders", "attack helicopters": the event word describes something else
        if not is_verb(head) and (
            _generic_noun(head) and not _has_happened(head.head, self.eventhood.words) or (head.dep_ == "pobj" and head.head.lower_ == "as")
        ):
            return None  # "kidnapping for ransom has given AQIM an income", "described the killings as executions"
        refused = self.eventhood.why_not(head, doc[trigger.start : trigger.end], scene.sentence, scene._part(scene.sentence.start_char), other_violence, trigger.event_class)
        if refused is not None:
            scene.refusals.append(refused)
            return None
        required = f"requires:{trigger.event_class}"
        if required in self.triggers.requirements and not any(self.triggers.words.is_(doc[i].lower_, required) for i in clause_tokens(head)):
            return None  # "declared three days of mourning", "the accord has been implemented": no event of the class
        clause_words = clause_tokens(head)
        # the words of the trigger's own clause refine it, not those of clauses inside it or of a separate happening
        # it is dated by ("fell to fighters after clashes along the line separating the government-held south")
        above = {head.i, *(a.i for a in head.ancestors)}
        nested = {
            t.i for i in clause_words if i not in above
            and (doc[i].dep_ in NESTED_CLAUSES and _own_subject(doc[i]) or doc[i].dep_ == "prep" and doc[i].lower_ in OTHER_TIME_PREPOSITIONS)
            for t in doc[i].subtree
        }
        event_class, refined = self._refine(trigger.event_class, (clause_words - nested) | set(range(trigger.start, trigger.end)), doc)
        how = {"trigger": trigger.rule, "class": refined or "trigger"}
        actor1 = roles.actor1.actor_id if roles.actor1 else None
        actor2 = roles.actor2.actor_id if roles.actor2 else None
        how1, how2 = roles.actor1_how, roles.actor2_how
        inter1, inter2 = self._inter(actor1), self._inter(actor2)
        armed_only, violent = self.classes.armed_only, self.classes.violent
        if event_class in armed_only and inter1 is not None and inter1 not in ARMED_INTER:
            return None
        if event_class in armed_only and actor1 is None and event_class in ("withdrawal", "deployment", "base_established"):
            return None  # "the population fled", "aid arrived": no armed actor named
        if event_class == "territory_taken" and inter1 == 1:
            event_class, how["class"] = "territory_retaken", "state-actor-retakes"
        elif event_class == "territory_retaken" and inter1 in (2, 3, 4):
            event_class, how["class"] = "territory_taken", "non-state-actor-takes"
        if event_class in ("territory_taken", "territory_retaken") and roles.objects and not _has_place(roles, scene):
            words = self.triggers.words
            things = [t for o in roles.objects for t in o.subtree]
            captured = words.is_(head.lower_, "captures")  # "drove the MNLA out", "retake Gao": a place, even when unnamed
            if captured and (roles.actor2 is not None or any(words.is_(t.lower_, "role_actor:generic-civilians") or t.ent_type_ == "PERSON" for t in things)):
                event_class = "arrest" if inter1 == 1 else "kidnapping"  # "captured two soldiers": people, not a place
                how["class"] = "captured-people"
            elif any(words.is_(t.lower_, "loot_object") for t in things):
                event_class, how["class"] = "looting", "seized-loot-object"  # "seized two carts and livestock"
        if event_class in ("territory_taken", "territory_retaken") and not roles.objects and not any(
            p.start in clause_words for p in scene.places if p.place is not None
        ) and any(self.triggers.words.is_(doc[i].lower_, "loot_object") for i in clause_words):
            event_class, how["class"] = "looting", "seized-loot-object"  # "…, and livestock seized"
        crowd_class = self.classes.crowd_actor(event_class)
        if crowd_class and actor1 != crowd_class:
            # ACLED codes the crowd as actor1 and the organisation behind it as an associate
            if actor1 and not actor1.startswith((CIVILIANS, *self.classes.crowd_actors)):
                roles.assoc.insert(0, roles.actor1)
            actor1, how1 = crowd_class, "crowd-of-class"
        victim_verb = head if is_verb(head) else _verb_of(head) if head.dep_ in ("dobj", "pobj") else None
        if event_class in self.classes.explosive and victim_verb is not None and not _children_passive(victim_verb) and self.triggers.words.is_(
            victim_verb.lower_, "victim_verb"
        ):  # active voice only: in "a bus was struck by an IED planted by JNIM" the parse already has it right
            actor1, actor2 = None, actor1  # "a MINUSMA vehicle struck an IED": MINUSMA was hit
            how1, how2 = None, "subject-of-victim-verb"
        if event_class in ("kidnapping", "hostage_taking", "massacre", "execution", "sexual_violence") and actor2 is None:
            actor2, how2 = CIVILIANS, "class-targets-civilians"
        if actor2 is None and roles.objects and event_class in violent:
            actor2, how2 = self._role_actor_rule(roles.objects, scene)  # "deployed 3,300 troops": their own, not a target
        if actor1 is None:
            actor1, how1 = self._role_actor_rule(_subjects(head), scene)
            if actor1 == CIVILIANS:
                actor1, how1 = None, None  # "villagers fled": civilians are not the ones acting in a violent event
        verb = head if is_verb(head) else _verb_of(head)
        victims = {t.i for o in roles.objects for t in o.subtree}
        victims |= {t.i for c in verb.children if c.dep_ == "nsubjpass" for t in c.subtree}
        victims |= {t.i for i in death_tokens for c in doc[i].children if c.dep_ in ("dobj", "nsubjpass") for t in c.subtree}
        fallback_actor = False
        if actor1 is None and event_class in violent:
            actor1, fallback_actor, how1 = self._nearest_armed(scene, trigger, actor2, victims)
        inter1, inter2 = self._inter(actor1), self._inter(actor2)
        targets = _target_tokens(head, roles, clause_words)
        targets += [t for i in death_tokens for c in doc[i].children if c.dep_ in ("dobj", "nsubjpass") for t in c.subtree]
        attacker = {i for a in ([roles.actor1] if roles.actor1 else []) for i in range(a.start, a.end)}
        attacker |= {t.i for s in _subjects(head) for t in s.subtree} if is_verb(head) and not _children_passive(head) else set()
        rest = [t for t in scene.sentence if t.i not in attacker]
        event_type, sub_type, how["type"] = self._acled_type(event_class, inter1, inter2, targets, rest)
        if actor2 is None and event_class in violent:
            actor2, how2 = self._victim(scene, victims, targets, actor1, event_type)
        time, time_how, how["date"] = scene.time_for(head)
        background = self.eventhood.background(head) if time is None or time_how == "neighbour" else None
        if background is not None:
            # neither the report's date nor the date of the sentence before: "had seized" is older than both
            time, time_how, how["date"] = None, "unknown", background
        modality, cues = self._modality(scene, head, time)
        reference = scene.context.reference_date
        if time is not None and reference and time.value.last < reference - HISTORICAL_AFTER and modality in ("asserted", "reported"):
            modality, cues = "historical", cues + ["historical:date"]
        how["modality"] = " ".join(cues) or "no-cue:asserted"
        place, place_how, precision, how["place"] = scene.place_for(head, clause_words)
        deaths = count_deaths(scene.sentence, death_tokens | {t for t in range(trigger.start, trigger.end)}) if (death_tokens or trigger.consequence) else None
        how["fatalities"] = "death-words" if deaths is not None else "none"
        if deaths is None and event_class in violent:
            deaths = no_deaths(scene.sentence)
            how["fatalities"] = "no-deaths-phrase" if deaths is not None else "none"
        how["actor1"] = (how1 or "parse") if actor1 else "none"
        how["actor2"] = (how2 or "parse") if actor2 else "none"
        confidence = 0.35 + self.classes.specificity(event_class)
        confidence += 0.2 if actor1 and not fallback_actor else 0.0
        confidence += 0.1 if actor2 else 0.0
        confidence += 0.1 if place_how == "sentence" else 0.0
        confidence += 0.1 if time_how == "stated" else 0.0
        confidence += 0.05 if is_verb(head) else 0.0
        confidence += 0.1 if deaths is not None and deaths.low > 0 else 0.0  # the deadly part of a raid is what it is coded as
        confidence -= 0.25 if modality not in ("asserted", "reported") else 0.0
        assoc = [a.actor_id for a in roles.assoc if a.actor_id and a.actor_id not in (actor1, actor2)]
        return FoundEvent(
            event_class, event_type, sub_type, (trigger.start, trigger.end), scene.sentence, actor1, actor2, list(dict.fromkeys(assoc)),
            place, place_how, precision, time, time_how, deaths, modality, cues, round(max(0.05, min(confidence, 1.0)), 2),
            civilians_named=roles.actor2 is not None and self._inter(roles.actor2.actor_id) == 7, how=how,
        )

    # --- pieces -----------------------------------------------------------------------------------
    def _inter(self, actor_id: str | None) -> int | None:
        if actor_id is None:
            return None
        actor = self.kb.actors.get(actor_id.split(":", 1)[0].split("@", 1)[0])
        return actor.inter if actor else None

    def _refine(self, event_class: str, tokens: set[int], doc: Doc) -> tuple[str, str | None]:
        """The class the words around a trigger refine it to, and the refinement entries that fired."""
        words = self.triggers.words
        rules = []
        for step in range(3):  # attack -> ied -> suicide_bombing at most
            prefix = f"refine:{event_class}>"
            for section in self.triggers.refinements:
                word = next((doc[i].lower_ for i in sorted(tokens) if words.is_(doc[i].lower_, section)), None) if section.startswith(prefix) else None
                if word is not None:
                    event_class = section[len(prefix):]
                    rules.append(words.rule(word, section) or section)
                    break
            else:
                break
        return event_class, " ".join(rules) or None

    def _victim(self, scene: Scene, victims: set[int], targets: list[Token], actor1: str | None, event_type: str) -> tuple[str | None, str | None]:
        """Who was hit when the parse gives no object: an actor among those killed or struck ("three Malian
        soldiers were killed by an IED"), a class of actor the target words name ("a patrol", "villagers"),
        and for violence against civilians, civilians (ACLED always names them)."""
        for i in sorted(victims):
            actor = scene.index.by_token.get(i)
            if actor is not None and actor.actor_id and actor.actor_id != actor1:
                return actor.actor_id, "victim-named"
        words = [t for t in targets if t.i not in victims] + [scene.doc[i] for i in sorted(victims)]
        found, rule = self._role_actor_rule([t for t in words if t.tag_.startswith("NN")], scene, conjuncts=False)
        if found is not None and found != actor1 and (found != CIVILIANS or event_type == "Violence against civilians"):
            return found, f"victim-{rule}"
        return (CIVILIANS, "civilians-of-violence-against-civilians") if event_type == "Violence against civilians" else (None, None)

    def _role_actor(self, heads: list[Token], scene: Scene, conjuncts: bool = True) -> str | None:
        return self._role_actor_rule(heads, scene, conjuncts)[0]

    def _role_actor_rule(self, heads: list[Token], scene: Scene, conjuncts: bool = True) -> tuple[str | None, str | None]:
        """The class of actor a plain noun names ("soldiers", "villagers"), from the [role_actor:ID] sections;
        the state's forces are the article country's own army when the knowledge base has it. With the
        entry that named it ('role-word event_triggers.txt:LINE')."""
        for head in heads:
            for part in [head, *head.conjuncts] if conjuncts else [head]:
                for section in self.triggers.words.of(part.lower_):
                    if section.startswith("role_actor:"):
                        actor_id = section.split(":", 1)[1]
                        named = self._demonym_country(part) if actor_id == STATE_FORCES else None
                        rule = f"role-word {self.triggers.words.rule(part.lower_, section)}" + (" demonym" if named else "")
                        return self._national(actor_id, named or scene.context.country, explicit=named is not None), rule
        return None, None

    def _demonym_country(self, noun: Token) -> str | None:
        """The country a demonym before a noun names ("the Ukrainian forces" -> UA)."""
        if self.gazetteer is None:
            return None
        words = self.gazetteer.country_words()
        for child in noun.lefts:
            found = words.get(child.text)
            if found is not None:
                return found[0]
        return None

    def _national(self, actor_id: str, country_code: str | None, explicit: bool = False) -> str:
        """The state forces of a country: its own knowledge-base entry when there is one, else the generic class
        with the country named by the text (`@CC`) or, failing that, the article's."""
        if actor_id != STATE_FORCES or not country_code or self.gazetteer is None:
            return actor_id
        country = self.gazetteer.country(country_code)
        own = f"military-forces-of-{country.name.lower().replace(' ', '-')}" if country else None
        if own in self.kb.actors:
            return own
        return f"{actor_id}@{country_code}" if explicit else actor_id

    def _acled_type(self, event_class: str, inter1: int | None, inter2: int | None, targets: list[Token], rest: list[Token]) -> tuple[str, str, str]:
        """ACLED's type and sub-type. For classes whose type follows the target: a battle when the target is
        armed (an armed actor, or words such as 'patrol', 'checkpoint', 'militiamen'), violence against
        civilians when it is not; with no armed or civilian word among the targets, the rest of the sentence
        (without the attacker) decides ("…, and three soldiers were killed"). With the rule that decided."""
        row = self.classes[event_class]
        if row.event_type != "by target":
            return row.event_type, row.sub_event_type, "class-table"
        battle, attack = ("Battles", "Armed clash"), ("Violence against civilians", "Attack")
        if inter2 in ARMED_INTER:
            return (*battle, "target-armed-actor")
        if inter2 is not None:
            return (*attack, "target-unarmed-actor")
        words = self.triggers.words
        if any(words.is_(t.lower_, "military_target") for t in targets):
            return (*battle, "target-military-word")
        if any(words.is_(t.lower_, "civilian_target") for t in targets):
            return (*attack, "target-civilian-word")
        if any(words.is_(t.lower_, "military_target") for t in rest):
            return (*battle, "sentence-military-word")
        return (*attack, "no-armed-target")

    def _nearest_armed(self, scene: Scene, trigger: Trigger, exclude: str | None, victims: set[int]) -> tuple[str, bool, str]:
        """Who acted when the parse names no one: an armed actor named before the trigger in its sentence (not
        among those hit), else a non-state armed group named in the sentence or those around it ("the device
        was likely planted by JNIM"), else an unidentified armed group."""
        def usable(actor: FoundActor) -> bool:
            return bool(actor.actor_id) and actor.actor_id != exclude and not victims.intersection(range(actor.start, actor.end))

        sentence_actors = [a for a in scene.sentence_actors() if usable(a)]
        for actor in reversed([a for a in sentence_actors if a.end <= trigger.start]):
            if self._inter(actor.actor_id) in ARMED_INTER:
                return actor.actor_id, False, "nearest-armed-before-trigger"
        for actor in [*sentence_actors, *scene.nearby_actors()]:
            if usable(actor) and not actor.actor_id.startswith("generic-") and self._inter(actor.actor_id) in (2, 3, 4):
                return actor.actor_id, False, "named-armed-group-nearby"
        return UNIDENTIFIED, True, "unidentified-armed-group"  # the annotator names its country

    def _modality(self, scene: Scene, head: Token, time: FoundTime | None) -> tuple[str, list[str]]:
        cues: list[str] = []
        clause = None
        token = head
        for _ in range(12):
            clause = scene.clause_by_verb.get(token.i)
            if clause is not None or token.head.i == token.i:
                break
            token = token.head
        if clause is not None:
            cues += clause.cues
            cues += self._governing_cues(scene, token)
        if not is_verb(head):
            cues += self._noun_cues(head)
        reference = scene.context.reference_date
        if time is not None and reference and time.value.first > reference:
            cues.append("planned:future date")  # "next month", "later this year"
        kinds = {c.split(":", 1)[0] for c in cues}
        modality = next((k for k in STRENGTH if k in kinds), "asserted")
        if modality in ("asserted", "reported"):
            # no cue the rules know: the learned model may still hear a hedge or a denial the word lists miss
            label, probability = self.factuality.predict(head if is_verb(head) else token)
            if label in MODEL_MODALITY and probability >= MODEL_OVERRULES_AT:
                modality = MODEL_MODALITY[label]
                cues.append(f"{modality}:model {label} {probability:.2f}")
        return modality, list(dict.fromkeys(cues))

    def _governing_cues(self, scene: Scene, verb: Token) -> list[str]:
        """Cues a clause takes from the one above it that the language layer's own rules leave out:
        "retaliate by attacking" (a verb under a preposition), "once the fighting is over" and "the towns
        they recapture" (present-tense clauses under a future or conditional one)."""
        modal = modality_words()
        head = verb.head
        if verb.dep_ == "advcl" and verb.tag_ == "VB" and any(c.dep_ == "aux" and c.tag_ == "TO" for c in verb.children):
            return ["planned:purpose"]  # "deployed troops to retake the north": what they went for, not what happened
        if verb.dep_ == "pcomp" and head.dep_ == "prep" and head.head.i != head.i:
            above = scene.clause_by_verb.get(head.head.i)
            if above is not None:
                return [c for c in above.cues if c.startswith(("hypothetical", "planned", "negated"))]
        present = verb.tag_ in ("VBP", "VBZ") or any(c.dep_ in ("aux", "auxpass") and c.tag_ in ("VBP", "VBZ") for c in verb.children)
        if not present or verb.dep_ not in ("advcl", "relcl"):
            return []
        cues = []
        if verb.dep_ == "advcl" and any(m.dep_ == "mark" and modal.is_(m.lower_, "future_mark") for m in verb.children):
            cues.append("hypothetical:future condition")
        governing = scene.clause_by_verb.get(head.i) if verb.dep_ == "advcl" else None
        if verb.dep_ == "relcl":
            top = head
            while top.head.i != top.i and top.i not in scene.clause_by_verb:
                top = top.head
            governing = scene.clause_by_verb.get(top.i)
        if governing is not None:
            cues += [c for c in governing.cues if c.startswith(("hypothetical", "planned"))]
        if verb.dep_ == "relcl" and verb.tag_ in ("VBP", "VBZ") and not cues:
            cues.append("hypothetical:habitual")  # "in the towns they recapture": any such town, not an event
        return cues

    def _noun_cues(self, noun: Token) -> list[str]:
        cues = []
        modal = modality_words()
        for child in noun.children:
            if child.dep_ == "det" and child.lower_ in ("no", "neither"):
                cues.append(f"negated:{child.lower_}")
            elif child.dep_ in ("amod", "compound") and modal.is_(child.lower_, "hypothetical_head"):
                cues.append(f"hypothetical:{child.lower_}")  # "an attempted attack", "a threatened offensive"
            elif child.dep_ in ("amod", "compound") and modal.is_(child.lower_, "planned_head"):
                cues.append(f"planned:{child.lower_}")  # "the planned offensive"
            elif child.dep_ in ("amod",) and child.lower_ in ("foiled", "thwarted", "failed", "aborted"):
                cues.append(f"negated:{child.lower_}")
            elif child.dep_ == "advmod" and modal.is_(child.lower_, "hypothetical_adverb"):
                cues.append(f"hypothetical:{child.lower_}")  # "ambushes, mines and, perhaps, suicide attacks"
        token = noun
        for _ in range(4):  # "the threat of attacks", "plans for an offensive"
            if token.dep_ not in ("pobj", "compound", "prep") or token.head.i == token.i:
                break
            came_from, token = token, token.head
            if self.triggers.words.is_(token.lower_, "hypothetical_noun"):
                cues.append(f"hypothetical:{token.lower_}")
            elif self.triggers.words.is_(token.lower_, "planned_noun"):
                cues.append(f"planned:{token.lower_}")
            elif came_from.dep_ == "prep" and came_from.lower_ == "for" and is_verb(token) and modal.is_(token.lower_, "hypothetical_head"):
                cues.append(f"hypothetical:{token.lower_} for")  # "called for a ceasefire", "asked for an intervention"
        return cues


def _detail_of(token: Token, head: Token) -> bool:
    """Whether `token` only details the event of `head` ("attacked the camp with mortars", "an IED attack"):
    under it with no verb or time-setting preposition between ("captured Konna after heavy fighting" is two)."""
    if token.i == head.i or (is_verb(token) and not (token.dep_ == "acl" and token.head.i == head.i)):
        return False  # a verb is its own event, except one describing the host ("a drone strike targeting militants")
    for ancestor in token.ancestors:
        if ancestor.i == head.i:
            return True
        if is_verb(ancestor) or ancestor.lower_ in SEPARATE_PREPOSITIONS:
            return False
    return False


def _taken_thing(word: Token, verb: Token) -> bool:
    """`word` is what `verb` takes ("seized rockets and mortars"), not what it is done with ("with mortars")."""
    while word.dep_ in ("conj", "compound", "appos") and word.head.i != word.i:
        word = word.head
    return word.head.i == verb.i and word.dep_ in ("dobj", "nsubjpass")


def _owner(word: Token, events: list[Trigger], heads: dict[int, Token]) -> Trigger | None:
    """The event a death word belongs to: the one it hangs under, else the nearest before it, else the first."""
    if not events:
        return None
    for ancestor in [word, *word.ancestors]:
        for trigger in events:
            if heads[id(trigger)].i == ancestor.i:
                return trigger
    before = [t for t in events if t.start <= word.i]
    return before[-1] if before else events[0]


def _refers_back(head: Token, judging: Callable[[str], bool]) -> bool:
    """'the attack', 'this cowardly ambush', 'Saturday's bombing': a definite event noun with nothing new of
    its own (a word judging it, `judging`, adds nothing)."""
    if is_verb(head):
        return False
    determiners = {c.lower_ for c in head.children if c.dep_ == "det"}
    possessed = any(c.dep_ == "poss" for c in head.children)
    own = [
        c for c in head.children
        if c.dep_ in ("prep", "compound", "amod", "nummod", "acl", "relcl") and c.lower_ not in ("same",) and not judging(c.lower_)
    ]
    return (possessed or bool(determiners & {"the", "this", "that", "these", "those"})) and not own


def _harmless_attacks(events: list[FoundEvent], harm_words: frozenset[str]) -> None:
    """A raid that attacks and loots or burns: when people are hurt, the attack is what ACLED codes; when
    nobody is ("attacked the village and seized livestock, no casualties"), the looting or destruction."""
    for event in events:
        if event.event_class != "attack":
            continue
        if not any(o is not event and o.sentence == event.sentence and o.event_class in ("looting", "property_destruction") for o in events):
            continue
        hurt = (event.deaths is not None and event.deaths.low > 0) or any(t.lower_ in harm_words for t in event.sentence)
        event.confidence = round(min(1.0, event.confidence + 0.15) if hurt else max(0.05, event.confidence - 0.3), 2)


def _same_happening(a: FoundEvent, b: FoundEvent, happened: tuple[str, ...]) -> bool:
    if a.event_class != b.event_class or (a.modality in happened) != (b.modality in happened) or not _same_actor(a.actor1, b.actor1):
        return False
    if a.place and b.place and a.place.place and b.place.place and a.place.place.id != b.place.place.id:
        return False
    return not (a.time and b.time and (a.time.value.last < b.time.value.first or b.time.value.last < a.time.value.first))


def _same_actor(a: str | None, b: str | None) -> bool:
    """The same side, or one the text could not name ("the armed groups" took Konna; the headline says who)."""
    if a == b:
        return True
    return a is not None and b is not None and (a.startswith(UNIDENTIFIED) or b.startswith(UNIDENTIFIED))


def _merge_repeats(events: list[FoundEvent], context: DocContext, happened: tuple[str, ...]) -> list[FoundEvent]:
    """One event told twice in an article (the headline and the lede, "the attack" again two paragraphs
    on) is kept once: the body's telling over the title's, the surer over the less sure; a toll one
    telling gives and the other does not is kept."""
    def part(event: FoundEvent) -> str:
        return part_at(context.parts, event.sentence.start_char)

    kept: list[FoundEvent] = []
    for event in events:
        twin = next((k for k in kept if _same_happening(k, event, happened)), None)
        if twin is None:
            kept.append(event)
            continue
        better = event if (part(twin) == "title" and part(event) != "title") or event.confidence > twin.confidence else twin
        other = twin if better is event else event
        if better.deaths is None and other.deaths is not None:
            better.deaths = other.deaths
            better.how["fatalities"] = f"other-telling {other.how.get('fatalities', '')}".strip()
        if better.place is None and other.place is not None:
            better.how["place"] = f"other-telling {other.how.get('place', '')}".strip()
        better.place = better.place or other.place
        if (better.actor1 or "").startswith(UNIDENTIFIED) and not (other.actor1 or UNIDENTIFIED).startswith(UNIDENTIFIED):
            better.actor1 = other.actor1  # the other telling names who did it
            better.how["actor1"] = f"other-telling {other.how.get('actor1', '')}".strip()
        better.retold += [other.sentence, *other.retold]
        if better is event:
            kept[kept.index(twin)] = event
    return kept


def _generic_noun(noun: Token) -> bool:
    """A bare event noun that is the subject of a present-tense verb speaks of a kind of event, not of one
    ("Kidnapping for ransom has given AQIM an income"; "Clashes erupted in Gao" is an event)."""
    if noun.dep_ not in ("nsubj", "nsubjpass") or any(c.dep_ in ("det", "poss", "nummod") for c in noun.children):
        return False
    verb = noun.head
    return verb.tag_ in ("VBZ", "VBP") or any(c.dep_ in ("aux", "auxpass") and c.tag_ in ("VBZ", "VBP") for c in verb.children)


def _own_subject(verb: Token) -> bool:
    """A clause with a subject of its own ("that had flared", "whilst a vehicle ran over"), not a participle
    that goes on telling the same event ("opened fire, killing a protester")."""
    return any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in verb.children)


def _has_happened(verb: Token, words) -> bool:
    """'Fighting has spread to Gao', 'clashes have erupted': a verb of happening in the perfect tells an event
    ('battles continue on three fronts' is a state of things)."""
    return words.is_(verb.lower_, "happening") and verb.tag_ == "VBN"


def _verb_of(token: Token) -> Token:
    head = token.head
    return head.head if token.dep_ == "pobj" and head.dep_ in ("prep", "agent") else head


def _target_tokens(head: Token, roles: Roles, clause: set[int]) -> list[Token]:
    """What an attack was aimed at: its objects' words, or, with no object, its clause without the attacker."""
    if roles.objects:
        return [t for o in roles.objects for t in o.subtree]
    doc = head.doc
    subject = {t.i for c in _verb_of(head).children if c.dep_ in ("nsubj", "agent") for t in c.subtree} if not is_verb(head) else \
        {t.i for c in head.children if c.dep_ in ("nsubj", "agent") for t in c.subtree}
    return [doc[i] for i in sorted(clause - subject)]


def _children_passive(verb: Token) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)


def _subjects(head: Token) -> list[Token]:
    verb = head if is_verb(head) else _verb_of(head)
    found = [c for c in verb.children if c.dep_ == "nsubj"]
    found += [o for a in verb.children if a.dep_ == "agent" for o in a.children if o.dep_ == "pobj"]
    return found


def _has_place(roles: Roles, scene: Scene) -> bool:
    place_tokens = {i for p in scene.places for i in range(p.start, p.end)}
    return any(t.i in place_tokens for o in roles.objects for t in o.subtree)


def modality_words():
    return word_classes("modality.txt")
