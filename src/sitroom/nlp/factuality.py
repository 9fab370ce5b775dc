"""A learned factuality model: did the event a predicate names happen (asserted), maybe (uncertain), or not (negated)?

It stands beside the cue rules of nlp/modality.py. Its features are read from one token of a parsed Doc
with only what a stored parse keeps (lower-case form, fine-grained tag, dependency label and head; no
lemmas): the predicate's own auxiliaries, negation, marks and hedges, the verbs above it up to the
sentence's root with their word classes from data/modality.txt (reporting, belief, planning, trying,
denying), whether a condition or a question frames it. The model is a linear classifier kept as plain JSON
(feature → one weight per class, intercepts, classes): loading and predicting need only the standard
library; scikit-learn is imported only to train one (`fit`; evaluate/factuality.py's `train_factuality` reads
the labelled corpora for it). The model card is
models/factuality.md; the shipped model is models/factuality.json.
"""

from __future__ import annotations

import json
import math
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from spacy.tokens import Token

from ..errors import UsageError
from .words import word_classes

if TYPE_CHECKING:
    from ..evaluate.factuality import Labelled

CLASSES = ("asserted", "uncertain", "negated")
FORMAT = "sitroom-factuality-1"
"""Written into every saved model; `load` refuses a file of another format rather than mispredict."""
SHIPPED = "factuality.json"
PATH_DEPTH = 3
"""Verbs above the predicate read for cues: 'officials said [the army planned to [attack]]' needs three."""
CUE_DEPS = frozenset({"aux", "auxpass", "neg", "mark", "advmod", "det", "amod", "prt", "npadvmod", "expl"})
"""A child attached by one of these can change whether its head happened ("could", "not", "if", "no",
"planned attack"); its word is a feature. Other children rarely do, and their words would only add noise."""
ARGUMENT_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "attr", "pobj"})
"""Arguments read only for a negative word or determiner: "no one was injured", "caused no deaths"."""
UP_CUE_DEPS = frozenset({"aux", "auxpass", "neg", "mark", "advmod"})
"""The cues of a verb above the predicate that carry down to it ('did not say that', 'if they say')."""
# every section of data/modality.txt: a word's sections are features, so a new cue word there reaches the model
CLASS_SETS = ("negation", "hypothetical_aux", "planned_aux", "hypothetical_head", "planned_head", "negating_head",
              "reported_head", "reported_adverb", "hypothetical_adverb", "condition_mark", "future_mark", "historical_adverb")
EXTRA_SETS = ("question_mark", "capability_degree", "hypothetical_noun", "historical_head")
"""Sections of data/modality.txt read only on the predicate, its cue children and the three heads above it
("the possibility that ...", "strong enough to ...", "recalled that ...")."""
QUOTES = frozenset({'"', "``", "''", "\u201c", "\u201d"})
DEFAULT_C = 0.2
DEFAULT_BALANCE = 0.6
DEFAULT_OFFSETS = {"uncertain": 0.2, "negated": -0.1}
"""Regularisation, class weighting and the offsets added to the fitted intercepts (the decision rule), chosen
by 5-fold cross-validation on UW train (folds of consecutive sentences; each model trained on the other four
folds + MEANTIME train; grid C 0.03–0.5, balance 0.5–0.9, offsets −1.5…+1.5 on the pooled held-out scores;
see models/factuality.md). UW dev was scored once, after the choice."""


def features(token: Token) -> list[str]:
    """The features of the predicate `token` (binary: each string present or not)."""
    words = word_classes("modality.txt")
    found = [f"tag={token.tag_}", f"dep={token.dep_}", f"word={token.lower_}", f"tag_dep={token.tag_}|{token.dep_}"]
    found += [f"self:{name}" for name in words.of(token.lower_) if name in CLASS_SETS]
    auxes = []
    for child in token.children:
        if child.dep_ == "advcl" and any(m.dep_ == "mark" and words.is_(m.lower_, "condition_mark") for m in child.children):
            found.append("has_condition")
        elif child.dep_ in ARGUMENT_DEPS:
            found += [f"arg:{child.dep_}:{name}" for name in words.of(child.lower_) if name == "negation"]
            found += [f"arg:{child.dep_}:det={d.lower_}" for d in child.children if d.dep_ in ("det", "neg")]
        if child.dep_ not in CUE_DEPS:
            continue
        found.append(f"c:{child.dep_}={child.lower_}")
        found += [f"c:{name}" for name in words.of(child.lower_) if name in CLASS_SETS]
        if child.dep_ in ("aux", "auxpass"):
            auxes.append(child.lower_)
    # tense and aspect: "had been attacked", "will attack", "is attacking" are told apart by tag and auxiliaries
    found.append(f"tense={token.tag_}|{'+'.join(sorted(auxes))}")
    found += _path_features(token, words)
    found += _context_features(token, words, auxes)
    root = token
    while root.head.i != root.i:
        root = root.head
    if root.right_edge.lower_ == "?" or any(t.lower_ == "?" for t in token.subtree):
        found.append("question")
    return found


