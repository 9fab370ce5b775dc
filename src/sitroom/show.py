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
    print_language_summary(console, list(store.annotations()))


def print_language_summary(console: Console, annotations: list) -> None:
    """What the language layer linked across the stored articles: the most named actors and places."""
    from collections import Counter

    if not annotations:
        return
    mentions = [m for a in annotations for m in a.mentions]
    counts = Counter(m.type for m in mentions)
    linked = Counter(m.type for m in mentions if m.link)
    actors = Counter(m.link.name for m in mentions if m.type in ("actor", "person") and m.link)
    places = Counter(f"{m.link.name} ({m.link.country})" for m in mentions if m.type == "place" and m.link)
    quotes = sum(len(a.quotes) for a in annotations)
    marked = Counter(c.modality for a in annotations for c in a.clauses if c.modality != "asserted")
    console.print(
        f"\n[bold]language layer[/]: {len(annotations)} articles annotated; "
        + ", ".join(f"{counts[t]} {t} mentions ({linked[t]} linked)" for t in ("actor", "person", "place", "time"))
        + f"; {quotes} quotations; clauses not asserted: " + ", ".join(f"{n} {k}" for k, n in marked.most_common()),
        highlight=False,
    )
    table = Table(title="most named", expand=True)
    table.add_column("actor or person", ratio=2)
    table.add_column("mentions", justify="right")
    table.add_column("place", ratio=2)
    table.add_column("mentions", justify="right")
    top_actors, top_places = actors.most_common(10), places.most_common(10)
    for i in range(max(len(top_actors), len(top_places))):
        a = top_actors[i] if i < len(top_actors) else ("", "")
        p = top_places[i] if i < len(top_places) else ("", "")
        table.add_row(escape(a[0]), str(a[1]), escape(p[0]), str(p[1]))
    console.print(table)


MENTION_STYLES = {"actor": "bold magenta", "person": "bold cyan", "place": "bold green", "time": "bold yellow"}


def _link_label(mention) -> str:
    link = mention.link
    if link is None:
        return "unlinked"
    if mention.type == "place":
        return f"{link.name} ({link.country or '?'}, {link.admin1 or '-'}) {link.lat:.3f},{link.lon:.3f} precision {link.precision}"
    if mention.type == "time":
        return f"{link.start}…{link.end} ({link.precision}{', relative' if link.relative else ''})"
    return f"{link.name} [{link.id}] inter {link.inter}"


def print_annotated(console: Console, annotated) -> None:
    """The annotated text with its mentions coloured by type, then every mention, quote and non-asserted clause."""
    from rich.text import Text

    console.rule("annotated text")
    console.print(
        Text.assemble(*((f"{kind} ", style) for kind, style in MENTION_STYLES.items()), ("· underlined: unlinked", "underline")),
    )
    text = Text(annotated.text)  # a Text is never read as markup: page text cannot style or escape the terminal
    for m in annotated.mentions:
        style = MENTION_STYLES.get(m.type, "bold")
        text.stylize(style + ("" if m.link else " underline"), m.start, m.end)
    console.print(text, soft_wrap=True)
    table = Table(title=f"{len(annotated.mentions)} mentions (country {annotated.country or '?'}, reference date {annotated.reference_date or '?'})")
    for column in ("type", "text", "link", "how", "sentence"):
        table.add_column(column, overflow="fold")
    for m in annotated.mentions:
        table.add_row(m.type, Text(m.text), Text(_link_label(m)), m.how, str(m.sentence))
    console.print(table)
    if annotated.quotes:
        quotes = Table(title=f"{len(annotated.quotes)} quotations")
        for column in ("kind", "speaker", "role", "organisation", "quote"):
            quotes.add_column(column, overflow="fold")
        for q in annotated.quotes:
            speaker = q.speaker_link.name if q.speaker_link else (q.speaker or "?")
            quotes.add_row(q.kind, Text(speaker), Text(q.speaker_role or ""), Text(q.speaker_org.name if q.speaker_org else ""), Text(q.text[:240]))
        console.print(quotes)
    marked = [c for c in annotated.clauses if c.modality != "asserted"]
    if marked:
        clauses = Table(title=f"{len(marked)} of {len(annotated.clauses)} clauses not asserted")
        for column in ("modality", "verb", "cues", "clause"):
            clauses.add_column(column, overflow="fold")
        for c in marked:
            clauses.add_row(c.modality, Text(c.verb), ", ".join(c.cues), Text(annotated.text[c.start : c.end][:200]))
        console.print(clauses)
    for note in annotated.notes:
        console.print(Text(f"note: {note}", style="dim"))


