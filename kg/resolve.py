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
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final, Literal, cast

from rapidfuzz import fuzz, process

from kg.errors import InputError, ModelError
from kg.extract.extractor import ArticleExtraction, ExtractedEntity
from kg.ids import digest, slugify
from kg.model import ENTITY_TYPES, Claim, Entity, Status
from kg.names import normalize_name
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
            line = raw[: exc.start].count(b"\n") + 1
            raise InputError(path, "not UTF-8 text", line=line, hint="save it as UTF-8") from None
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

    def entity_of(self, article_id: str, key: str) -> Entity:
        """The canonical entity of one article's entity key."""
        return self.entities[self.ids[(article_id, key)]]


@dataclass
class _Node:
    """One new (name, type) across the batch: every mention of it in any article."""

    norm: str
    type: str
    labels: Counter[str] = field(default_factory=Counter)
    forms: set[str] = field(default_factory=set)
    refs: list[tuple[str, str]] = field(default_factory=list)

    @property
    def label(self) -> str:
        return min(self.labels, key=lambda lab: (-self.labels[lab], -len(lab), lab))

    @property
    def names(self) -> set[str]:
        return {self.norm} | {n for n in map(normalize_name, self.forms) if n}

    def show(self) -> str:
        return f"{self.label!r} ({self.type})"


class _Sides:
    """Which judgement sides (a name or an id) cover which nodes and registry entities."""

    def __init__(self, registry: Registry) -> None:
        self.registry = registry

    def key(self, value: str) -> tuple[str, str]:
        if value in self.registry:
            return ("id", value)
        return ("name", _side_key(value))

    def registry_names(self, entity_id: str) -> set[str]:
        entity = self.registry.entities[entity_id]
        return {normalize_name(n) for n in (entity.label, *entity.aliases)}


class _Components:
    """Union-find over node indices that refuses unions a ``not_same`` forbids."""

    def __init__(self, nodes: list[_Node], forbidden: list[tuple[set[int], set[int]]]) -> None:
        self.parent = list(range(len(nodes)))
        self.members: dict[int, set[int]] = {i: {i} for i in range(len(nodes))}
        self.forbidden = forbidden

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def blocked(self, i: int, j: int) -> bool:
        a, b = self.members[self.find(i)], self.members[self.find(j)]
        return any((a & x and b & y) or (a & y and b & x) for x, y in self.forbidden)

    def union(self, i: int, j: int) -> bool:
        ri, rj = self.find(i), self.find(j)
        if ri == rj:
            return True
        if self.blocked(i, j):
            return False
        keep, gone = min(ri, rj), max(ri, rj)
        self.parent[gone] = keep
        self.members[keep] |= self.members.pop(gone)
        return True


