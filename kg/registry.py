"""The entity registry: canonical entities, their aliases and ids, as data.

The registry is a folder of JSONL files (``data/registry/``), one entity a
line; ``docs/registry-format.md`` defines the keys. Loading checks every line
and names the file and line of the first problem.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from kg.errors import InputError, ModelError, RegistryError
from kg.model import Entity
from kg.names import normalize_name

_KEYS = frozenset(
    {
        "id",
        "label",
        "type",
        "class",
        "aliases",
        "demonyms",
        "metonyms",
        "wikidata",
        "iso3166",
        "description",
    }
)
_LIST_KEYS = ("aliases", "demonyms", "metonyms")


@dataclass
class Registry:
    """Entities by id, and an index from normalised names to entity ids.

    A name can belong to several entities (homonyms); :meth:`lookup` returns
    all of them and leaves the choice to resolution.

    >>> reg = Registry.from_entities([Entity("russia", "Russia", "State", metonyms=("Moscow",))])
    >>> [e.id for e in reg.lookup("moscow")]
    ['russia']
    """

    entities: dict[str, Entity] = field(default_factory=dict)
    names: dict[str, list[str]] = field(default_factory=dict)

    @classmethod
    def from_entities(cls, entities: Iterable[Entity]) -> Registry:
        reg = cls()
        for entity in entities:
            reg.add(entity)
        return reg

    def add(self, entity: Entity) -> None:
        if entity.id in self.entities:
            raise ModelError(f"entity id {entity.id!r} is defined twice")
        self.entities[entity.id] = entity
        for name in (entity.label, *entity.aliases, *entity.metonyms, *entity.demonyms):
            ids = self.names.setdefault(normalize_name(name), [])
            if entity.id not in ids:
                ids.append(entity.id)

    def __len__(self) -> int:
        return len(self.entities)

    def __iter__(self) -> Iterator[Entity]:
        return iter(self.entities.values())

    def __contains__(self, entity_id: object) -> bool:
        return entity_id in self.entities

    def get(self, entity_id: str) -> Entity | None:
        return self.entities.get(entity_id)

    def lookup(self, name: str) -> list[Entity]:
        """Every entity that has ``name`` as label, alias, metonym or demonym."""
        return [self.entities[i] for i in self.names.get(normalize_name(name), ())]


def _string_list(value: object, key: str, fail: Callable[[str], RegistryError]) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise fail(f"{key!r} must be a list of non-empty strings")
    return tuple(value)


def parse_entry(obj: object, fail: Callable[[str], RegistryError]) -> Entity:
    """Turn one decoded registry line into an :class:`Entity`."""
    if not isinstance(obj, dict):
        raise fail("each line must be a JSON object")
    unknown = sorted(set(obj) - _KEYS)
    if unknown:
        raise fail(f"unknown key(s) {', '.join(unknown)}; allowed: {', '.join(sorted(_KEYS))}")
    for key in ("id", "label", "type"):
        if not isinstance(obj.get(key), str):
            raise fail(f"{key!r} is required and must be a string")
    for key in ("class", "wikidata", "iso3166", "description"):
        if key in obj and not isinstance(obj[key], str):
            raise fail(f"{key!r} must be a string")
    lists = {key: _string_list(obj[key], key, fail) for key in _LIST_KEYS if key in obj}
    if obj["type"] == "State" and "iso3166" not in obj:
        raise fail(f"state {obj['id']!r} needs an 'iso3166' code")
    if obj["type"] != "State" and "iso3166" in obj:
        raise fail(f"'iso3166' is only for states, not {obj['type']}")
    try:
        return Entity(
            id=obj["id"],
            label=obj["label"],
            type=obj["type"],
            subclass=obj.get("class"),
            aliases=lists.get("aliases", ()),
            demonyms=lists.get("demonyms", ()),
            metonyms=lists.get("metonyms", ()),
            wikidata=obj.get("wikidata"),
            iso3166=obj.get("iso3166"),
            description=obj.get("description"),
        )
    except ModelError as exc:
        raise fail(exc.message) from None


def read_registry_file(path: Path) -> Iterator[Entity]:
    """Yield the entities of one JSONL registry file, checking each line."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(path, f"cannot read: {exc.strerror}") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        bad_line = raw[: exc.start].count(b"\n") + 1
        raise RegistryError(
            path, "not UTF-8 text", line=bad_line, hint="save it as UTF-8"
        ) from None
    for number, line in enumerate(text.splitlines(), start=1):

        def fail(problem: str, at: int = number) -> RegistryError:
            return RegistryError(path, problem, line=at, hint="see docs/registry-format.md")

        if not line.strip():
            raise fail("blank line")
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise RegistryError(
                path, f"invalid JSON: {exc.msg}", line=number, column=exc.colno
            ) from None
        yield parse_entry(obj, fail)


def registry_files(path: Path) -> list[Path]:
    """The ``*.jsonl`` files of a registry folder (or the one file given)."""
    if not path.exists():
        raise InputError(
            path, "no such file or folder", hint="give a registry folder of .jsonl files"
        )
    files = sorted(path.glob("*.jsonl")) if path.is_dir() else [path]
    if not files:
        raise InputError(path, "no .jsonl registry files in this folder")
    return files


def load_registry(path: Path | None = None) -> Registry:
    """Load a registry folder (default: the one shipped with kg).

    A duplicated id is an error that names both places.
    """
    from kg.resources import registry_dir

    reg = Registry()
    seen: dict[str, str] = {}
    for file in registry_files(path or registry_dir()):
        for lineno, entity in enumerate(read_registry_file(file), start=1):
            if entity.id in seen:
                raise RegistryError(
                    file,
                    f"id {entity.id!r} is already defined at {seen[entity.id]}",
                    line=lineno,
                    hint="ids must be unique across the registry; give homonyms distinct ids",
                )
            seen[entity.id] = f"{file.name}:{lineno}"
            reg.add(entity)
    return reg
