"""The actor knowledge base: loading and validating actor files, and resolving aliases.

Format: docs/knowledge.md and the header of data/actors.yaml. A bad entry is a KnowledgeFileError naming
the file, the line and the field. Within one file an alias belongs to one entry; across files the later
file wins (a user's `--kb` file is read after the shipped one), and an entry whose id repeats a shipped one
replaces it.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path

import yaml
from pydantic import ValidationError

from ..errors import KnowledgeFileError
from ..model import Actor

SHIPPED = "actors.yaml"
_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_FIELDS = set(Actor.model_fields) - {"source"}
_REQUIRED = {"id", "name", "kind", "inter", "note"}


def is_acronym(alias: str) -> bool:
    """'AQIM', 'MAA', 'U.S.': every letter a capital, at most eight of them."""
    letters = [c for c in alias if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters) and len(letters) <= 8


def alias_key(alias: str) -> str:
    """How aliases are compared: acronyms exactly, others ignoring case."""
    compact = alias.strip()
    return compact if is_acronym(compact) else compact.casefold()


_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml's loader when PyYAML was built with it (the wheels are): the shipped file reads in a tenth of the time."""


def _read_nodes(path: str, text: str) -> list[tuple[int, dict, dict[str, int]]]:
    """(line of the entry, entry, line of each key) for each entry of an actor file."""
    try:
        root = yaml.compose(text, Loader=_LOADER)
        data = yaml.load(text, Loader=_LOADER)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else 0
        raise KnowledgeFileError(path, line, "yaml", f"not valid YAML ({getattr(exc, 'problem', exc)})") from None
    if root is None:
        return []
    if not isinstance(root, yaml.SequenceNode) or not isinstance(data, list):
        raise KnowledgeFileError(path, root.start_mark.line + 1, "file", "expected a list of entries ('- id: …')")
    entries = []
    for node, entry in zip(root.value, data):
        line = node.start_mark.line + 1
        if not isinstance(node, yaml.MappingNode) or not isinstance(entry, dict):
            raise KnowledgeFileError(path, line, "entry", "expected a mapping with id, name, kind, inter, aliases, note")
        key_lines = {key.value: key.start_mark.line + 1 for key, _ in node.value}
        entries.append((line, entry, key_lines))
    return entries


def load_actor_file(path: str | Path, text: str | None = None, known_ids: frozenset[str] = frozenset()) -> list[Actor]:
    """Read and validate one actor file; raises KnowledgeFileError on the first bad entry.

    `known_ids` are ids an affiliation may name besides this file's own (a user's file may point at shipped actors).
    """
    path = str(path)
    if text is None:
        try:
            text = Path(path).read_text(encoding="utf-8")
        except OSError as exc:
            raise KnowledgeFileError(path, 0, "file", f"cannot read ({exc.strerror})") from None
    actors: list[Actor] = []
    ids: dict[str, int] = {}
    aliases: dict[str, tuple[str, int]] = {}
    for line, entry, key_lines in _read_nodes(path, text):
        for key in entry:
            if key not in _FIELDS:
                raise KnowledgeFileError(path, key_lines.get(key, line), str(key), f"unknown field; expected one of {', '.join(sorted(_FIELDS))}")
        for key in sorted(_REQUIRED - set(entry)):
            raise KnowledgeFileError(path, line, key, "missing (every entry needs id, name, kind, inter and note)")
        for key in ("aliases", "affiliations", "countries"):
            if entry.get(key) is None:
                entry[key] = []
            elif not isinstance(entry[key], list):
                raise KnowledgeFileError(path, key_lines[key], key, "expected a list, e.g. [a, b]")
        entry = {k: (str(v) if k in ("active", "wikidata") and v is not None else v) for k, v in entry.items()}
        try:
            actor = Actor(**entry, source=f"{path}:{line}")
        except ValidationError as exc:
            error = exc.errors()[0]
            name = str(error["loc"][0]) if error["loc"] else "entry"
            raise KnowledgeFileError(path, key_lines.get(name, line), name, error["msg"]) from None
        if not _ID.match(actor.id):
            raise KnowledgeFileError(path, key_lines["id"], "id", f"{actor.id!r} is not a slug (lowercase letters, digits and hyphens)")
        if actor.id in ids:
            raise KnowledgeFileError(path, key_lines["id"], "id", f"{actor.id!r} is already used at line {ids[actor.id]}")
        ids[actor.id] = line
        for alias in [actor.name, *actor.aliases]:
            if "{" in alias:
                continue
            key = alias_key(alias)
            if len(key) < 2:
                raise KnowledgeFileError(path, key_lines.get("aliases", line), "aliases", f"{alias!r} is too short to match safely")
            owner = aliases.get(key)
            if owner and owner[0] != actor.id:
                raise KnowledgeFileError(
                    path, key_lines.get("aliases", line), "aliases",
                    f"{alias!r} already names {owner[0]!r} (line {owner[1]}); an alias may belong to one entry per file",
                )
            aliases[key] = (actor.id, line)
        actors.append(actor)
    for actor in actors:
        for parent in actor.affiliations:
            if parent not in ids and parent not in known_ids:
                raise KnowledgeFileError(path, int(actor.source.rsplit(":", 1)[1]), "affiliations", f"{parent!r} is not a known actor id")
    return actors


