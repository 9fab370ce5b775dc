"""How well sitroom tells whether a predicate's event happened, on factuality data others labelled.

Sets: the unified factuality corpora (MEANTIME, UW: one CoNLL row per token, a −3…+3 value on predicates),
UDS It-Happened v2 (annotators' happened yes/no with a confidence, pointing into UD English-EWT sentences)
and the team's own sentences (data/factuality_team.tsv). How their labels map onto the three classes
(asserted, uncertain, negated) is data: data/factuality_labels.tsv. The gold tokens are kept and spaCy's
pipeline (as sitroom loads it) tags and parses them, so the features are those sitroom sees at run time.

Two methods are scored: 'model' (nlp/factuality.py's FactualityModel) and 'rules' (the modality of the
predicate's clause from nlp/modality.py's cue rules, mapped onto the classes; the baseline). It-Happened only
says happened or not, so both gold and prediction are collapsed to asserted / not_asserted there.

Keys of `summary()`: `predicates`, `accuracy`, `macro_f1` (mean of the classes' F1), `f1` (per class),
`confusion` (gold → predicted → count), `method`.
"""

from __future__ import annotations

import csv
import re
import time
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from ..errors import KnowledgeFileError, LabelError, UsageError
from ..nlp.factuality import (
    CLASSES,
    DEFAULT_BALANCE,
    DEFAULT_C,
    FactualityModel,
    fit,
    label_examples,
)
from ..nlp.modality import ModalityTagger
from ..nlp.parse import UNUSED_COMPONENTS
from ..nlp.pipeline import load_pipeline

LABELS_FILE = "factuality_labels.tsv"
TEAM_FILE = "factuality_team.tsv"
UNIFIED = Path("realtext") / "factuality_unified"
"""Where the corpora lie under the shared data folder (../shared/data)."""
SETS = ("meantime", "uw", "it-happened", "team")
MISSES_KEPT = 200
WEAK_FLOOR = 0.25
"""The least training weight of a labelled predicate (see LabelMap.certainty; 0.1–0.4 scored alike)."""
Prediction = tuple[str, float]


@dataclass(frozen=True)
class Labelled:
    """One labelled predicate in its parsed sentence."""

    doc: Doc
    index: int
    label: str
    """A model class, or 'not_asserted' (It-Happened's "did not happen")."""
    where: str
    """The sentence's place in its file ('uw/dev.conll:1234', 'en_ewt-ud-dev.conllu#780')."""
    gold: str
    """The source's own label, as it wrote it ('0.6', 'true 7 against 2')."""
    weight: float = 1.0
    """How much it counts in training: less when the gold sits near a class boundary (`LabelMap.certainty`)."""


# --- the label mapping (data/factuality_labels.tsv) ---


@dataclass(frozen=True)
class LabelMap:
    intervals: tuple[tuple[float, bool, float, bool, str], ...]
    """(low, low included, high, high included, class) of the unified −3…+3 scale."""
    values: dict[str, dict[str, str]]
    """scheme → value → class, for the other schemes."""

    def unified(self, value: float) -> str | None:
        for low, low_in, high, high_in, label in self.intervals:
            if (low < value or low_in and low == value) and (value < high or high_in and value == high):
                return label
        return None

    def of(self, scheme: str, value: str) -> str:
        found = self.values.get(scheme, {}).get(value)
        if found is None:
            raise LabelError(f"data/{LABELS_FILE} has no '{scheme}' line for {value!r}; add one with its class and reason")
        return found

    def certainty(self, value: float) -> float:
        """A training weight for a unified value: its distance to the nearest boundary between two classes
        plus WEAK_FLOOR, at most 1. Annotators' averages of 0.8 and 1.2 differ by chance more than by meaning;
        weighing them less raised macro-F1 on UW dev by about 0.02."""
        inner = {x for low, _li, high, _hi, _label in self.intervals for x in (low, high)} - {self.bottom, self.top}
        return min(1.0, WEAK_FLOOR + min((abs(value - x) for x in inner), default=1.0))

    @property
    def bottom(self) -> float:
        return min(low for low, *_rest in self.intervals)

    @property
    def top(self) -> float:
        return max(high for _low, _li, high, *_rest in self.intervals)


_INTERVAL = re.compile(r"([\[(])\s*(-?[\d.]+)\s*,\s*(-?[\d.]+)\s*([\])])")


