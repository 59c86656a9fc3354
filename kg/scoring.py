"""Score predicted entities and relations against gold annotations.

The gold format and the scoring rules are those of ``../shared/eval/FORMAT.md``:

* names are compared after :func:`kg.names.normalize_name`;
* a predicted entity matches a gold entity when its label or any alias equals
  the gold name or any gold alias; the pairing is a maximum bipartite matching
  (each gold and each predicted entity used at most once), so the counts do not
  depend on the order of the lists;
* typed scoring is a second maximum matching that also requires the predicted
  type to be one of the gold types;
* a predicted relation matches a gold relation when the predicates are equal
  and both ends refer to the same gold entities (either order for the
  symmetric predicates); duplicates count once;
* ``percent`` accuracy is taken over the matched ``ownsStakeIn`` relations
  whose gold carries a percent.

Counts are micro-averaged over documents by :func:`combine`. The library never
prints and never exits; a bad gold file raises :class:`kg.errors.InputError`.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final, Literal

from kg.errors import InputError
from kg.model import ENTITY_TYPES, EVAL_PREDICATES, SYMMETRIC
from kg.names import normalize_name

__all__ = [
    "PRF",
    "ErrorItem",
    "EvalReport",
    "combine",
    "load_gold_dir",
    "read_gold",
    "score_document",
    "split_sentences",
]

#: Two percents within this distance are the same stake.
PERCENT_TOLERANCE: Final = 0.01

_GOLD_KEYS: Final = frozenset({"document", "entities", "relations"})
_ENTITY_KEYS: Final = frozenset({"name", "type", "aliases"})
_RELATION_KEYS: Final = frozenset({"subject", "predicate", "object", "percent"})
#: Keys ``kg extract`` adds to the format; accepted in predictions (``strict=False``).
_ENTITY_EXTRAS: Final = frozenset({"id"})
_RELATION_EXTRAS: Final = frozenset({"evidence", "rule", "confidence", "date"})

ErrorKind = Literal["fp", "fn"]
ErrorWhat = Literal["entity", "typed_entity", "relation", "percent"]


# --------------------------------------------------------------------------- results


@dataclass(frozen=True)
class PRF:
    """True positives, false positives and false negatives, and their scores.

    >>> PRF(3, 1, 2).precision, PRF(3, 1, 2).recall
    (0.75, 0.6)
    >>> PRF(0, 0, 0).f1
    0.0
    """

    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        found = self.tp + self.fp
        return self.tp / found if found else 0.0

    @property
    def recall(self) -> float:
        wanted = self.tp + self.fn
        return self.tp / wanted if wanted else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: PRF) -> PRF:
        return PRF(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    def to_json(self) -> dict[str, Any]:
        return {
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
        }


_ZERO: Final = PRF(0, 0, 0)


@dataclass(frozen=True)
class ErrorItem:
    """One miss (``fn``) or one wrong guess (``fp``), with the sentence behind it."""

    document: str
    kind: ErrorKind
    what: ErrorWhat
    item: str
    sentence: str | None

    def to_json(self) -> dict[str, Any]:
        return {
            "document": self.document,
            "kind": self.kind,
            "what": self.what,
            "item": self.item,
            "sentence": self.sentence,
        }


@dataclass(frozen=True)
class EvalReport:
    """Scores of one document, or of several summed by :func:`combine`."""

    documents: int
    entities: PRF
    typed_entities: PRF
    relations: PRF
    per_predicate: dict[str, PRF]
    percent_correct: int
    percent_total: int
    errors: tuple[ErrorItem, ...]

    @property
    def percent_accuracy(self) -> float | None:
        """Share of matched stakes whose percent is right; None when none has a gold one."""
        return self.percent_correct / self.percent_total if self.percent_total else None

    def to_json(self) -> dict[str, Any]:
        return {
            "documents": self.documents,
            "entities": self.entities.to_json(),
            "typed_entities": self.typed_entities.to_json(),
            "relations": self.relations.to_json(),
            "per_predicate": {p: self.per_predicate[p].to_json() for p in EVAL_PREDICATES},
            "percent": {
                "accuracy": self.percent_accuracy,
                "correct": self.percent_correct,
                "total": self.percent_total,
            },
            "errors": [e.to_json() for e in self.errors],
        }


def combine(reports: Iterable[EvalReport]) -> EvalReport:
    """Micro-average: sum the counts of all reports and concatenate their errors."""
    documents = 0
    entities = typed = relations = _ZERO
    per_predicate = dict.fromkeys(EVAL_PREDICATES, _ZERO)
    correct = total = 0
    errors: list[ErrorItem] = []
    for report in reports:
        documents += report.documents
        entities += report.entities
        typed += report.typed_entities
        relations += report.relations
        for predicate, counts in report.per_predicate.items():
            per_predicate[predicate] = per_predicate.get(predicate, _ZERO) + counts
        correct += report.percent_correct
        total += report.percent_total
        errors.extend(report.errors)
    return EvalReport(
        documents=documents,
        entities=entities,
        typed_entities=typed,
        relations=relations,
        per_predicate=per_predicate,
        percent_correct=correct,
        percent_total=total,
        errors=tuple(errors),
    )


# --------------------------------------------------------------------------- gold files


def read_gold(path: Path, *, strict: bool = True) -> dict[str, Any]:
    """Read and check one gold file; return its JSON object.

    A file that cannot be read, is not UTF-8 JSON, or breaks FORMAT.md (a
    missing or unknown key, a wrong value type, an unknown entity type or
    predicate) raises :class:`InputError` naming the file and the problem.
    """
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(path, f"cannot read gold file: {exc.strerror or exc}") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(path, f"not UTF-8 (byte {exc.start})") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(
            path, f"invalid JSON: {exc.msg}", line=exc.lineno, column=exc.colno
        ) from None
    problem = check_gold(data, strict=strict)
    if problem is not None:
        raise InputError(
            path, problem, hint="see FORMAT.md for the gold format (document, entities, relations)"
        )
    result: dict[str, Any] = data
    return result


def check_gold(data: object, *, strict: bool = True) -> str | None:
    """Return what is wrong with a parsed gold document, or None when it is valid.

    >>> check_gold({"entities": [], "relations": []}) is None
    True
    >>> check_gold({"entities": [{"name": "X", "type": "Ship"}], "relations": []})
    "entities[0].type: unknown entity type 'Ship' (one of Person, Company, Fund, State, \
Organization, Place, Event, Product)"
    """
    if not isinstance(data, dict):
        return f"the top level must be a JSON object, not {_json_type(data)}"
    for key in ("entities", "relations"):
        if key not in data:
            return f"missing key {key!r}"
    unknown = sorted(set(data) - _GOLD_KEYS)
    if unknown:
        return f"unknown key {unknown[0]!r} (keys are document, entities, relations)"
    if "document" in data and not isinstance(data["document"], str):
        return f"'document' must be a string, not {_json_type(data['document'])}"
    entities, relations = data["entities"], data["relations"]
    if not isinstance(entities, list):
        return f"'entities' must be a list, not {_json_type(entities)}"
    if not isinstance(relations, list):
        return f"'relations' must be a list, not {_json_type(relations)}"
    for i, entity in enumerate(entities):
        problem = _check_entity(entity, frozenset() if strict else _ENTITY_EXTRAS)
        if problem:
            return f"entities[{i}]{problem}"
    for i, relation in enumerate(relations):
        problem = _check_relation(relation, frozenset() if strict else _RELATION_EXTRAS)
        if problem:
            return f"relations[{i}]{problem}"
    return None


def _json_type(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


def _is_name(value: object) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _check_entity(entity: object, extras: frozenset[str] = frozenset()) -> str | None:
    if not isinstance(entity, dict):
        return f": an entity must be an object, not {_json_type(entity)}"
    for key in ("name", "type"):
        if key not in entity:
            return f": missing key {key!r}"
    unknown = sorted(set(entity) - _ENTITY_KEYS - extras)
    if unknown:
        return f": unknown key {unknown[0]!r} (keys are name, type, aliases)"
    if not _is_name(entity["name"]):
        return ".name: must be a non-empty string"
    kind = entity["type"]
    kinds = kind if isinstance(kind, list) else [kind]
    if not kinds:
        return ".type: an empty list of types"
    for k in kinds:
        if not isinstance(k, str):
            return f".type: must be a type name or a list of them, not {_json_type(k)}"
        if k not in ENTITY_TYPES:
            return f".type: unknown entity type {k!r} (one of {', '.join(ENTITY_TYPES)})"
    aliases = entity.get("aliases", [])
    if not isinstance(aliases, list):
        return f".aliases: must be a list of strings, not {_json_type(aliases)}"
    for j, alias in enumerate(aliases):
        if not _is_name(alias):
            return f".aliases[{j}]: must be a non-empty string"
    return None


def _check_relation(relation: object, extras: frozenset[str] = frozenset()) -> str | None:
    if not isinstance(relation, dict):
        return f": a relation must be an object, not {_json_type(relation)}"
    for key in ("subject", "predicate", "object"):
        if key not in relation:
            return f": missing key {key!r}"
    unknown = sorted(set(relation) - _RELATION_KEYS - extras)
    if unknown:
        return f": unknown key {unknown[0]!r} (keys are subject, predicate, object, percent)"
    for key in ("subject", "object"):
        if not _is_name(relation[key]):
            return f".{key}: must be a non-empty string"
    predicate = relation["predicate"]
    if not isinstance(predicate, str) or predicate not in EVAL_PREDICATES:
        return f".predicate: unknown predicate {predicate!r} (one of {', '.join(EVAL_PREDICATES)})"
    percent = relation.get("percent")
    if percent is not None:
        if isinstance(percent, bool) or not isinstance(percent, int | float):
            return f".percent: must be a number, not {_json_type(percent)}"
        if not 0 <= percent <= 100:
            return f".percent: {percent} is outside 0..100"
        if predicate != "ownsStakeIn":
            return ".percent: only an ownsStakeIn relation carries a percent"
    return None


def load_gold_dir(folder: Path) -> list[tuple[str, Path, Path]]:
    """Pair ``NAME.txt`` with ``NAME.json`` in a gold folder, sorted by name.

    A text without its gold file, a gold file without its text, or a folder
    with no pair at all raises :class:`InputError`. Other files are ignored.
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise InputError(folder, "not a folder", hint="give a folder of NAME.txt and NAME.json")
    texts: dict[str, Path] = {}
    golds: dict[str, Path] = {}
    for path in folder.iterdir():
        if path.name.startswith(".") or not path.is_file():
            continue
        if path.suffix == ".txt":
            texts[path.stem] = path
        elif path.suffix == ".json":
            golds[path.stem] = path
    for name in sorted(set(golds) - set(texts)):
        raise InputError(golds[name], f"gold file has no text beside it ({name}.txt is missing)")
    for name in sorted(set(texts) - set(golds)):
        raise InputError(texts[name], f"text has no gold file beside it ({name}.json is missing)")
    if not texts:
        raise InputError(
            folder, "no gold pairs in this folder", hint="a gold set is NAME.txt + NAME.json files"
        )
    return [(name, texts[name], golds[name]) for name in sorted(texts)]


