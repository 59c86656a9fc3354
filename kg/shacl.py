"""SHACL validation of the graph against ``ontology/shapes.ttl`` (pySHACL)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from rdflib import RDF, SH, Graph, URIRef
from rdflib.term import Node

from kg.errors import ValidationRunError
from kg.rdfio import PREFIXES


@dataclass(frozen=True)
class Violation:
    severity: str
    focus: str
    path: str
    value: str
    message: str

    def __str__(self) -> str:
        where = self.focus + (f" {self.path}" if self.path else "")
        value = f" = {self.value}" if self.value else ""
        return f"{self.severity}: {where}{value}: {self.message}"


@dataclass(frozen=True)
class ValidationResult:
    conforms: bool
    violations: tuple[Violation, ...]
    triples: int

    def report(self) -> str:
        """A readable report: one line per violation, then a summary line."""
        lines = [str(v) for v in self.violations]
        verdict = "conforms" if self.conforms else f"{len(self.violations)} violation(s)"
        lines.append(f"{self.triples} triples checked against the SHACL shapes: {verdict}")
        return "\n".join(lines)


def _short(node: Node | None, graph: Graph) -> str:
    if node is None:
        return ""
    if isinstance(node, URIRef):
        text = str(node)
        for prefix, ns in PREFIXES.items():
            if text.startswith(ns) and text[len(ns) :].replace("-", "").replace("_", "").isalnum():
                return f"{prefix}:{text[len(ns) :]}"
        return f"<{text}>"
    if (node, SH.inversePath, None) in graph:
        return "^" + _short(graph.value(node, SH.inversePath), graph)
    return node.n3()


def union_graph(store: ox.Store) -> Graph:
    """All graphs of the store merged into one rdflib graph."""
    data = ox.serialize(
        (ox.Triple(q.subject, q.predicate, q.object) for q in store), format=ox.RdfFormat.N_TRIPLES
    )
    graph = Graph()
    if data:
        graph.parse(data=data, format="nt")
    return graph


def load_shapes(path: Path) -> Graph:
    try:
        return Graph().parse(path, format="turtle")
    except Exception as exc:  # rdflib raises many kinds of parse errors
        raise ValidationRunError(f"cannot read the shapes {path}: {exc}") from None


def validate_graph(data: Graph, shapes: Graph) -> ValidationResult:
    """Validate ``data`` with ``shapes``; violations come back sorted."""
    from pyshacl import validate as shacl_validate

    try:
        conforms, results, _text = shacl_validate(
            data, shacl_graph=shapes, inference="none", advanced=True, allow_warnings=True
        )
    except Exception as exc:  # pySHACL reports its own failures as plain exceptions
        raise ValidationRunError(f"SHACL validation could not run: {exc}") from None
    violations = []
    nested = set(results.objects(None, SH.detail))  # details repeat a result they belong to
    for result in results.subjects(RDF.type, SH.ValidationResult):
        if result in nested:
            continue
        severity = str(results.value(result, SH.resultSeverity) or SH.Violation)
        messages = sorted(str(m) for m in results.objects(result, SH.resultMessage))
        violations.append(
            Violation(
                severity=severity.rsplit("#", 1)[-1],
                focus=_short(results.value(result, SH.focusNode), results),
                path=_short(results.value(result, SH.resultPath), results),
                value=_short(results.value(result, SH.value), results),
                message="; ".join(messages) or "(no message)",
            )
        )
    violations.sort(key=lambda v: (v.focus, v.path, v.message, v.value))
    return ValidationResult(bool(conforms), tuple(violations), len(data))