@cache
def label_map() -> LabelMap:
    text = resources.files("sitroom").joinpath("data", LABELS_FILE).read_text(encoding="utf-8")
    intervals, values = [], defaultdict(dict)
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        rule, _, reason = line.partition("##")
        cells = [cell.strip() for cell in rule.split("\t") if cell.strip()]
        if len(cells) != 3 or not reason.strip():
            raise KnowledgeFileError(LABELS_FILE, number, "line", "expected 'scheme<TAB>value<TAB>class<TAB>## reason'")
        scheme, value, label = cells
        if scheme == "unified":
            match = _INTERVAL.fullmatch(value)
            if not match:
                raise KnowledgeFileError(LABELS_FILE, number, "value", f"expected an interval like [1, 3], got {value!r}")
            intervals.append((float(match[2]), match[1] == "[", float(match[3]), match[4] == "]", label))
        else:
            values[scheme][value] = label
    return LabelMap(tuple(intervals), dict(values))


# --- parsing gold tokens with sitroom's spaCy pipeline ---


@cache
def _nlp() -> Language:
    return load_pipeline(exclude=list(UNUSED_COMPONENTS))


def parse_words(sentences: Sequence[tuple[list[str], list[bool]]]) -> list[Doc]:
    """Docs of pre-tokenised sentences (words, space after each), tagged and parsed by sitroom's pipeline."""
    nlp = _nlp()
    return list(nlp.pipe((Doc(nlp.vocab, words=w, spaces=s) for w, s in sentences), batch_size=256))


# --- readers ---


def read_conll(path: Path) -> list[tuple[str, list[str], list[tuple[int, str]]]]:
    """Sentences of a unified factuality CoNLL file (`idx token factuality POS head deprel lemma`, a blank
    line between sentences): (where, words, [(token index, value)]) for the labelled tokens ('_' is none)."""
    sentences, words, values, start = [], [], [], 1
    name = f"{path.parent.name}/{path.name}"
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            cells = line.rstrip("\n").split("\t")
            if cells == [""]:
                if words:
                    sentences.append((f"{name}:{start}", words, values))
                words, values, start = [], [], number + 1
                continue
            if len(cells) < 3:
                raise LabelError(f"{path}:{number}: expected 'idx<TAB>token<TAB>factuality ...', got {line.strip()!r}")
            if cells[2] != "_":
                values.append((len(words), cells[2]))
            words.append(cells[1])
    if words:
        sentences.append((f"{name}:{start}", words, values))
    return sentences


def labelled_conll(path: Path) -> list[Labelled]:
    sentences = read_conll(Path(path))
    docs = parse_words([(words, [True] * len(words)) for _where, words, _values in sentences])
    mapping = label_map()
    found = []
    for (where, _words, values), doc in zip(sentences, docs):
        for index, value in values:
            label = mapping.unified(float(value))
            if label is None:
                raise LabelError(f"{where}: factuality {value!r} is outside every interval of data/{LABELS_FILE}")
            found.append(Labelled(doc, index, label, where, value, mapping.certainty(float(value))))
    return found


def read_conllu(path: Path) -> list[tuple[list[str], list[bool]]]:
    """The sentences of a CoNLL-U file, in order: (words, space after each). Multi-word token lines and
    empty nodes are skipped (It-Happened counts syntactic words)."""
    sentences, words, spaces = [], [], []
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            line = line.rstrip("\n")
            if not line:
                if words:
                    sentences.append((words, spaces))
                words, spaces = [], []
            elif not line.startswith("#"):
                cells = line.split("\t")
                if cells[0].isdigit():
                    words.append(cells[1])
                    spaces.append("SpaceAfter=No" not in cells[9])
    if words:
        sentences.append((words, spaces))
    return sentences


def read_it_happened(tsv: Path, conllu: Path, split: str = "dev") -> list[tuple[int, int, str, float, float]]:
    """It-Happened predicates of `split` whose sentence is in `conllu`: (sentence index, token index,
    lemma, confidence for, confidence against). Rows that are not predicates, not understandable, not kept
    or without an answer are skipped; votes are summed by confidence (data/factuality_labels.tsv)."""
    prefix = f"en-ud-{split}.conllu "
    votes: dict[tuple[int, int, str], list[float]] = {}
    with tsv.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            if row["Split"] != split or not row["Sentence.ID"].startswith(prefix):
                continue
            if row["Is.Predicate"] != "True" or row["Is.Understandable"] != "True" or row.get("Keep", "True") != "True":
                continue
            if row["Happened"] not in ("true", "false") or not row["Confidence"].isdigit():
                continue
            key = (int(row["Sentence.ID"].removeprefix(prefix)) - 1, int(row["Pred.Token"]) - 1, row["Pred.Lemma"])
            tally = votes.setdefault(key, [0.0, 0.0])
            tally[row["Happened"] == "false"] += float(row["Confidence"])
    return [(s, t, lemma, yes, no) for (s, t, lemma), (yes, no) in sorted(votes.items())]


