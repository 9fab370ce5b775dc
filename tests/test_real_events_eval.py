"""The event layer scored on real text others labelled (`sitroom eval wikievents|police|muc|case`): the scoring
arithmetic on tiny files written here, the label mapping data, the commands, and the development sets in
../shared/data/realtext (skipped, naming the file, when absent) against tests/quality/realevents-floors.json."""

import json

import pytest

from sitroom.errors import KnowledgeFileError
from sitroom.evaluate import case2021, muc, police, wikievents
from sitroom.evaluate.harness import load_eval_labels, parse_eval_labels
from sitroom.evaluate.suite import (
    REAL_EVENTS,
    REAL_EVENTS_SAMPLE_EVERY,
    score_real_events,
)
from sitroom.kb.knowledge import load_knowledge

from .conftest import ROOT, SHARED_DATA
from .test_cli import run

FLOORS = json.loads((ROOT / "tests" / "quality" / "realevents-floors.json").read_text(encoding="utf-8"))
SCORERS = {"wikievents": wikievents.score_file, "police": police.score_file, "muc": muc.score_file, "case": case2021.score_file}


@pytest.fixture(scope="module")
def knowledge():
    return load_knowledge()


def _wikievents_file(folder):
    documents = [
        {"doc_id": "attack", "sentences": [[[], "Gunmen attacked a police station in Kabul on Monday, killing five officers."],
                                           [[], "The weather in the capital was mild and sunny."]],
         "event_mentions": [{"event_type": "Conflict.Attack.Unspecified", "trigger": {"text": "attacked", "sent_idx": 0}}]},
        {"doc_id": "budget", "sentences": [[[], "The committee met on Tuesday to discuss the new budget."]],
         "event_mentions": [{"event_type": "Life.Die.Unspecified", "trigger": {"text": "met", "sent_idx": 0}},
                            {"event_type": "Contact.Meet.Unspecified", "trigger": {"text": "met", "sent_idx": 0}}]},
    ]
    path = folder / "wikievents.jsonl"
    path.write_text("".join(json.dumps(d) + "\n" for d in documents), encoding="utf-8")
    return path


def test_wikievents_scores_sentences_found_and_missed(tmp_path, knowledge):
    scores = wikievents.score_file(_wikievents_file(tmp_path), knowledge)
    summary = scores.summary()
    assert (summary["documents"], summary["sentences"], summary["gold_positive"]) == (2, 3, 2)
    assert (summary["predicted_positive"], summary["true_positive"]) == (1, 1)
    assert (summary["precision"], summary["recall"], summary["f1"]) == (1.0, 0.5, 0.6667)
    assert scores.misses == ['missed: Life.Die.Unspecified "met" | The committee met on Tuesday to discuss the new budget. [budget]']


def test_police_repairs_mojibake_and_counts_state_actor_false_positives(tmp_path, knowledge):
    sentences = [
        ("police arrested 12 people in ahmedabad on sunday after the riots.", ["ARREST", "ANY_ACTION"]),
        ("the minister said the budget was \u00e2\u20ac\u02dcfine\u00e2\u20ac\u2122.", []),  # 'fine' in mojibake
        ("the army killed two rebels in a clash near surat on monday.", []),
    ]
    text = " ".join(s for s, _ in sentences)
    (tmp_path / "docs.jsonl").write_text(json.dumps({"doc_id": 7, "doc_text": text}) + "\n", encoding="utf-8")
    (tmp_path / "metadata.jsonl").write_text(json.dumps({"doc_id": 7, "date": "2002-03-04"}) + "\n", encoding="utf-8")
    (tmp_path / "sents.jsonl").write_text(
        "".join(json.dumps({"doc_id": 7, "sent_id": i, "sent_text": s, "sent_labels": labels}) + "\n" for i, (s, labels) in enumerate(sentences)),
        encoding="utf-8",
    )
    documents = police.read_documents(tmp_path)
    assert "was 'fine'." in documents[0].item.text and documents[0].unmapped == 0  # ftfy also straightens quotes
    summary = police.score_file(tmp_path, knowledge).summary()
    assert (summary["sentences"], summary["gold_positive"], summary["unlabelled_sentences"]) == (3, 1, 2)
    assert summary["recall"] == 1.0
    assert summary["false_positive_rate"] == summary["false_positive_rate_any"] == 0.5  # the army's clash, unlabelled
    assert summary["flagged_rate_by_label"] == {"ANY_ACTION": 1.0, "ARREST": 1.0}