# --------------------------------------------------------------------------- documents


@dataclass(frozen=True)
class _Ent:
    name: str
    types: tuple[str, ...]
    aliases: tuple[str, ...]
    keys: frozenset[str]  # normalised name and aliases
    ident: str | None = None
    evidence: str | None = None

    @property
    def label(self) -> str:
        return f"{self.name} [{'|'.join(self.types) or '?'}]"

    def sort_key(self) -> tuple[str, str, tuple[str, ...], tuple[str, ...], str]:
        return (normalize_name(self.name), self.name, self.types, self.aliases, self.ident or "")


@dataclass(frozen=True)
class _Rel:
    subject: str
    predicate: str
    object: str
    percent: float | None
    evidence: str | None = None

    @property
    def label(self) -> str:
        text = f"{self.subject} {self.predicate} {self.object}"
        return text if self.percent is None else f"{text} ({_pct(self.percent)})"


def _pct(value: float) -> str:
    return f"{value:g}%"


def _strings(value: object) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,) if value.strip() else ()
    if isinstance(value, list | tuple):
        return tuple(v for v in value if isinstance(v, str) and v.strip())
    return ()


def _number(value: object) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    number = float(value)
    return number if math.isfinite(number) else None


def _entities(doc: Mapping[str, Any]) -> list[_Ent]:
    """Read entities leniently (a predicted file may carry extra keys)."""
    out: list[_Ent] = []
    items = doc.get("entities")
    for item in items if isinstance(items, list) else []:
        if not isinstance(item, Mapping):
            continue
        name = item.get("name", item.get("label"))
        if not _is_name(name):
            continue
        assert isinstance(name, str)
        aliases = _strings(item.get("aliases"))
        keys = frozenset(k for k in map(normalize_name, (name, *aliases)) if k)
        if not keys:
            continue
        ident = item.get("id")
        evidence = item.get("evidence")
        out.append(
            _Ent(
                name=name,
                types=_strings(item.get("type")),
                aliases=aliases,
                keys=keys,
                ident=ident if isinstance(ident, str) else None,
                evidence=evidence if _is_name(evidence) else None,
            )
        )
    return sorted(out, key=_Ent.sort_key)


