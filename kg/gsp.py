"""``kg push``: send the store to another triple store, SPARQL 1.1 Graph Store HTTP Protocol.

Every named graph goes to ``ENDPOINT?graph=IRI`` and the default graph to
``ENDPOINT?default``, as N-Triples, so the target keeps kg's one graph per
article. A graph's first batch is a PUT (it replaces what the target held
under that name, so pushing twice gives the same result) and further batches
of the same graph are POSTs (appended). The endpoint is the store's Graph
Store URL: ``http://host:7878/store`` (Oxigraph), ``http://host:3030/DS/data``
(Fuseki), ``http://host:7200/repositories/REPO/rdf-graphs/service`` (GraphDB),
``http://host:8890/sparql-graph-crud`` (Virtuoso).

Only what the target acknowledged (a 2xx answer) is counted as sent; when a
request fails, the error says how much had been sent before it.
"""

from __future__ import annotations

import http.client
import urllib.parse
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from kg.errors import EndpointError, UsageError
from kg.remote import check_url, describe
from kg.store import default_store, open_store

NTRIPLES = "application/n-triples"


@dataclass(frozen=True)
class PushReport:
    """What the target acknowledged: whole graphs, triples, requests and bytes."""

    endpoint: str
    graphs: int
    triples: int
    requests: int
    bytes: int


class PushError(EndpointError):
    """A push stopped part-way; ``sent`` is what the target had acknowledged by then."""

    def __init__(self, message: str, sent: PushReport, *, hint: str | None = None) -> None:
        self.sent = sent
        super().__init__(message, hint=hint)


def _target(endpoint: str, graph: ox.NamedNode | ox.DefaultGraph) -> str:
    parts = urllib.parse.urlsplit(endpoint)
    arg = (
        "default"
        if isinstance(graph, ox.DefaultGraph)
        else "graph=" + urllib.parse.quote(graph.value, safe="")
    )
    query = f"{parts.query}&{arg}" if parts.query else arg
    return urllib.parse.urlunsplit(parts._replace(query=query))


def _batches(triples: list[ox.Triple], size: int) -> Iterator[list[ox.Triple]]:
    # Blank nodes are scoped to one request: a graph with any is sent whole.
    if any(
        isinstance(t.subject, ox.BlankNode) or isinstance(t.object, ox.BlankNode) for t in triples
    ):
        yield triples
        return
    for start in range(0, len(triples), size):
        yield triples[start : start + size]


class _Client:
    """One kept-alive HTTP connection to the endpoint's host."""

    def __init__(self, endpoint: str, timeout: float) -> None:
        parts = urllib.parse.urlsplit(endpoint)
        kind = (
            http.client.HTTPSConnection if parts.scheme == "https" else http.client.HTTPConnection
        )
        self.conn = kind(parts.netloc, timeout=timeout)

    def send(self, method: str, url: str, body: bytes) -> tuple[int, str]:
        parts = urllib.parse.urlsplit(url)
        path = urllib.parse.urlunsplit(("", "", parts.path or "/", parts.query, ""))
        self.conn.request(
            method, path, body=body, headers={"Content-Type": NTRIPLES + "; charset=utf-8"}
        )
        response = self.conn.getresponse()
        text = response.read(4000).decode("utf-8", "replace").strip()
        response.read()  # drain, so the connection can be reused
        return response.status, text.splitlines()[0][:300] if text else ""

    def close(self) -> None:
        self.conn.close()


def push(
    *,
    endpoint: str,
    store: Path | str | None = None,
    batch_size: int = 50_000,
    timeout: float = 60.0,
    progress: Callable[[int, int], None] | None = None,
) -> PushReport:
    """Send every graph of the store to a Graph Store Protocol ``endpoint``.

    Graphs go in batches of at most ``batch_size`` triples; ``progress`` is
    called with (triples sent, triples in all) after each acknowledged batch.
    Raises :class:`PushError` (with what was sent so far) if the endpoint
    cannot be reached or answers with an error.
    """
    check_url(endpoint)
    if batch_size < 1:
        raise UsageError(f"--batch-size {batch_size} must be at least 1")
    with open_store(Path(store) if store else default_store(), "r") as db:
        named = [g for g in db.store.named_graphs() if isinstance(g, ox.NamedNode)]
        named.sort(key=lambda g: g.value)
        names: list[ox.NamedNode | ox.DefaultGraph] = [ox.DefaultGraph(), *named]
        graphs = [
            (name, [q.triple for q in db.store.quads_for_pattern(None, None, None, name)])
            for name in names
        ]
    graphs = [(name, triples) for name, triples in graphs if triples]
    total = sum(len(triples) for _, triples in graphs)
    done_graphs = done_triples = requests = sent_bytes = 0

    def report() -> PushReport:
        return PushReport(endpoint, done_graphs, done_triples, requests, sent_bytes)

    client = _Client(endpoint, timeout)
    try:
        for name, triples in graphs:
            url = _target(endpoint, name)
            shown = "the default graph" if isinstance(name, ox.DefaultGraph) else f"<{name.value}>"
            for i, batch in enumerate(_batches(sorted(triples, key=str), batch_size)):
                body = ox.serialize(batch, format=ox.RdfFormat.N_TRIPLES) or b""
                try:
                    status, said = client.send("PUT" if i == 0 else "POST", url, body)
                except (OSError, http.client.HTTPException) as exc:
                    raise PushError(
                        f"cannot push to {endpoint}: {describe(exc)}; "
                        f"{_sent(report())} before the failure",
                        report(),
                        hint="check the URL and that the server is running, then push again",
                    ) from None
                if not 200 <= status < 300:
                    raise PushError(
                        f"{endpoint} answered HTTP {status} for {shown}"
                        + (f": {said}" if said else "")
                        + f"; {_sent(report())} before the failure",
                        report(),
                        hint="push again once the server accepts writes",
                    )
                requests += 1
                sent_bytes += len(body)
                done_triples += len(batch)
                if progress:
                    progress(done_triples, total)
            done_graphs += 1
    finally:
        client.close()
    return report()


def _sent(r: PushReport) -> str:
    return f"{r.graphs} graph(s), {r.triples} triple(s) in {r.requests} request(s) were sent"
