"""kg query: saved queries on a known graph, formats, parameters and every bad input."""

from __future__ import annotations

import csv
import io
import json
import time
from pathlib import Path

import pyoxigraph as ox
import pytest

import kg
from kg.errors import QueryError, QueryTimeoutError, UsageError
from kg.saved import MAX_HOPS, hop_paths, saved_queries
from kg.sparql_text import calls_service, is_update, where_brace, with_values
from tests.conftest import run_kg
from tests.querydata import make_edge_store, make_store

KG = "https://w3id.org/kg/ontology#"
E = "https://w3id.org/kg/entity/"
SAVED = [
    "co-investors",
    "conflicts",
    "corroborated",
    "ownership",
    "participants",
    "sanctions-exposure",
    "state-control",
    "ties",
    "timeline",
]


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_store(tmp_path_factory.mktemp("query"))


def rows(store: Path, **kwargs: object) -> list[dict[str, str]]:
    """Run kg.query as JSON and give each row as {variable: value}."""
    out = kg.query(format="json", store=store, **kwargs)  # type: ignore[arg-type]
    doc = json.loads(out.data)
    return [{k: v["value"] for k, v in b.items()} for b in doc["results"]["bindings"]]


def test_the_saved_queries_are_shipped_with_a_header() -> None:
    queries = {q.name: q for q in saved_queries()}
    assert sorted(queries) == SAVED
    for q in queries.values():
        assert len(q.answers) > 20, q.name
    assert [p.name for p in queries["sanctions-exposure"].params] == ["entity", "hops"]
    assert [p.name for p in queries["corroborated"].params] == ["min_sources"]
    assert queries["co-investors"].params == ()


def test_list_prints_every_saved_query() -> None:
    result = run_kg("query", "--list")
    assert result.returncode == 0, result.stderr
    for name in SAVED:
        assert name in result.stdout


@pytest.mark.parametrize(
    "value",
    ["AliExpress Russia", "aliexpress russia", "aliexpress-russia", E + "aliexpress-russia"],
)
def test_ownership_takes_a_label_id_or_iri(store: Path, value: str) -> None:
    got = rows(store, saved="ownership", param={"entity": value})
    by_holder = {(r["holder"], r["percent"]): r for r in got}
    assert set(by_holder) == {
        (E + "alibaba-group", "50"),
        (E + "alibaba-group", "48"),
        (E + "megafon", "24"),
        (E + "rdif", "13"),
    }
    assert by_holder[(E + "alibaba-group", "50")]["sources"] == "Paper B"
    assert by_holder[(E + "alibaba-group", "48")]["asOf"] == "2018-09-11"
    assert by_holder[(E + "alibaba-group", "48")]["status"] == KG + "Announced"


def test_an_alias_names_the_entity(store: Path) -> None:
    got = rows(store, saved="ties", param=["entity=RDIF"])
    assert {(r["predicate"], r["direction"], r["other"]) for r in got} == {
        (KG + "partnerOf", "in", E + "alibaba-group"),
        (KG + "controls", "in", E + "russia"),
        (KG + "ownsStakeIn", "out", E + "aliexpress-russia"),
    }
    assert all(r["evidence"] and r["source"] == "Paper A" for r in got)


def test_timeline_is_in_date_order(store: Path) -> None:
    got = rows(store, saved="timeline", param={"entity": "Alibaba"})
    assert [r["date"] for r in got] == ["2017", "2018-09-11", "2018-09-11", "2019-01-20"]


def test_sanctions_exposure_gives_the_path(store: Path) -> None:
    got = rows(store, saved="sanctions-exposure", param={"entity": "Alibaba", "hops": "2"})
    assert [(r["distance"], r["sanctioned"], r["imposer"]) for r in got] == [
        ("2", E + "russia", E + "eu")
    ]
    assert got[0]["path"] == "alibaba-group -partnerOf-> rdif <-controls- russia"
    assert rows(store, saved="sanctions-exposure", param={"entity": "Alibaba", "hops": "1"}) == []
    itself = rows(store, saved="sanctions-exposure", param={"entity": "Russia", "hops": "1"})
    assert ("0", E + "russia") in {(r["distance"], r["sanctioned"]) for r in itself}


def test_hops_shape_the_query_only_as_a_checked_integer() -> None:
    assert hop_paths(3).count(" UNION ") > hop_paths(1).count(" UNION ")
    for bad in (0, MAX_HOPS + 1):
        with pytest.raises(QueryError):
            hop_paths(bad)


