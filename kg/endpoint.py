"""``kg serve``: a read-only SPARQL 1.1 Protocol endpoint over the store.

A small handler over pyoxigraph rather than the Oxigraph server, because a
public endpoint needs what that server does not offer: ``SERVICE`` refused
(an endpoint that follows it can be made to fetch any URL), a time limit
that really stops a query, and a cap on the rows returned.

- ``GET /query?query=...`` and ``POST /query`` (form ``query=...`` or a
  ``application/sparql-query`` body), as the SPARQL 1.1 Protocol says;
- results as JSON, XML, CSV or TSV, graphs as Turtle, N-Triples or TriG,
  chosen by the ``Accept`` header (or ``?format=json`` and the like);
- updates (``update=``, ``application/sparql-update``, or update text) get
  403, as do queries that call ``SERVICE``; a syntax error gets 400, a query
  past its time limit 503;
- each query runs in its own process (:func:`kg.sparql.run_isolated`) that
  opens the store read-only, so ``kg build`` can replace the database while
  the server runs: the next query sees the new one;
- the named graphs are read as one default graph, as ``kg query`` does;
- ``GET /`` is a query page that needs no network (no CDN).
"""

from __future__ import annotations

import multiprocessing as mp
import urllib.parse
from collections.abc import Callable
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib.resources import files
from pathlib import Path
from typing import Any

from kg.errors import KgError, QueryTimeoutError, UsageError
from kg.results import GRAPH_FORMATS, RESULT_FORMATS, Outcome
from kg.sparql import Job, run_isolated
from kg.sparql_text import calls_service, is_update
from kg.store import default_store, open_store

DEFAULT_PORT = 7878
#: Media types by format name, and the names to ask for them by.
MEDIA = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
    "turtle": "text/turtle",
    "ntriples": "application/n-triples",
    "trig": "application/trig",
}
_BY_MEDIA = {media: name for name, media in MEDIA.items()} | {
    "application/json": "json",
    "application/xml": "xml",
    "text/xml": "xml",
}
MAX_BODY = 1 << 20  # a query longer than 1 MiB is refused


class Refused(Exception):
    def __init__(self, status: HTTPStatus, message: str) -> None:
        super().__init__(message)
        self.status = status


def negotiate(accept: str, asked: str | None) -> tuple[str, str]:
    """The (results format, graph format) to answer with, from ``?format=`` or ``Accept``."""
    results, graph = "json", "turtle"
    if asked:
        if asked in RESULT_FORMATS and asked != "table":
            return asked, graph
        if asked in GRAPH_FORMATS:
            return results, asked
        raise Refused(HTTPStatus.BAD_REQUEST, f"unknown format {asked!r}")
    ranked = []
    for i, part in enumerate(accept.split(",")):
        media, *params = (p.strip() for p in part.split(";"))
        q = 1.0
        for p in params:
            if p.startswith("q="):
                try:
                    q = float(p[2:])
                except ValueError:
                    q = 0.0
        if media.lower() in _BY_MEDIA and q > 0:
            ranked.append((-q, i, _BY_MEDIA[media.lower()]))
    names = [name for _, _, name in sorted(ranked)]
    results = next((n for n in names if n in RESULT_FORMATS), results)
    graph = next((n for n in names if n in GRAPH_FORMATS), graph)
    return results, graph


def check_query(text: str) -> None:
    """Refuse what a read-only public endpoint must not run."""
    if not text.strip():
        raise Refused(HTTPStatus.BAD_REQUEST, "no query given; send query=...")
    if is_update(text):
        raise Refused(HTTPStatus.FORBIDDEN, "updates are refused: this endpoint is read-only")
    if calls_service(text):
        raise Refused(
            HTTPStatus.FORBIDDEN, "SERVICE is refused: this endpoint does not call other endpoints"
        )


