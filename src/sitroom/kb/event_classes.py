"""sitroom's event classes as data (data/event_classes.tsv): one typed record per class, and the file-wide facts.

Every fact the extraction, incident, export and report code holds about a class is a column of the
`[classes]` table (ACLED's type and sub-type, PLOVER, CAMEO, the family reports of one happening may use, its
traits, its specificity rank, the crowd that acts in it) or a file-wide `[section]` before it (the modalities
that count as having happened, the words that say someone was hurt, the ACLED types that tie two actors as
fighting). Adding a class is one line at the end of the file (and its trigger words in
data/event_triggers.txt); docs/events.md describes the columns. A malformed line is a KnowledgeFileError
naming the file and the line.

`load_event_classes(data_dir)` reads the file of a knowledge folder (default: the shipped `sitroom/data`).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path

from ..errors import KnowledgeFileError

FILENAME = "event_classes.tsv"
COLUMNS = ("event_class", "event_type", "sub_event_type", "plover", "cameo", "family", "traits", "specificity", "crowd_actor", "reason")
TRAITS = ("violent", "armed_only", "explosive", "conquest", "once_a_year")
"""What the `traits` column may hold (comma-separated, or `-` for none)."""
SECTIONS = ("happened", "harm_words", "fighting_types")
"""The file-wide sections; each line is `VALUE<TAB>reason` (VALUE may hold several words)."""
TABLE = "classes"
"""The section holding the class table (last in the file, so that a new class is a line added at its end)."""
BY_TARGET = "by target"


@dataclass(frozen=True)
class EventClass:
    name: str
    event_type: str
    """ACLED's event type, or 'by target' when the target decides it (see data/event_classes.tsv)."""
    sub_event_type: str
    plover: str | None
    cameo: str | None
    reason: str
    family: str | None = None
    """The family of classes reports of one happening may each use ('violence': an attack, an ambush, a clash);
    None: the class merges only with itself."""
    violent: bool = False
    """Armed violence: takes a toll, an attacker and a target, and holds the death words of its sentence."""
    armed_only: bool = False
    """Only an armed or state actor can be its subject ("civilians fled" is no withdrawal)."""
    explosive: bool = False
    """A blast that may open a fight ("a complex ambush initiated by an IED") or hit its own subject ("a vehicle struck an IED")."""
    conquest: bool = False
    """A place changing hands by force: violent, but it does not own the deaths of its sentence."""
    once_a_year: bool = False
    """A country rarely sees two in a year: its reports may date it months apart and still be one incident."""
    specificity: float = 0.1
    """Rank against another class's trigger of the same event ("attacked and seized Boulkessi"), and part of its confidence."""
    crowd_actor: str | None = None
    """The crowd ACLED codes as actor1 (protesters, rioters), with the organisation behind it as an associate."""

    @property
    def by_target(self) -> bool:
        return self.event_type == BY_TARGET

    @property
    def merges_as(self) -> str:
        """The name incidents compare: the family, or the class itself."""
        return self.family or self.name


@dataclass(frozen=True, eq=False)
class EventClasses(Mapping[str, EventClass]):
    """The class table by name (a read-only mapping), with the file-wide facts and helpers over them."""

    classes: dict[str, EventClass]
    happened: tuple[str, ...] = ()
    """Modalities of events that happened: exported as ACLED rows and map points, and clustered into incidents."""
    harm_words: frozenset[str] = frozenset()
    """Words that say someone was hurt: a raid that hurts is coded as the attack, not as its looting."""
    fighting_types: tuple[str, ...] = ()
    """ACLED event types whose incidents tie their two actors as fighting in the report's network."""
    path: str = f"sitroom/data/{FILENAME}"
    data_dir: Path | None = None
    """The knowledge folder read, None for the shipped one."""
    digest: str = ""
    _flags: dict[str, frozenset[str]] = field(default_factory=dict, init=False, repr=False)

    def __post_init__(self):
        flags = {trait: frozenset(n for n, c in self.classes.items() if getattr(c, trait)) for trait in TRAITS}
        flags["by_target"] = frozenset(n for n, c in self.classes.items() if c.by_target)
        object.__setattr__(self, "_flags", flags)

    def is_news(self, event) -> bool:
        """The event happened and is news of its report: its modality is one of `happened` and it is not
        undated background ("the rebels had seized Gao"; extract/eventhood.py), which takes no date from its
        report. Only these are exported, mapped and clustered into incidents."""
        return event.modality in self.happened and not (event.date is None and event.how.get("date", "").startswith("background:"))

    # the mapping
    def __getitem__(self, name: str) -> EventClass:
        return self.classes[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self.classes)

    def __len__(self) -> int:
        return len(self.classes)

    # sets of names, for the code that tests membership
    def having(self, trait: str) -> frozenset[str]:
        """The names of the classes with a trait of TRAITS, or 'by_target'."""
        return self._flags[trait]

    @property
    def violent(self) -> frozenset[str]:
        return self._flags["violent"]

    @property
    def armed_only(self) -> frozenset[str]:
        return self._flags["armed_only"]

    @property
    def explosive(self) -> frozenset[str]:
        return self._flags["explosive"]

    @property
    def conquest(self) -> frozenset[str]:
        return self._flags["conquest"]

    @property
    def once_a_year(self) -> frozenset[str]:
        return self._flags["once_a_year"]

    @property
    def by_target(self) -> frozenset[str]:
        return self._flags["by_target"]

    def family(self, name: str) -> str:
        """The family incidents compare a class by (the class itself when it has none or is unknown)."""
        found = self.classes.get(name)
        return found.merges_as if found is not None else name

    def families(self) -> dict[str, frozenset[str]]:
        grouped: dict[str, set[str]] = {}
        for c in self.classes.values():
            if c.family:
                grouped.setdefault(c.family, set()).add(c.name)
        return {name: frozenset(members) for name, members in grouped.items()}

    def specificity(self, name: str) -> float:
        found = self.classes.get(name)
        return found.specificity if found is not None else 0.1

    @property
    def crowd_actors(self) -> tuple[str, ...]:
        """Every crowd a class names as its actor1 ('generic-protesters', 'generic-rioters'), in file order."""
        return tuple(dict.fromkeys(c.crowd_actor for c in self.classes.values() if c.crowd_actor))

    def crowd_actor(self, name: str) -> str | None:
        found = self.classes.get(name)
        return found.crowd_actor if found is not None else None


