"""Event classes as data (data/event_classes.tsv): the shipped table holds every per-class fact the code used
to hold in Python sets, a malformed file says where, and a class added to a copy of the knowledge folder is
extracted, merged into an incident, exported and reported with no code change."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from sitroom.errors import KnowledgeFileError
from sitroom.export import acled_csv
from sitroom.kb.event_classes import (
    load_event_classes,
    parse_event_classes,
    shipped_data,
)
from sitroom.kb.knowledge import load_knowledge, rules_digest
from sitroom.model import Article
from sitroom.reconcile.incidents import assign, family, match
from sitroom.store import open_store
from sitroom.store.base import Batch, StoredArticle

NEW_CLASS = ("vehicle_ramming\tViolence against civilians\tAttack\tASSAULT\t-\tviolence\tviolent\t0.15\t-\t"
             "\"rammed a truck into the crowd\": a vehicle driven into people (a test class)\n")
NEW_TRIGGERS = "\n[vehicle_ramming]\nrammed|ramming  ## \"rammed a truck into the crowd\" (a test class)\n"
TEXTS = {  # id: (title, body)
    "ram-a": ("Truck driven into Gao market", ("GAO, Mali, Feb. 10, 2013 - Gunmen rammed a truck into the crowd at the market in Gao "
                                               "on Sunday, killing five people, residents said.")),
    "ram-b": ("Five dead in Gao", ("BAMAKO, Feb. 11, 2013 - Gunmen rammed a truck into the crowd at the Gao market on Sunday, "
                                   "killing five people, officials said.")),
}


def test_the_shipped_table_holds_what_the_code_held():
    """The facts as they stood in extract/events.py, reconcile/incidents.py, export.py and report/content.py."""
    classes = load_event_classes()
    assert classes.violent == {
        "attack", "armed_clash", "airstrike", "suicide_bombing", "shelling", "ied", "grenade", "chemical_attack", "massacre",
        "assassination", "execution", "kidnapping", "hostage_taking", "sexual_violence", "territory_taken", "territory_retaken",
    }
    assert classes.armed_only == {"deployment", "withdrawal", "military_intervention", "base_established", "territory_taken",
                                  "territory_retaken", "territory_handover"}
    assert classes.explosive == {"ied", "suicide_bombing", "grenade"}
    assert classes.conquest == {"territory_taken", "territory_retaken"}
    assert classes.by_target == {"attack", "assassination"}
    assert classes.once_a_year == {"coup", "declaration", "military_intervention", "agreement", "ceasefire", "group_change"}
    assert classes.families() == {
        "violence": {"attack", "armed_clash", "airstrike", "shelling", "ied", "suicide_bombing", "grenade", "chemical_attack",
                     "massacre", "assassination", "execution"},
        "territory": {"territory_taken", "territory_retaken", "territory_handover"},
        "abduction": {"kidnapping", "hostage_taking"},
        "crowd": {"protest", "protest_intervention", "protest_repression", "riot", "mob_violence"},
    }
    ranked = {"attack": 0.0, "armed_clash": 0.05, "looting": 0.08, "property_destruction": 0.08, "arrest": -0.02, "kidnapping": 0.05,
              "airstrike": 0.15, "ied": 0.15, "suicide_bombing": 0.15, "shelling": 0.15, "grenade": 0.15}
    assert {name: classes.specificity(name) for name in classes} == {name: ranked.get(name, 0.1) for name in classes}
    assert {name: c.crowd_actor for name, c in classes.items() if c.crowd_actor} == {
        "protest": "generic-protesters", "protest_intervention": "generic-protesters", "protest_repression": "generic-protesters",
        "riot": "generic-rioters", "mob_violence": "generic-rioters",
    }
    assert classes.crowd_actors == ("generic-protesters", "generic-rioters")
    assert classes.happened == ("asserted", "reported")
    assert classes.harm_words == {"wounded", "injured", "killed", "killing", "dead", "died", "wounding", "injuring", "shot", "beat",
                                  "beaten", "assaulted"}
    assert classes.fighting_types == ("Battles", "Explosions/Remote violence", "Violence against civilians")
    assert family("ied") == "violence" and family("coup") == "coup"


@pytest.mark.parametrize("change, field", [
    (("\tviolent\t0.1\t-\t", "\tviolent,fast\t0.1\t-\t"), "traits"),
    (("\tviolent\t0.1\t-\t", "\tviolent\tvery\t-\t"), "specificity"),
    (("\n[harm_words]\n", "\n[hurt_words]\n"), "section"),
    (("chemical_attack\tExplosions/Remote violence", "chemical_attack\tExplosions/Remote violence\textra"), "reason"),
])
def test_a_malformed_table_names_its_line(change, field):
    text = (shipped_data() / "event_classes.tsv").read_text(encoding="utf-8")
    old, new = change
    assert old in text
    with pytest.raises(KnowledgeFileError) as error:
        parse_event_classes(text.replace(old, new, 1), "event_classes.tsv")
    assert error.value.field == field and error.value.line > 0


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    """A copy of the shipped knowledge folder with one class more: a line in event_classes.tsv, a section of triggers."""
    folder = tmp_path_factory.mktemp("knowledge") / "data"
    shutil.copytree(shipped_data(), folder)
    with (folder / "event_classes.tsv").open("a", encoding="utf-8") as table:
        table.write(NEW_CLASS)
    with (folder / "event_triggers.txt").open("a", encoding="utf-8") as triggers:
        triggers.write(NEW_TRIGGERS)
    return folder


def test_a_class_added_as_data_is_extracted_merged_exported_and_reported(folder, tmp_path):
    from sitroom.extract.annotate import Annotator
    from sitroom.reconcile import update_incidents
    from sitroom.report.content import gather
    from sitroom.report.markdown import render_markdown

    knowledge = load_knowledge(data_dir=folder)
    classes = knowledge.event_classes
    assert "vehicle_ramming" in classes and "vehicle_ramming" not in load_event_classes()
    assert knowledge.data_dir == folder.resolve()
    assert knowledge.digest != load_knowledge().digest and rules_digest(folder) != rules_digest()

    # extracted, with the ACLED type of its line
    annotator = Annotator(knowledge)  # its Extractor binds the folder's event classes
    articles = [Article(id=key, content_hash=key, source=f"{key}.txt", format="text", language="en", title=title, paragraphs=[body],
                        published=date(2013, 2, 11)) for key, (title, body) in TEXTS.items()]
    annotated = [annotator.annotate_one(a) for a in articles]
    for record in annotated:
        (event,) = [e for e in record.events if e.event_class == "vehicle_ramming"]
        assert (event.event_type, event.sub_event_type) == ("Violence against civilians", "Attack")
        assert event.modality in classes.happened and event.location is not None and event.location.name == "Gao"
        assert event.fatalities is not None and event.fatalities.low == 5  # violent: the toll of its sentence is its own

    # merged: the two reports are one incident
    store = open_store(tmp_path / "ram.duckdb")
    store.write_batch(store.start_run([]), Batch(articles=[StoredArticle(article=a, minhash=[n] * 8) for n, a in enumerate(articles)], duplicates=[],
                                                 failures=[], annotations=annotated))
    update_incidents(store)
    (incident,) = [i for i in store.incidents() if i.event_class == "vehicle_ramming"]
    assert sorted(incident.article_ids) == ["ram-a", "ram-b"]
    rammings = [e for e in store.events() if e.event_class == "vehicle_ramming"]
    clusters: dict = {}
    assign(rammings, clusters, classes=classes)
    assert len(clusters) == 1
    # its family (a column) lets a report calling it an attack join it
    attack = rammings[0].model_copy(update={"id": "other:e1", "article_id": "other", "event_class": "attack"})
    assert match(rammings[1], attack, classes) is not None
    assert match(rammings[1], attack) is None  # the shipped table has no such class: it merges only with itself

    # exported: an ACLED row with its ACLED type
    csv = acled_csv(store.events(), store.article, lambda code: code or "", classes)
    rows = [line for line in csv.splitlines() if "rammed" in line]
    assert len(rows) == 2 and all("Violence against civilians,Attack" in row for row in rows)

    # reported
    content = gather(store, classes=classes)
    assert any(i.event_class == "vehicle_ramming" for i in content.incidents)
    assert "vehicle ramming" in render_markdown(content)
    store.close()
