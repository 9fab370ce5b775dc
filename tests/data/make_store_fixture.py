"""Make tests/data/store-v4.duckdb and tests/data/store-v4.expected.json: a small store written by an
older sitroom, so that tests/test_store_migration.py can prove a newer sitroom reads it after migrating.

The database was made by the code of commit a70cd86 (schema migrations 0001-0004, records stored as
pydantic JSON without a record version). To make it again, run this script with that code, from the
repository root:

    git archive a70cd86 | (mkdir -p /tmp/sitroom-v4 && tar -x -C /tmp/sitroom-v4)
    PYTHONPATH=/tmp/sitroom-v4/src .venv/bin/python tests/data/make_store_fixture.py

Never run it with newer code: the point of the file is that an older sitroom wrote it. It needs the
spaCy English pipeline (the demo pages are annotated, so the store holds annotations, events, claims,
relations and incidents).

What goes in: three demo pages about Konna (the syndicated copy becomes a near-duplicate link), one
page about the Serval strikes, and an empty file (an ingest failure), in one ingest run; then incidents
are reconciled. `store-v4.expected.json` holds what that code read back (records as its JSON dumps),
which the migration test compares with what the new code reads from a copy of the database.
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
CORPUS = HERE.parents[1] / "src" / "sitroom" / "demo" / "corpus"
PAGES = ["01-konna-falls.txt", "02-serval-strikes.txt", "11-konna-wire.html", "12-konna-wire-syndicated.txt"]


def main() -> None:
    import duckdb

    from sitroom.ingest import ingest
    from sitroom.kb.knowledge import load_knowledge
    from sitroom.nlp.annotate import Annotator
    from sitroom.reconcile import update_incidents
    from sitroom.store import open_store

    print(f"sitroom from {sys.modules['sitroom'].__file__}")
    db_path = HERE / "store-v4.duckdb"
    db_path.unlink(missing_ok=True)
    # small blocks (DuckDB's default is 256 KiB a block, and every table and index takes its own), so the
    # checked-in file stays small; the old code then opens this empty database and makes its schema
    con = duckdb.connect()
    con.execute(f"ATTACH '{db_path}' AS fixture (BLOCK_SIZE 16384)")
    con.close()
    with tempfile.TemporaryDirectory() as tmp:
        empty = Path(tmp) / "empty.txt"
        empty.write_bytes(b"")
        with open_store(db_path) as store:
            annotator = Annotator(load_knowledge(store, ()))
            ingest([*(str(CORPUS / p) for p in PAGES), str(empty)], store, annotate=annotator.annotate)
            update_incidents(store)
            expected = {
                "made_by": "a70cd86",
                "migrations": [list(m) for m in store.applied_migrations()],
                "articles": [a.model_dump(mode="json") for a in store.articles()],
                "annotations": [a.model_dump(mode="json") for a in store.annotations()],
                "events": [e.model_dump(mode="json") for e in store.events()],
                "claims": [c.model_dump(mode="json") for c in store.claims()],
                "relations": [r.model_dump(mode="json") for r in store.relations()],
                "incidents": [i.model_dump(mode="json") for i in store.incidents()],
                "incident_members": store.incident_members(),
                "duplicates": [d.model_dump(mode="json") for d in store.duplicate_links()],
                "failures": [f.model_dump(mode="json") for f in store.failures()],
                "runs": [{"id": r.id, "read": r.read, "stored": r.stored, "duplicates": r.duplicates, "failed": r.failed} for r in store.runs()],
            }
            store.db.execute("CHECKPOINT")
    # a checkpointed file with no write-ahead log left beside it
    con = duckdb.connect(str(db_path))
    con.execute("CHECKPOINT")
    con.close()
    out = HERE / "store-v4.expected.json"
    out.write_text(json.dumps(expected, indent=1, ensure_ascii=False, sort_keys=True) + "\n", encoding="utf-8")
    counts = {k: len(v) for k, v in expected.items() if isinstance(v, list | dict)}
    print(f"wrote {db_path} ({db_path.stat().st_size} bytes) and {out} ({out.stat().st_size} bytes): {counts}")


if __name__ == "__main__":
    main()
