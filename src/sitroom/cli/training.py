"""`sitroom train …`: train sitroom's learned models on labelled data (scikit-learn; CPU, minutes)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from .common import JsonOption, failures_reported, print_json, say

train_app = typer.Typer(help="Train sitroom's learned models on labelled data.", no_args_is_help=True)

SHIPPED_SETS = ["meantime", "team"]
"""What the shipped model is trained on: the sets whose licences let a model trained on them be redistributed
(models/factuality.md)."""


@train_app.command("factuality")
def train_factuality_cli(
    on: Annotated[list[str] | None, typer.Option(
        "--on", help="A training set: meantime, uw, it-happened or team (repeatable). Default: meantime and team, what ships.",
    )] = None,
    out_path: Annotated[Path, typer.Option("--out", help="Where to write the model (JSON).")] = Path("factuality.json"),
    data: Annotated[Path, typer.Option(help="The shared data folder holding realtext/factuality_unified.")] = Path("../shared/data"),
    team: Annotated[Path | None, typer.Option(help="Your own labelled sentences instead of the shipped ones (data/factuality_team.tsv's format).")] = None,
    kind: Annotated[str, typer.Option(help="logreg (LogisticRegression, calibrated probabilities) or svm (LinearSVC).")] = "logreg",
    c: Annotated[float | None, typer.Option("--c", help="Inverse regularisation strength (default: nlp/factuality.py's DEFAULT_C).")] = None,
    as_json: JsonOption = False,
) -> None:
    """Train the factuality model (asserted / uncertain / negated per predicate) and save it as JSON.

    Example: sitroom train factuality --on uw --on meantime --data ../shared/data --out uw-meantime.json

    UW is built on LDC newswire and It-Happened is CC BY-SA: a model trained on them is for your own use and tests, not for redistribution (models/factuality.md).

    It-Happened's train sentences are not in the shared data, so --on it-happened trains on its dev split. Score a model with 'sitroom eval factuality'.
    """
    from ..evaluate.factuality import train_factuality
    from ..nlp.factuality import DEFAULT_C

    with failures_reported():
        model = train_factuality(on or SHIPPED_SETS, data, kind=kind, c=DEFAULT_C if c is None else c, team=team)
    model.save(out_path)
    if as_json:
        print_json({"out": str(out_path), **model.meta})
    else:
        say("trained on {} ({} predicates, {} features) in {} s of CPU; saved to {}", ", ".join(model.meta["trained_on"]),
            model.meta["predicates"], model.meta["features"], model.meta["train_cpu_s"], out_path)
        say("[dim]{}[/dim]", json.dumps({k: model.meta[k] for k in ("kind", "C", "balance")}))