def _fuzzy_only(entity: ExtractedEntity, registry: Registry) -> bool:
    """True when the extractor linked ``entity`` to the registry by a typo alone.

    Such a link is the extractor's guess (confidence below 1, no surface form
    that is a registry name of the entity), so judgements may undo it.
    """
    if entity.entity_id is None or entity.confidence >= 1.0 or not entity.aliases:
        return False
    return not any(
        entity.entity_id in {e.id for e in registry.lookup(form)} for form in entity.aliases
    )


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
    entries, so a name seen in an earlier run keeps its id, and the aliases
    seen now are added to them.
    """
    known = tuple(known)
    full = Registry.from_entities([*registry, *(e for e in known if e.id not in registry)])
    extra_ids = {e.id for e in known if e.id not in registry}
    sides = _Sides(full)
    judged = tuple(judgements or ())
    result = Resolution()
    decisions: list[str] = []

    # 1. Registry keys map to themselves; every other entity becomes a node.
    nodes_by_key: dict[tuple[str, str], _Node] = {}
    fixed: dict[tuple[str, str], str] = {}
    for extraction in sorted(extractions, key=lambda x: x.article.id):
        article_id = extraction.article.id
        for entity in sorted(extraction.entities, key=lambda e: e.key):
            ref = (article_id, entity.key)
            if ref in fixed or any(ref in n.refs for n in ()):
                continue
            linked = entity.entity_id if entity.entity_id in full else None
            if linked is None and entity.key in full:
                linked = entity.key
            if linked is not None and not (
                _fuzzy_only(entity, full) and _unlinked_by(entity, linked, judged, sides)
            ):
                fixed[ref] = linked
                continue
            if linked is not None:
                label = sorted(entity.aliases)[0]
                forms = set(entity.aliases)
                decisions.append(
                    f"unlinked {label!r} in {article_id} from registry {linked}: "
                    f"a not_same judgement overrides the extractor's typo match"
                )
            else:
                label, forms = entity.label, {entity.label, *entity.aliases}
            norm = normalize_name(label) or label
            node = nodes_by_key.setdefault((norm, entity.type), _Node(norm, entity.type))
            node.labels[label] += 1
            node.forms |= forms
            node.refs.append(ref)
    nodes = [nodes_by_key[k] for k in sorted(nodes_by_key, key=lambda k: (k[0], _type_rank(k[1])))]
    node_names = [n.names for n in nodes]

    def covering(side: tuple[str, str]) -> set[int]:
        kind, value = side
        if kind == "name":
            return {i for i, names in enumerate(node_names) if value in names}
        return set()

    # 2. Judgements: not_same constraints, same merges, unsure reports.
    forbidden: list[tuple[set[int], set[int]]] = []
    forbid_registry: dict[int, set[str]] = {}
    forced: dict[int, set[str]] = {}
    forced_pairs: list[tuple[int, int, Judgement]] = []
    for item in judged:
        ka, kb = sides.key(item.a), sides.key(item.b)
        na, nb = covering(ka), covering(kb)
        touches = bool(na or nb) or any(s[0] == "id" and _used(s[1], fixed) for s in (ka, kb))
        if item.judgement == "unsure":
            if touches:
                decisions.append(f"{item}: reported only, resolution left automatic")
            continue
        if item.judgement == "not_same":
            if na and nb:
                forbidden.append((na, nb))
            for nodes_of, other in ((na, kb), (nb, ka)):
                targets = _registry_targets(other, full)
                for i in nodes_of:
                    forbid_registry.setdefault(i, set()).update(targets)
            continue
        for nodes_of, other in ((na, kb), (nb, ka)):
            targets = _registry_targets(other, full, strict=True)
            for i in nodes_of:
                if targets:
                    forced.setdefault(i, set()).update(targets)
                    decisions.append(f"{item}: {nodes[i].show()} -> {', '.join(sorted(targets))}")
        for i in sorted(na):
            for j in sorted(nb):
                if i != j:
                    forced_pairs.append((i, j, item))
        if ka[0] == "id" and kb[0] == "id":
            decisions.append(f"{item}: ignored, both are registry entities (merge them there)")

    # 3. Nodes to the registry: by judgement, by exact name, by typo.
    to_registry: dict[int, str] = {}
    for i, node in enumerate(nodes):
        blocked = forbid_registry.get(i, set())
        targets = forced.get(i, set()) - blocked
        if len(targets) == 1:
            to_registry[i] = next(iter(targets))
            continue
        if len(targets) > 1:
            decisions.append(
                f"{node.show()}: judgements point to {', '.join(sorted(targets))}; none applied"
            )
        hit = _registry_match(node, full, blocked)
        if hit is not None:
            to_registry[i] = hit[0]
            decisions.append(f"{node.show()} -> {hit[0]}: {hit[1]}")
        elif blocked and _registry_match(node, full, set()) is not None:
            decisions.append(f"{node.show()}: kept apart from {', '.join(sorted(blocked))}")

    # 4. New nodes among themselves: forced merges, then equal or misspelt names.
    comps = _Components(nodes, forbidden)
    for i, j, item in forced_pairs:
        if i in to_registry or j in to_registry:
            continue
        if comps.union(i, j):
            decisions.append(f"{item}: merged {nodes[i].show()} with {nodes[j].show()}")
        else:
            decisions.append(f"{item}: not applied, a not_same judgement forbids it")
    for i, j, score in _typo_pairs(nodes, set(to_registry)):
        if comps.find(i) == comps.find(j):
            continue
        if comps.union(i, j):
            decisions.append(
                f"merged {nodes[i].show()} with {nodes[j].show()}: typo (ratio {score:.1f})"
            )
        else:
            decisions.append(
                f"kept {nodes[i].show()} apart from {nodes[j].show()}: a not_same judgement"
            )

    # 5. Ids: registry entities as they are, new ones from their labels.
    used_forms: dict[str, set[str]] = {}
    for extraction in extractions:
        for entity in extraction.entities:
            used_forms.setdefault(entity.key, set())
    for ref, entity_id in fixed.items():
        result.ids[ref] = entity_id
    for i, entity_id in to_registry.items():
        for ref in nodes[i].refs:
            result.ids[ref] = entity_id
    groups: dict[int, list[int]] = {}
    for i in range(len(nodes)):
        if i not in to_registry:
            groups.setdefault(comps.find(i), []).append(i)
    taken: dict[str, str | None] = {entity_id: None for entity_id in full.entities}
    clusters = sorted(groups.values(), key=lambda g: _cluster_key(nodes, g))
    labels_by_id: dict[str, list[str]] = {}
    for members in clusters:
        label, kind = _canonical(nodes, members)
        entity_id = _new_id(label, kind, taken, full, decisions)
        forms: set[str] = set()
        for i in members:
            forms |= nodes[i].forms
            for ref in nodes[i].refs:
                result.ids[ref] = entity_id
        aliases = tuple(sorted(forms - {label}))
        try:
            result.entities[entity_id] = Entity(entity_id, label, kind, aliases=aliases)
        except ModelError as exc:  # pragma: no cover - ids and labels are made valid above
            raise ModelError(f"resolving {label!r}: {exc.message}") from None
        labels_by_id.setdefault(slugify(label), []).append(entity_id)
        if len(members) > 1:
            shown = ", ".join(nodes[i].show() for i in members)
            decisions.append(f"new entity {entity_id}: {shown}")
    for ids in labels_by_id.values():
        if len(ids) > 1:
            decisions.append(f"homonyms kept apart: {', '.join(ids)}")

    # Registry and known entities actually used; known ones gain today's forms.
    seen_forms: dict[str, set[str]] = {}
    for extraction in extractions:
        for entity in extraction.entities:
            entity_id = result.ids.get((extraction.article.id, entity.key))
            if entity_id is not None and entity_id not in result.entities:
                seen_forms.setdefault(entity_id, set()).update((entity.label, *entity.aliases))
    for entity_id in sorted(seen_forms):
        entity = full.entities[entity_id]
        if entity_id in extra_ids:
            forms = (set(entity.aliases) | seen_forms[entity_id]) - {entity.label}
            entity = Entity(
                entity.id, entity.label, entity.type, entity.subclass, tuple(sorted(forms))
            )
        result.entities[entity_id] = entity
    result.entities = dict(sorted(result.entities.items()))
    result.ids = dict(sorted(result.ids.items()))
    result.decisions = sorted(set(decisions))
    return result


def _type_rank(kind: str) -> int:
    return _TYPE_ORDER.get(kind, len(_TYPE_ORDER))


def _used(entity_id: str, fixed: Mapping[tuple[str, str], str]) -> bool:
    return entity_id in fixed.values()


def _unlinked_by(
    entity: ExtractedEntity, linked: str, judged: Sequence[Judgement], sides: _Sides
) -> bool:
    """A not_same judgement separates the surface forms of ``entity`` from ``linked``."""
    forms = {normalize_name(f) for f in entity.aliases}
    registry_names = sides.registry_names(linked)
    for item in judged:
        if item.judgement != "not_same":
            continue
        for this, other in ((item.a, item.b), (item.b, item.a)):
            kind, value = sides.key(this)
            other_kind, other_value = sides.key(other)
            if kind != "name" or value not in forms:
                continue
            if (other_kind == "id" and other_value == linked) or (
                other_kind == "name" and other_value in registry_names
            ):
                return True
    return False


def _registry_targets(side: tuple[str, str], registry: Registry, strict: bool = False) -> set[str]:
    """Registry ids a judgement side names: the id itself, or every entity with that name.

    ``strict`` (for ``same``): a name must point to one registry entity only.
    """
    kind, value = side
    if kind == "id":
        return {value}
    ids = {e.id for e in registry.lookup(value)}
    if strict and len(ids) > 1:
        return set()
    return ids


def _registry_match(node: _Node, registry: Registry, blocked: set[str]) -> tuple[str, str] | None:
    """The registry entity of the node's type that the node names exactly or by a typo."""
    exact = sorted(
        (e for e in registry.lookup(node.norm) if e.type == node.type and e.id not in blocked),
        key=lambda e: (normalize_name(e.label) != node.norm, e.id),
    )
    if exact:
        return exact[0].id, f"same name as {exact[0].label!r}"
    if len(node.norm) < FUZZY_MIN_CHARS:
        return None
    best: tuple[float, str, str] | None = None
    for entity in registry:
        if entity.type != node.type or entity.id in blocked:
            continue
        for name in (entity.label, *entity.aliases):
            norm = normalize_name(name)
            if len(norm) < FUZZY_MIN_CHARS:
                continue
            score = fuzz.ratio(node.norm, norm, score_cutoff=FUZZY_RATIO)
            if score and (best is None or (-score, entity.id) < (-best[0], best[1])):
                best = (score, entity.id, name)
    if best is None:
        return None
    return best[1], f"typo of {best[2]!r} (ratio {best[0]:.1f})"


