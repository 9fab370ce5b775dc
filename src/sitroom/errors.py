"""sitroom's exceptions. Each carries the thing it is about and says what to do; the CLI turns them
into one-line messages and exit codes, the library never exits."""

from __future__ import annotations


class SitroomError(Exception):
    """Base of every error sitroom raises on purpose."""


class PageError(SitroomError):
    """A page could not be read into an article. `kind` is an `IngestFailure` kind."""

    def __init__(self, source: str, kind: str, reason: str):
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.kind = kind
        self.reason = reason


class SourceError(SitroomError):
    """A path, glob or URL given on the command line names nothing readable."""


class KnowledgeFileError(SitroomError):
    """A bad entry in a knowledge data file (patterns, word lists)."""

    def __init__(self, path: str, line: int, field: str, reason: str):
        super().__init__(f"{path}, line {line}, {field}: {reason}")
        self.path, self.line, self.field, self.reason = path, line, field, reason


class ModelNotFound(SitroomError):
    """No spaCy English pipeline is installed."""


class StoreError(SitroomError):
    """The database cannot be opened or is not a sitroom database."""


class ArticleNotFound(SitroomError):
    """No stored article has the id asked for."""
