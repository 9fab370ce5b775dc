"""Trimming spaCy's entity spans to the name they hold."""

from __future__ import annotations

from spacy.tokens import Span

_LEADING = {"the", "a", "an"}


def name_bounds(ent: Span) -> tuple[int, int]:
    """Token bounds of an entity without a leading article, a trailing "'s", or anything from a bracket on
    a comma or a line break ("Dianveli (Douentza, Mopti" → "Dianveli", "Hombori, Mopti Region" → "Hombori"). Empty (start == end) when nothing is left."""
    doc = ent.doc
    start = ent.start + (1 if ent[0].lower_ in _LEADING and len(ent) > 1 else 0)
    end = ent.end - (1 if doc[ent.end - 1].text in ("'s", "’s") else 0)
    bracket = next((t.i for t in doc[start:end] if t.text in ("(", ")", "[", "]", ",", ";") or t.is_space), None)
    if bracket is not None:
        end = bracket
    return start, max(start, end)