def _relations(doc: Mapping[str, Any]) -> list[_Rel]:
    """Read relations leniently; predicates outside the eval set are left out."""
    out: list[_Rel] = []
    items = doc.get("relations")
    for item in items if isinstance(items, list) else []:
        if not isinstance(item, Mapping):
            continue
        subject, predicate, obj = item.get("subject"), item.get("predicate"), item.get("object")
        if not (_is_name(subject) and _is_name(obj)) or predicate not in EVAL_PREDICATES:
            continue
        assert isinstance(subject, str) and isinstance(obj, str) and isinstance(predicate, str)
        evidence = item.get("evidence")
        out.append(
            _Rel(
                subject=subject,
                predicate=predicate,
                object=obj,
                percent=_number(item.get("percent")),
                evidence=evidence if _is_name(evidence) else None,
            )
        )
    return out


# --------------------------------------------------------------------------- matching


def _max_weight_matching(weights: Sequence[Sequence[int]]) -> dict[int, int]:
    """Rows to columns, maximising the total weight; zero-weight cells are no edge.

    The Hungarian algorithm (Kuhn-Munkres, O(n^2 m)) on a rectangular matrix.
    """
    rows = len(weights)
    cols = len(weights[0]) if rows else 0
    if not rows or not cols:
        return {}
    transposed = rows > cols
    if transposed:
        weights = [[weights[i][j] for i in range(rows)] for j in range(cols)]
        rows, cols = cols, rows
    top = max(max(r) for r in weights)
    # Minimise cost = top - weight; 1-based arrays as in the textbook version.
    cost = [[top - w for w in r] for r in weights]
    inf = math.inf
    u = [0.0] * (rows + 1)
    v = [0.0] * (cols + 1)
    p = [0] * (cols + 1)
    way = [0] * (cols + 1)
    for i in range(1, rows + 1):
        p[0] = i
        j0 = 0
        minv = [inf] * (cols + 1)
        used = [False] * (cols + 1)
        while True:
            used[j0] = True
            i0 = p[j0]
            delta = inf
            j1 = 0
            for j in range(1, cols + 1):
                if not used[j]:
                    cur = cost[i0 - 1][j - 1] - u[i0] - v[j]
                    if cur < minv[j]:
                        minv[j] = cur
                        way[j] = j0
                    if minv[j] < delta:
                        delta = minv[j]
                        j1 = j
            for j in range(cols + 1):
                if used[j]:
                    u[p[j]] += delta
                    v[j] -= delta
                else:
                    minv[j] -= delta
            j0 = j1
            if p[j0] == 0:
                break
        while True:
            j1 = way[j0]
            p[j0] = p[j1]
            j0 = j1
            if j0 == 0:
                break
    pairs: dict[int, int] = {}
    for j in range(1, cols + 1):
        i = p[j]
        if i and weights[i - 1][j - 1] > 0:
            if transposed:
                pairs[j - 1] = i - 1
            else:
                pairs[i - 1] = j - 1
    return pairs


