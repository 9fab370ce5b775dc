"""The learned factuality model (nlp/factuality.py), its evaluator (evaluate/factuality.py) and
`sitroom train factuality`: on the team's own sentences, on tiny files written here, and on the real
MEANTIME / UW sets (../shared/data, skipped when absent)."""

import json
import subprocess
import sys

import pytest

from sitroom.evaluate.factuality import (
    UNIFIED,
    label_map,
    labelled_conll,
    labelled_team,
    read_conll,
    read_it_happened,
    score_conll,
    score_examples,
    score_it_happened,
    train_factuality,
)
from sitroom.nlp.factuality import CLASSES, FactualityModel, features
from sitroom.nlp.pipeline import load_pipeline

from .conftest import SHARED_DATA

FACTUALITY = SHARED_DATA / UNIFIED
SHIPPED_MEANTIME_DEV_MACRO_F1 = 0.50
"""Floor for the shipped model on MEANTIME dev (0.54 when it was trained; models/factuality.md). Only 16 of
its 195 predicates are not asserted, so one predicate moves macro-F1 by about 0.02."""
TRAINED_UW_DEV_MACRO_F1 = 0.66
"""Floor for a model trained here on UW + MEANTIME train, on UW dev (0.67 with the defaults chosen by
cross-validation on UW train; the earlier, dev-tuned defaults scored 0.69; models/factuality.md)."""


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline(exclude=["lemmatizer", "attribute_ruler"])


def _predicate(nlp, text: str, word: str):
    doc = nlp(text)
    return next(t for t in doc if t.text == word)


@pytest.mark.parametrize(("text", "word", "expected"), [
    ("Militants could attack the capital within weeks, analysts warned.", "attack", "uncertain"),
    ("The militants did not attack the base on Sunday.", "attack", "negated"),
    ("Militants attacked a police post near the border on Tuesday.", "attacked", "asserted"),
    ("The army plans to deploy more troops to the north.", "deploy", "uncertain"),
    ("The group denied kidnapping the engineers.", "kidnapping", "negated"),
])
def test_the_shipped_model_predicts_team_style_sentences(nlp, text, word, expected):
    label, probability = FactualityModel.load().predict(_predicate(nlp, text, word))
    assert label == expected and 1 / len(CLASSES) < probability <= 1.0


def test_the_shipped_model_fits_the_team_sentences_and_batches_like_single_calls():
    model, examples = FactualityModel.load(), labelled_team()
    summary = score_examples(examples, model).summary()
    assert summary["predicates"] == len(examples) >= 150
    assert summary["accuracy"] >= 0.9, summary
    tokens = [ex.doc[ex.index] for ex in examples[:20]]
    assert model.predict_many(tokens) == [model.predict(t) for t in tokens]
    assert model.meta["trained_on"] == ["meantime", "team"]


def test_features_name_the_cues_on_the_path_to_the_root(nlp):
    found = set(features(_predicate(nlp, "Officials said the rebels might not attack Gao if the army stays.", "attack")))
    assert {"c:aux=might", "c:neg=not", "c:hypothetical_aux", "c:negation", "up:reported_head"} <= found
    assert "question" in features(_predicate(nlp, "Did the army bomb the village?", "bomb"))


def test_the_label_rules_are_read_from_data():
    mapping = label_map()
    assert [mapping.unified(v) for v in (3.0, 1.0, 0.99, -0.6, -1.0, -3.0)] == [
        "asserted", "asserted", "uncertain", "uncertain", "negated", "negated"]
    assert mapping.of("rules", "reported") == "asserted" and mapping.of("rules", "planned") == "uncertain"
    assert mapping.of("binary", "negated") == mapping.of("it_happened", "false") == "not_asserted"
    assert mapping.certainty(1.0) < mapping.certainty(2.0) == 1.0


def test_a_tiny_conll_file_is_read_and_scored_with_misses(tmp_path):
    rows = [
        "0\tRebels\t_\tNNS\t1\tnsubj\trebel", "1\tattacked\t3.0\tVBD\t1\tROOT\tattack", "2\tGao\t_\tNNP\t1\tdobj\tgao",
        "3\t.\t_\t.\t1\tpunct\t.", "",
        "0\tThe\t_\tDT\t1\tdet\tthe", "1\tarmy\t_\tNN\t3\tnsubj\tarmy", "2\tdid\t_\tVBD\t3\taux\tdo",
        "3\tnot\t_\tRB\t4\tneg\tnot", "4\tretreat\t-3.0\tVB\t4\tROOT\tretreat", "5\t.\t_\t.\t4\tpunct\t.", "",
        "0\tThey\t_\tPRP\t1\tnsubj\tthey", "1\tmay\t_\tMD\t2\taux\tmay", "2\treturn\t0.4\tVB\t2\tROOT\treturn",
        "3\t.\t_\t.\t2\tpunct\t.",
    ]
    path = tmp_path / "dev.conll"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    assert [values for _where, _words, values in read_conll(path)] == [[(1, "3.0")], [(4, "-3.0")], [(2, "0.4")]]
    scores = score_conll(path)
    summary = scores.summary()
    assert summary["predicates"] == 3 and summary["accuracy"] == 1.0 and set(summary["f1"]) == set(CLASSES)
    rules = score_conll(path, method="rules").summary()
    assert rules["method"] == "rules" and rules["accuracy"] == 1.0
    wrong = FactualityModel(CLASSES, (0.0, 0.0, 5.0), {})  # says negated whatever it reads
    misses = score_conll(path, wrong).misses
    assert len(misses) == 2 and all(" predicted negated " in line for line in misses)
    assert misses[0].startswith(f"{tmp_path.name}/dev.conll:1: 'attacked' gold asserted (3.0)")


