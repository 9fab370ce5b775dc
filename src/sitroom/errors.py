"""sitroom's exceptions and the one catalogue of their messages.

Every error sitroom raises on purpose derives from `SitroomError`, carries a stable code from `CATALOGUE`
(greppable, documented in docs/errors.md) and says what to do. The CLI prints "error E101: …" and picks an
exit code from `usage`; the HTTP API answers with `status`. The library never exits.
"""

from __future__ import annotations

from typing import Any

CATALOGUE: dict[str, str] = {
    # E1xx: the database and settings
    "E100": "{reason}",
    "E101": "{path}: no such database; run 'sitroom ingest PATH --db {path}' or 'sitroom demo' first",
    "E102": "{path}: this database was made by an older sitroom; run 'sitroom migrate --db {path}' first",
    "E103": "{files}: not valid TOML ({reason}); fix the file or remove it",
    "E104": "bad setting: {reason}; check sitroom.toml, the SITROOM_* environment and the flags",
    "E105": "{path}: cannot open the database ({reason}); give another file with --db",
    "E106": "no stored article has an id starting with {article_id!r}; list them with 'sitroom articles'",
    "E107": "no incident has the id {incident_id!r}; list them with 'sitroom incidents'",
    "E108": "no stored event has the id {event_id!r}; list them with 'sitroom events --json'",
    "E109": "article {article_id} has no annotations: {why} (run 'sitroom annotate' to annotate stored articles)",
    "E110": "{path}: written by a newer sitroom ({reason}); upgrade sitroom to read it",
    "E111": "{reason}; start the listing again without a cursor",
    "E112": "{path}: not a sitroom database yet; run 'sitroom ingest PATH --db {path}' or 'sitroom demo' first",
    "E113": "{path}: a DuckDB database, but not sitroom's; give another file with --db",
    "E114": "a stored {record} has record version {have}, newer than this sitroom's {want}; upgrade sitroom to read it",
    "E115": "more than one stored article has an id starting with {article_id!r}; give more of the id (list them with 'sitroom articles')",
    # E2xx: what a command was given
    "E201": "{option} {value!r} is not known; choose one of: {choices}",
    "E202": "{option} {value!r} is not a date; write YYYY-MM-DD",
    "E203": "{path}: no such file; {expected}",
    "E204": "{option} must be {expected}",
    "E205": "{name!r} names no actor in the knowledge base (aliases match ignoring case, acronyms exactly); add it to a --kb file",
    "E206": "{reason}",
    # E3xx: reading pages and knowledge
    "E301": "{source}: {reason}",
    "E302": "{path}, line {line}, {field}: {reason}",
    "E303": "no spaCy English pipeline is installed; {fix}",
    "E304": "{reason}",
    "E305": "{reason}; run 'sitroom annotate --all' to parse the article again",
    "E306": "{target}: downloading a country needs a cache folder (SITROOM_CACHE or sitroom.toml's cache)",
    # E4xx: writing outputs
    "E401": "{reason}",
    "E402": "{path}: unknown report format; use a name ending in .html or .md",
    "E403": "{path}: cannot write ({reason})",
    "E404": "country outlines are unavailable ({reason}); the report's map is left out",
    # E5xx: labelled data and evaluation
    "E501": "{reason}",
    # E9xx: sitroom's own faults
    "E901": "{reason}",
}


def message(code: str, **fields: Any) -> str:
    """The catalogue's text for `code` with its fields filled in."""
    return CATALOGUE[code].format(**fields)


class SitroomError(Exception):
    """Base of every error sitroom raises on purpose.

    Raise with a catalogue code and its fields (`StoreError(code="E101", path=p)`), or with a message
    that already says what to do (it takes the class's code)."""

    code = "E100"
    status = 500
    """The HTTP status the API answers with."""
    usage = False
    """True when the user asked for something impossible (CLI exit code 2 rather than 1)."""

    def __init__(self, text: str | None = None, *, code: str | None = None, **fields: Any):
        if code is not None:
            self.code = code
        self.fields = fields
        super().__init__(text if text is not None else message(self.code, **fields))

    @property
    def text(self) -> str:
        return str(self)


class UsageError(SitroomError):
    """A command, option or request asked for something that cannot be."""

    code, status, usage = "E206", 422, True


class NotFound(SitroomError):
    code, status = "E100", 404