def _path_features(token: Token, words) -> list[str]:
    """Cues of the verbs above `token`, each with the dependency that links the path to it."""
    found = []
    child, head, depth = token, token.head, 1
    links: list[str] = []
    while head.i != child.i and depth <= PATH_DEPTH:
        link = child.dep_
        links.append(link)
        if depth == 1:
            found += [f"up1={head.lower_}", f"up1={head.lower_}|{link}", f"up1_tag={head.tag_}|{link}"]
        for name in words.of(head.lower_):
            if name in CLASS_SETS:
                found += [f"up:{name}", f"up{depth}:{name}|{link}"]
        for cue in head.children:
            if cue.dep_ in UP_CUE_DEPS and cue.i != child.i:
                found += [f"up:c:{cue.dep_}={cue.lower_}", f"up:c:{cue.dep_}={cue.lower_}|{link}"]
                found += [f"up:c:{name}|{link}" for name in words.of(cue.lower_) if name in CLASS_SETS]
            elif cue.dep_ == "advcl" and cue.i != child.i and any(
                m.dep_ == "mark" and words.is_(m.lower_, "condition_mark") for m in cue.children
            ):
                found.append("up:has_condition")
        child, head, depth = head, head.head, depth + 1
    # the chain of links up to the root: 'xcomp>ccomp' (wanted to, said that) differs from 'conj>ROOT'
    found.append("path=" + ">".join(links) if links else "path=ROOT")
    return found


def _context_features(token: Token, words, auxes: list[str]) -> list[str]:
    """The clause the predicate sits in (a condition, a 'once/until' clause, a quotation), the form of a bare
    verb (imperative 'Stop the bloodshed', subjunctive 'requires that Elian attend') and of an event noun
    ('his capture', 'a reward for his capture'), and the word classes of EXTRA_SETS around it."""
    found = [f"self:{name}" for name in words.of(token.lower_) if name in EXTRA_SETS]
    kids = list(token.children)
    for child in kids:
        if child.dep_ in CUE_DEPS:
            found += [f"c:{name}" for name in words.of(child.lower_) if name in EXTRA_SETS]
    child, depth = token, 1
    while child.head.i != child.i and depth <= PATH_DEPTH:
        found += [f"up{depth}:{name}|{child.dep_}" for name in words.of(child.head.lower_) if name in EXTRA_SETS]
        child, depth = child.head, depth + 1
    # inside a conditional clause ('if they attack'), at the predicate or up to six links above it
    child, depth = token, 0
    while child.head.i != child.i and depth < 6:
        marks = [m.lower_ for m in child.children if m.dep_ == "mark"]
        if child.dep_ == "advcl" and any(words.is_(m, "condition_mark") for m in marks):
            found += ["in_condition", f"in_condition_d{min(depth, 2)}"]
            break
        if child.dep_ == "advcl" and any(words.is_(m, "future_mark") for m in marks) and "in_future_clause" not in found:
            found.append("in_future_clause")
        child, depth = child.head, depth + 1
    sent = token.sent
    if sum(1 for t in token.doc[sent.start:token.i] if t.text in QUOTES) % 2:
        found.append("in_quote")
    if any(t.text in QUOTES for t in sent):
        found.append("sent_quote")
    if token.tag_ == "VB":
        subject = any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in kids)
        found.append(f"vb_form=subj{int(subject)}|aux{int(bool(auxes))}|{token.dep_}")
    elif token.tag_.startswith("NN"):
        determined = any(c.dep_ in ("det", "poss") for c in kids)
        found.append(f"noun_det={int(determined)}|{token.dep_}|{token.head.tag_}")
        if token.dep_ == "pobj" and token.head.head.i != token.head.i:
            governor = token.head.head
            found.append(f"prep_head={governor.lower_}|{token.head.lower_}")
            found += [f"prep_head:{name}" for name in words.of(governor.lower_) if name in CLASS_SETS + EXTRA_SETS]
    return found