MODALITY_STYLE = {"asserted": "green", "reported": "cyan", "hypothetical": "yellow", "planned": "yellow", "negated": "red", "historical": "dim"}


def print_events(console: Console, events: list, title: str | None = None, evidence_chars: int = 140) -> None:
    """Events as a table, each with the sentence it stands on (escaped: page text is never markup)."""
    table = Table(title=title or f"{len(events)} events", expand=True, show_lines=False)
    table.add_column("date", no_wrap=True)
    table.add_column("event", ratio=2)
    table.add_column("actor1 → actor2", ratio=2)
    table.add_column("where", ratio=1)
    table.add_column("dead", justify="right")
    table.add_column("modality", no_wrap=True)
    table.add_column("evidence", ratio=4)
    for e in events:
        when = e.date.start.isoformat() if e.date else "?"
        if e.date and e.date.precision != "day":
            when = {"month": e.date.start.strftime("%Y-%m"), "year": str(e.date.start.year), "week": f"≈{when}"}[e.date.precision]
        who = escape(e.actor1.name if e.actor1 else "?") + " → " + escape(e.actor2.name if e.actor2 else "-")
        where = escape(e.location.name if e.location else "?") + (f" [dim]({e.location.country})[/]" if e.location and e.location.country else "")
        dead = "" if e.fatalities is None else (str(e.fatalities.count) if e.fatalities.count is not None else f"{e.fatalities.low}+")
        if e.fatalities is not None and e.fatalities.qualifier:
            dead = f"{escape(e.fatalities.qualifier)} {dead}"
        text = e.evidence.text if len(e.evidence.text) <= evidence_chars else e.evidence.text[: evidence_chars - 1] + "…"
        style = MODALITY_STYLE.get(e.modality, "")
        table.add_row(
            when, f"{escape(e.event_class)}\n[dim]{escape(e.event_type)} / {escape(e.sub_event_type)}[/]", who, where, dead,
            f"[{style}]{e.modality}[/]", escape(text),
        )
    console.print(table)


def print_event_summary(console: Console, events: list, claims: list, relations: list) -> None:
    """What the event layer found across the stored articles, and the events that happened, in a table."""
    from collections import Counter
    from datetime import date

    if not events and not claims:
        return
    modalities = Counter(e.modality for e in events)
    kinds = Counter(c.kind for c in claims)
    console.print(
        f"\n[bold]event layer[/]: {len(events)} events ("
        + ", ".join(f"{n} {m}" for m, n in modalities.most_common())
        + f"); {len(claims)} claims ("
        + ", ".join(f"{n} {k}s" for k, n in kinds.most_common())
        + f"); {len(relations)} relations between actors",
        highlight=False,
    )
    happened = [e for e in events if e.modality in ("asserted", "reported")]
    happened.sort(key=lambda e: (e.date.start if e.date else date.max, -e.confidence))
    print_events(console, happened[:15], title=f"events that happened (first 15 of {len(happened)} by date)", evidence_chars=110)
    others = [e for e in events if e.modality not in ("asserted", "reported")]
    if others:
        print_events(console, others[:6], title=f"not events: hypothetical, planned, negated or historical ({len(others)}, kept apart)", evidence_chars=110)
