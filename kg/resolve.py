"""Entity resolution: per-article entities to canonical entities across articles.

The extractor links what it can to the registry and keys everything else
``new:<normalised name>``, one article at a time. Resolution decides which of
those new names across a batch of articles are one entity, which are a typo
of a registry entity, and what id each new entity gets:

* a registry key maps to itself;
* a new name whose normalised label equals a registry name of the same type,
  or is a typo of one (:data:`FUZZY_RATIO` on labels of at least
  :data:`FUZZY_MIN_CHARS` characters), resolves to that registry entity;
* new names of the same type merge when their normalised labels are equal or
  one is a typo of the other; a Person never merges with a Company, and the
  same label with two types stays two entities (homonyms);
* human judgements (``data/judgements.jsonl``) force a merge (``same``),
  forbid one (``not_same``) or are only reported (``unsure``);
* a new entity's id is ``slugify(label)``; when a registry entity or a new
  entity of another type already has it, ``-{type}`` is appended, then
  ``-2``, ``-3``...

Everything is processed in sorted order, so the ids do not depend on the
order of the articles. Every decision is written down as a readable line in
:attr:`Resolution.decisions` for review.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Final, Literal, cast

from rapidfuzz import fuzz, process

from kg.errors import InputError, ModelError
from kg.ids import digest, slugify
from kg.model import ENTITY_TYPES, ArticleExtraction, Claim, Entity, ExtractedEntity, Status
from kg.names import normalize_name, numbers
from kg.registry import Registry

__all__ = [
    "FUZZY_MIN_CHARS",
    "FUZZY_RATIO",
    "Judgement",
    "Judgements",
    "Resolution",
    "default_judgements_path",
    "resolve",
    "to_claims",
]

#: Two normalised labels this similar (rapidfuzz ``ratio``, 0-100) are one name misspelt.
FUZZY_RATIO: Final = 92.0
#: ... provided both have at least this many characters.
FUZZY_MIN_CHARS: Final = 6

Verdict = Literal["same", "not_same", "unsure"]
_VERDICTS: Final = ("same", "not_same", "unsure")
_JUDGEMENT_KEYS: Final = frozenset({"a", "b", "judgement", "note"})
_JUDGEMENT_HINT: Final = (
    'one JSON object a line: {"a": NAME_OR_ID, "b": NAME_OR_ID, '
    '"judgement": "same" | "not_same" | "unsure", "note": "..."}'
)
_TYPE_ORDER: Final = {t: i for i, t in enumerate(ENTITY_TYPES)}


# --------------------------------------------------------------------------- judgements


def default_judgements_path() -> Path:
    """The judgements shipped with kg: package data in a wheel, else ``data/judgements.jsonl``."""
    package = Path(__file__).resolve().parent
    packaged = package / "_resources" / "judgements.jsonl"
    return packaged if packaged.exists() else package.parent / "data" / "judgements.jsonl"


@dataclass(frozen=True)
class Judgement:
    """A reviewer's verdict on whether two names (or ids) are one entity.

    ``a`` and ``b`` are each a registry id (or the id of an entity already in
    the store) or a name, compared after :func:`kg.names.normalize_name`.
    ``where`` says where the judgement came from (``file:line``).
    """

    a: str
    b: str
    judgement: Verdict
    note: str = ""
    where: str = ""

    def __str__(self) -> str:
        at = f" ({self.where})" if self.where else ""
        return f"judgement {self.judgement}{at}: {self.a!r} ~ {self.b!r}"


@dataclass(frozen=True)
class Judgements:
    """A set of judgements, read from a JSON Lines file with :meth:`load`.

    >>> j = Judgements((Judgement("Bejing", "china", "same"),))
    >>> len(j), j.items[0].judgement
    (1, 'same')
    """

    items: tuple[Judgement, ...] = ()

    def __len__(self) -> int:
        return len(self.items)

    def __iter__(self) -> Iterator[Judgement]:
        return iter(self.items)

    @classmethod
    def load(cls, path: Path | None = None) -> Judgements:
        """Read judgements from ``path`` (default: :func:`default_judgements_path`).

        Blank lines are ignored. A line that is not a JSON object with the
        keys ``a``, ``b``, ``judgement`` (and optionally ``note``), or that
        contradicts an earlier line about the same pair, raises
        :class:`InputError` naming the file and line. The default file may be
        missing (no judgements); a file given explicitly may not.
        """
        explicit = path is not None
        path = Path(path) if path is not None else default_judgements_path()
        if not explicit and not path.exists():
            return cls()
        try:
            raw = path.read_bytes()
        except OSError as exc:
            raise InputError(path, f"cannot read the judgements: {exc.strerror or exc}") from None
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            at = raw[: exc.start].count(b"\n") + 1
            raise InputError(path, "not UTF-8 text", line=at, hint="save it as UTF-8") from None
        items: list[Judgement] = []
        seen: dict[frozenset[str], tuple[str, int]] = {}
        for number, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            item = _parse_judgement(path, number, line)
            pair = frozenset({_side_key(item.a), _side_key(item.b)})
            if pair in seen and seen[pair][0] != item.judgement:
                verdict, at = seen[pair]
                raise InputError(
                    path,
                    f"judgement {item.judgement!r} contradicts {verdict!r} on line {at} "
                    f"for the same pair",
                    line=number,
                    hint="keep one verdict per pair",
                )
            seen.setdefault(pair, (item.judgement, number))
            items.append(item)
        return cls(tuple(items))


def _side_key(value: str) -> str:
    return normalize_name(value) or value


def _parse_judgement(path: Path, number: int, line: str) -> Judgement:
    def fail(problem: str, column: int | None = None) -> InputError:
        return InputError(path, problem, line=number, column=column, hint=_JUDGEMENT_HINT)

    try:
        obj: object = json.loads(line)
    except json.JSONDecodeError as exc:
        raise fail(f"invalid JSON: {exc.msg}", exc.colno) from None
    if not isinstance(obj, dict):
        raise fail("each line must be a JSON object")
    unknown = sorted(set(obj) - _JUDGEMENT_KEYS)
    if unknown:
        raise fail(f"unknown key {unknown[0]!r} (keys are a, b, judgement, note)")
    for key in ("a", "b"):
        value = obj.get(key)
        if not isinstance(value, str) or not value.strip():
            raise fail(f"{key!r} is required and must be a non-empty string")
    verdict = obj.get("judgement")
    if verdict not in _VERDICTS:
        raise fail(f"'judgement' must be one of same, not_same, unsure, not {verdict!r}")
    note = obj.get("note", "")
    if not isinstance(note, str):
        raise fail("'note' must be a string")
    a, b = obj["a"].strip(), obj["b"].strip()
    if _side_key(a) == _side_key(b):
        raise fail(f"'a' and 'b' name the same thing ({a!r})")
    return Judgement(a, b, cast(Verdict, verdict), note, f"{path}:{number}")


# --------------------------------------------------------------------------- resolution


@dataclass
class Resolution:
    """Canonical entities and the id of every (article id, entity key) pair.

    ``entities`` holds every entity the extractions use (registry entities as
    the registry has them); ``decisions`` are readable lines for review.
    """

    entities: dict[str, Entity] = field(default_factory=dict)
    ids: dict[tuple[str, str], str] = field(default_factory=dict)
    decisions: list[str] = field(default_factory=list)


Side = tuple[Literal["id", "name"], str]


@dataclass
class _Node:
    """One new (normalised name, type) across the batch, with every mention of it."""

    norm: str
    type: str
    labels: Counter[str] = field(default_factory=Counter)
    forms: set[str] = field(default_factory=set)
    refs: list[tuple[str, str]] = field(default_factory=list)

    @property
    def names(self) -> set[str]:
        return {self.norm} | {n for n in map(normalize_name, self.forms) if n}

    def show(self) -> str:
        label = min(self.labels, key=lambda lab: (-self.labels[lab], -len(lab), lab))
        return f"{label!r} ({self.type})"


class _Components:
    """Union-find over node indices that refuses the unions a ``not_same`` forbids."""

    def __init__(self, size: int, forbidden: list[tuple[set[int], set[int]]]) -> None:
        self.parent = list(range(size))
        self.members: dict[int, set[int]] = {i: {i} for i in range(size)}
        self.forbidden = forbidden

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, i: int, j: int) -> bool:
        """Merge the components of ``i`` and ``j``; False when a judgement forbids it."""
        ri, rj = self.find(i), self.find(j)
        if ri == rj:
            return True
        a, b = self.members[ri], self.members[rj]
        if any((a & x and b & y) or (a & y and b & x) for x, y in self.forbidden):
            return False
        keep, gone = min(ri, rj), max(ri, rj)
        self.parent[gone] = keep
        self.members[keep] |= self.members.pop(gone)
        return True


def resolve(
    extractions: Sequence[ArticleExtraction],
    registry: Registry,
    judgements: Judgements | None = None,
    *,
    known: Iterable[Entity] = (),
) -> Resolution:
    """Resolve the entities of ``extractions`` to canonical entities.

    ``known`` are entities outside the registry that already have ids (the
    new entities of a store built earlier): they are matched like registry
    entries, so a name seen in an earlier run keeps its id, and the surface
    forms seen now are added to their aliases. The result does not depend on
    the order of ``extractions``.
    """
    return _Resolver(extractions, registry, judgements, tuple(known)).run()


class _Resolver:
    """The state of one :func:`resolve` call, one method per step."""

    def __init__(
        self,
        extractions: Sequence[ArticleExtraction],
        registry: Registry,
        judgements: Judgements | None,
        known: tuple[Entity, ...],
    ) -> None:
        self.extractions = sorted(extractions, key=lambda x: x.article.id)
        extra = [e for e in known if e.id not in registry]
        self.registry = Registry.from_entities([*registry, *extra])
        self.extra_ids = {e.id for e in extra}
        self.judged = tuple(judgements or ())
        self.decisions: list[str] = []
        self.fixed: dict[tuple[str, str], str] = {}
        self.nodes: list[_Node] = []
        self.to_registry: dict[int, str] = {}
        self.forbidden: list[tuple[set[int], set[int]]] = []
        self.forbid_registry: dict[int, set[str]] = {}
        self.forced: dict[int, set[str]] = {}
        self.forced_pairs: list[tuple[int, int, Judgement]] = []

    def run(self) -> Resolution:
        self.collect()
        self.read_judgements()
        self.match_registry()
        comps = self.merge_new()
        result = Resolution()
        self.name_new(comps, result)
        self.add_used(result)
        result.entities = dict(sorted(result.entities.items()))
        result.ids = dict(sorted(result.ids.items()))
        result.decisions = sorted(set(self.decisions))
        return result

    # -- step 1 ------------------------------------------------------------------------

    def collect(self) -> None:
        """Registry keys map to themselves; every other entity joins its (name, type) node."""
        by_key: dict[tuple[str, str], _Node] = {}
        for extraction in self.extractions:
            article_id = extraction.article.id
            for entity in sorted(extraction.entities, key=lambda e: e.key):
                ref = (article_id, entity.key)
                linked = entity.entity_id if entity.entity_id in self.registry else None
                if linked is None and entity.key in self.registry:
                    linked = entity.key
                if linked is not None and not self.unlinked(entity, linked):
                    self.fixed[ref] = linked
                    continue
                if linked is not None:
                    label, forms = sorted(entity.aliases)[0], set(entity.aliases)
                    self.decisions.append(
                        f"unlinked {label!r} in {article_id} from {linked}: a not_same "
                        "judgement overrides the extractor's typo match"
                    )
                else:
                    label, forms = entity.label, {entity.label, *entity.aliases}
                norm = normalize_name(label) or label
                node = by_key.setdefault((norm, entity.type), _Node(norm, entity.type))
                node.labels[label] += 1
                node.forms |= forms
                node.refs.append(ref)
        order = sorted(by_key, key=lambda k: (k[0], _type_rank(k[1])))
        self.nodes = [by_key[k] for k in order]

    def unlinked(self, entity: ExtractedEntity, linked: str) -> bool:
        """A not_same judgement undoes an extractor link made by a typo alone."""
        if entity.confidence >= 1.0 or not entity.aliases:
            return False
        if any(linked in {e.id for e in self.registry.lookup(f)} for f in entity.aliases):
            return False  # a surface form is a registry name of the entity: a real link
        forms = {normalize_name(f) for f in entity.aliases}
        targets = self.registry_names(linked)
        for item in self.judged:
            if item.judgement != "not_same":
                continue
            for this, other in ((item.a, item.b), (item.b, item.a)):
                kind, value = self.side(this)
                if kind != "name" or value not in forms:
                    continue
                other_kind, other_value = self.side(other)
                if other_value == linked if other_kind == "id" else other_value in targets:
                    return True
        return False

    # -- step 2 ------------------------------------------------------------------------

    def side(self, value: str) -> Side:
        """A judgement side: an id when the registry (or the store) has it, else a name."""
        if value in self.registry:
            return ("id", value)
        return ("name", _side_key(value))

    def registry_names(self, entity_id: str) -> set[str]:
        entity = self.registry.entities[entity_id]
        return {normalize_name(n) for n in (entity.label, *entity.aliases)}

    def registry_targets(self, side: Side, strict: bool = False) -> set[str]:
        """Registry ids a side names: the id itself, or the entities with that name.

        ``strict`` (for ``same``): a name must point to one registry entity only.
        """
        kind, value = side
        if kind == "id":
            return {value}
        ids = {e.id for e in self.registry.lookup(value)}
        return set() if strict and len(ids) > 1 else ids

    def read_judgements(self) -> None:
        """Turn the judgements that touch this batch into constraints and forced merges."""
        node_names = [n.names for n in self.nodes]
        fixed_ids = set(self.fixed.values())
        fixed_names = {
            normalize_name(name)
            for extraction in self.extractions
            for entity in extraction.entities
            if (extraction.article.id, entity.key) in self.fixed
            for name in (entity.label, *entity.aliases)
        }

        def covering(side: Side) -> set[int]:
            if side[0] == "id":
                return set()
            return {i for i, names in enumerate(node_names) if side[1] in names}

        for item in self.judged:
            ka, kb = self.side(item.a), self.side(item.b)
            na, nb = covering(ka), covering(kb)
            if item.judgement == "unsure":
                if (
                    na
                    or nb
                    or any(
                        value in (fixed_ids if kind == "id" else fixed_names)
                        for kind, value in (ka, kb)
                    )
                ):
                    self.decisions.append(f"{item}: reported only, resolution left automatic")
            elif item.judgement == "not_same":
                if na and nb:
                    self.forbidden.append((na, nb))
                for nodes_of, other in ((na, kb), (nb, ka)):
                    for i in nodes_of:
                        self.forbid_registry.setdefault(i, set()).update(
                            self.registry_targets(other)
                        )
            else:
                if ka[0] == "id" and kb[0] == "id":
                    self.decisions.append(f"{item}: ignored, both are registry entities")
                for nodes_of, other in ((na, kb), (nb, ka)):
                    targets = self.registry_targets(other, strict=True)
                    for i in nodes_of if targets else ():
                        self.forced.setdefault(i, set()).update(targets)
                self.forced_pairs += [
                    (i, j, item) for i in sorted(na) for j in sorted(nb) if i != j
                ]

    # -- step 3 ------------------------------------------------------------------------

    def match_registry(self) -> None:
        """Nodes to registry entities: by a same judgement, by exact name, by a typo."""
        index = _FuzzyIndex(self.registry)
        for i, node in enumerate(self.nodes):
            blocked = self.forbid_registry.get(i, set())
            targets = self.forced.get(i, set()) - blocked
            if len(targets) == 1:
                self.to_registry[i] = next(iter(targets))
                self.decisions.append(f"{node.show()} -> {self.to_registry[i]}: judged the same")
                continue
            if len(targets) > 1:
                self.decisions.append(
                    f"{node.show()}: judgements point to {', '.join(sorted(targets))}; none applied"
                )
            hit = index.match(node, blocked)
            if hit is not None:
                self.to_registry[i] = hit[0]
                self.decisions.append(f"{node.show()} -> {hit[0]}: {hit[1]}")
            elif blocked and index.match(node, set()) is not None:
                self.decisions.append(
                    f"{node.show()}: kept apart from {', '.join(sorted(blocked))} (judged not_same)"
                )

    # -- step 4 ------------------------------------------------------------------------

    def merge_new(self) -> _Components:
        """Merge new nodes: judged the same, then equal or misspelt names of one type."""
        comps = _Components(len(self.nodes), self.forbidden)
        nodes = self.nodes
        for i, j, item in self.forced_pairs:
            if (i in self.to_registry) != (j in self.to_registry):
                node, target = (
                    (j, self.to_registry[i]) if i in self.to_registry else (i, self.to_registry[j])
                )
                if target not in self.forbid_registry.get(node, set()):
                    self.to_registry[node] = target
                    self.decisions.append(f"{item}: {nodes[node].show()} -> {target}")
            elif i not in self.to_registry:
                if comps.union(i, j):
                    self.decisions.append(
                        f"{item}: merged {nodes[i].show()} with {nodes[j].show()}"
                    )
                else:
                    self.decisions.append(f"{item}: not applied, a not_same judgement forbids it")
        for i, j, score in _typo_pairs(nodes, set(self.to_registry)):
            if comps.find(i) == comps.find(j):
                continue
            if comps.union(i, j):
                self.decisions.append(
                    f"merged {nodes[i].show()} with {nodes[j].show()}: typo (ratio {score:.1f})"
                )
            else:
                self.decisions.append(
                    f"kept {nodes[i].show()} apart from {nodes[j].show()}: judged not_same"
                )
        return comps

    # -- step 5 ------------------------------------------------------------------------

    def name_new(self, comps: _Components, result: Resolution) -> None:
        """Ids for every reference; an Entity and a unique id for every new cluster."""
        nodes = self.nodes
        result.ids.update(self.fixed)
        for i, entity_id in self.to_registry.items():
            for ref in nodes[i].refs:
                result.ids[ref] = entity_id
        groups: dict[int, list[int]] = {}
        for i in range(len(nodes)):
            if i not in self.to_registry:
                groups.setdefault(comps.find(i), []).append(i)
        taken: dict[str, str | None] = dict.fromkeys(self.registry.entities)
        by_label: dict[str, list[str]] = {}
        for members in sorted(groups.values(), key=lambda g: _cluster_key(nodes, g)):
            label, kind = _canonical(nodes, members)
            entity_id = self.new_id(label, kind, taken)
            forms: set[str] = set()
            for i in members:
                forms |= nodes[i].forms
                for ref in nodes[i].refs:
                    result.ids[ref] = entity_id
            aliases = tuple(sorted(forms - {label}))
            result.entities[entity_id] = Entity(entity_id, label, kind, aliases=aliases)
            by_label.setdefault(normalize_name(label), []).append(f"{entity_id} ({kind})")
            if len(members) > 1:
                shown = ", ".join(nodes[i].show() for i in members)
                self.decisions.append(f"new entity {entity_id}: {shown}")
        for label, ids in by_label.items():
            if len(ids) > 1:
                self.decisions.append(f"homonyms {label!r} kept apart: {', '.join(ids)}")

    def new_id(self, label: str, kind: str, taken: dict[str, str | None]) -> str:
        """``slugify(label)``, made unique: ``-{type}`` after a registry or other-type owner, -N.

        ``taken`` maps each id in use to the type of the new entity that has
        it (None for registry and known entities); the new id is added to it.
        """
        base = slugify(label) or f"entity-{digest(normalize_name(label) or label, length=8)}"
        if base not in taken:
            taken[base] = kind
            return base
        owner = taken[base]
        stem = base if owner == kind else f"{base}-{kind.lower()}"
        candidate, n = stem, 1
        while candidate in taken:
            n += 1
            candidate = f"{stem}-{n}"
        taken[candidate] = kind
        holder = "a registry entity" if owner is None else f"a new {owner}"
        self.decisions.append(
            f"id {base!r} is taken by {holder}: {label!r} ({kind}) is {candidate}"
        )
        return candidate

    def add_used(self, result: Resolution) -> None:
        """The registry and known entities used; known ones gain the forms seen now."""
        seen: dict[str, set[str]] = {}
        for extraction in self.extractions:
            for entity in extraction.entities:
                entity_id = result.ids[(extraction.article.id, entity.key)]
                if entity_id not in result.entities:
                    seen.setdefault(entity_id, set()).update((entity.label, *entity.aliases))
        for entity_id in sorted(seen):
            found = self.registry.entities[entity_id]
            if entity_id in self.extra_ids:
                aliases = tuple(sorted((set(found.aliases) | seen[entity_id]) - {found.label}))
                found = replace(found, aliases=aliases)
            result.entities[entity_id] = found


def _type_rank(kind: str) -> int:
    return _TYPE_ORDER.get(kind, len(_TYPE_ORDER))


class _FuzzyIndex:
    """The registry's labels and aliases by type, normalised, for typo matching."""

    def __init__(self, registry: Registry) -> None:
        self.registry = registry
        self.by_type: dict[str, tuple[list[str], list[tuple[str, str]]]] = {}
        for entity in registry:
            norms, owners = self.by_type.setdefault(entity.type, ([], []))
            for name in dict.fromkeys((entity.label, *entity.aliases)):
                norm = normalize_name(name)
                if len(norm) >= FUZZY_MIN_CHARS:
                    norms.append(norm)
                    owners.append((entity.id, name))

    def match(self, node: _Node, blocked: set[str]) -> tuple[str, str] | None:
        """The entity of the node's type that the node names exactly or by a typo, and why."""
        exact = sorted(
            (
                e
                for e in self.registry.lookup(node.norm)
                if e.type == node.type and e.id not in blocked
            ),
            key=lambda e: (normalize_name(e.label) != node.norm, e.id),
        )
        if exact:
            return exact[0].id, f"same name as {exact[0].label!r}"
        if len(node.norm) < FUZZY_MIN_CHARS or node.type not in self.by_type:
            return None
        norms, owners = self.by_type[node.type]
        hits = process.extract(
            node.norm, norms, scorer=fuzz.ratio, score_cutoff=FUZZY_RATIO, limit=None
        )
        ranked = sorted((-score, owners[i][0], owners[i][1]) for _, score, i in hits)
        digits = numbers(node.norm)
        for score, entity_id, name in ranked:
            # "Nord Stream AG" is no typo of "Nord Stream 2 AG", nor "Zapad 2017" of "Zapad 2021"
            if entity_id not in blocked and numbers(normalize_name(name)) == digits:
                return entity_id, f"typo of {name!r} (ratio {-score:.1f})"
        return None


