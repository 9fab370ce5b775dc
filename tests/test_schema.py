from sitroom.schema import json_schemas, schema_markdown

from .conftest import ROOT


def test_docs_schema_is_generated_from_the_records():
    assert (ROOT / "docs" / "schema.md").read_text(encoding="utf-8") == schema_markdown(), (
        "docs/schema.md is stale: run .venv/bin/sitroom schema --markdown > docs/schema.md"
    )


def test_article_schema_names_every_exported_field():
    article = json_schemas()["article"]
    for name in ("id", "source", "url", "title", "authors", "published", "published_earliest", "language",
                 "paragraphs", "captions", "footnotes", "author_bio", "comments", "boilerplate"):
        assert name in article["properties"], name
