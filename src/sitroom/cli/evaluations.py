"""`sitroom eval wikievents|police|muc|case|factuality`: the event layer scored on real text others labelled.

Each command checks its file, runs one evaluator of sitroom.evaluate (under a progress bar) and prints its
summary and worst misses with `_report`, the one printer they share.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from .common import (
    JsonOption,
    KbOption,
    bar,
    checked_input,
    choice,
    failures_reported,
    print_scores,
    settings,
    usage,
)

if TYPE_CHECKING:
    from ..evaluate.harness import Scored

EveryOption = Annotated[int, typer.Option(help="Score every Nth document only (quicker on big files).")]
MissesOption = Annotated[int, typer.Option(help="Print this many of the worst cases, each with its sentence (0: none).")]
FACTUALITY_FORMATS = ("meantime", "uw", "it-happened")
FACTUALITY_METHODS = ("model", "rules")


def _scored(label: str, score_file: Callable[..., Scored], path: str, kb: list[str] | None, every: int, as_json: bool) -> Scored:
    """`score_file(path, knowledge, every, progress)` with the settings' knowledge, under a bar unless --json."""
    from ..kb.knowledge import load_knowledge

    chosen = settings(None, kb)
    with failures_reported():
        knowledge = load_knowledge(None, chosen.kb)
        if as_json:
            return score_file(path, knowledge, every)
        with bar(label) as progress:
            task = progress.add_task(label, total=None)
            return score_file(path, knowledge, every, progress=lambda done, total: progress.update(task, completed=done, total=total))


def eval_wikievents(
    path: Annotated[str, typer.Argument(metavar="FILE.jsonl", help="WikiEvents JSON Lines (sentences and typed event mentions).", show_default=False)],
    kb: KbOption = None,
    every: EveryOption = 1,
    misses: MissesOption = 0,
    as_json: JsonOption = False,
) -> None:
    """Score sentence-level event detection: does a kept event stand on each sentence holding a conflict, arrest or death trigger?

    Example: sitroom eval wikievents ../shared/data/realtext/wikievents/dev.jsonl --misses 20
    """
    from ..evaluate.wikievents import score_file

    checked_input(path, every, "give WikiEvents' JSON Lines file (doc_id, sentences, event_mentions a line)")
    scores = _scored("extracting WikiEvents documents", score_file, path, kb, every, as_json)
    print_scores(path, "sentences with a conflict, arrest or death event", scores, as_json, misses)


def eval_police(
    folder: Annotated[str, typer.Argument(metavar="DIR", help="The IndiaPoliceEvents folder: docs.jsonl, sents.jsonl and metadata.jsonl.", show_default=False)],
    kb: KbOption = None,
    every: EveryOption = 1,
    misses: MissesOption = 0,
    as_json: JsonOption = False,
) -> None:
    """Score police actions (kill, arrest, force) found per sentence, and events wrongly found in sentences with none.

    Example: sitroom eval police ../shared/data/realtext/india_police_events --every 4 --misses 20
    """
    from ..evaluate.police import FILES, score_file

    expected = "give the IndiaPoliceEvents folder (docs.jsonl, sents.jsonl and metadata.jsonl)"
    for name in FILES:
        checked_input(str(Path(folder) / name), every, expected)
    scores = _scored("extracting Times of India articles", score_file, folder, kb, every, as_json)
    print_scores(folder, "sentences labelled with police actions", scores, as_json, misses)


def eval_muc(
    path: Annotated[str, typer.Argument(metavar="FILE.json", help="MUC-4 in GRIT's JSON (document id -> doc and roles).", show_default=False)],
    kb: KbOption = None,
    every: EveryOption = 1,
    misses: MissesOption = 0,
    as_json: JsonOption = False,
) -> None:
    """Score documents: does a kept incident-class event come only from documents that report an incident?

    Example: sitroom eval muc ../shared/data/realtext/muc4_grit/dev.json --misses 20
    """
    from ..evaluate.muc import score_file

    checked_input(path, every, "give a MUC-4 GRIT JSON file (document id -> {doc, roles})")
    scores = _scored("extracting MUC-4 documents", score_file, path, kb, every, as_json)
    print_scores(path, "documents with and without an incident", scores, as_json, misses)