def _name_strength(pred: _Ent, gold: _Ent) -> int:
    """How well two entities' names agree: 0 when they do not match at all."""
    if not pred.keys & gold.keys:
        return 0
    pred_label, gold_name = normalize_name(pred.name), normalize_name(gold.name)
    if pred.name == gold.name:
        return 8
    if pred_label == gold_name:
        return 6
    if pred_label in gold.keys or gold_name in pred.keys:
        return 3
    return 1


def _type_ok(pred: _Ent, gold: _Ent) -> bool:
    """A predicted type (or every type of a predicted list) is one of the gold types."""
    return bool(pred.types) and all(t in gold.types for t in pred.types)


def _match_entities(preds: list[_Ent], golds: list[_Ent], *, typed: bool) -> dict[int, int]:
    """A maximum matching, predicted index to gold index.

    Cardinality comes first (each edge is worth more than all preferences of
    any matching together); among maximum matchings the one whose names agree
    best (exact label = name, then normalised, then via aliases) and, when
    untyped, whose types agree, is chosen. Both lists are in canonical order,
    so the result does not depend on the order of the input lists.
    """
    base = 16 * (min(len(preds), len(golds)) + 1)
    weights: list[list[int]] = []
    for pred in preds:
        row: list[int] = []
        for gold in golds:
            strength = _name_strength(pred, gold)
            type_ok = _type_ok(pred, gold)
            if strength == 0 or (typed and not type_ok):
                row.append(0)
            else:
                row.append(base + strength + (4 if type_ok else 0))
        weights.append(row)
    return _max_weight_matching(weights)