@dataclass
class ActorKB:
    """Actors by id and by alias, merged from the shipped file and the user's files (later files win)."""

    actors: dict[str, Actor] = field(default_factory=dict)
    by_alias: dict[str, str] = field(default_factory=dict)
    files: list[str] = field(default_factory=list)
    digest: str = ""

    def add(self, actors: list[Actor], origin: str, text: str) -> None:
        for actor in actors:
            old = self.actors.get(actor.id)
            if old:  # a user's entry replaces the shipped one: drop the old aliases first
                for alias in [old.name, *old.aliases]:
                    if self.by_alias.get(alias_key(alias)) == old.id:
                        del self.by_alias[alias_key(alias)]
            self.actors[actor.id] = actor
        for actor in actors:
            for alias in [actor.name, *actor.aliases]:
                if "{" not in alias:
                    self.by_alias[alias_key(alias)] = actor.id
        self.files.append(origin)
        self.digest = hashlib.sha256((self.digest + text).encode()).hexdigest()[:16]

    def resolve(self, alias: str) -> Actor | None:
        """The actor an alias names: exactly for acronyms, ignoring case otherwise."""
        actor_id = self.by_alias.get(alias_key(alias)) or self.by_alias.get(alias.strip().casefold())
        return self.actors.get(actor_id) if actor_id else None

    def aliases(self) -> list[tuple[str, str]]:
        """(alias as written, actor id) for every alias, the canonical names included."""
        seen = []
        for actor in self.actors.values():
            for alias in [actor.name, *actor.aliases]:
                if "{" not in alias and self.by_alias.get(alias_key(alias)) == actor.id:
                    seen.append((alias, actor.id))
        return seen

    def affiliated_with(self, actor_id: str) -> list[Actor]:
        """The organisations an actor belongs to, directly."""
        actor = self.actors.get(actor_id)
        return [self.actors[a] for a in actor.affiliations if a in self.actors] if actor else []


def shipped_text() -> str:
    return resources.files("sitroom").joinpath("data", SHIPPED).read_text(encoding="utf-8")


@cache
def _shipped() -> list[Actor]:
    return load_actor_file(f"sitroom/data/{SHIPPED}", shipped_text())


def load_kb(extra_files: tuple[str, ...] = ()) -> ActorKB:
    """The shipped actors plus the user's files, in order (a later file wins an alias it shares)."""
    kb = ActorKB()
    kb.add(_shipped(), f"sitroom/data/{SHIPPED}", shipped_text())
    for path in extra_files:
        text = Path(path).read_text(encoding="utf-8") if Path(path).is_file() else None
        if text is None:
            raise KnowledgeFileError(path, 0, "file", "no such file; give the path of a YAML actor file (see docs/knowledge.md)")
        kb.add(load_actor_file(path, text, frozenset(kb.actors)), path, text)
    return kb
