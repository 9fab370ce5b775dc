import http.server
import json
import threading

import pytest

from sitroom.errors import PageError, SourceError
from sitroom.model import Page
from sitroom.sources import ReadOptions, decode, read_sources
from sitroom.sources.http import Fetcher


def _pages(items):
    return [i for i in items if isinstance(i, Page)]


def test_cp1252_bytes_are_decoded_and_mojibake_repaired():
    text, encoding = decode("The army’s retreat — “total”, said Traoré.".encode("cp1252"), "a.txt")
    assert encoding in {"cp1252", "windows-1252"}
    assert "army’s" in text and "Traoré" in text
    repaired, _ = decode("The army’s retreat".encode("utf-8").decode("cp1252").encode("utf-8"), "b.txt")
    assert repaired == "The army’s retreat"


def test_latin1_and_utf8_bom():
    text, _ = decode("\ufeffSévaré et Ségou".encode("utf-8"), "bom.txt")
    assert text.startswith("Sévaré")
    text, _ = decode("Sévaré et Ségou, où les troupes sont arrivées".encode("latin-1"), "l1.txt")
    assert "Sévaré" in text


@pytest.mark.parametrize(
    "data, kind",
    [(b"", "empty"), (b"  \n\n", "empty"), (b"%PDF-1.4\n...", "binary"), (b"\x89PNG\r\n\x1a\n", "binary"),
     (b"PK\x03\x04zip", "binary"), (bytes(range(1, 32)) * 20, "undecodable")],
)
def test_what_is_not_text_is_refused_with_a_reason(data, kind):
    with pytest.raises(PageError) as caught:
        decode(data, "bad.bin")
    assert caught.value.kind == kind and caught.value.source == "bad.bin"


def test_folder_glob_and_jsonl(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "a.txt").write_text("Some text of a page.", encoding="utf-8")
    (tmp_path / "sub" / "b.html").write_text("<html><body><p>Hello there reader.</p></body></html>", encoding="utf-8")
    (tmp_path / "feed.jsonl").write_text(
        json.dumps({"url": "https://x.example/1", "text": "First brief.", "title": "T", "date": "2013-01-10", "source": "Wire"})
        + "\n\n{not json\n"
        + json.dumps({"url": "https://x.example/2", "html": "<p>Second</p>"}) + "\n",
        encoding="utf-8",
    )
    items = list(read_sources([str(tmp_path)]))
    pages = _pages(items)
    assert {p.format for p in pages} == {"text", "html"}
    assert sorted(p.source.rsplit("/", 1)[-1] for p in pages) == ["a.txt", "b.html", "feed.jsonl#1", "feed.jsonl#4"]
    first = next(p for p in pages if p.source.endswith("#1"))
    assert (first.url, first.title_hint, first.date_hint, first.site_hint) == ("https://x.example/1", "T", "2013-01-10", "Wire")
    (error,) = [i for i in items if isinstance(i, PageError)]
    assert error.source.endswith("feed.jsonl#3") and error.kind == "bad_json"
    assert len(_pages(read_sources([str(tmp_path / "**" / "*.html")]))) == 1


def test_missing_path_and_empty_glob_are_usage_errors(tmp_path):
    with pytest.raises(SourceError, match="no such file"):
        list(read_sources([str(tmp_path / "nope.txt")]))
    with pytest.raises(SourceError, match="matches no file"):
        list(read_sources([str(tmp_path / "*.nothing")]))


def test_size_cap(tmp_path):
    big = tmp_path / "big.txt"
    big.write_text("word " * 1000, encoding="utf-8")
    (item,) = list(read_sources([str(big)], ReadOptions(max_bytes=100)))
    assert isinstance(item, PageError) and item.kind == "too_large" and "--max-bytes" in item.reason


@pytest.fixture
def local_server():
    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            Handler.agents.append(self.headers.get("User-Agent"))  # before answering: the client may finish first
            if self.path == "/moved":
                self.send_response(302)
                self.send_header("Location", "/story")
                self.end_headers()
                return
            body = b"<html><body><p>Served page about Gao.</p></body></html>"
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    Handler.agents = []
    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", Handler.agents
    server.shutdown()


def test_urls_to_loopback_are_refused_unless_allowed(local_server):
    base, agents = local_server
    (refused,) = list(read_sources([f"{base}/story"]))
    assert isinstance(refused, PageError) and "--allow-private" in refused.reason and not agents
    (page,) = list(read_sources([f"{base}/moved"], ReadOptions(allow_private=True)))
    assert isinstance(page, Page) and page.format == "html" and page.url.endswith("/story")
    assert agents and agents[0].startswith("sitroom/")


def test_fetch_size_cap_and_http_errors(local_server):
    base, _ = local_server
    with pytest.raises(PageError, match="cap"):
        Fetcher(max_bytes=10, allow_private=True).get(f"{base}/story")
