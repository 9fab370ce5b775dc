"""Reading ACLED-format CSV files (the coder's `notes` and the coded fields) for evaluation."""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

from ..errors import SourceError

_DATE_FORMATS = ("%Y-%m-%d", "%d-%B-%Y", "%d-%b-%Y", "%d-%B-%y", "%d-%b-%y", "%d %B %Y")


def parse_acled_date(value: str) -> date | None:
    """ACLED writes 2013-01-11, 11-January-2013 or 9-May-20 depending on the export."""
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(value.strip(), fmt).date()
        except ValueError:
            continue
    return None


_CODER_TAGS = re.compile(r"\[size=[^\]]*\]")


def clean_notes(notes: str) -> str:
    """A note without ACLED's crowd-size tags ('[size=no report]'), which glue to the word before them."""
    return " ".join(_CODER_TAGS.sub(" ", notes).split())


def read_rows(path: str | Path) -> Iterator[dict[str, str]]:
    try:
        handle = open(path, encoding="utf-8", newline="")
    except OSError as exc:
        raise SourceError(f"{path}: cannot read ({exc.strerror})") from None
    with handle:
        reader = csv.DictReader(handle)
        missing = {"notes", "event_date"} - set(reader.fieldnames or ())
        if missing:
            raise SourceError(f"{path}: not an ACLED export (no {', '.join(sorted(missing))} column)")
        yield from reader
