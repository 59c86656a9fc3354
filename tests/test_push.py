"""kg push and kg query --endpoint against a real Oxigraph server, and failing servers."""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import threading
import time
import urllib.request
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path
from typing import ClassVar

import pytest

import kg
from kg.gsp import PushError
from tests.conftest import run_kg
from tests.querydata import make_store

OXIGRAPH = shutil.which("oxigraph") or str(Path(__file__).parents[1] / ".venv/bin/oxigraph")
COUNT_GRAPHS = "SELECT (COUNT(DISTINCT ?g) AS ?n) (COUNT(*) AS ?t) WHERE { GRAPH ?g { ?s ?p ?o } }"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_store(tmp_path_factory.mktemp("push"))


@pytest.fixture
def oxigraph(tmp_path: Path) -> Iterator[str]:
    """A real Oxigraph server (PyPI `oxigraph`) on loopback; yields its base URL."""
    port = free_port()
    proc = subprocess.Popen(
        [OXIGRAPH, "serve", "--location", str(tmp_path / "ox"), "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/query?query=ASK%7B%7D", timeout=1).read()
                break
            except OSError:
                time.sleep(0.1)
        else:
            pytest.fail("oxigraph serve did not start")
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def local_counts(store: Path) -> dict[str, str]:
    out = json.loads(kg.query(COUNT_GRAPHS, format="json", store=store).data)
    return {k: v["value"] for k, v in out["results"]["bindings"][0].items()}


def test_push_then_query_the_remote_store(store: Path, oxigraph: str) -> None:
    seen: list[tuple[int, int]] = []
    report = kg.push(
        endpoint=oxigraph + "/store", store=store, batch_size=10, progress=lambda *a: seen.append(a)
    )
    local = local_counts(store)
    assert report.graphs == int(local["n"]) == 2
    assert report.triples == int(local["t"])
    assert report.requests > report.graphs  # graphs larger than a batch went in several
    assert seen[-1] == (report.triples, report.triples)
    assert [done for done, _ in seen] == sorted(done for done, _ in seen)
    remote = json.loads(kg.query(COUNT_GRAPHS, format="json", endpoint=oxigraph + "/query").data)
    assert {k: v["value"] for k, v in remote["results"]["bindings"][0].items()} == local
    # pushing again replaces each graph rather than duplicating it
    kg.push(endpoint=oxigraph + "/store", store=store)
    again = json.loads(kg.query(COUNT_GRAPHS, format="json", endpoint=oxigraph + "/query").data)
    assert {k: v["value"] for k, v in again["results"]["bindings"][0].items()} == local


def test_saved_queries_give_the_same_answer_remotely(store: Path, oxigraph: str) -> None:
    kg.push(endpoint=oxigraph + "/store", store=store)
    for saved, param in [
        ("ownership", {"entity": "AliExpress Russia"}),
        ("sanctions-exposure", {"entity": "Alibaba", "hops": "2"}),
        ("corroborated", {"min_sources": "2"}),
        ("conflicts", {}),
    ]:
        here = kg.query(saved=saved, param=param, format="csv", store=store)
        there = kg.query(saved=saved, param=param, format="csv", endpoint=oxigraph + "/query")
        assert here.data == there.data, saved
        assert here.rows > 0
    cli = run_kg("query", "--saved", "ties", "-p", "entity=RDIF", "--endpoint", oxigraph + "/query")
    assert cli.returncode == 0 and "Alibaba partnered with RDIF" in cli.stdout
    bad = run_kg("query", "SELECT * WHERE { ?s ?p }", "--endpoint", oxigraph + "/query")
    assert bad.returncode == 2 and "answered HTTP 400" in bad.stderr


def test_push_cli_reports_what_was_sent(store: Path, oxigraph: str) -> None:
    result = run_kg("push", "--endpoint", oxigraph + "/store", "--store", str(store))
    assert result.returncode == 0, result.stderr
    assert "pushed 2 graph(s)" in result.stderr and result.stdout == ""


def test_a_refused_connection_sends_nothing(store: Path) -> None:
    url = f"http://127.0.0.1:{free_port()}/store"
    with pytest.raises(PushError) as err:
        kg.push(endpoint=url, store=store)
    assert "Connection refused" in str(err.value)
    assert err.value.sent.triples == 0 and err.value.sent.requests == 0
    cli = run_kg("push", "--endpoint", url, "--store", str(store))
    assert cli.returncode == 2 and "0 triple(s) in 0 request(s) were sent" in cli.stderr
    query = run_kg("query", "ASK {}", "--endpoint", url.replace("store", "query"))
    assert query.returncode == 2 and "cannot query" in query.stderr


class FailAfter(BaseHTTPRequestHandler):
    """Accepts the first ``ok`` requests (204), then answers 500."""

    ok = 2
    seen: ClassVar[list[int]] = []

    def _handle(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self.seen.append(body.count(b"\n"))
        status = 204 if len(self.seen) <= self.ok else 500
        message = b"" if status == 204 else b"disk full\n"
        self.send_response(status)
        self.send_header("Content-Length", str(len(message)))
        self.end_headers()
        self.wfile.write(message)

    do_PUT = do_POST = _handle

    def log_message(self, format: str, *args: object) -> None:
        pass


def test_a_500_stops_the_push_and_only_acknowledged_data_counts(store: Path) -> None:
    FailAfter.seen = []
    server = HTTPServer(("127.0.0.1", 0), FailAfter)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{server.server_address[1]}/store"
    try:
        with pytest.raises(PushError) as err:
            kg.push(endpoint=url, store=store, batch_size=10)
    finally:
        server.shutdown()
        server.server_close()
    assert len(FailAfter.seen) == 3  # two accepted, the third refused, no more tried
    sent = err.value.sent
    assert sent.requests == 2 and sent.triples == FailAfter.seen[0] + FailAfter.seen[1] == 20
    assert sent.graphs == 0  # no graph was complete
    assert "answered HTTP 500" in str(err.value) and "disk full" in str(err.value)
    assert "20 triple(s) in 2 request(s) were sent before the failure" in str(err.value)