def _typo_pairs(nodes: list[_Node], skip: set[int]) -> list[tuple[int, int, float]]:
    """Pairs of same-type nodes whose labels are one name misspelt, best first."""
    pairs: list[tuple[int, int, float]] = []
    by_type: dict[str, list[int]] = {}
    for i, node in enumerate(nodes):
        if i not in skip and len(node.norm) >= FUZZY_MIN_CHARS:
            by_type.setdefault(node.type, []).append(i)
    for members in by_type.values():
        choices = [nodes[i].norm for i in members]
        for a, i in enumerate(members):
            hits = process.extract(
                choices[a],
                choices[a + 1 :],
                scorer=fuzz.ratio,
                score_cutoff=FUZZY_RATIO,
                limit=None,
            )
            pairs += [
                (i, members[a + 1 + index], float(score))
                for _, score, index in hits
                if numbers(choices[a]) == numbers(choices[a + 1 + index])
            ]
    pairs.sort(key=lambda p: (-p[2], nodes[p[0]].norm, nodes[p[1]].norm))
    return pairs


def _cluster_key(nodes: list[_Node], members: list[int]) -> tuple[str, int, str]:
    label, kind = _canonical(nodes, members)
    return (normalize_name(label), _type_rank(kind), label)


def _canonical(nodes: list[_Node], members: list[int]) -> tuple[str, str]:
    """A cluster's label and type: the most frequent, then the longest, then the first."""
    labels: Counter[str] = Counter()
    types: Counter[str] = Counter()
    for i in members:
        labels.update(nodes[i].labels)
        types[nodes[i].type] += sum(nodes[i].labels.values())
    label = min(labels, key=lambda lab: (-labels[lab], -len(lab), lab))
    kind = min(types, key=lambda t: (-types[t], _type_rank(t)))
    return label, kind


