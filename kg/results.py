"""Query results as bytes: SPARQL JSON/XML/CSV/TSV, a text table, or RDF for graphs.

SELECT results are cut to a row limit while they are read, so a result cap
never holds more than the cap in memory; the kept rows are written as
SPARQL 1.1 JSON results and pyoxigraph turns those into the other formats.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import pyoxigraph as ox

from kg.errors import UsageError
from kg.rdfio import PREFIXES, serialize_quads

RESULT_FORMATS: dict[str, ox.QueryResultsFormat | None] = {
    "table": None,
    "csv": ox.QueryResultsFormat.CSV,
    "tsv": ox.QueryResultsFormat.TSV,
    "json": ox.QueryResultsFormat.JSON,
    "xml": ox.QueryResultsFormat.XML,
}
GRAPH_FORMATS: dict[str, ox.RdfFormat] = {
    "turtle": ox.RdfFormat.TURTLE,
    "trig": ox.RdfFormat.TRIG,
    "ntriples": ox.RdfFormat.N_TRIPLES,
}
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
#: Widest cell in a text table; longer values end in an ellipsis.
TABLE_CELL = 80


@dataclass(frozen=True)
class Outcome:
    """What a query gave: its kind, the formatted bytes, how many rows and whether cut."""

    kind: str  # "select", "ask" or "graph"
    data: bytes
    rows: int
    truncated: bool
    format: str


def check_format(name: str) -> str:
    if name not in RESULT_FORMATS and name not in GRAPH_FORMATS:
        raise UsageError(
            f"unknown format {name!r}",
            hint=f"use one of {', '.join(RESULT_FORMATS)} (SELECT/ASK) "
            f"or {', '.join(GRAPH_FORMATS)} (CONSTRUCT/DESCRIBE)",
        )
    return name


def term_json(term: Any) -> dict[str, Any]:
    """A term in SPARQL 1.1 JSON results form."""
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out: dict[str, Any] = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value not in (XSD_STRING, RDF_LANG_STRING):
            out["datatype"] = term.datatype.value
        return out
    if isinstance(term, ox.Triple):
        return {
            "type": "triple",
            "value": {
                "subject": term_json(term.subject),
                "predicate": term_json(term.predicate),
                "object": term_json(term.object),
            },
        }
    raise TypeError(f"not an RDF term: {term!r}")


def compact(term: Any) -> str:
    """A short, readable form of a term for tables: prefixed IRIs, bare literal values."""
    if isinstance(term, ox.NamedNode):
        for prefix, ns in PREFIXES.items():
            if term.value.startswith(ns) and len(term.value) > len(ns):
                return f"{prefix}:{term.value[len(ns) :]}"
        return f"<{term.value}>"
    if isinstance(term, ox.Literal):
        return term.value
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return str(term)


def text_table(variables: list[str], rows: list[list[str]]) -> bytes:
    """Rows as aligned plain text, one line each; long cells are cut with an ellipsis."""

    def cell(v: str) -> str:
        v = " ".join(v.split())  # newlines in a value would break the table
        return v if len(v) <= TABLE_CELL else v[: TABLE_CELL - 1] + "…"

    cells = [[cell(v) for v in row] for row in rows]
    widths = [max([len(name), *(len(r[i]) for r in cells)]) for i, name in enumerate(variables)]
    lines = [
        "  ".join(n.ljust(w) for n, w in zip(variables, widths, strict=True)).rstrip(),
        "  ".join("-" * w for w in widths),
    ]
    lines += ["  ".join(v.ljust(w) for v, w in zip(r, widths, strict=True)).rstrip() for r in cells]
    return ("\n".join(lines) + "\n").encode("utf-8")


def _head(items: Iterator[Any], limit: int | None) -> tuple[list[Any], bool]:
    kept: list[Any] = []
    for item in items:
        if limit is not None and len(kept) >= limit:
            return kept, True
        kept.append(item)
    return kept, False


def format_solutions(
    solutions: ox.QuerySolutions, fmt: str, limit: int | None
) -> tuple[bytes, int, bool]:
    variables = [v.value for v in solutions.variables]
    kept, truncated = _head(iter(solutions), limit)
    if fmt == "table":
        rows = [["" if s[v] is None else compact(s[v]) for v in variables] for s in kept]
        return text_table(variables, rows), len(kept), truncated
    bindings = [{v: term_json(s[v]) for v in variables if s[v] is not None} for s in kept]
    doc = {"head": {"vars": variables}, "results": {"bindings": bindings}}
    data = json.dumps(doc, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    if fmt != "json":
        target = RESULT_FORMATS[fmt]
        parsed = ox.parse_query_results(data, ox.QueryResultsFormat.JSON)
        data = parsed.serialize(format=target) or b""
    return data, len(kept), truncated


def format_boolean(answer: ox.QueryBoolean, fmt: str) -> bytes:
    if fmt == "table":
        return b"true\n" if bool(answer) else b"false\n"
    return answer.serialize(format=RESULT_FORMATS[fmt]) or b""


def format_triples(
    triples: Iterable[ox.Triple], fmt: str, limit: int | None
) -> tuple[bytes, int, bool]:
    kept, truncated = _head(iter(triples), limit)
    quads = [ox.Quad(t.subject, t.predicate, t.object) for t in kept]
    return serialize_quads(quads, GRAPH_FORMATS[fmt]), len(kept), truncated


def format_result(
    result: Any, fmt: str | None, limit: int | None, graph_fmt: str | None = None
) -> Outcome:
    """Format what ``Store.query`` returned; ``fmt`` None picks table or Turtle.

    ``graph_fmt``, when given, is the format for a graph result (the HTTP
    endpoint does not know the query form before it runs).
    """
    if isinstance(result, ox.QueryBoolean):
        fmt = fmt or "table"
        _only(fmt, RESULT_FORMATS, "ASK")
        return Outcome("ask", format_boolean(result, fmt), 1, False, fmt)
    if isinstance(result, ox.QuerySolutions):
        fmt = fmt or "table"
        _only(fmt, RESULT_FORMATS, "SELECT")
        data, rows, cut = format_solutions(result, fmt, limit)
        return Outcome("select", data, rows, cut, fmt)
    fmt = graph_fmt or fmt or "turtle"
    _only(fmt, GRAPH_FORMATS, "CONSTRUCT or DESCRIBE")
    data, rows, cut = format_triples(result, fmt, limit)
    return Outcome("graph", data, rows, cut, fmt)


def _only(fmt: str, allowed: dict[str, Any], form: str) -> None:
    if fmt not in allowed:
        raise UsageError(
            f"--format {fmt} does not fit a {form} query", hint=f"use one of {', '.join(allowed)}"
        )