def test_corroborated_counts_distinct_publishers(store: Path) -> None:
    got = rows(store, saved="corroborated", param={"min_sources": "2"})
    assert [(r["subject"], r["predicate"], r["object"], r["sources"]) for r in got] == [
        (E + "alibaba-group", KG + "ownsStakeIn", E + "aliexpress-russia", "2")
    ]
    assert len(rows(store, saved="corroborated", param={"min_sources": "1"})) == 7


def test_conflicts_co_investors_participants_state_control(store: Path) -> None:
    conflict = rows(store, saved="conflicts")
    assert [(r["percent1"], r["source1"], r["percent2"], r["source2"]) for r in conflict] == [
        ("48", "Paper A", "50", "Paper B")
    ]
    pairs = rows(store, saved="co-investors")
    assert {(r["holder1"], r["holder2"]) for r in pairs} == {
        (E + "alibaba-group", E + "megafon"),
        (E + "alibaba-group", E + "rdif"),
        (E + "megafon", E + "rdif"),
    }
    took_part = rows(store, saved="participants", param={"event": "Eastern Economic Forum"})
    assert [(r["participant"], r["role"]) for r in took_part] == [
        (E + "alibaba-group", "announced a joint venture")
    ]
    state = rows(store, saved="state-control", param={"state": "Russia"})
    assert {(r["entity"], r.get("via")) for r in state} == {
        (E + "rdif", None),
        (E + "aliexpress-russia", E + "rdif"),
    }


def test_formats(store: Path) -> None:
    text = f"SELECT ?h ?p WHERE {{ ?s <{KG}holder> ?h ; <{KG}percent> ?p }} ORDER BY ?p"
    table = kg.query(text, store=store).data.decode()
    assert table.splitlines()[0].split() == ["h", "p"] and "kge:megafon" in table
    parsed = list(csv.reader(io.StringIO(kg.query(text, format="csv", store=store).data.decode())))
    assert parsed[0] == ["h", "p"] and len(parsed) == 5
    tsv = kg.query(text, format="tsv", store=store).data.decode().splitlines()
    assert tsv[0] == "?h\t?p" and len(tsv) == 5
    xml = kg.query(text, format="xml", store=store).data
    assert list(ox.parse_query_results(xml, ox.QueryResultsFormat.XML))
    ask = kg.query(f"ASK {{ ?s a <{KG}Fund> }}", format="json", store=store).data
    assert json.loads(ask)["boolean"] is True
    construct = f"CONSTRUCT {{ ?h <{KG}holds> ?a }} WHERE {{ ?h <{KG}ownsStakeIn> ?a }}"
    turtle = kg.query(construct, store=store)
    assert turtle.kind == "graph" and turtle.rows == 3
    assert len(list(ox.parse(turtle.data, format=ox.RdfFormat.TURTLE))) == 3
    trig = kg.query(construct, format="trig", store=store).data
    assert len(list(ox.parse(trig, format=ox.RdfFormat.TRIG))) == 3
    with pytest.raises(UsageError, match="does not fit a CONSTRUCT"):
        kg.query(construct, format="csv", store=store)
    with pytest.raises(UsageError, match="unknown format"):
        kg.query(text, format="yaml", store=store)


def test_same_query_same_bytes(store: Path) -> None:
    a = kg.query(saved="ownership", param={"entity": "AliExpress Russia"}, store=store)
    b = kg.query(saved="ownership", param={"entity": "AliExpress Russia"}, store=store)
    assert a.data == b.data


def test_limit_cuts_rows(store: Path) -> None:
    out = kg.query("SELECT * WHERE { ?s ?p ?o }", format="json", limit=3, store=store)
    assert out.rows == 3 and out.truncated
    assert len(json.loads(out.data)["results"]["bindings"]) == 3
    cli = run_kg("query", "SELECT * WHERE { ?s ?p ?o }", "--limit", "2", "--store", str(store))
    assert cli.returncode == 0 and "first 2 rows" in cli.stderr


def test_a_query_from_a_file_with_its_own_parameters(store: Path, tmp_path: Path) -> None:
    rq = tmp_path / "holders.rq"
    rq.write_text(
        "# param asset (entity): the asset\n"
        f"SELECT DISTINCT ?h WHERE {{ ?h <{KG}ownsStakeIn> ?asset }} ORDER BY ?h\n",
        encoding="utf-8",
    )
    cli = run_kg(
        "query", "-f", str(rq), "--param", "asset=MegaFon", "--format", "csv", "--store", str(store)
    )
    assert cli.returncode == 0, cli.stderr
    assert cli.stdout.splitlines() == ["h"]  # MegaFon holds nothing
    got = rows(store, file=rq, param={"asset": "AliExpress Russia"})
    assert [r["h"] for r in got] == [E + "alibaba-group", E + "megafon", E + "rdif"]


