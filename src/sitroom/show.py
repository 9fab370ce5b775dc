"""Rich views of stored records for the terminal. Page text is printed as text, never as markup."""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from .model import Article
from .store import DuckDBStore


def _line(console: Console, label: str, value: str | None) -> None:
    if value:
        console.print(f"[bold]{label}:[/] {escape(value)}", highlight=False, soft_wrap=True)


def print_article(console: Console, a: Article) -> None:
    console.rule(escape(a.title or "(no title)"))
    _line(console, "id", a.id)
    _line(console, "source", a.source + (f"  ({a.url})" if a.url else ""))
    _line(console, "authors", ", ".join(a.authors))
    _line(console, "published", f"{a.published} ({a.published_how})" if a.published else None)
    _line(console, "published no earlier than", f"{a.published_earliest} ({a.published_earliest_how})" if a.published_earliest else None)
    _line(console, "language", a.language)
    console.print()
    for number, paragraph in enumerate(a.paragraphs, start=1):
        console.print(f"[dim]¶{number}[/] {escape(paragraph)}", highlight=False, soft_wrap=True)
    for caption in a.captions:
        _line(console, "caption", caption)
    for note in a.footnotes:
        fields = ", ".join(f"{k}={v!r}" for k, v in (("author", note.author), ("title", note.title), ("outlet", note.outlet), ("date", note.date)) if v)
        _line(console, f"note [{note.marker}]", fields or note.text)
    _line(console, "author bio", a.author_bio)
    for comment in a.comments:
        flags = [f for f, on in (("spam: " + ", ".join(comment.spam_reasons), comment.spam), ("by the author", comment.by_article_author)) if on]
        _line(console, f"comment by {comment.author or 'anonymous'}" + (f" ({'; '.join(flags)})" if flags else ""), comment.text)
    if a.boilerplate:
        console.print(f"\n[dim]cut as chrome ({len(a.boilerplate)}): " + escape(" · ".join(a.boilerplate)[:600]) + "[/]", highlight=False, soft_wrap=True)


def _parts(a: Article) -> str:
    spam = sum(c.spam for c in a.comments)
    mine = sum(c.by_article_author for c in a.comments)
    bits = [f"{len(a.paragraphs)}¶"]
    bits += [f"{len(a.captions)} caption"] if a.captions else []
    bits += [f"{len(a.footnotes)} notes"] if a.footnotes else []
    bits += ["bio"] if a.author_bio else []
    if a.comments:
        bits.append(f"{len(a.comments)} comments ({spam} spam, {mine} by author)")
    bits.append(f"{len(a.boilerplate)} chrome cut")
    return ", ".join(bits)


def print_demo(console: Console, store: DuckDBStore) -> None:
    table = Table(title="the demo corpus as sitroom read it", expand=True)
    table.add_column("id", no_wrap=True)
    table.add_column("published", no_wrap=True)
    table.add_column("title / authors", ratio=3)
    table.add_column("what was read", ratio=2)
    for a in store.articles():
        when = str(a.published) if a.published else (f"≥{a.published_earliest}*" if a.published_earliest else "?")
        who = f"\n[dim]{escape(', '.join(a.authors))}[/]" if a.authors else ""
        table.add_row(a.id[:8], when, escape(a.title or "") + who, _parts(a) + ("" if a.language == "en" else f", [yellow]{a.language}[/]"))
    console.print(table)
    console.print("[dim]* no date on the page: the earliest it can have been published, from the latest date it mentions[/]")
    for link in store.duplicate_links():
        console.print(f"near-duplicate: {escape(link.source)} → stored as article {link.duplicate_of[:8]} (similarity {link.similarity:.2f})", highlight=False)