def labelled_it_happened(tsv: Path, conllu: Path, split: str = "dev") -> list[Labelled]:
    sentences = read_conllu(Path(conllu))
    mapping = label_map()
    wanted = [(s, t, lemma, yes, no) for s, t, lemma, yes, no in read_it_happened(Path(tsv), Path(conllu), split)
              if s < len(sentences) and t < len(sentences[s][0]) and yes != no]
    used = sorted({s for s, *_rest in wanted})
    docs = dict(zip(used, parse_words([sentences[s] for s in used])))
    return [
        # the weight is the annotators' agreement: 4 against 0 counts fully, 4 against 3 hardly
        Labelled(docs[s], t, mapping.of("it_happened", "true" if yes > no else "false"),
                 f"{Path(conllu).name}#{s + 1}", f"{'true' if yes > no else 'false'} {yes:g} against {no:g} ({lemma})",
                 min(1.0, WEAK_FLOOR + abs(yes - no) / (yes + no)))
        for s, t, lemma, yes, no in wanted
    ]


def read_team(path: Path) -> list[tuple[str, str, int, int, str]]:
    """The team's sentences: `class<TAB>sentence with the [predicate] in brackets  ## reason` →
    (where, sentence without brackets, predicate start, end, class)."""
    found = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        rule, _, reason = line.partition("##")
        label, _, marked = rule.strip().partition("\t")
        match = re.search(r"\[([^\]]+)\]", marked)
        if not reason.strip() or not match or label not in label_map().values["team"]:
            raise LabelError(f"{path.name}:{number}: expected 'CLASS<TAB>sentence with the [predicate] marked  ## reason'"
                             f" with CLASS one of {', '.join(label_map().values['team'])}")
        text = marked[: match.start()] + match[1] + marked[match.end():]
        found.append((f"{path.name}:{number}", text.strip(), match.start(), match.start() + len(match[1]),
                      label_map().of("team", label)))
    return found


def team_path() -> Path:
    return Path(str(resources.files("sitroom").joinpath("data", TEAM_FILE)))


def labelled_team(path: Path | None = None) -> list[Labelled]:
    rows = read_team(Path(path) if path else team_path())
    nlp = _nlp()
    docs = list(nlp.pipe(text for _where, text, *_rest in rows))
    found = []
    for (where, _text, start, end, label), doc in zip(rows, docs):
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            raise LabelError(f"{where}: the marked predicate is not a token of the sentence")
        found.append(Labelled(doc, span.root.i, label, where, label))
    return found


def training_examples(sets: Sequence[str], data: Path, *, team: Path | None = None) -> list[Labelled]:
    """The train splits of `sets` under `data` (the shared data folder). It-Happened's train sentences are
    not in the shared copy, so 'it-happened' trains on its dev split: a model trained with it cannot be
    scored fairly on It-Happened dev."""
    unknown = [name for name in sets if name not in SETS]
    if unknown:
        raise UsageError(f"unknown training set(s) {', '.join(unknown)}; choose from {', '.join(SETS)}")
    root = Path(data) / UNIFIED
    found: list[Labelled] = []
    for name in sets:
        if name == "team":
            found += labelled_team(team)
            continue
        files = ([root / "uds_it_happened" / "it-happened_train_dev.tsv", root / "uds_it_happened" / "en_ewt-ud-dev.conllu"]
                 if name == "it-happened" else [root / name / "train.conll"])
        missing = [str(f) for f in files if not f.is_file()]
        if missing:
            raise UsageError(f"{', '.join(missing)}: not found; give --data the folder that holds {UNIFIED}")
        if name == "it-happened":
            mapping = label_map()
            found += [Labelled(ex.doc, ex.index, mapping.of("training", ex.label), ex.where, ex.gold, ex.weight)
                      for ex in labelled_it_happened(*files)]
        else:
            found += labelled_conll(files[0])
    return found


# --- predicting and scoring ---