@dataclass
class FactualityModel:
    """A linear classifier over `features`: per class, the sum of its features' weights plus an intercept,
    turned into probabilities with a softmax."""

    classes: tuple[str, ...]
    intercepts: tuple[float, ...]
    weights: dict[str, tuple[float, ...]]
    meta: dict = field(default_factory=dict)
    """What it was trained on, how, and in how much CPU time (written into the JSON as it is)."""

    @classmethod
    def load(cls, path: Path | str | None = None) -> FactualityModel:
        """The model saved at `path`, or the one shipped with sitroom when None."""
        if path is None:
            text = resources.files("sitroom").joinpath("models", SHIPPED).read_text(encoding="utf-8")
            where = f"sitroom/models/{SHIPPED}"
        else:
            text, where = Path(path).read_text(encoding="utf-8"), str(path)
        data = json.loads(text)
        if data.get("format") != FORMAT:
            raise ValueError(f"{where}: not a sitroom factuality model (format {data.get('format')!r}, expected {FORMAT!r}); "
                             "train one with 'sitroom train factuality'")
        return cls(tuple(data["classes"]), tuple(data["intercepts"]),
                   {name: tuple(w) for name, w in data["weights"].items()}, data.get("meta", {}))

    def save(self, path: Path | str) -> None:
        data = {"format": FORMAT, "classes": list(self.classes), "intercepts": [round(x, 5) for x in self.intercepts],
                "meta": self.meta, "weights": {k: [round(x, 5) for x in w] for k, w in sorted(self.weights.items())}}
        Path(path).write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")

    def probabilities(self, found: Iterable[str]) -> list[float]:
        scores = list(self.intercepts)
        for name in found:
            w = self.weights.get(name)
            if w is not None:
                scores = [s + x for s, x in zip(scores, w)]
        top = max(scores)
        exp = [math.exp(s - top) for s in scores]
        total = sum(exp)
        return [e / total for e in exp]

    def predict(self, token: Token) -> tuple[str, float]:
        """The class of the predicate `token` and the model's probability for it."""
        probs = self.probabilities(features(token))
        best = max(range(len(probs)), key=probs.__getitem__)
        return self.classes[best], probs[best]

    def predict_many(self, tokens: Iterable[Token]) -> list[tuple[str, float]]:
        return [self.predict(token) for token in tokens]


def fit(examples: Sequence[tuple[list[str], str, float]], *, kind: str = "logreg", c: float = DEFAULT_C,
        balance: float = DEFAULT_BALANCE, offsets: dict[str, float] | None = None,
        meta: dict | None = None) -> FactualityModel:
    """A model trained on (features, class, weight) triples. `kind` is 'logreg' (LogisticRegression: probabilities
    are calibrated) or 'svm' (LinearSVC: its scores pass through the same softmax, so they rank but are not
    calibrated). Each class is weighed by (largest class's count ÷ its count) ** `balance`: 'asserted' is
    about nine predicates in ten in news, and without weights (0) the rare classes are hardly ever
    predicted; fully balanced (1) they are predicted too often. `offsets` (class → number; None for
    DEFAULT_OFFSETS, {} for none) are added to the fitted intercepts: the decision rule, tuned by
    cross-validation, that trades asserted against the rare classes."""
    import numpy as np
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.svm import LinearSVC

    # dropping features seen once (to shrink the file) cost about 0.01 macro-F1 on UW dev, so all are kept
    kept = [dict.fromkeys(found, 1) for found, _label, _weight in examples]
    labels = [label for _found, label, _weight in examples]
    vectorizer = DictVectorizer()
    # LinearSVC takes only 32-bit sparse indices
    x = vectorizer.fit_transform(kept).astype(np.float64)
    x.indices, x.indptr = x.indices.astype(np.int32), x.indptr.astype(np.int32)
    sizes = {label: labels.count(label) for label in set(labels)}
    by_class = {label: (max(sizes.values()) / n) ** balance for label, n in sizes.items()}
    started = time.process_time()
    if kind == "logreg":
        classifier = LogisticRegression(C=c, class_weight=by_class, max_iter=2000)
    elif kind == "svm":
        classifier = LinearSVC(C=c, class_weight=by_class)
    else:
        raise UsageError(f"unknown model kind {kind!r}; expected 'logreg' or 'svm'")
    classifier.fit(x, labels, sample_weight=[weight for _found, _label, weight in examples])
    classes = [str(name) for name in classifier.classes_]
    coef, intercept = classifier.coef_, classifier.intercept_
    if len(classes) == 2:
        # scikit-learn keeps one row for two classes: the second class's score against the first
        coef, intercept = [-coef[0] / 2, coef[0] / 2], [-intercept[0] / 2, intercept[0] / 2]
    offsets = DEFAULT_OFFSETS if offsets is None else offsets
    intercept = [float(b) + offsets.get(name, 0.0) for b, name in zip(intercept, classes)]
    names = vectorizer.get_feature_names_out()
    weights = {str(name): tuple(float(row[j]) for row in coef) for j, name in enumerate(names)}
    info = {"kind": kind, "C": c, "balance": balance, "offsets": dict(offsets), "predicates": len(examples), "features": len(names),
            "fit_cpu_s": round(time.process_time() - started, 2)}
    return FactualityModel(tuple(classes), tuple(intercept), weights, {**(meta or {}), **info})


def label_examples(examples: Iterable[Labelled]) -> list[tuple[list[str], str, float]]:
    """(features, class, weight) triples of labelled predicates."""
    return [(features(ex.doc[ex.index]), ex.label, ex.weight) for ex in examples]