def test_it_happened_votes_are_weighted_by_confidence(tmp_path):
    conllu = tmp_path / "en_ewt-ud-dev.conllu"
    conllu.write_text(
        "# text = Police may arrest him.\n1\tPolice\tpolice\tNOUN\tNNS\t_\t3\tnsubj\t_\t_\n"
        "2\tmay\tmay\tAUX\tMD\t_\t3\taux\t_\t_\n3\tarrest\tarrest\tVERB\tVB\t_\t0\troot\t_\t_\n"
        "4\thim\the\tPRON\tPRP\t_\t3\tobj\t_\tSpaceAfter=No\n5\t.\t.\tPUNCT\t.\t_\t3\tpunct\t_\t_\n\n", encoding="utf-8")
    header = "Split\tAnnotator.ID\tDisplay.Position\tSentence.ID\tPred.Token\tPred.Lemma\tIs.Predicate\tIs.Understandable\tHappened\tConfidence\tKeep"
    votes = [("1", "true", "1"), ("2", "false", "4"), ("3", "true", "2"), ("4", "na", "na")]
    lines = [header] + [f"dev\t{a}\t1\ten-ud-dev.conllu 1\t3\tarrest\tTrue\tTrue\t{h}\t{c}\tTrue" for a, h, c in votes]
    tsv = tmp_path / "it-happened.tsv"
    tsv.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert read_it_happened(tsv, conllu) == [(0, 2, "arrest", 3.0, 4.0)]
    scores = score_it_happened(tsv, conllu)
    assert scores.gold == ["not_asserted"] and scores.predicted == ["not_asserted"]
    assert set(scores.summary()["f1"]) == {"asserted", "not_asserted"}


def test_a_model_of_another_format_is_refused(tmp_path):
    path = tmp_path / "model.json"
    path.write_text(json.dumps({"format": "pickle-ish"}), encoding="utf-8")
    with pytest.raises(ValueError, match="not a sitroom factuality model"):
        FactualityModel.load(path)


def _train(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "sitroom.cli", "train", "factuality", *args],
                          check=False, capture_output=True, text=True)


def test_training_on_the_team_file_through_the_cli(tmp_path):
    out = tmp_path / "team.json"
    result = _train("--on", "team", "--out", str(out), "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["trained_on"] == ["team"] and report["predicates"] >= 150
    model = FactualityModel.load(out)
    assert model.classes == tuple(sorted(CLASSES)) and model.meta["kind"] == "logreg"
    bad = _train("--on", "factbank", "--out", str(out))
    assert bad.returncode == 2 and "unknown training set" in bad.stderr
    assert _train("--on", "team", "--kind", "forest", "--out", str(out)).returncode == 2


def _need(*paths):
    for path in paths:
        if not path.is_file():
            pytest.skip(f"{path} is absent (the shared factuality data, ../shared/data/{UNIFIED})")


def test_the_shipped_model_on_meantime_dev_keeps_its_floor():
    dev = FACTUALITY / "meantime" / "dev.conll"
    _need(dev)
    summary = score_conll(dev).summary()
    assert summary["predicates"] == 195
    assert summary["macro_f1"] >= SHIPPED_MEANTIME_DEV_MACRO_F1, summary


def test_a_model_trained_on_uw_and_meantime_keeps_its_floor_on_uw_dev():
    dev = FACTUALITY / "uw" / "dev.conll"
    _need(dev, FACTUALITY / "uw" / "train.conll", FACTUALITY / "meantime" / "train.conll")
    model = train_factuality(["uw", "meantime"], SHARED_DATA)
    examples = labelled_conll(dev)
    model_scores = score_examples(examples, model).summary()
    rules_scores = score_examples(examples, method="rules").summary()
    assert model_scores["macro_f1"] >= TRAINED_UW_DEV_MACRO_F1, model_scores
    assert model_scores["macro_f1"] > rules_scores["macro_f1"]