def eval_case(
    path: Annotated[str, typer.Argument(metavar="FILE.tsv", help="CASE 2021 Task 2 TSV (id, EventSnippet, SubType).", show_default=False)],
    kb: KbOption = None,
    every: EveryOption = 1,
    misses: MissesOption = 0,
    as_json: JsonOption = False,
) -> None:
    """Score each snippet's surest event against its ACLED sub-event type, and events found in snippets that are no event.

    Example: sitroom eval case ../shared/data/realtext/case2021_task2_acled_subtypes/split_dev.tsv --misses 20
    """
    from ..evaluate.case2021 import score_file

    checked_input(path, every, "give a CASE 2021 Task 2 TSV file (id, EventSnippet, SubType)")
    scores = _scored("extracting CASE 2021 snippets", score_file, path, kb, every, as_json)
    print_scores(path, "snippets against ACLED sub-event types", scores, as_json, misses)


def eval_factuality(
    path: Annotated[str, typer.Argument(metavar="FILE.conll", help="A unified-factuality CoNLL file (MEANTIME, UW), or It-Happened's TSV.", show_default=False)],
    fmt: Annotated[str | None, typer.Option("--format", help="meantime, uw or it-happened [default: it-happened for a .tsv file, else meantime].", show_default=False)] = None,
    sentences: Annotated[str | None, typer.Option("--sentences", metavar="CONLLU", help="It-Happened's sentences (UD English-EWT CoNLL-U); needed with --format it-happened.", show_default=False)] = None,
    method: Annotated[str, typer.Option("--method", help="model (the learned factuality model) or rules (the modality cue rules).")] = "model",
    model: Annotated[str | None, typer.Option("--model", metavar="MODEL.json", help="A model 'sitroom train factuality' saved [default: the shipped one].", show_default=False)] = None,
    misses: MissesOption = 0,
    as_json: JsonOption = False,
) -> None:
    """Score whether each labelled predicate happened (asserted), maybe (uncertain) or not (negated) against the gold factuality.

    Example: sitroom eval factuality ../shared/data/realtext/factuality_unified/meantime/dev.conll --method rules

    A model trained with `sitroom train factuality --out best.json` is scored with --model best.json.
    """
    from ..evaluate import factuality

    chosen = choice(fmt, "--format", FACTUALITY_FORMATS) or ("it-happened" if path.endswith(".tsv") else "meantime")
    choice(method, "--method", FACTUALITY_METHODS)
    checked_input(path, 1, "give a unified-factuality CoNLL file, or It-Happened's TSV with --sentences")
    if chosen == "it-happened":
        if sentences is None:
            usage("E204", option="--sentences", expected="given with --format it-happened (the CoNLL-U file of its sentences)")
        checked_input(sentences, 1, "give the UD English-EWT CoNLL-U file It-Happened's Sentence.IDs point into")
    loaded = None
    if model is not None:
        from ..nlp.factuality import FactualityModel

        checked_input(model, 1, "give a model file 'sitroom train factuality --out MODEL.json' wrote")
        try:
            loaded = FactualityModel.load(model)
        except (ValueError, KeyError) as error:  # not JSON, or not a model's JSON
            usage("E206", reason=str(error))
    label = "parsing and scoring predicates"
    with failures_reported(), bar(label) as progress:
        if not as_json:  # the scorers report no progress: an open-ended bar shows it is working
            progress.add_task(label, total=None)
        if chosen == "it-happened":
            scores = factuality.score_it_happened(path, sentences, loaded, method=method)
        else:
            scores = factuality.score_conll(path, loaded, method=method)
    print_scores(path, f"predicates' factuality ({chosen}, {method})", scores, as_json, misses)


def register(eval_app: typer.Typer) -> None:
    eval_app.command("wikievents")(eval_wikievents)
    eval_app.command("police")(eval_police)
    eval_app.command("muc")(eval_muc)
    eval_app.command("case")(eval_case)
    eval_app.command("factuality")(eval_factuality)