class Handler(BaseHTTPRequestHandler):
    server: KgServer
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:
        self.server.log(f"{self.address_string()} {format % args}")

    def _send(
        self, status: int, body: bytes, media: str, extra: dict[str, str] | None = None
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", media)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("X-Content-Type-Options", "nosniff")
        for key, value in (extra or {}).items():
            self.send_header(key, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _fail(self, status: int, message: str) -> None:
        self._send(status, (message + "\n").encode("utf-8"), "text/plain; charset=utf-8")

    def do_GET(self) -> None:
        url = urllib.parse.urlsplit(self.path)
        if url.path in ("/", "/index.html"):
            page = files("kg").joinpath("endpoint.html").read_bytes()
            self._send(200, page, "text/html; charset=utf-8")
            return
        if url.path != "/query":
            self._fail(404, "not found; the endpoint is /query")
            return
        form = urllib.parse.parse_qs(url.query)
        self._answer(form)

    def do_POST(self) -> None:
        url = urllib.parse.urlsplit(self.path)
        if url.path != "/query":
            self._fail(404, "not found; the endpoint is /query")
            return
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            length = -1
        if not 0 <= length <= MAX_BODY:
            self._fail(413, f"the request body must be 0..{MAX_BODY} bytes")
            return
        body = self.rfile.read(length).decode("utf-8", "replace")
        kind = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        form = urllib.parse.parse_qs(url.query)
        if kind == "application/sparql-update":
            self._fail(403, "updates are refused: this endpoint is read-only")
            return
        if kind == "application/sparql-query":
            form["query"] = [body]
        elif kind == "application/x-www-form-urlencoded":
            form.update(urllib.parse.parse_qs(body))
        else:
            self._fail(415, "send application/sparql-query or a form with query=...")
            return
        self._answer(form)

    def do_PUT(self) -> None:
        self._fail(405, "this endpoint is read-only")

    do_DELETE = do_PATCH = do_PUT

    def _answer(self, form: dict[str, list[str]]) -> None:
        try:
            if "update" in form:
                raise Refused(
                    HTTPStatus.FORBIDDEN, "updates are refused: this endpoint is read-only"
                )
            queries = form.get("query", [])
            if len(queries) != 1:
                raise Refused(HTTPStatus.BAD_REQUEST, "send exactly one query=...")
            text = queries[0]
            check_query(text)
            results, graph = negotiate(
                self.headers.get("Accept") or "", next(iter(form.get("format", [])), None)
            )
            outcome = self.server.run(text, results, graph)
        except Refused as exc:
            self._fail(exc.status, str(exc))
            return
        except QueryTimeoutError as exc:
            self._fail(503, str(exc))
            return
        except KgError as exc:
            self._fail(400, str(exc))
            return
        headers = {"X-Kg-Rows": str(outcome.rows)}
        if outcome.truncated:
            headers["X-Kg-Truncated"] = f"results cut at {outcome.rows} rows"
        media = MEDIA[outcome.format]
        if not media.endswith("json") and not media.startswith("application/sparql-results"):
            media += "; charset=utf-8"
        self._send(200, outcome.data, media, headers)


class KgServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(
        self,
        address: tuple[str, int],
        store: Path,
        timeout: float,
        max_rows: int,
        log: Callable[[str], None],
    ) -> None:
        self.store = store
        self.query_timeout = timeout
        self.max_rows = max_rows
        self.log = log
        super().__init__(address, Handler)

    def run(self, text: str, results: str, graph: str) -> Outcome:
        job = Job(text=text, name="query", format=results, graph_format=graph, limit=self.max_rows)
        return run_isolated(self.store, job, self.query_timeout)


def serve(
    *,
    store: Path | str | None = None,
    host: str = "127.0.0.1",
    port: int = DEFAULT_PORT,
    timeout: float = 30.0,
    max_rows: int = 10_000,
    ready: Callable[[str], None] | None = None,
    log: Callable[[str], None] | None = None,
) -> None:
    """Serve the store read-only at ``http://HOST:PORT/query`` until interrupted (Ctrl-C).

    ``timeout`` stops each query after that many seconds; ``max_rows`` caps
    the rows (or triples) of each answer. ``port=0`` picks a free port;
    ``ready`` is called with the endpoint URL once it listens.
    """
    path = Path(store) if store else default_store()
    if timeout <= 0 or max_rows <= 0:
        raise UsageError("--timeout and --max-rows must be more than 0")
    with open_store(path, "r"):  # a missing or bad store fails now, not on the first query
        pass
    # queries fork from a clean single-threaded server process, not from this threaded one
    mp.set_forkserver_preload(["kg.sparql"])
    try:
        server = KgServer((host, port), path, timeout, max_rows, log or (lambda _m: None))
    except OSError as exc:
        raise UsageError(
            f"cannot listen on {host}:{port}: {exc.strerror}", hint="choose another --port"
        ) from None
    bound_host, bound_port = server.server_address[:2]
    if isinstance(bound_host, bytes):
        bound_host = bound_host.decode()
    if ready:
        ready(f"http://{bound_host}:{bound_port}/query")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