def test_muc_flags_documents_without_an_incident_that_yield_one(tmp_path, knowledge):
    empty = {"perp_individual_id": [], "hum_tgt_name": []}
    documents = {
        "INCIDENT": {"doc": "GUERRILLAS ATTACKED AN ARMY POST IN SAN SALVADOR YESTERDAY, KILLING FIVE SOLDIERS.",
                     "roles": {**empty, "perp_individual_id": [["GUERRILLAS"]]}},
        "COMMENTARY": {"doc": "THE ARMY KILLED TWO REBELS IN A CLASH NEAR SAN MIGUEL ON MONDAY.", "roles": empty},
        "TALKS": {"doc": "THE FOREIGN MINISTERS MET IN GENEVA ON MONDAY TO DISCUSS TRADE.", "roles": empty},
    }
    path = tmp_path / "muc.json"
    path.write_text(json.dumps(documents), encoding="utf-8")
    scores = muc.score_file(path, knowledge)
    summary = scores.summary()
    assert (summary["documents"], summary["gold_incident"], summary["predicted_incident"], summary["no_incident_docs"]) == (3, 1, 2, 2)
    assert (summary["incident_precision"], summary["incident_recall"], summary["no_incident_false_rate"]) == (0.5, 1.0, 0.5)
    assert len(scores.misses) == 1 and scores.misses[0].startswith("no incident, yet: armed_clash") and "[COMMENTARY]" in scores.misses[0]


def test_case_scores_sub_types_weighted_f1_and_false_events(tmp_path, knowledge):
    rows = [
        ("1", "US warplanes bombed the village of Kashkash in Hasaka on Sunday, killing six civilians.", "AIR_STRIKE"),
        ("2", "The foreign ministers met in Geneva on Monday to discuss trade.", "DIPLO"),
        ("3", "Police arrested 20 protesters in Lagos on Monday.", "PEACE_PROTEST"),
    ]
    path = tmp_path / "case.tsv"
    path.write_text("id\tEventSnippet\tSubType\n" + "".join("\t".join(r) + "\n" for r in rows), encoding="utf-8")
    scores = case2021.score_file(path, knowledge)
    summary = scores.summary()
    assert (summary["snippets"], summary["acled_rows"], summary["non_acled_rows"]) == (3, 2, 1)
    assert (summary["sub_event_accuracy"], summary["event_type_accuracy"], summary["false_event_rate"]) == (0.5, 0.5, 0.0)
    # gold Air/drone strike, no event, Peaceful protest; predicted Air/drone strike, no event, Arrests
    assert summary["weighted_f1"] == round(2 / 3, 4)
    assert scores.misses == ["want 'Peaceful protest' got 'Arrests': arrest \"arrested\" asserted | Police arrested 20 protesters in Lagos on Monday. [3]"]
    bad = tmp_path / "bad.tsv"
    bad.write_text("id\tEventSnippet\tSubType\n1\tSome text\tEARTHQUAKE\n", encoding="utf-8")
    with pytest.raises(KnowledgeFileError, match="bad.tsv"):
        case2021.score_file(bad, knowledge)


def test_label_mapping_names_what_sitroom_has(knowledge):
    labels = load_eval_labels()
    assert labels.kept == {"asserted", "reported"}
    assert labels.muc_incident_classes <= set(knowledge.event_classes)
    sub_types = {c.sub_event_type for c in knowledge.event_classes.values()}
    acled = [pair for pair in labels.case_labels.values() if pair]
    assert len(acled) == 25 and len(labels.case_labels) == 30
    assert {sub for _type, sub in acled} - sub_types <= {"Attack", "Armed clash"}  # the 'by target' classes give these two
    with pytest.raises(KnowledgeFileError, match="line 2"):
        parse_eval_labels("[kept]\nasserted\n")  # no reason


