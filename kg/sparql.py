"""Running SPARQL on the store: parameters, entity look-up, time limits.

A query runs in a child process that opens the store read-only, binds the
parameters, runs the query and formats the result; the parent waits at most
``timeout`` seconds and then kills the child. pyoxigraph has no way to stop a
running query, and a killed process is stopped for certain. The child is
forked (cheap: it shares the parent's imported modules) when the parent has
one thread; a threaded parent (``kg serve``) forks from a fork server instead,
since forking a threaded process can copy a held lock.
"""

from __future__ import annotations

import multiprocessing as mp
import re
import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from kg.errors import KgError, QueryError, QueryTimeoutError, UsageError
from kg.results import Outcome, format_result
from kg.saved import Param
from kg.sparql_text import tokens, where_brace, with_values
from kg.store import open_store

ENTITY_NS = "https://w3id.org/kg/entity/"
_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_ERROR_AT = re.compile(r"error at (\d+):(\d+): ")

#: Look up an entity by its canonical label, then by its aliases.
LABEL_QUERY = """
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT DISTINCT ?e ?label WHERE {
  { ?e rdfs:label ?name } UNION { ?e skos:altLabel ?name }
  OPTIONAL { ?e rdfs:label ?label }
} ORDER BY ?e ?label
"""
#: The same, ignoring case, when nothing matches exactly.
LABEL_QUERY_NOCASE = """
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT DISTINCT ?e ?label WHERE {
  { ?e rdfs:label ?l } UNION { ?e skos:altLabel ?l }
  FILTER(LCASE(STR(?l)) = LCASE(?name))
  OPTIONAL { ?e rdfs:label ?label }
} ORDER BY ?e ?label
"""
ID_QUERY = "ASK WHERE { ?e ?p ?o }"


@dataclass(frozen=True)
class Job:
    """One query to run: everything the child process needs, as plain values."""

    text: str
    name: str  # the saved query's name, the file, or "query" for inline text
    params: tuple[tuple[Param, str], ...] = ()
    format: str | None = None
    graph_format: str | None = None  # for CONSTRUCT/DESCRIBE when format is a results one
    limit: int | None = None
    union: bool = True
    extra: dict[str, str] = field(default_factory=dict)  # undeclared params: literals


def parse_params(param: Mapping[str, str] | Sequence[str] | None) -> dict[str, str]:
    """``["name=value", ...]`` or a mapping, as a dict; a bad item is a clear error."""
    if param is None:
        return {}
    if isinstance(param, Mapping):
        return {str(k): str(v) for k, v in param.items()}
    out = {}
    for item in param:
        name, sep, value = item.partition("=")
        name = name.strip()
        if not sep or not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
            raise QueryError(
                f"--param {item!r} is not NAME=VALUE",
                hint='write e.g. --param entity="AliExpress Russia"',
            )
        out[name] = value
    return out


def check_params(
    name: str, declared: Sequence[Param], given: Mapping[str, str], saved: bool
) -> tuple[tuple[tuple[Param, str], ...], dict[str, str]]:
    """Match given values to declared parameters: required ones present, integers in range.

    For a saved query an undeclared name is an error; for the user's own
    query it is bound as a plain string literal.
    """
    known = {p.name for p in declared}
    unknown = sorted(set(given) - known)
    if unknown and saved:
        listed = ", ".join(sorted(known)) or "none"
        raise QueryError(
            f"query {name!r} has no parameter {unknown[0]!r}", hint=f"its parameters: {listed}"
        )
    bound = []
    for p in declared:
        value = given.get(p.name, p.default)
        if value is None:
            raise QueryError(
                f"query {name!r} needs --param {p.name}=VALUE ({p.kind}: {p.help})",
                hint="see `kg query --list`",
            )
        if p.kind == "integer":
            try:
                number = int(value)
            except ValueError:
                raise QueryError(
                    f"query {name!r}: --param {p.name}={value!r} is not an integer"
                ) from None
            if (p.low is not None and number < p.low) or (p.high is not None and number > p.high):
                raise QueryError(
                    f"query {name!r}: --param {p.name}={number} is out of range",
                    hint=f"use {p.low}..{p.high}",
                )
        bound.append((p, value))
    extra = {k: v for k, v in given.items() if k not in known}
    return tuple(bound), extra


#: Runs a query text and gives what ``Store.query`` gives.
Runner = Callable[[str], Any]


def store_runner(store: ox.Store, union: bool = True) -> Runner:
    """A runner over an open store; ``union`` reads all named graphs as the default graph."""

    def run(text: str) -> Any:
        return store.query(text, use_default_graph_as_union=union)

    return run


