"""Looking after an installation: `sitroom doctor`, `sitroom schema` and `sitroom bench`."""

from __future__ import annotations

import json
import sys
from typing import Annotated

import typer

from .common import (
    EXIT_FAILED,
    DbOption,
    JsonOption,
    failures_reported,
    out,
    print_json,
    say,
    settings,
)


def doctor(db: DbOption = None, as_json: JsonOption = False) -> None:
    """Check Python, the spaCy model, the database and optional parts, and say what to fix.

    Example: sitroom doctor --db mali.duckdb
    """
    from ..doctor import run_checks

    checks = run_checks(settings(db))
    if as_json:
        print_json([c.__dict__ for c in checks])
    else:
        for c in checks:
            mark = "[green]ok[/]" if c.ok else ("[red]FAIL[/]" if c.required else "[yellow]missing[/]")
            say(f"{mark}  {{}}: {{}}" + ("\n      fix: {}" if not c.ok and c.fix else ""), c.name, c.detail, c.fix)
    if any(not c.ok and c.required for c in checks):
        raise typer.Exit(EXIT_FAILED)


def schema(markdown: Annotated[bool, typer.Option("--markdown", help="Print docs/schema.md instead of the JSON Schemas.")] = False) -> None:
    """Print the JSON Schema of every exported record.

    Example: sitroom schema > sitroom-schema.json
    """
    from ..schema import json_schemas, schema_markdown

    if markdown:
        sys.stdout.write(schema_markdown())
    else:
        print_json(json_schemas())


def bench(
    as_json: JsonOption = False,
    words: Annotated[int, typer.Option(help="About how many words to run through each pipeline.")] = 20000,
) -> None:
    """Measure words per second (CPU time) of bare spaCy, of sitroom's whole language layer, and of
    re-extraction over stored parses, on the same texts.

    Example: sitroom bench --json
    """
    from ..bench import run_bench

    with failures_reported():
        result = run_bench(words, model=settings().spacy_model)
    if as_json:
        sys.stdout.write(json.dumps(result) + "\n")
        return
    out.print(f"texts: {result['words']:,} words ({result['texts']} texts from the demo corpus)", highlight=False)
    out.print(f"spaCy alone ({result['model']}, all its components): {result['spacy_wps']:,.0f} words/s", highlight=False)
    out.print(f"sitroom language layer (parse + extract): {result['sitroom_wps']:,.0f} words/s", highlight=False)
    out.print(f"ratio sitroom / spaCy: [bold]{result['ratio']:.2f}[/] (goal ≥ 0.80)", highlight=False)
    out.print(f"overhead of sitroom's own components: {result['components_share']:.0%} of the layer's time", highlight=False)
    if "reextract_wps" in result:
        out.print(
            f"re-extraction over stored parses: {result['reextract_wps']:,.0f} words/s, "
            f"[bold]{result['reextract_wps'] / result['sitroom_wps']:.1f}×[/] the whole layer (goal ≥ 5)",
            highlight=False,
        )


def register(app: typer.Typer) -> None:
    for command in (doctor, schema, bench):
        app.command()(command)