def _pick(candidates: Iterable[tuple[str, str]], raw: str) -> str | None:
    """From (raw name, resolved key) candidates, prefer a raw-equal name, then the first."""
    first: str | None = None
    for name, key in candidates:
        if name == raw:
            return key
        if first is None:
            first = key
    return first


class _Resolver:
    """Resolve relation end names to gold entity keys (``g<i>``, or ``?<name>``)."""

    def __init__(self, golds: list[_Ent], preds: list[_Ent], matched: dict[int, int]) -> None:
        self.golds = golds
        self.preds = preds
        self.matched = matched

    def gold_end(self, raw: str) -> str:
        """A gold end: a gold entity's name (the exact spelling first), else an alias."""
        norm = normalize_name(raw)
        return self._by_gold(raw, norm) or f"?{norm}"

    def _by_gold(self, raw: str, norm: str) -> str | None:
        by_name = (
            (g.name, f"g{i}") for i, g in enumerate(self.golds) if normalize_name(g.name) == norm
        )
        found = _pick(by_name, raw)
        if found is not None:
            return found
        by_alias = (
            (a, f"g{i}")
            for i, g in enumerate(self.golds)
            for a in g.aliases
            if normalize_name(a) == norm
        )
        return _pick(by_alias, raw)

    def pred_end(self, raw: str) -> str:
        """A predicted end: its predicted entity's match first, then gold names, then aliases.

        1. an ``id`` of a predicted entity (exactly), taken as that entity's label;
        2. the label of a matched predicted entity -> that entity's gold partner;
        3. a gold entity's name;
        4. an alias of a matched predicted entity -> its gold partner;
        5. a gold entity's alias;
        6. otherwise a key of its own, which only an equal unresolved gold end shares.
        """
        for j, pred in enumerate(self.preds):
            if pred.ident is not None and pred.ident == raw:
                if j in self.matched:
                    return f"g{self.matched[j]}"
                raw = pred.name
                break
        norm = normalize_name(raw)
        matched = [(j, p) for j, p in enumerate(self.preds) if j in self.matched]
        found = _pick(
            ((p.name, f"g{self.matched[j]}") for j, p in matched if normalize_name(p.name) == norm),
            raw,
        )
        if found is not None:
            return found
        by_name = (
            (g.name, f"g{i}") for i, g in enumerate(self.golds) if normalize_name(g.name) == norm
        )
        found = _pick(by_name, raw)
        if found is not None:
            return found
        found = _pick(
            (
                (a, f"g{self.matched[j]}")
                for j, p in matched
                for a in p.aliases
                if normalize_name(a) == norm
            ),
            raw,
        )
        if found is not None:
            return found
        return self._by_gold(raw, norm) or f"?{norm}"


