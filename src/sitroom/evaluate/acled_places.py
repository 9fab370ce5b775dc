"""How often sitroom puts an ACLED note's place within 25 km of where ACLED's coder put the event.

For each row, the note is annotated as an article published on the row's event date, with the GeoNames
files given loaded into a scratch database. The place sitroom would give an event is its most precise
resolved place mention (precision 1 before 2 before 3, then the first in the text); `any_within` also
counts rows where some resolved place is close enough.

Run: python -m sitroom.evaluate.acled_places ../shared/data/acled/mali-dev.csv ../shared/data/geonames/ML.txt \
        ../shared/data/geonames/admin1CodesASCII.txt [--every N]
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

from ..extract.annotate import Annotator
from ..kb import geonames
from ..kb.gazetteer import distance_km
from ..kb.knowledge import load_knowledge
from ..model import Article, Mention, Place
from ..store import open_store
from .acled import clean_notes, parse_acled_date, read_rows

WITHIN_KM = 25.0


def chosen_place(mentions: list[Mention]) -> Mention | None:
    places = [m for m in mentions if m.type == "place" and m.link is not None]
    return min(places, key=lambda m: (m.link.precision, m.start)) if places else None


def _articles(rows: list[dict[str, str]], csv_path: str) -> list[Article]:
    return [
        Article(id=f"acled-{i}", content_hash=str(i), source=f"{csv_path}:{i}", format="text", language="en",
                paragraphs=[clean_notes(row["notes"])], published=parse_acled_date(row["event_date"]))
        for i, row in enumerate(rows)
    ]


def score(csv_path: str, geonames_files: list[str], every: int = 1) -> dict:
    rows = [r for i, r in enumerate(read_rows(csv_path)) if i % every == 0 and r.get("latitude") and r.get("notes")]
    with tempfile.TemporaryDirectory() as scratch:
        with open_store(Path(scratch) / "gazetteer.duckdb") as store:
            for path in geonames_files:
                geonames.add(path, store)
            annotator = Annotator(load_knowledge(store))
            results = list(annotator.annotate(_articles(rows, csv_path)))
        hits = any_hits = resolved = 0
        misses = []
        for row, result in zip(rows, results):
            truth = Place(id="acled", name=row["location"], lat=float(row["latitude"]), lon=float(row["longitude"]), country=None, feature="P")
            mentions = getattr(result, "mentions", [])
            chosen = chosen_place(mentions)
            if chosen is None:
                misses.append(f"none: {row['location']} | {row['notes'][:160]}")
                continue
            resolved += 1
            link = chosen.link
            km = distance_km(truth, link)
            hits += km <= WITHIN_KM
            any_hits += any(
                distance_km(truth, m.link) <= WITHIN_KM
                for m in mentions if m.type == "place" and m.link
            )
            if km > WITHIN_KM:
                misses.append(f"{km:.0f} km: chose {chosen.text!r} → {link.name} ({link.admin1}); ACLED {row['location']} ({row['admin1']}) | {row['notes'][:160]}")
    total = len(rows)
    return {
        "rows": total,
        "within_25km": round(hits / total, 4) if total else 0.0,
        "any_within_25km": round(any_hits / total, 4) if total else 0.0,
        "resolved_a_place": round(resolved / total, 4) if total else 0.0,
        "misses": misses,
    }


def main(argv: list[str]) -> None:
    every = 1
    if "--every" in argv:
        at = argv.index("--every")
        every = int(argv[at + 1])
        argv = argv[:at] + argv[at + 2 :]
    result = score(argv[0], argv[1:], every)
    for miss in result.pop("misses")[:80]:
        print(miss)
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main(sys.argv[1:])