def _optional(value: str) -> str | None:
    return None if value == "-" else value


def _class(fields: list[str], path: str, number: int) -> EventClass:
    name, event_type, sub_type, plover, cameo, family, traits, specificity, crowd, reason = fields
    flags = set() if traits == "-" else {t.strip() for t in traits.split(",") if t.strip()}
    unknown = flags - set(TRAITS)
    if unknown:
        raise KnowledgeFileError(path, number, "traits", f"unknown trait {', '.join(sorted(unknown))}; traits are {', '.join(TRAITS)} or '-'")
    try:
        rank = float(specificity)
    except ValueError as error:
        raise KnowledgeFileError(path, number, "specificity", f"must be a number, not {specificity!r}") from error
    if not name or not event_type or not sub_type:
        raise KnowledgeFileError(path, number, "event_class", "event_class, event_type and sub_event_type must not be empty")
    return EventClass(
        name, event_type, sub_type, _optional(plover), _optional(cameo), reason, family=_optional(family),
        **{t: t in flags for t in TRAITS}, specificity=rank, crowd_actor=_optional(crowd),
    )


def parse_event_classes(text: str, path: str, data_dir: Path | None = None) -> EventClasses:
    """The file-wide `[section]`s and the `[classes]` table (tab-separated, header first); `#` starts a comment line."""
    classes: dict[str, EventClass] = {}
    sections: dict[str, list[str]] = {name: [] for name in SECTIONS}
    header_seen = False
    section: str | None = None
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        stripped = line.strip()
        if stripped.startswith("[") and stripped.endswith("]"):
            section = stripped[1:-1].strip()
            if section not in (*SECTIONS, TABLE):
                raise KnowledgeFileError(path, number, "section", f"unknown section [{section}]; sections are {', '.join((*SECTIONS, TABLE))}")
            continue
        fields = [f.strip() for f in line.split("\t")]
        if section is None:
            raise KnowledgeFileError(path, number, "section", "a line comes before any [section] line")
        if section != TABLE:
            if len(fields) != 2 or not fields[0] or not fields[1]:
                raise KnowledgeFileError(path, number, "reason", f"expected VALUE<TAB>reason in [{section}], found {len(fields)} fields")
            sections[section].append(fields[0])
            continue
        if not header_seen:
            if tuple(fields) != COLUMNS:
                raise KnowledgeFileError(path, number, "header", f"the header must be {' '.join(COLUMNS)}")
            header_seen = True
            continue
        if len(fields) != len(COLUMNS) or not fields[-1]:
            raise KnowledgeFileError(path, number, "reason", f"expected {len(COLUMNS)} tab-separated fields ending in a reason, found {len(fields)}")
        if fields[0] in classes:
            raise KnowledgeFileError(path, number, "event_class", f"event class {fields[0]!r} is listed twice")
        classes[fields[0]] = _class(fields, path, number)
    missing = [name for name in SECTIONS if not sections[name]]
    if missing:
        raise KnowledgeFileError(path, 0, "section", f"no [{'], ['.join(missing)}] section (see docs/events.md)")
    return EventClasses(
        classes,
        happened=tuple(sections["happened"]),
        harm_words=frozenset(w.lower() for value in sections["harm_words"] for w in value.split()),
        fighting_types=tuple(sections["fighting_types"]),
        path=path,
        data_dir=data_dir,
        digest=hashlib.sha256(text.encode()).hexdigest()[:16],
    )


def shipped_data() -> Path:
    """The shipped knowledge folder (`sitroom/data`)."""
    return Path(str(resources.files("sitroom").joinpath("data")))


def data_file(name: str, data_dir: Path | None = None) -> Path:
    """A knowledge file: from `data_dir` when given and it holds one, else the shipped one."""
    if data_dir is not None:
        own = Path(data_dir) / name
        if own.exists():
            return own
    return shipped_data() / name


@cache
def _load(data_dir: Path | None) -> EventClasses:
    if data_dir is None:
        text = resources.files("sitroom").joinpath("data", FILENAME).read_text(encoding="utf-8")
        return parse_event_classes(text, f"sitroom/data/{FILENAME}")
    path = data_file(FILENAME, data_dir)
    return parse_event_classes(path.read_text(encoding="utf-8"), str(path), data_dir)


def load_event_classes(data_dir: Path | str | None = None) -> EventClasses:
    """The event classes of a knowledge folder (default: the shipped `sitroom/data`), read once per folder."""
    return _load(None if data_dir is None else Path(data_dir).resolve())
