"""``kg.query``: run SPARQL (inline, from a file, or saved) on the store or a remote endpoint."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from kg.errors import InputError, UsageError
from kg.remote import remote_runner
from kg.results import Outcome, check_format
from kg.saved import SavedQuery, expand_template, parse_header, saved_queries, saved_query
from kg.sparql import Job, check_params, execute, parse_params, run_isolated
from kg.store import default_store

#: Seconds a query may run unless told otherwise.
DEFAULT_TIMEOUT = 60.0


def _source(query: str | None, file: Path | str | None, saved: str | None) -> SavedQuery:
    given = [x for x in (query, file, saved) if x is not None]
    if len(given) != 1:
        raise UsageError(
            "give exactly one query: inline text, -f FILE or --saved NAME",
            hint="see `kg query --help`; `kg query --list` lists the saved ones",
        )
    if saved is not None:
        return saved_query(saved)
    if file is not None:
        path = Path(file)
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise InputError(path, "no such file") from None
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(path, f"cannot read the query: {exc}") from None
        return parse_header(str(path), text)
    assert query is not None
    return parse_header("query", query)


def query(
    query: str | None = None,
    *,
    file: Path | str | None = None,
    saved: str | None = None,
    param: Mapping[str, str] | Sequence[str] | None = None,
    format: str | None = None,
    limit: int | None = None,
    timeout: float | None = DEFAULT_TIMEOUT,
    store: Path | str | None = None,
    endpoint: str | None = None,
) -> Outcome:
    """Run a SPARQL query and return its result formatted as bytes.

    ``param`` binds the query's parameters (``{"entity": "AliExpress Russia"}``
    or ``["entity=AliExpress Russia"]``); an entity parameter takes an id, an
    IRI, a label or an alias. ``format`` is table, csv, tsv, json or xml for
    SELECT/ASK, turtle, trig or ntriples for CONSTRUCT/DESCRIBE (default:
    table or turtle). ``limit`` caps the rows; ``timeout`` stops the query
    after that many seconds. With ``endpoint`` the query goes to that remote
    SPARQL endpoint instead of the store.

    >>> import kg, tempfile
    >>> kg.load(["tests/golden/mini.nq"], store=(d := tempfile.mkdtemp())).quads_added > 0
    True
    >>> print(kg.query("ASK { ?s a <https://w3id.org/kg/ontology#Stake> }", store=d).data.decode())
    true
    <BLANKLINE>
    """
    source = _source(query, file, saved)
    if format is not None:
        check_format(format)
    if limit is not None and limit < 0:
        raise UsageError(f"--limit {limit} is negative")
    if timeout is not None and timeout <= 0:
        raise UsageError(f"--timeout {timeout:g} must be more than 0 seconds")
    values = parse_params(param)
    bound, extra = check_params(source.name, source.params, values, saved is not None)
    job = Job(
        text=expand_template(source, dict((p.name, v) for p, v in bound)),
        name=source.name,
        params=bound,
        format=format,
        limit=limit,
        extra=extra,
    )
    if endpoint is not None:
        return execute(remote_runner(endpoint, timeout=timeout), job)
    return run_isolated(Path(store) if store else default_store(), job, timeout)


__all__ = ["query", "saved_queries"]
