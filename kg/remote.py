"""Talking to other SPARQL servers over HTTP: the SPARQL 1.1 Protocol for queries.

Only the standard library's HTTP client is used; a refused connection, a
timeout or an error status becomes one :class:`~kg.errors.EndpointError`
that names the endpoint and what it said.
"""

from __future__ import annotations

import urllib.error
import urllib.parse
import urllib.request
from typing import Any

import pyoxigraph as ox

from kg.errors import EndpointError, QueryError, UsageError

#: What kg asks a SPARQL endpoint for: JSON results, or N-Triples for graphs.
ACCEPT = "application/sparql-results+json, application/n-triples;q=0.9, text/turtle;q=0.8"


def check_url(url: str) -> str:
    """``url`` if it is an http(s) URL with a host, else a clear usage error."""
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise UsageError(
            f"endpoint {url!r} is not an http(s) URL", hint="e.g. http://localhost:7878/query"
        )
    return url


def describe(exc: BaseException) -> str:
    """A short reason for a failed HTTP exchange."""
    if isinstance(exc, urllib.error.URLError) and not isinstance(exc, urllib.error.HTTPError):
        reason = exc.reason
        return getattr(reason, "strerror", None) or str(reason)
    if isinstance(exc, TimeoutError):
        return "timed out"
    return getattr(exc, "strerror", None) or str(exc)


def http_error(url: str, exc: urllib.error.HTTPError) -> str:
    body = exc.read(2000).decode("utf-8", "replace").strip().splitlines()
    said = f": {body[0][:300]}" if body else ""
    return f"{url} answered HTTP {exc.code}{said}"


def remote_runner(endpoint: str, *, timeout: float | None, union: bool = True) -> Any:
    """A runner that sends each query to ``endpoint`` (SPARQL 1.1 Protocol, POST form).

    With ``union`` it also sends ``union-default-graph``, Oxigraph's way of
    reading all named graphs as the default graph (others ignore it; set up
    Fuseki with ``tdb2:unionDefaultGraph``).
    """
    check_url(endpoint)

    def run(text: str) -> Any:
        form = {"query": text}
        if union:
            form["union-default-graph"] = ""
        request = urllib.request.Request(
            endpoint,
            data=urllib.parse.urlencode(form).encode("ascii"),
            headers={
                "Accept": ACCEPT,
                "Content-Type": "application/x-www-form-urlencoded",
            },
            method="POST",
        )
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                kind = response.headers.get_content_type()
                data = response.read()
        except urllib.error.HTTPError as exc:
            if exc.code == 400:
                raise QueryError(http_error(endpoint, exc)) from None
            raise EndpointError(http_error(endpoint, exc)) from None
        except (urllib.error.URLError, OSError) as exc:
            raise EndpointError(
                f"cannot query {endpoint}: {describe(exc)}",
                hint="check the URL and that the server is running",
            ) from None
        results_format = ox.QueryResultsFormat.from_media_type(kind)
        if results_format is not None:
            return ox.parse_query_results(data, results_format)
        rdf_format = ox.RdfFormat.from_media_type(kind)
        if rdf_format is None:
            raise EndpointError(f"{endpoint} answered with unexpected content type {kind!r}")
        return (q.triple for q in ox.parse(data, format=rdf_format))

    return run
