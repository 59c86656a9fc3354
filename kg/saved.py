"""Saved queries: the ``.rq`` files in ``kg/queries``, each a question analysts ask.

A saved query starts with header comments that say what it answers and
which parameters it takes::

    # answers: Who holds stakes in ENTITY, with percent, ...
    # param entity (entity): the asset (an entity id, IRI, label or alias)
    # param hops (integer 1..6, default 2): the longest path to follow

A parameter is a variable of the query (``?entity``); its value is bound
by a VALUES block built from a parsed RDF term, never pasted into the text.
The same header works in any query file given with ``-f``.

>>> sorted(q.name for q in saved_queries())[:3]
['co-investors', 'conflicts', 'corroborated']
>>> [p.name for p in saved_query("sanctions-exposure").params]
['entity', 'hops']
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from kg.errors import QueryError

QUERIES_DIR = Path(__file__).resolve().parent / "queries"
_PARAM = re.compile(
    r"^#\s*param\s+(?P<name>[A-Za-z_][A-Za-z0-9_]*)\s*"
    r"\((?P<kind>entity|string|integer)(?:\s+(?P<lo>\d+)\.\.(?P<hi>\d+))?"
    r"(?:,\s*default\s+(?P<default>[^)]+))?\)\s*:\s*(?P<help>.*)$"
)
_ANSWERS = re.compile(r"^#\s*answers:\s*(?P<text>.+)$")
#: The longest path sanctions-exposure may follow (the query grows with it).
MAX_HOPS = 6
#: Ties a sanctions-exposure path may follow, in either direction.
HOP_PREDICATES = ("ownsStakeIn", "controls", "partnerOf", "subsidiaryOf", "headOf")


@dataclass(frozen=True)
class Param:
    name: str
    kind: str  # "entity", "string" or "integer"
    help: str
    default: str | None = None
    low: int | None = None
    high: int | None = None


@dataclass(frozen=True)
class SavedQuery:
    name: str
    answers: str
    params: tuple[Param, ...]
    text: str

    def param(self, name: str) -> Param | None:
        return next((p for p in self.params if p.name == name), None)


def parse_header(name: str, text: str) -> SavedQuery:
    """Read the ``# answers:`` and ``# param`` comments at the top of a query."""
    answers = ""
    params = []
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped.startswith("#"):
            if stripped:
                break
            continue
        if m := _ANSWERS.match(stripped):
            answers = m["text"].strip()
        elif m := _PARAM.match(stripped):
            params.append(
                Param(
                    m["name"],
                    m["kind"],
                    m["help"].strip(),
                    m["default"].strip() if m["default"] else None,
                    int(m["lo"]) if m["lo"] else None,
                    int(m["hi"]) if m["hi"] else None,
                )
            )
        elif stripped.startswith("# param"):
            raise QueryError(
                f"query {name!r}: malformed parameter line {stripped!r}",
                hint="write `# param NAME (entity|string|integer[ LO..HI][, default V]): help`",
            )
    return SavedQuery(name, answers, tuple(params), text)


def saved_queries() -> list[SavedQuery]:
    """Every saved query shipped with kg, by name."""
    return [parse_header(p.stem, p.read_text("utf-8")) for p in sorted(QUERIES_DIR.glob("*.rq"))]


def saved_query(name: str) -> SavedQuery:
    """The saved query called ``name``; a clear error lists the names if it is unknown."""
    path = QUERIES_DIR / f"{name}.rq"
    names = [p.stem for p in sorted(QUERIES_DIR.glob("*.rq"))]
    if name not in names:  # also keeps a name from choosing any other path
        raise QueryError(
            f"no saved query named {name!r}",
            hint=f"choose one of: {', '.join(names)} (see `kg query --list`)",
        )
    return parse_header(name, path.read_text("utf-8"))


def _kge(var: str) -> str:
    return f'REPLACE(STR(?{var}), "^https://w3id.org/kg/entity/", "")'


def _edges(i: int, a: str, b: str) -> str:
    # Every tie either way from ?a, bound by the step before. A property path
    # (`kg:p?`) answers each pair once however many article graphs repeat the
    # shortcut triple (a plain pattern answers once per graph, and hubs then
    # multiply along the path); its zero-length match (?b = ?a) is dropped by
    # the no-node-twice filters.
    branches = []
    for pred in HOP_PREDICATES:
        branches.append(f'{{ ?{a} kg:{pred}? ?{b} BIND(" -{pred}-> " AS ?s{i}) }}')
        branches.append(f'{{ ?{b} kg:{pred}? ?{a} BIND(" <-{pred}- " AS ?s{i}) }}')
    return f"{{ {' UNION '.join(branches)} }}"


def hop_paths(hops: int) -> str:
    """UNION branches for paths of 1..``hops`` steps from ``?entity`` to ``?end``.

    Only the validated integer shapes the text; branch k binds ``?distance`` to
    k, ``?end`` to the last node and ``?path``. Every branch starts from
    ``?entity``, so the engine walks out from the bound entity.
    """
    if not 1 <= hops <= MAX_HOPS:
        raise QueryError(f"hops must be between 1 and {MAX_HOPS}, not {hops}")
    branches = []
    for k in range(1, hops + 1):
        nodes = ["entity", *[f"n{i}" for i in range(1, k)], "end"]
        body = []
        for i in range(k):
            body.append(_edges(i + 1, nodes[i], nodes[i + 1]))
            # no node twice on a path, checked as soon as a step binds its node
            body += [f"FILTER(?{nodes[j]} != ?{nodes[i + 1]})" for j in range(i + 1)]
        parts = [_kge(nodes[0])]
        for i in range(k):
            parts += [f"?s{i + 1}", _kge(nodes[i + 1])]
        body += [f"BIND({k} AS ?distance)", f"BIND(CONCAT({', '.join(parts)}) AS ?path)"]
        branches.append("{ " + " ".join(body) + " }")
    return "{ " + "\n      UNION ".join(branches) + " }"


def expand_template(query: SavedQuery, values: dict[str, str]) -> str:
    """The query text with its template filled (only ``{{paths}}`` for now)."""
    text = query.text
    if "{{paths}}" in text:
        param = query.param("hops")
        hops = int(values.get("hops") or (param.default if param and param.default else 2))
        text = text.replace("{{paths}}", hop_paths(hops))
    return text