class SettingsError(SitroomError):
    """sitroom.toml, the environment or a flag holds a value sitroom cannot use."""

    code, usage = "E104", True


class PageError(SitroomError):
    """A page could not be read into an article. `kind` is an `IngestFailure` kind."""

    code, status = "E301", 422

    def __init__(self, source: str, kind: str, reason: str):
        super().__init__(source=source, reason=reason)
        self.source = source
        self.kind = kind
        self.reason = reason

    def __reduce__(self):
        return type(self), (self.source, self.kind, self.reason)


class SourceError(SitroomError):
    """A path, glob or URL given on the command line names nothing readable."""

    code, status, usage = "E304", 422, True


class KnowledgeFileError(SitroomError):
    """A bad entry in a knowledge data file (patterns, word lists)."""

    code, status = "E302", 422

    def __init__(self, path: str, line: int, field: str, reason: str):
        super().__init__(path=path, line=line, field=field, reason=reason)
        self.path, self.line, self.field, self.reason = path, line, field, reason

    def __reduce__(self):
        return type(self), (self.path, self.line, self.field, self.reason)


class ModelNotFound(SitroomError):
    """No spaCy English pipeline is installed."""

    code = "E303"


class StoreError(SitroomError):
    """The database cannot be opened or is not a sitroom database."""

    code = "E105"


class DatabaseMissing(StoreError, NotFound):
    code, status = "E101", 404

    def __init__(self, path: str):
        super().__init__(path=path)
        self.path = path

    def __reduce__(self):
        return type(self), (self.path,)


class MigrationNeeded(StoreError):
    """The database was made by an older sitroom and a read-only open may not change it."""

    code, status = "E102", 409

    def __init__(self, path: str):
        super().__init__(path=path)
        self.path = path

    def __reduce__(self):
        return type(self), (self.path,)


class NewerDatabase(StoreError):
    """The database was written by a newer sitroom (migrations or record versions this one does not know)."""

    code = "E110"


class BadCursor(StoreError):
    """A query's cursor is not one a listing of the same order gave."""

    code, status, usage = "E111", 422, True


class StaleParse(SitroomError):
    """A stored parse that no longer fits its article's text (the text was read again differently)."""

    code = "E305"


class OutputError(SitroomError):
    """An output file could not be written."""

    code = "E403"


class ArticleNotFound(NotFound):
    """No stored article has the id asked for."""

    code = "E106"


class IncidentNotFound(NotFound, LookupError):
    """No incident has the id asked for (a command's argument: a usage error)."""

    code, usage = "E107", True


class EventNotFound(NotFound):
    code = "E108"


class ExportError(UsageError, ValueError):
    """An export asked for a record kind or format that does not go together."""

    code = "E401"


class UnknownReportFormat(UsageError, ValueError):
    """A report path whose suffix names no format sitroom writes."""

    code = "E402"


class OutlinesUnavailable(SitroomError, RuntimeError):
    """Natural Earth's country shapes could not be read; the report leaves its map out."""

    code = "E404"


class LabelError(SitroomError, ValueError):
    """A labelled example that does not say what the evaluation needs."""

    code, status = "E501", 422


class InternalError(SitroomError):
    """sitroom's own components were put together wrongly; a bug, not the user's input."""

    code = "E901"


def catalogue_markdown() -> str:
    """docs/errors.md: every code, the exception that carries it, and its text."""
    carriers: dict[str, list[str]] = {}
    pending = [SitroomError]
    while pending:
        cls = pending.pop()
        carriers.setdefault(cls.__dict__.get("code", ""), []).append(cls.__name__)
        pending += cls.__subclasses__()
    lines = [
        "# Error codes",
        "",
        "Generated from `sitroom.errors.CATALOGUE` (a test keeps this file in step). The CLI prints",
        "`error CODE: text` and exits 2 for usage errors, 1 for the rest; the HTTP API answers with the same code",
        "and text.",
        "",
        "| code | raised as | text |",
        "|---|---|---|",
    ]
    for code, text in CATALOGUE.items():
        names = ", ".join(sorted(set(carriers.get(code, [])))) or "SitroomError(code=…)"
        escaped = text.replace("|", "\\|")
        lines.append(f"| {code} | {names} | {escaped} |")
    return "\n".join(lines) + "\n"