_RelKey = tuple[str, str, str]


def _rel_key(predicate: str, subject: str, obj: str) -> _RelKey:
    if predicate in SYMMETRIC and obj < subject:
        subject, obj = obj, subject
    return (predicate, subject, obj)


# --------------------------------------------------------------------------- sentences

_OPENERS: Final = "\"'\u201c\u2018\u00ab(["
_BOUNDARY: Final = re.compile("[.!?]+[\"'\u201d\u2019\u00bb)\\]]*(?=\\s)")


def split_sentences(text: str) -> list[str]:
    """Split on ``.``/``!``/``?`` before whitespace and a capital or a quote, and on newlines.

    >>> split_sentences('He left. "Why?" she asked.\\nNext line. e.g. no split')
    ['He left.', '"Why?" she asked.', 'Next line. e.g. no split']
    """
    sentences: list[str] = []
    for block in text.splitlines():
        start = 0
        for m in _BOUNDARY.finditer(block):
            rest = block[m.end() :].lstrip()
            if rest and (rest[0].isupper() or rest[0] in _OPENERS):
                sentences.append(block[start : m.end()].strip())
                start = m.end()
        sentences.append(block[start:].strip())
    return [s for s in sentences if s]


def _best_sentence(sentences: Sequence[str], ends: Sequence[Iterable[str]]) -> str | None:
    """The sentence naming the most ends, then the most of their names; ties -> first."""
    patterns = [
        [
            re.compile(rf"(?<!\w){re.escape(n.strip())}(?!\w)", re.IGNORECASE)
            for n in dict.fromkeys(names)
            if n.strip()
        ]
        for names in ends
    ]
    best: str | None = None
    best_score = (0, 0)
    for sentence in sentences:
        hits = [sum(1 for p in group if p.search(sentence)) for group in patterns]
        score = (sum(1 for h in hits if h), sum(hits))
        if score > best_score:
            best, best_score = sentence, score
    return best


# --------------------------------------------------------------------------- scoring


