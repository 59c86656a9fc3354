"""Every saved query on synthetic graphs: kg's embedded store against rdflib in memory.

The graph generator follows ``bench/synth.py`` (kg's model, written straight
as N-Quads) but adds what the saved queries ask about: stakes with percent,
date and status, control, subsidiaries, leadership, sanctions, participation
with roles, aliases, and ties that several publishers report (sometimes with
different percentages). Entity degrees are skewed, as in news: a few hubs,
many entities named once or twice.

Both engines run the same query text, parameters bound by the same VALUES
block. kg: the median of several runs on the on-disk store (reading every
row), plus the median of ``kg.query`` end to end (child process, store
opening, JSON formatting). rdflib: ``Dataset(default_union=True)`` in a child
process, each query stopped after a time cap (reported as ">cap").

    python -m bench.query_bench --triples 100000 1000000
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import random
import signal
import statistics
import tempfile
import time
from collections.abc import Iterator
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from bench.synth import DCT, ONT, PROV, RDF, RDFS, TYPES, XSD, A, C, E, T

SKOS = "http://www.w3.org/2004/02/skos/core#"
#: Ties and how often each kind is drawn.
KINDS = [
    ("ownsStakeIn", 4),
    ("partnerOf", 2),
    ("controls", 1),
    ("subsidiaryOf", 1),
    ("headOf", 1),
    ("sanctions", 1),
    ("participatedIn", 2),
]
#: Parameters for the saved queries, by entity index (see the degree column).
PARAMS = {
    "ownership": {"entity": 104},
    "ties": {"entity": 104},
    "timeline": {"entity": 104},
    "sanctions-exposure": {"entity": 104, "hops": 2},
    "participants": {"event": 5},
    "state-control": {"state": 2},
    "corroborated": {"min_sources": 3},
    "co-investors": {},
    "conflicts": {},
}


def _entity(rng: random.Random, n: int) -> int:
    return int(n * rng.random() ** 2)  # skewed: low ids are hubs


def _facts(rng: random.Random, count: int, n_entities: int) -> list[tuple[str, int, int]]:
    kinds = [k for k, w in KINDS for _ in range(w)]
    facts = []
    for _ in range(count):
        a, b = _entity(rng, n_entities), _entity(rng, n_entities)
        if a == b:
            b = (b + 1) % n_entities
        facts.append((rng.choice(kinds), a, b))
    return facts


def _article(
    rng: random.Random, n: int, facts: list[tuple[str, int, int]], percents: dict[int, int]
) -> Iterator[str]:
    g = f"<{A}q{n}>"
    date = f"20{rng.randint(10, 25)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    yield f"{g} <{RDF}type> <{ONT}Article> {g} ."
    yield f'{g} <{DCT}identifier> "q{n}" {g} .'
    yield f'{g} <{DCT}issued> "{date}"^^<{XSD}date> {g} .'
    yield f'{g} <{DCT}publisher> "Source {rng.randrange(50)}" {g} .'
    for k in range(4):
        fact = rng.randrange(len(facts))
        pred, a, b = facts[fact]
        for x in (a, b):
            yield f"<{E}e{x}> <{RDF}type> <{ONT}{TYPES[x % len(TYPES)]}> {g} ."
            yield f'<{E}e{x}> <{RDFS}label> "Entity {x}" {g} .'
            if x % 5 == 0:
                yield f'<{E}e{x}> <{SKOS}altLabel> "E{x}" {g} .'
        yield f"<{E}e{a}> <{ONT}{pred}> <{E}e{b}> {g} ."
        claim = f"<{C}q{n:08x}{k:02x}>"
        yield f"{claim} <{RDF}type> <{ONT}Claim> {g} ."
        yield f"{claim} <{RDF}subject> <{E}e{a}> {g} ."
        yield f"{claim} <{RDF}predicate> <{ONT}{pred}> {g} ."
        yield f"{claim} <{RDF}object> <{E}e{b}> {g} ."
        yield f'{claim} <{ONT}evidence> "Entity {a} and entity {b}, sentence {k} of {n}." {g} .'
        yield f'{claim} <{ONT}rule> "synth.rule.v1" {g} .'
        yield f'{claim} <{ONT}reportedOn> "{date}"^^<{XSD}date> {g} .'
        yield f"{claim} <{PROV}wasDerivedFrom> {g} {g} ."
        tie = f"<{T}q{n:08x}{k:02x}>"
        if pred == "ownsStakeIn":
            # most reports agree on the percent; some disagree (a conflict)
            percent = percents.setdefault(fact, rng.randint(1, 99))
            if rng.random() < 0.2:
                percent = rng.randint(1, 99)
            yield f"{claim} <{ONT}tie> {tie} {g} ."
            yield f"{tie} <{RDF}type> <{ONT}Stake> {g} ."
            yield f"{tie} <{ONT}holder> <{E}e{a}> {g} ."
            yield f"{tie} <{ONT}asset> <{E}e{b}> {g} ."
            yield f'{tie} <{ONT}percent> "{percent}"^^<{XSD}decimal> {g} .'
            yield f'{tie} <{ONT}asOf> "{date}"^^<{XSD}date> {g} .'
            status = "Announced" if rng.random() < 0.5 else "Completed"
            yield f"{tie} <{ONT}status> <{ONT}{status}> {g} ."
        elif pred == "sanctions":
            yield f"{claim} <{ONT}tie> {tie} {g} ."
            yield f"{tie} <{RDF}type> <{ONT}Sanction> {g} ."
            yield f"{tie} <{ONT}imposer> <{E}e{a}> {g} ."
            yield f"{tie} <{ONT}target> <{E}e{b}> {g} ."
        elif pred == "participatedIn":
            yield f"{claim} <{ONT}tie> {tie} {g} ."
            yield f"{tie} <{RDF}type> <{ONT}Participation> {g} ."
            yield f"{tie} <{ONT}participant> <{E}e{a}> {g} ."
            yield f"{tie} <{ONT}event> <{E}e{b}> {g} ."
            yield f'{tie} <{ONT}role> "role {rng.randrange(5)}" {g} .'


def write_graph(path: Path, triples: int, seed: int = 7) -> int:
    """Write about ``triples`` quads to ``path``; returns the number written."""
    rng = random.Random(seed)
    n_entities = max(200, triples // 20)
    facts = _facts(rng, max(50, triples // 75), n_entities)
    percents: dict[int, int] = {}
    written = n = 0
    with path.open("w", encoding="utf-8") as fh:
        while written < triples:
            lines = list(_article(rng, n, facts, percents))
            fh.write("\n".join(lines) + "\n")
            written += len(lines)
            n += 1
    return written


def query_texts() -> dict[str, str]:
    """Each saved query with its parameters bound, as both engines run it."""
    import pyoxigraph as ox

    from kg.saved import expand_template, saved_query
    from kg.sparql_text import with_values

    texts = {}
    for name, params in PARAMS.items():
        q = saved_query(name)
        text = expand_template(q, {k: str(v) for k, v in params.items()})
        bound = {}
        for p in q.params:
            if p.name == "hops":
                continue
            value = params[p.name]
            term = ox.NamedNode(f"{E}e{value}") if p.kind == "entity" else ox.Literal(int(value))
            bound[p.name] = str(term)
        texts[name] = with_values(text, bound)
    return texts


def _time_kg(store: Path, texts: dict[str, str], reps: int) -> dict[str, dict[str, float]]:
    import pyoxigraph as ox

    import kg

    db = ox.Store.read_only(str(store / "oxigraph"))
    out: dict[str, dict[str, float]] = {}
    for name, text in texts.items():
        times, rows = [], 0
        for _ in range(reps):
            t = time.perf_counter()
            rows = sum(1 for _ in db.query(text, use_default_graph_as_union=True))
            times.append(time.perf_counter() - t)
        ends = []
        for _ in range(3):
            t = time.perf_counter()
            kg.query(
                saved=name,
                param={
                    k: f"e{v}" if k != "hops" and k != "min_sources" else str(v)
                    for k, v in PARAMS[name].items()
                },
                format="json",
                store=store,
                timeout=120,
            )
            ends.append(time.perf_counter() - t)
        out[name] = {
            "median": statistics.median(times),
            "rows": rows,
            "end_to_end": statistics.median(ends),
        }
    return out


def _rdflib_child(
    conn: Connection, data: str, texts: dict[str, str], reps: int, cap: float
) -> None:
    import rdflib

    def stop(_sig: int, _frame: Any) -> None:
        raise TimeoutError

    t = time.perf_counter()
    ds = rdflib.Dataset(default_union=True)
    ds.parse(data, format="nquads")
    result: dict[str, Any] = {"load": time.perf_counter() - t, "queries": {}}
    signal.signal(signal.SIGALRM, stop)
    for name, text in texts.items():
        times: list[float] = []
        rows = 0
        try:
            for _ in range(reps):
                signal.setitimer(signal.ITIMER_REAL, cap)
                t = time.perf_counter()
                rows = sum(1 for _ in ds.query(text))
                times.append(time.perf_counter() - t)
                signal.setitimer(signal.ITIMER_REAL, 0)
        except TimeoutError:
            result["queries"][name] = {"median": None, "rows": None}
            continue
        result["queries"][name] = {"median": statistics.median(times), "rows": rows}
    conn.send(result)
    conn.close()


def _time_rdflib(data: Path, texts: dict[str, str], reps: int, cap: float) -> dict[str, Any]:
    ctx = mp.get_context("fork")
    parent, child = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_rdflib_child, args=(child, str(data), texts, reps, cap))
    proc.start()
    child.close()
    result: dict[str, Any] = parent.recv()
    proc.join()
    return result


def _degree(data: Path, index: int) -> int:
    needle = f"<{E}e{index}>"
    with data.open(encoding="utf-8") as fh:
        return sum(
            1
            for line in fh
            if f"<{RDF}subject> {needle}" in line or f"<{RDF}object> {needle}" in line
        )


def measure(sizes: list[int], cap: float = 60.0) -> list[str]:
    """Run the benchmark; returns Markdown lines for bench/RESULTS.md."""
    import kg

    texts = query_texts()
    lines = [
        "## Saved queries: kg (embedded Oxigraph) against rdflib in memory",
        "",
        "Written by `python -m bench.run --only query` (`bench/query_bench.py`). Synthetic",
        "graph in kg's model with skewed entity degrees; parameters: entity e104, event e5,",
        "state e2 (hubs), min_sources 3, hops 2. Latency is the median time to run the",
        'query and read every row. "kg.query" is the same query end to end through the API',
        "(child process with the time limit, store opening, JSON formatting).",
        f"rdflib queries are stopped after {cap:g} s (shown as >{cap:g} s).",
        "",
    ]
    for triples in sizes:
        with tempfile.TemporaryDirectory(prefix="kg-qbench-") as tmp:
            work = Path(tmp)
            data = work / "graph.nq"
            n = write_graph(data, triples)
            store = work / "store"
            kg.load([data], store=store)
            reps_kg, reps_rdf = (5, 3) if triples <= 200_000 else (5, 1)
            ours = _time_kg(store, texts, reps_kg)
            theirs = _time_rdflib(data, texts, reps_rdf, cap)
            degree = _degree(data, 104)
        lines += [
            f"### {n:,} quads (entity e104 is in {degree} claims; rdflib load "
            f"{theirs['load']:.1f} s; rdflib runs: {reps_rdf}, kg runs: {reps_kg})",
            "",
            "| saved query | rows | kg median s | kg.query s | rdflib median s | rdflib / kg "
            "| < 1 s | >= 10x |",
            "| --- | ---: | ---: | ---: | ---: | ---: | :---: | :---: |",
        ]
        for name in texts:
            k = ours[name]
            r = theirs["queries"][name]
            if r["median"] is None:
                rdf, ratio, fast = f">{cap:g}", f">{cap / k['median']:,.0f}x", True
            else:
                rdf = f"{r['median']:.3f}"
                ratio = f"{r['median'] / k['median']:,.1f}x"
                fast = r["median"] / k["median"] >= 10
                if r["rows"] != k["rows"]:
                    ratio += f" (rdflib rows: {r['rows']})"
            lines.append(
                f"| {name} | {k['rows']:,} | {k['median']:.3f} | {k['end_to_end']:.3f} | {rdf} "
                f"| {ratio} | {'yes' if k['median'] < 1 else 'NO'} | {'yes' if fast else 'NO'} |"
            )
        lines.append("")
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--triples", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--cap", type=float, default=60.0, help="rdflib seconds per query")
    args = parser.parse_args()
    print("\n".join(measure(args.triples, args.cap)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