def _typo_pairs(nodes: list[_Node], skip: set[int]) -> list[tuple[int, int, float]]:
    """Pairs of same-type nodes whose labels are one misspelt name, best first."""
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
            for _name, score, index in hits:
                pairs.append((i, members[a + 1 + index], float(score)))
    pairs.sort(key=lambda p: (-p[2], nodes[p[0]].norm, nodes[p[1]].norm))
    return pairs


def _cluster_key(nodes: list[_Node], members: list[int]) -> tuple[str, int, str]:
    label, kind = _canonical(nodes, members)
    return (slugify(label), _type_rank(kind), label)


def _canonical(nodes: list[_Node], members: list[int]) -> tuple[str, str]:
    """The label and type of a cluster: the most frequent, then the longest, then the first."""
    labels: Counter[str] = Counter()
    types: Counter[str] = Counter()
    for i in members:
        labels.update(nodes[i].labels)
        types[nodes[i].type] += sum(nodes[i].labels.values())
    label = min(labels, key=lambda lab: (-labels[lab], -len(lab), lab))
    kind = min(types, key=lambda t: (-types[t], _type_rank(t)))
    return label, kind


def _new_id(
    label: str, kind: str, taken: dict[str, str | None], registry: Registry, decisions: list[str]
) -> str:
    """``slugify(label)``, made unique: ``-{type}`` after a registry or other-type owner, then -N.

    ``taken`` maps each id in use to the type of the new entity that has it
    (None for registry and known entities); the new id is added to it.
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
    decisions.append(f"id {base!r} is taken by {holder}: {label!r} ({kind}) is {candidate}")
    return candidate


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
