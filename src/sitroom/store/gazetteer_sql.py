"""SQL that loads GeoNames dump files into the store in bulk (DuckDB reads the files itself)."""

from __future__ import annotations

# Mirrors kb.gazetteer.name_key: case, accents, apostrophes, hyphens, dots and a leading 'the' ignored.
NAME_KEY = (
    "regexp_replace(trim(regexp_replace(regexp_replace(replace(replace(lower(strip_accents({x})), '''', ''), '\u2019', ''),"
    " '[-.]', ' ', 'g'), '\\s+', ' ', 'g')), '^the ', '')"
)

PLACE_COLUMNS = (
    "{'geonameid': 'BIGINT', 'name': 'VARCHAR', 'asciiname': 'VARCHAR', 'alternatenames': 'VARCHAR', 'lat': 'DOUBLE',"
    " 'lon': 'DOUBLE', 'fclass': 'VARCHAR', 'fcode': 'VARCHAR', 'country': 'VARCHAR', 'cc2': 'VARCHAR', 'admin1': 'VARCHAR',"
    " 'admin2': 'VARCHAR', 'admin3': 'VARCHAR', 'admin4': 'VARCHAR', 'population': 'BIGINT', 'elevation': 'VARCHAR',"
    " 'dem': 'VARCHAR', 'timezone': 'VARCHAR', 'modified': 'VARCHAR'}"
)
ALTERNATE_COLUMNS = (
    "{'id': 'BIGINT', 'geonameid': 'BIGINT', 'lang': 'VARCHAR', 'name': 'VARCHAR', 'preferred': 'VARCHAR',"
    " 'short': 'VARCHAR', 'colloquial': 'VARCHAR', 'historic': 'VARCHAR', 'from_': 'VARCHAR', 'to_': 'VARCHAR'}"
)
ADMIN1_COLUMNS = "{'code': 'VARCHAR', 'name': 'VARCHAR', 'asciiname': 'VARCHAR', 'geonameid': 'BIGINT'}"

FEATURE = (
    "CASE WHEN fclass = 'A' AND fcode = 'ADM1' THEN 'A1' WHEN fclass = 'A' AND fcode LIKE 'PCL%' THEN 'C'"
    " WHEN fclass = 'A' AND fcode LIKE 'ADM%' THEN 'A2' WHEN fclass = 'P' THEN 'P' WHEN fclass = 'H' THEN 'H'"
    " WHEN fclass = 'T' THEN 'T' WHEN fclass = 'S' THEN 'S' WHEN fclass IN ('L', 'V') THEN 'R' END"
)
LATIN = "regexp_full_match({x}, '[\\x20-\\x7E\\x{{00C0}}-\\x{{024F}}\u2019]+')"


def read_csv(path: str, columns: str, ignore_errors: bool = False) -> str:
    quoted = path.replace("'", "''")
    return (
        f"read_csv('{quoted}', delim='\\t', header=false, quote='', escape='', columns={columns}"
        f"{', ignore_errors=true' if ignore_errors else ''}, null_padding=true)"
    )


def load_places(path: str) -> list[str]:
    source = read_csv(path, PLACE_COLUMNS)
    return [
        f"CREATE TEMP TABLE staged AS SELECT *, {FEATURE} AS feature FROM {source}",
        "DELETE FROM gazetteer_names WHERE geonameid IN (SELECT geonameid FROM staged)",
        "DELETE FROM gazetteer_places WHERE geonameid IN (SELECT geonameid FROM staged)",
        (
            "INSERT INTO gazetteer_places SELECT geonameid, name, lat, lon, feature, fcode, country,"
            " CASE WHEN admin1 IS NULL OR admin1 = '' THEN NULL ELSE country || '.' || admin1 END, coalesce(population, 0)"
            " FROM staged WHERE feature IS NOT NULL"
        ),
        "INSERT INTO gazetteer_names SELECT DISTINCT " + NAME_KEY.format(x="n") + ", geonameid FROM ("
        " SELECT geonameid, unnest(list_append(string_split(coalesce(alternatenames, ''), ','), name)) AS n"
        " FROM staged WHERE feature IS NOT NULL) WHERE length(n) > 1 AND " + LATIN.format(x="n"),
        "DROP TABLE staged",
    ]


def load_alternate_names(path: str) -> list[str]:
    source = read_csv(path, ALTERNATE_COLUMNS, ignore_errors=True)
    key = NAME_KEY.format(x="name")
    return [
        (
            f"INSERT INTO gazetteer_names SELECT DISTINCT {key}, geonameid FROM {source}"
            " WHERE geonameid IN (SELECT geonameid FROM gazetteer_places) AND coalesce(lang, '') NOT IN ('link', 'post', 'iata', 'icao', 'faac', 'wkdt')"
            f" AND length(name) > 1 AND {LATIN.format(x='name')}"
        ),
    ]


def load_admin1(path: str) -> list[str]:
    source = read_csv(path, ADMIN1_COLUMNS)
    return [f"INSERT OR REPLACE INTO gazetteer_admin1 SELECT code, name FROM {source}"]