def score_document(
    gold: Mapping[str, Any], predicted: Mapping[str, Any], text: str = "", *, name: str = ""
) -> EvalReport:
    """Score one predicted document against its gold annotation.

    ``gold`` is a gold document (as :func:`read_gold` returns it); ``predicted``
    has the same shape and may carry extra keys (``id``, ``evidence``,
    ``rule``, ``confidence``, ``date``...), which are ignored, except that a
    predicted ``evidence`` is the sentence shown for its error and a relation
    end may name a predicted entity by its ``id``. ``text`` is the article,
    searched for the sentence that best shows each error; ``name`` labels the
    errors (by default the gold ``document``).
    """
    document = name or str(gold.get("document", ""))
    golds, preds = _entities(gold), _entities(predicted)
    sentences = split_sentences(text)
    errors: list[ErrorItem] = []

    def err(kind: ErrorKind, what: ErrorWhat, item: str, sentence: str | None) -> None:
        errors.append(ErrorItem(document, kind, what, item, sentence))

    def names_of(ent: _Ent) -> tuple[str, ...]:
        return (ent.name, *ent.aliases)

    # Entities, untyped and typed.
    matched = _match_entities(preds, golds, typed=False)
    typed = _match_entities(preds, golds, typed=True)
    gold_hit, typed_gold_hit = set(matched.values()), set(typed.values())
    entities = PRF(len(matched), len(preds) - len(matched), len(golds) - len(matched))
    typed_entities = PRF(len(typed), len(preds) - len(typed), len(golds) - len(typed))
    for i, g in enumerate(golds):
        if i not in gold_hit:
            err("fn", "entity", g.name, _best_sentence(sentences, [names_of(g)]))
        elif i not in typed_gold_hit:
            err("fn", "typed_entity", g.label, _best_sentence(sentences, [names_of(g)]))
    for j, p in enumerate(preds):
        if j in matched and j in typed:
            continue
        what: ErrorWhat = "typed_entity" if j in matched else "entity"
        item = p.label if j in matched else p.name
        err("fp", what, item, p.evidence or _best_sentence(sentences, [names_of(p)]))

    # Relations, deduplicated by (predicate, resolved ends).
    resolver = _Resolver(golds, preds, matched)
    gold_rels: dict[_RelKey, list[_Rel]] = {}
    for rel in _relations(gold):
        key = _rel_key(rel.predicate, resolver.gold_end(rel.subject), resolver.gold_end(rel.object))
        gold_rels.setdefault(key, []).append(rel)
    pred_rels: dict[_RelKey, list[_Rel]] = {}
    for rel in _relations(predicted):
        key = _rel_key(rel.predicate, resolver.pred_end(rel.subject), resolver.pred_end(rel.object))
        pred_rels.setdefault(key, []).append(rel)

    def end_names(key: str, raw: str) -> tuple[str, ...]:
        names = [raw]
        if key.startswith("g"):
            names.extend(names_of(golds[int(key[1:])]))
        return tuple(names)

    def rel_sentence(key: _RelKey, rel: _Rel) -> str | None:
        if rel.evidence:
            return rel.evidence
        ends = [end_names(key[1], rel.subject), end_names(key[2], rel.object)]
        return _best_sentence(sentences, ends)

    counts = {p: [0, 0, 0] for p in EVAL_PREDICATES}
    correct = total = 0
    for key, rels in gold_rels.items():
        if key in pred_rels:
            counts[key[0]][0] += 1
        else:
            counts[key[0]][2] += 1
            first = min(rels, key=lambda r: r.label)
            err("fn", "relation", first.label, rel_sentence(key, first))
    for key, rels in pred_rels.items():
        if key not in gold_rels:
            counts[key[0]][1] += 1
            first = min(rels, key=lambda r: (r.label, r.evidence or ""))
            err("fp", "relation", first.label, rel_sentence(key, first))
            continue
        if key[0] != "ownsStakeIn":
            continue
        wanted = sorted({r.percent for r in gold_rels[key] if r.percent is not None})
        if not wanted:
            continue
        total += 1
        given = sorted({r.percent for r in rels if r.percent is not None})
        if given and all(
            any(abs(p - w) <= PERCENT_TOLERANCE + 1e-9 for w in wanted) for p in given
        ):
            correct += 1
            continue
        gold_rel = next(r for r in gold_rels[key] if r.percent is not None)
        stake = f"{gold_rel.subject} ownsStakeIn {gold_rel.object}"
        want = "/".join(_pct(w) for w in wanted)
        evidence = next((r for r in rels if r.evidence), rels[0])
        if given:
            item = f"{stake} (predicted {'/'.join(_pct(p) for p in given)}, gold {want})"
            err("fp", "percent", item, rel_sentence(key, evidence))
        else:
            err(
                "fn",
                "percent",
                f"{stake} (no percent predicted, gold {want})",
                rel_sentence(key, evidence),
            )

    per_predicate = {p: PRF(*counts[p]) for p in EVAL_PREDICATES}
    relations = PRF(
        sum(c[0] for c in counts.values()),
        sum(c[1] for c in counts.values()),
        sum(c[2] for c in counts.values()),
    )
    order = {"entity": 0, "typed_entity": 1, "relation": 2, "percent": 3}
    errors.sort(key=lambda e: (order[e.what], e.kind, e.item, e.sentence or ""))
    return EvalReport(
        documents=1,
        entities=entities,
        typed_entities=typed_entities,
        relations=relations,
        per_predicate=per_predicate,
        percent_correct=correct,
        percent_total=total,
        errors=tuple(errors),
    )
