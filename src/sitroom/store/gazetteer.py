"""GeoNames dumps the user loads (`sitroom gazetteer add`), looked up by name key."""

from __future__ import annotations

from ..model import Place
from . import gazetteer_sql
from .database import now
from .repository import Repository

_LOADERS = {"places": gazetteer_sql.load_places, "alternate_names": gazetteer_sql.load_alternate_names, "admin1": gazetteer_sql.load_admin1}
_TABLES = {"places": "gazetteer_places", "alternate_names": "gazetteer_names", "admin1": "gazetteer_admin1"}

_PLACE_SELECT = (
    "SELECT p.geonameid, p.name, p.lat, p.lon, p.country, a.name, p.feature, p.population"
    " FROM gazetteer_places p LEFT JOIN gazetteer_admin1 a ON a.code = p.admin1_code"
)


def _place(row) -> Place:
    return Place(
        id=f"geonames:{row[0]}", name=row[1], lat=row[2], lon=row[3], country=row[4], admin1=row[5], feature=row[6],
        population=int(row[7] or 0),
    )


class DuckDBGazetteer(Repository):
    def load_file(self, path: str, kind: str) -> int:
        """Load a GeoNames file ('places', 'alternate_names' or 'admin1') in one transaction; returns the rows added."""
        statements, table = _LOADERS[kind](path), _TABLES[kind]
        before = self._db.value(f"SELECT count(*) FROM {table}")
        with self._db.transaction():
            for sql in statements:
                self._db.execute(sql)
            after = self._db.value(f"SELECT count(*) FROM {table}")
            self._db.execute("INSERT INTO gazetteer_files VALUES (?, ?, ?, ?)", [path, kind, after - before, now()])
        return after - before

    def loaded(self) -> bool:
        return bool(self._db.value("SELECT count(*) FROM gazetteer_files"))

    def _by_key(self, sql: str, params: list) -> dict[str, list[Place]]:
        found: dict[str, list[Place]] = {}
        for row in self._db.rows(sql, params):
            found.setdefault(row[0], []).append(_place(row[1:]))
        return found

    def lookup(self, keys: list[str]) -> dict[str, list[Place]]:
        if not keys or not self.loaded():
            return {}
        return self._by_key(
            f"SELECT DISTINCT n.key, q.* FROM gazetteer_names n JOIN ({_PLACE_SELECT}) q ON q.geonameid = n.geonameid"
            " WHERE list_contains(?, n.key) ORDER BY n.key, q.geonameid",  # a fixed order: ties resolve the same way every run
            [list(keys)],
        )

    def names_in_country(self, country: str) -> dict[str, list[Place]]:
        if not self.loaded():
            return {}
        return self._by_key(
            f"SELECT DISTINCT n.key, q.* FROM gazetteer_names n JOIN ({_PLACE_SELECT} WHERE p.country = ?) q"
            " ON q.geonameid = n.geonameid ORDER BY n.key, q.geonameid",
            [country],
        )

    def countries(self) -> list[str]:
        """Countries of the GeoNames places loaded (the regions the user works on)."""
        if not self.loaded():
            return []
        return [r[0] for r in self._db.rows("SELECT DISTINCT country FROM gazetteer_places WHERE country IS NOT NULL ORDER BY 1")]

    def digest(self) -> str:
        """Changes whenever a gazetteer file is loaded; '' when none is."""
        row = self._db.one("SELECT count(*), max(loaded_at), sum(rows) FROM gazetteer_files")
        return "" if not row[0] else f"{row[0]}-{row[2]}-{row[1]}"