def test_eval_commands_print_json_keys_and_name_a_missing_file(tmp_path):
    path = _wikievents_file(tmp_path)
    result = run("eval", "wikievents", str(path), "--json", "--misses", "5")
    assert result.returncode == 0, result.stderr
    scores = json.loads(result.stdout)
    assert {"file", "sentences", "precision", "recall", "f1", "misses"} <= set(scores) and len(scores["misses"]) == 1
    table = run("eval", "wikievents", str(path), "--misses", "1", env={"COLUMNS": "200"})
    assert table.returncode == 0 and "precision" in table.stdout and "missed: Life.Die" in table.stdout
    for command, missing in (("wikievents", tmp_path / "none.jsonl"), ("muc", tmp_path / "none.json"), ("case", tmp_path / "none.tsv")):
        bad = run("eval", command, str(missing))
        assert bad.returncode == 2 and "E203" in bad.stderr and "none." in bad.stderr
    bad = run("eval", "police", str(tmp_path))
    assert bad.returncode == 2 and "E203" in bad.stderr and "docs.jsonl" in bad.stderr
    for command in ("wikievents", "police", "muc", "case", "factuality"):
        helped = run("eval", command, "--help")
        assert helped.returncode == 0 and f"Example: sitroom eval {command}" in " ".join(helped.stdout.split())


def test_the_suite_lists_absent_sets_as_skipped(tmp_path):
    results: dict = {"skipped": {}}
    score_real_events(tmp_path, results)
    assert results["skipped"] == {f"events {name}": f"{tmp_path / 'realtext' / path} not present" for name, path in REAL_EVENTS.items()}


@pytest.mark.parametrize("name", sorted(REAL_EVENTS))
def test_real_event_sets_keep_their_floors(name, knowledge):
    """The sample of suite.REAL_EVENTS_SAMPLE_EVERY (all but police: every 4th article), against the pinned
    floors (scores) and ceilings (false rates)."""
    path = SHARED_DATA / "realtext" / REAL_EVENTS[name]
    if not path.exists():
        pytest.skip(f"{path} not present (the real-text sets live in ../shared/data/realtext)")
    pinned = FLOORS["sets"][name]
    assert pinned["every"] == REAL_EVENTS_SAMPLE_EVERY[name]
    summary = SCORERS[name](path, knowledge, every=pinned["every"]).summary()
    assert summary["failed"] == 0
    for key, floor in pinned["floors"].items():
        assert summary[key] >= floor, f"{name} {key} fell to {summary[key]} (floor {floor})"
    for key, ceiling in pinned["ceilings"].items():
        assert summary[key] <= ceiling, f"{name} {key} rose to {summary[key]} (ceiling {ceiling})"


def test_eval_factuality_scores_a_tiny_conll_file_with_the_rules(tmp_path):
    rows = [("Rebels", "_"), ("attacked", "3.0"), ("the", "_"), ("town", "_"), (".", "_")]
    conll = tmp_path / "tiny.conll"
    conll.write_text("".join(f"{i}\t{word}\t{value}\t_\t0\t_\t{word.lower()}\n" for i, (word, value) in enumerate(rows)) + "\n", encoding="utf-8")
    result = run("eval", "factuality", str(conll), "--method", "rules", "--json")
    assert result.returncode == 0, result.stderr
    assert {"file", "misses"} <= set(json.loads(result.stdout))
    bad = run("eval", "factuality", str(tmp_path / "none.conll"))
    assert bad.returncode == 2 and "E203" in bad.stderr
    no_sentences = run("eval", "factuality", str(conll), "--format", "it-happened")
    assert no_sentences.returncode == 2 and "--sentences" in no_sentences.stderr


def test_eval_factuality_scores_a_model_file_and_refuses_one_that_is_not(tmp_path):
    rows = [("Rebels", "_"), ("might", "_"), ("attack", "-0.5"), ("the", "_"), ("town", "_"), (".", "_")]
    conll = tmp_path / "tiny.conll"
    conll.write_text("".join(f"{i}\t{word}\t{value}\t_\t0\t_\t{word.lower()}\n" for i, (word, value) in enumerate(rows)) + "\n", encoding="utf-8")
    shipped = ROOT / "src" / "sitroom" / "models" / "factuality.json"
    scored = run("eval", "factuality", str(conll), "--model", str(shipped), "--json")
    assert scored.returncode == 0, scored.stderr
    assert json.loads(scored.stdout)["predicates"] == 1
    not_a_model = tmp_path / "not-a-model.json"
    not_a_model.write_text('{"weights": {}}', encoding="utf-8")
    refused = run("eval", "factuality", str(conll), "--model", str(not_a_model))
    assert refused.returncode == 2 and "E206" in refused.stderr and "not-a-model.json" in refused.stderr