# --- bad input -------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        'x" } ; DROP ALL ; #',
        "Alibaba Group> } UNION { ?s ?p ?o",
        '""" . } INSERT DATA { <a:b> <a:c> <a:d> } #',
    ],
)
def test_a_value_with_sparql_syntax_stays_a_literal(store: Path, value: str) -> None:
    # an undeclared parameter of the user's own query is bound as a plain literal
    echoed = rows(store, query="SELECT ?v WHERE { }", param={"v": value})
    assert echoed == [{"v": value}]
    # as an entity it names nothing, and says so
    with pytest.raises(QueryError, match="no entity has the id, label or alias"):
        kg.query(saved="ownership", param={"entity": value}, store=store)


def test_ambiguous_label_lists_the_candidates(store: Path) -> None:
    with pytest.raises(QueryError) as err:
        kg.query(saved="ties", param={"entity": "Mercury"}, store=store)
    assert "mercury-bank (Mercury)" in str(err.value)
    assert "mercury-motors (Mercury)" in str(err.value)


@pytest.mark.parametrize(
    "args, message",
    [
        (["SELECT * WHERE {\n  ?s ?p\n}"], "query:3:2: SPARQL syntax error"),
        (["--saved", "nope"], "no saved query named 'nope'; choose one of: co-investors"),
        (["--saved", "ownership"], "needs --param entity=VALUE"),
        (["--saved", "ownership", "-p", "entity=Alibaba", "-p", "colour=red"], "no parameter"),
        (["--saved", "corroborated", "-p", "min_sources=two"], "is not an integer"),
        (["--saved", "sanctions-exposure", "-p", "entity=Alibaba", "-p", "hops=9"], "use 1..6"),
        (["--saved", "ownership", "-p", "entity"], "is not NAME=VALUE"),
        (["--saved", "ownership", "-p", "entity=Atlantis"], "no entity has the id"),
        (["SELECT 1", "--saved", "ownership"], "give exactly one query"),
        (["-f", "{tmp}/missing.rq"], "missing.rq: no such file"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(
    store: Path, tmp_path: Path, args: list[str], message: str
) -> None:
    args = [a.replace("{tmp}", str(tmp_path)) for a in args]
    result = run_kg("query", *args, "--store", str(store))
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.startswith("kg: error: ") and message in result.stderr, result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr


def test_syntax_error_position_is_the_users_even_with_parameters(store: Path) -> None:
    # kg adds a VALUES block on the WHERE line; the column shown is still the user's
    text = "SELECT ?s WHERE { ?s ?p ?who . ?s ?p . ?s ?p ?o }"
    with pytest.raises(QueryError) as plain:
        kg.query(text, store=store)
    with pytest.raises(QueryError) as bound:
        kg.query("# param who (string): anyone\n" + text, param={"who": "x"}, store=store)
    where = str(plain.value).split(": SPARQL")[0].removeprefix("query:1:")
    assert where.isdigit() and int(where) > 30
    assert str(bound.value).startswith(f"query:2:{where}: SPARQL syntax error")


def test_a_query_past_its_timeout_is_stopped(store: Path) -> None:
    forever = (
        "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }"
    )
    started = time.monotonic()
    with pytest.raises(QueryTimeoutError, match=r"stopped after 0\.5 s"):
        kg.query(forever, timeout=0.5, store=store)
    assert time.monotonic() - started < 5
    cli = run_kg("query", forever, "--timeout", "0.5", "--store", str(store))
    assert cli.returncode == 2 and "stopped after 0.5 s (the time limit)" in cli.stderr


def test_a_missing_store_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(kg.KgError, match="no store here"):
        kg.query("ASK {}", store=tmp_path / "none")


# --- the tokenizer behind SERVICE refusal and parameter binding ---------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("SELECT * { SERVICE <http://x/> { ?s ?p ?o } }", True),
        ("select * { service silent <http://x/> { ?s ?p ?o } }", True),
        ("PREFIX e: <http://x/> SELECT * {\n SERVICE\te:ep { ?s ?p ?o } }", True),
        ('SELECT * { ?s ?p "SERVICE <http://x/> { }" }', False),
        ("SELECT * { ?s ?p '''\nSERVICE <http://x/>''' }", False),
        ("SELECT * { ?s ?p ?o } # SERVICE <http://x/> { }", False),
        ("SELECT * { ?s <http://x/SERVICE> ?o }", False),
        ("PREFIX service: <http://x/> SELECT * { ?s service:p ?service }", False),
    ],
)
def test_service_is_found_by_tokens(text: str, expected: bool) -> None:
    assert calls_service(text) is expected


def test_updates_are_told_from_queries() -> None:
    assert is_update("INSERT DATA { <a:b> <a:c> <a:d> }")
    assert is_update("PREFIX x: <a:> DELETE WHERE { ?s ?p ?o }")
    assert not is_update("SELECT ?insert WHERE { ?s ?p 'DELETE' }")


def test_values_go_in_the_where_group() -> None:
    text = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"
    assert text[: where_brace(text)].endswith("WHERE {")
    bound = with_values(text, {"o": str(ox.Literal('a"} b'))})
    assert bound == 'CONSTRUCT { ?s ?p ?o } WHERE { VALUES ?o { "a\\"} b" } ?s ?p ?o }'


# --- edge cases of the rewritten saved queries (tests/querydata.py EDGE_TRIG) ---


@pytest.fixture(scope="module")
def edge(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_edge_store(tmp_path_factory.mktemp("edge"))


def exposure(store: Path, entity: str, hops: int) -> list[tuple[str, str, str, str, str]]:
    got = rows(store, saved="sanctions-exposure", param={"entity": entity, "hops": str(hops)})
    return [
        (
            r["distance"],
            r["sanctioned"].removeprefix(E),
            r["imposer"].removeprefix(E),
            r["path"],
            r["sanctionedLabel"] + "/" + r["imposerLabel"],
        )
        for r in got
    ]


def test_sanctions_exposure_walks_a_cycle_once_and_counts_repeats_once(edge: Path) -> None:
    # x and y own each other: two one-step paths to y, never back to x;
    # y controls z and the EU sanctions z in two and three article graphs.
    one = [
        ("1", "y", "us", "x -ownsStakeIn-> y", "Y/US"),
        ("1", "y", "us", "x <-ownsStakeIn- y", "Y/US"),
    ]
    two = [
        ("2", "z", "eu", "x -ownsStakeIn-> y -controls-> z", "Z/EU"),
        ("2", "z", "eu", "x <-ownsStakeIn- y -controls-> z", "Z/EU"),
    ]
    three = [
        ("3", "w", "eu", "x -ownsStakeIn-> y -controls-> z -partnerOf-> w", "W/EU"),
        ("3", "w", "eu", "x <-ownsStakeIn- y -controls-> z -partnerOf-> w", "W/EU"),
    ]
    assert exposure(edge, "x", 1) == one
    assert exposure(edge, "x", 2) == one + two
    assert exposure(edge, "x", 3) == one + two + three
    # 0 hops: y itself, sanctioned by the US in two graphs, is one row
    assert exposure(edge, "y", 1)[0] == ("0", "y", "us", "", "Y/US")
    assert [r for r in exposure(edge, "y", 1) if r[0] == "0"] == [("0", "y", "us", "", "Y/US")]


def test_corroborated_counts_publishers_not_articles(edge: Path) -> None:
    got = rows(edge, saved="corroborated", param={"min_sources": "2"})
    # Paper A states y controls z twice: one source; the EU sanction on z comes from A and B
    assert [(r["subject"], r["object"], r["sources"]) for r in got] == [(E + "eu", E + "z", "2")]
    assert sorted(got[0]["publishers"].split("; ")) == ["Paper A", "Paper B"]
    once = rows(edge, saved="corroborated", param={"min_sources": "1"})
    assert {(r["subject"], r["object"], r["sources"]) for r in once} == {
        (E + "eu", E + "z", "2"),
        (E + "y", E + "z", "1"),
    }


def test_conflicts_need_different_percentages_from_different_sources(edge: Path) -> None:
    got = rows(edge, saved="conflicts")
    assert [
        (r["percent1"], r["source1"], r.get("asOf1"), r["percent2"], r["source2"]) for r in got
    ] == [
        # Paper A says 10 (earliest as-of 2019-01-01) and 30; Paper B says 10 and 20
        ("10", "Paper A", "2019-01-01", "20", "Paper B"),
        ("10", "Paper B", None, "30", "Paper A"),
        ("20", "Paper B", None, "30", "Paper A"),
    ]
    assert {(r["holderLabel"], r["assetLabel"]) for r in got} == {("X", "Y")}