# --------------------------------------------------------------------------- claims


def to_claims(resolution: Resolution, extraction: ArticleExtraction) -> list[Claim]:
    """The model claims of one article, with entity keys replaced by resolved ids.

    A claim whose two ends resolve to the same entity is dropped, and so is
    a repeat of an earlier claim; the order is the extraction's.
    """
    article_id = extraction.article.id
    claims: list[Claim] = []
    seen: set[Claim] = set()
    for raw in extraction.claims:
        subject = resolution.ids.get((article_id, raw.subject))
        obj = resolution.ids.get((article_id, raw.object))
        if subject is None or obj is None:
            missing = raw.subject if subject is None else raw.object
            raise ModelError(f"article {article_id}: claim names unresolved entity {missing!r}")
        if subject == obj:
            continue
        claim = Claim(
            subject=subject,
            predicate=raw.predicate,
            object=obj,
            article_id=article_id,
            evidence=raw.evidence,
            start=raw.start,
            end=raw.end,
            rule=raw.rule,
            confidence=raw.confidence,
            percent=raw.percent,
            date=raw.date,
            valid_from=raw.valid_from,
            valid_to=raw.valid_to,
            status=cast(Status | None, raw.status),
        )
        if claim not in seen:
            seen.add(claim)
            claims.append(claim)
    return claims