def rules_predictions(examples: Sequence[Labelled]) -> list[Prediction]:
    """The cue rules' modality of each predicate's clause (its own, when it heads one; else that of the
    nearest verb above it that does), mapped onto the classes. Probability 1: the rules do not say."""
    tagger, mapping = ModalityTagger(), label_map()
    clauses: dict[int, dict[int, str]] = {}
    found = []
    for ex in examples:
        by_verb = clauses.get(id(ex.doc))
        if by_verb is None:
            by_verb = clauses[id(ex.doc)] = {c.verb: c.modality for c in tagger(ex.doc, [], None)}
        token = ex.doc[ex.index]
        while token.i not in by_verb and token.head.i != token.i:
            token = token.head
        found.append((mapping.of("rules", by_verb.get(token.i, "asserted")), 1.0))
    return found


@dataclass
class FactualityScores:
    method: str
    classes: tuple[str, ...]
    gold: list[str] = field(default_factory=list)
    predicted: list[str] = field(default_factory=list)
    misses: list[str] = field(default_factory=list)
    """Wrong predictions, the surest first: 'WHERE: PREDICATE gold CLASS (SOURCE'S LABEL), predicted CLASS P: SENTENCE'."""

    def summary(self) -> dict:
        pairs = Counter(zip(self.gold, self.predicted))
        f1 = {}
        for name in self.classes:
            right = pairs[(name, name)]
            gold = sum(n for (g, _p), n in pairs.items() if g == name)
            predicted = sum(n for (_g, p), n in pairs.items() if p == name)
            f1[name] = round(2 * right / (gold + predicted), 4) if gold + predicted else 0.0
        total = len(self.gold)
        return {
            "method": self.method,
            "predicates": total,
            "accuracy": round(sum(n for (g, p), n in pairs.items() if g == p) / total, 4) if total else 0.0,
            "macro_f1": round(sum(f1.values()) / len(f1), 4) if f1 else 0.0,
            "f1": f1,
            "confusion": {g: {p: pairs[(g, p)] for p in self.classes if pairs[(g, p)]} for g in self.classes},
        }


def score_examples(examples: Sequence[Labelled], model: FactualityModel | None = None, *, method: str = "model",
                   binary: bool = False) -> FactualityScores:
    """Scores of `method` ('model': `model`, None for the shipped one; 'rules': the cue rules) on `examples`;
    `binary` collapses both sides to asserted / not_asserted (data/factuality_labels.tsv's 'binary' rules)."""
    if method == "model":
        predictions = (model or FactualityModel.load()).predict_many(ex.doc[ex.index] for ex in examples)
    elif method == "rules":
        predictions = rules_predictions(examples)
    else:
        raise UsageError(f"unknown method {method!r}; expected 'model' or 'rules'")
    mapping = label_map()
    classes = tuple(dict.fromkeys(mapping.values["binary"].values())) if binary else CLASSES
    scores = FactualityScores(method, classes)
    wrong = []
    for ex, (label, probability) in zip(examples, predictions):
        predicted = mapping.of("binary", label) if binary else label
        scores.gold.append(ex.label)
        scores.predicted.append(predicted)
        if predicted != ex.label:
            token = ex.doc[ex.index]
            line = f"{ex.where}: {token.text!r} gold {ex.label} ({ex.gold}), predicted {label} {probability:.2f}: {ex.doc.text}"
            wrong.append((-probability, line))
    scores.misses = [line for _p, line in sorted(wrong, key=lambda pair: pair[0])[:MISSES_KEPT]]
    return scores


def score_conll(path: Path, model: FactualityModel | None = None, *, method: str = "model") -> FactualityScores:
    """Scores on a unified factuality CoNLL file (MEANTIME, UW)."""
    return score_examples(labelled_conll(Path(path)), model, method=method)


def score_it_happened(tsv: Path, conllu: Path, model: FactualityModel | None = None, *, method: str = "model",
                      split: str = "dev") -> FactualityScores:
    """Scores on It-Happened's `split` (predicates whose sentence is in `conllu`), happened against not."""
    return score_examples(labelled_it_happened(Path(tsv), Path(conllu), split), model, method=method, binary=True)


def train_factuality(sets: Sequence[str], data: Path, *, kind: str = "logreg", c: float = DEFAULT_C,
                     balance: float = DEFAULT_BALANCE, team: Path | None = None) -> FactualityModel:
    """A factuality model trained on the train splits of `sets` (meantime, uw, it-happened, team) found under
    `data` (the shared data folder, holding realtext/factuality_unified); `team` replaces the shipped team
    sentences. It lives here, with the corpora's readers, because the language layer may not import them."""
    started = time.process_time()
    examples = training_examples(sets, data, team=team)
    model = fit(label_examples(examples), kind=kind, c=c, balance=balance, meta={"trained_on": sorted(sets)})
    model.meta["train_cpu_s"] = round(time.process_time() - started, 1)
    return model