def resolve_entity(run: Runner, value: str, param: str) -> ox.NamedNode:
    """The entity IRI that ``value`` names: an IRI, an entity id, a label or an alias.

    The value is only ever bound as a parsed term in a VALUES block.
    """
    if value.startswith(("http://", "https://")):
        try:
            return ox.NamedNode(value)
        except ValueError:
            raise QueryError(f"--param {param}: {value!r} is not a valid IRI") from None
    if _SLUG.match(value):
        node = ox.NamedNode(ENTITY_NS + value)
        if bool(run(with_values(ID_QUERY, {"e": str(node)}))):
            return node
    found: dict[str, str] = {}
    for text in (LABEL_QUERY, LABEL_QUERY_NOCASE):
        for row in run(with_values(text, {"name": str(ox.Literal(value))})):
            label = row["label"]
            found.setdefault(row["e"].value, label.value if label is not None else "")
        if found:
            break
    if not found:
        raise QueryError(
            f"--param {param}: no entity has the id, label or alias {value!r}",
            hint="check the spelling, or find it with a query on rdfs:label",
        )
    if len(found) > 1:
        listed = "; ".join(
            f"{iri.removeprefix(ENTITY_NS)} ({label})" for iri, label in sorted(found.items())
        )
        raise QueryError(
            f"--param {param}: {value!r} names {len(found)} entities: {listed}",
            hint="pass one of these ids instead",
        )
    return ox.NamedNode(next(iter(found)))


def bind(run: Runner, job: Job) -> str:
    """The query text with a VALUES block binding every parameter the query uses."""
    used = {t.text[1:] for t in tokens(job.text) if t.kind == "var"}
    terms: dict[str, str] = {}
    for p, value in job.params:
        if p.name not in used:  # consumed by a template (hops), not a variable
            continue
        term: ox.NamedNode | ox.Literal
        if p.kind == "entity":
            term = resolve_entity(run, value, p.name)
        elif p.kind == "integer":
            term = ox.Literal(int(value))
        else:
            term = ox.Literal(value)
        terms[p.name] = str(term)
    for name, value in job.extra.items():
        if name in used:
            terms[name] = str(ox.Literal(value))
    return with_values(job.text, terms)


def syntax_error(job: Job, text: str, exc: SyntaxError) -> QueryError:
    """A clear error for a query that does not parse: the line and column in the user's text."""
    message = str(exc.msg or exc)
    m = _ERROR_AT.search(message)
    detail = _ERROR_AT.sub("", message).split(" | ")[0]
    if not m:
        return QueryError(f"{job.name}: SPARQL syntax error: {detail}")
    line, col = int(m[1]), int(m[2])
    added = len(text) - len(job.text)
    if added:  # map the position back over the VALUES block kg put in
        at = where_brace(job.text)
        at_line = job.text.count("\n", 0, at) + 1
        at_col = at - job.text.rfind("\n", 0, at)
        if line == at_line and col > at_col:
            col = max(at_col, col - added)
    source = job.text.splitlines()
    near = source[line - 1].strip()[:120] if 0 < line <= len(source) else ""
    return QueryError(
        f"{job.name}:{line}:{col}: SPARQL syntax error: {detail}"
        + (f" (line {line}: {near!r})" if near else ""),
        hint="fix the query and run it again",
    )


def execute(run: Runner, job: Job) -> Outcome:
    """Bind, run and format ``job`` (no time limit here)."""
    text = bind(run, job)
    try:
        result = run(text)
    except SyntaxError as exc:
        raise syntax_error(job, text, exc) from None
    except (OSError, RuntimeError) as exc:
        raise QueryError(f"{job.name}: the query failed: {exc}") from None
    try:
        return format_result(result, job.format, job.limit, job.graph_format)
    except (OSError, RuntimeError) as exc:  # evaluation errors surface while reading rows
        raise QueryError(f"{job.name}: the query failed: {exc}") from None


def _child(conn: Connection, store_path: str, job: Job) -> None:
    try:
        with open_store(Path(store_path), "r") as db:
            outcome = execute(store_runner(db.store, job.union), job)
        conn.send(("ok", outcome))
    except KgError as exc:
        conn.send(("error", str(exc), exc.exit_code, type(exc).__name__))
    except Exception as exc:  # an engine bug: report it, not hang the parent
        conn.send(("error", f"{job.name}: the query failed: {exc}", 1, "KgError"))
    finally:
        conn.close()


def _context() -> Any:
    # fork is cheapest, but only safe from a process with one thread
    return mp.get_context("fork" if threading.active_count() == 1 else "forkserver")


def run_isolated(store_path: Path, job: Job, timeout: float | None) -> Outcome:
    """Run ``job`` in a child process; kill it and raise after ``timeout`` seconds."""
    ctx = _context()
    parent, child = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_child, args=(child, str(store_path), job), daemon=True)
    proc.start()
    child.close()
    try:
        if not parent.poll(timeout):
            raise QueryTimeoutError(
                f"{job.name}: stopped after {timeout:g} s (the time limit)",
                hint="narrow the query, add a LIMIT, or raise --timeout",
            )
        try:
            message = parent.recv()
        except EOFError:
            proc.join(5)
            raise QueryError(
                f"{job.name}: the query process died (exit code {proc.exitcode})",
                hint="the query may need more memory than there is; narrow it",
            ) from None
    finally:
        if proc.is_alive():
            proc.kill()
        proc.join()
        parent.close()
    if message[0] == "ok":
        outcome: Outcome = message[1]
        return outcome
    # Re-raise as the same class where it takes just a message (others as KgError).
    cls = _PLAIN_ERRORS.get(message[3], KgError)
    error = cls(message[1])
    error.exit_code = message[2]
    raise error


_PLAIN_ERRORS: dict[str, type[KgError]] = {
    c.__name__: c for c in (KgError, QueryError, QueryTimeoutError, UsageError)
}
