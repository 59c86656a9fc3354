"""kg serve over loopback, driven by real clients: SPARQLWrapper and curl."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
import urllib.error
from collections.abc import Iterator
from pathlib import Path

import pytest
from SPARQLWrapper import CSV, JSON, TSV, TURTLE, XML, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed

from tests.querydata import make_store

KG = "https://w3id.org/kg/ontology#"
HOLDERS = f"SELECT DISTINCT ?h WHERE {{ ?h <{KG}ownsStakeIn> ?a }} ORDER BY ?h"
FOREVER = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }"


def start_server(store: Path, *extra: str) -> tuple[subprocess.Popen[str], str]:
    proc = subprocess.Popen(
        [sys.executable, "-m", "kg", "serve", "--store", str(store), "--port", "0", *extra],
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stderr is not None
    line = proc.stderr.readline()  # "kg: serving http://127.0.0.1:PORT/query ..."
    assert "serving http://127.0.0.1:" in line, line
    return proc, line.split()[2]


@pytest.fixture(scope="module")
def endpoint(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    store = make_store(tmp_path_factory.mktemp("serve"))
    proc, url = start_server(store, "--timeout", "1", "--max-rows", "5")
    yield url
    proc.send_signal(signal.SIGINT)
    proc.wait(timeout=20)


def curl(*args: str) -> tuple[int, str, str]:
    """Run curl; returns (HTTP status, body, response headers)."""
    out = subprocess.run(
        ["curl", "-sS", "-D", "-", "-w", "\n%{http_code}", *args],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    text, status = out.stdout.rsplit("\n", 1)
    headers, _, body = text.partition("\n\n")  # text mode has turned CRLF into LF
    return int(status), body, headers


def wrapper(url: str, query: str, fmt: str) -> SPARQLWrapper:
    client = SPARQLWrapper(url)
    client.setQuery(query)
    client.setReturnFormat(fmt)
    return client


def test_sparqlwrapper_select_ask_construct(endpoint: str) -> None:
    data = wrapper(endpoint, HOLDERS, JSON).queryAndConvert()
    holders = [b["h"]["value"].rsplit("/", 1)[1] for b in data["results"]["bindings"]]
    assert holders == ["alibaba-group", "megafon", "rdif"]
    ask = wrapper(endpoint, f"ASK {{ ?s a <{KG}Fund> }}", JSON).queryAndConvert()
    assert ask["boolean"] is True
    graph = wrapper(
        endpoint, f"CONSTRUCT {{ ?h <{KG}holds> ?a }} WHERE {{ ?h <{KG}ownsStakeIn> ?a }}", TURTLE
    ).queryAndConvert()
    assert b"holds" in graph and b"kge:megafon" in graph


@pytest.mark.parametrize("fmt, marker", [(XML, "<sparql"), (CSV, "h\r\n"), (TSV, "?h\n")])
def test_sparqlwrapper_other_result_formats(endpoint: str, fmt: str, marker: str) -> None:
    result = wrapper(endpoint, HOLDERS, fmt).query()
    body = result.response.read().decode()
    assert body.startswith(marker) or marker in body
    assert "megafon" in body


def test_sparqlwrapper_get_and_post(endpoint: str) -> None:
    client = wrapper(endpoint, HOLDERS, JSON)
    client.setMethod("POST")
    assert len(client.queryAndConvert()["results"]["bindings"]) == 3


def test_sparqlwrapper_sees_a_syntax_error(endpoint: str) -> None:
    with pytest.raises(QueryBadFormed):
        wrapper(endpoint, "SELECT * WHERE { ?s ?p }", JSON).query()


def test_curl_get_post_and_accept(endpoint: str) -> None:
    status, body, headers = curl(
        "-G", "--data-urlencode", f"query={HOLDERS}", "-H", "Accept: text/csv", endpoint
    )
    assert status == 200 and "text/csv" in headers
    assert body.splitlines()[0] == "h" and len(body.splitlines()) == 4
    status, body, _ = curl(
        "-H", "Content-Type: application/sparql-query", "--data-binary", HOLDERS, endpoint
    )
    assert status == 200 and len(json.loads(body)["results"]["bindings"]) == 3


@pytest.mark.parametrize(
    "args",
    [
        ["--data-urlencode", "update=INSERT DATA { <a:b> <a:c> <a:d> }"],
        ["-H", "Content-Type: application/sparql-update", "--data-binary", "CLEAR ALL"],
        ["--data-urlencode", "query=DELETE WHERE { ?s ?p ?o }"],
    ],
)
def test_updates_are_refused(endpoint: str, args: list[str]) -> None:
    status, body, _ = curl(*args, endpoint)
    assert status == 403 and "read-only" in body
    after, count, _ = curl("-G", "--data-urlencode", "query=ASK { <a:b> <a:c> <a:d> }", endpoint)
    assert after == 200 and json.loads(count)["boolean"] is False


def test_service_is_refused_but_not_in_a_literal_or_comment(endpoint: str) -> None:
    status, body, _ = curl(
        "--data-urlencode",
        "query=SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }",
        endpoint,
    )
    assert status == 403 and "SERVICE is refused" in body
    status, _, _ = curl(
        "--data-urlencode",
        'query=SELECT * WHERE { ?s ?p "SERVICE <http://x/>" } # SERVICE <http://x/> {}',
        endpoint,
    )
    assert status == 200


def test_time_limit_and_row_cap(endpoint: str) -> None:
    started = time.monotonic()
    status, body, _ = curl("--data-urlencode", f"query={FOREVER}", endpoint)
    assert status == 503 and "stopped after 1 s" in body
    assert time.monotonic() - started < 10
    status, body, headers = curl("--data-urlencode", "query=SELECT * WHERE { ?s ?p ?o }", endpoint)
    assert status == 200 and "X-Kg-Truncated: results cut at 5 rows" in headers
    assert len(json.loads(body)["results"]["bindings"]) == 5


def test_the_query_page_works_offline(endpoint: str) -> None:
    status, body, headers = curl(endpoint.removesuffix("query"))
    assert status == 200 and "text/html" in headers
    assert "<textarea" in body and "fetch(" in body
    assert "src=" not in body and "href=" not in body  # nothing loaded from elsewhere


def test_ctrl_c_stops_it_cleanly(tmp_path: Path) -> None:
    proc, url = start_server(make_store(tmp_path))
    status, _, _ = curl("-G", "--data-urlencode", "query=ASK {}", url)
    assert status == 200
    proc.send_signal(signal.SIGINT)
    assert proc.wait(timeout=20) == 0
    assert proc.stderr is not None and "kg: stopped" in proc.stderr.read()
    with pytest.raises(subprocess.CalledProcessError):
        curl("--max-time", "5", url)


def test_a_missing_store_fails_before_listening(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "kg", "serve", "--store", str(tmp_path / "none"), "--port", "0"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2 and "no store here" in result.stderr


def test_sparqlwrapper_gets_503_past_the_time_limit(endpoint: str) -> None:
    with pytest.raises(urllib.error.HTTPError) as err:
        wrapper(endpoint, FOREVER, JSON).query()
    assert err.value.code == 503
