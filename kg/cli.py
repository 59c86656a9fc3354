"""The ``kg`` command line: parse options, call one library function, print.

Only this module prints or exits. Data goes to stdout, messages to stderr;
a user error is one line, ``kg: error: ...``, and exit code 2 (exit code 1
means the command ran and the answer is "no", as for ``kg validate``).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from kg import api, graph_api, pipeline
from kg.endpoint import serve as api_serve
from kg.errors import KgError
from kg.gsp import push as api_push
from kg.querying import query as api_query
from kg.scoring import EvalReport
from kg.store import STORE_ENV

app = typer.Typer(
    name="kg",
    help="Build and question knowledge graphs of geopolitical-economic ties from news.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)

StoreOpt = Annotated[
    Path | None,
    typer.Option(
        "--store",
        envvar=STORE_ENV,
        help="Store folder (default: $KG_STORE, else .kg/store).",
        show_default=False,
    ),
]


PredicateOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--predicate", "-p", help="Keep only this relation type (repeatable).", show_default=False
    ),
]
AsOfOpt = Annotated[
    str | None,
    typer.Option("--as-of", help="Only ties stated on or before this date (YYYY[-MM[-DD]])."),
]
SinceOpt = Annotated[
    str | None,
    typer.Option("--since", help="Only ties stated on or after this date (YYYY[-MM[-DD]])."),
]
MinSourcesOpt = Annotated[
    int, typer.Option("--min-sources", help="Only ties stated by at least N independent sources.")
]
SymmetricOpt = Annotated[
    bool,
    typer.Option(
        "--symmetric-undirected/--symmetric-directed",
        help="Symmetric ties (partnerOf, cooperatesWith, inConflictWith) get an edge each way.",
    ),
]
UndirectedOpt = Annotated[
    bool, typer.Option("--undirected", help="Make the whole network undirected.")
]


def _err(message: str) -> None:
    print(message, file=sys.stderr)


@app.command()
def load(
    paths: Annotated[
        list[Path], typer.Argument(help="RDF files or folders of them.", show_default=False)
    ],
    store: StoreOpt = None,
    format: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            help="turtle|trig|ntriples|nquads|jsonld (default: from the extension).",
        ),
    ] = None,
    graph: Annotated[
        str | None, typer.Option("--graph", help="Named graph IRI for triples outside any graph.")
    ] = None,
) -> None:
    """Load RDF files into the store: all of them, or nothing if any is bad."""
    report = api.load(paths, store=store, format=format, graph=graph)
    _err(
        f"loaded {len(report.files)} file(s) into {report.store}: "
        f"{report.quads_added} new quads, {report.quads_total} in all"
    )


@app.command()
def export(
    format: Annotated[
        str,
        typer.Option(
            "--format", "-f", help="trig|nquads|turtle|ntriples|jsonld, or graphml|gexf|csv."
        ),
    ] = "trig",
    out: Annotated[
        Path | None,
        typer.Option(
            "--out", "-o", help="Output file (default: stdout); for csv a folder (required)."
        ),
    ] = None,
    store: StoreOpt = None,
    predicates: PredicateOpt = None,
    as_of: AsOfOpt = None,
    since: SinceOpt = None,
    min_sources: MinSourcesOpt = 0,
    symmetric_undirected: SymmetricOpt = True,
    undirected: UndirectedOpt = False,
) -> None:
    """Write the whole graph, sorted, so the same graph gives the same bytes.

    graphml, gexf and csv write the network: entities as nodes, ties as typed
    edges (csv: DIR/nodes.csv and DIR/edges.csv).
    """
    result = api.export(
        format,
        out=out,
        store=store,
        predicates=predicates,
        as_of=as_of,
        since=since,
        min_sources=min_sources,
        symmetric_undirected=symmetric_undirected,
        undirected=undirected,
    )
    if result.data is not None:
        sys.stdout.buffer.write(result.data)
        sys.stdout.flush()
    elif result.nodes is not None:
        _err(f"wrote {result.nodes} entities and {result.edges} ties to {result.out}")
    else:
        _err(f"wrote {result.quads} quads to {result.out}")


@app.command()
def validate(
    store: StoreOpt = None,
    shapes: Annotated[
        Path | None,
        typer.Option("--shapes", help="SHACL shapes file (default: ontology/shapes.ttl)."),
    ] = None,
) -> None:
    """Check the graph against the SHACL shapes: exit 0 conforms, 1 violations, 2 could not run."""
    result = api.validate(store=store, shapes=shapes)
    print(result.report())
    if not result.conforms:
        raise typer.Exit(1)


def _stats_table(data: dict[str, Any]) -> None:
    console = Console(file=sys.stdout, highlight=False, soft_wrap=True)
    totals = Table(title="kg store", show_header=False)
    for key in ("quads", "graphs", "articles", "entities", "claims", "ties"):
        totals.add_row(key, str(data[key]))
    console.print(totals)
    types = Table("entity type", "entities")
    for name, n in data["entity_types"].items():
        types.add_row(name, str(n))
    console.print(types)
    preds = Table("predicate", "ties", "claims")
    for name, row in data["predicates"].items():
        preds.add_row(name, str(row["ties"]), str(row["claims"]))
    console.print(preds)
    sources = Table("source", "articles", "claims")
    for name, row in data["sources"].items():
        sources.add_row(name, str(row["articles"]), str(row["claims"]))
    console.print(sources)


@app.command()
def stats(
    store: StoreOpt = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of tables.")] = False,
) -> None:
    """Count what the store holds: by entity type, predicate and source."""
    data = api.stats(store=store)
    if as_json:
        print(json.dumps(data, indent=2))
    else:
        _stats_table(data)


RegistryOpt = Annotated[
    Path | None,
    typer.Option(
        "--registry",
        help="Entity registry folder (default: the bundled data/registry).",
        show_default=False,
    ),
]
JudgementsOpt = Annotated[
    Path | None,
    typer.Option(
        "--judgements",
        help="Resolution judgements file (default: data/judgements.jsonl).",
        show_default=False,
    ),
]
SkipBadOpt = Annotated[
    bool, typer.Option("--skip-bad", help="Skip bad articles (reported) instead of stopping.")
]
PathsArg = Annotated[
    list[Path],
    typer.Argument(
        help="Articles: files or folders (.txt .md .html .jsonl .rss .atom).", show_default=False
    ),
]


def _report_skipped(skipped: tuple[object, ...]) -> None:
    for item in skipped:
        _err(f"kg: skipped {getattr(item, 'path', '?')}: {getattr(item, 'reason', '')}")


@app.command()
def extract(
    paths: PathsArg,
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder for one NAME.json per article.")],
    registry: RegistryOpt = None,
    skip_bad: SkipBadOpt = False,
    spacy_model: Annotated[
        str | None,
        typer.Option(
            "--spacy-model",
            help="An installed trained spaCy pipeline whose NER adds "
            "entities the rules miss (registry matches win).",
        ),
    ] = None,
    judgements: JudgementsOpt = None,
) -> None:
    """Extract entities and ties from articles into FORMAT.md JSON files, one per article."""
    report = pipeline.extract(
        paths,
        out=out,
        registry=registry,
        skip_bad=skip_bad,
        spacy_model=spacy_model,
        judgements=judgements,
    )
    _report_skipped(report.skipped)
    _err(
        f"extracted {report.articles} article(s): {report.entities} entities, "
        f"{report.claims} claims, {len(report.skipped)} skipped -> {out}"
    )


@app.command()
def build(
    paths: PathsArg,
    store: StoreOpt = None,
    registry: RegistryOpt = None,
    skip_bad: SkipBadOpt = False,
    workers: Annotated[
        int, typer.Option("--workers", "-w", min=1, help="Extraction processes.")
    ] = 1,
    judgements: JudgementsOpt = None,
) -> None:
    """Ingest, extract, resolve and write articles into the store (incremental)."""
    from rich.progress import Progress as Bar

    with Bar(
        console=Console(file=sys.stderr), transient=True, disable=not sys.stderr.isatty()
    ) as bar:
        task = bar.add_task("extracting", total=None)

        def progress(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        report = pipeline.build(
            paths,
            store=store,
            registry=registry,
            skip_bad=skip_bad,
            workers=workers,
            progress=progress,
            judgements=judgements,
        )
    _report_skipped(report.skipped)
    for warning in report.warnings:
        _err(f"kg: warning: {warning}")
    _err(
        f"built {report.articles} article(s): {report.new} new, {report.replaced} replaced, "
        f"{report.unchanged} unchanged; {report.entities} entities, {report.claims} claims, "
        f"{len(report.warnings)} warning(s), {len(report.skipped)} skipped"
    )


def _eval_table(report: EvalReport, show_errors: bool) -> None:
    console = Console(file=sys.stdout, highlight=False, soft_wrap=True)
    table = Table(
        "measure",
        "precision",
        "recall",
        "F1",
        "tp",
        "fp",
        "fn",
        title=f"{report.documents} document(s)",
    )
    rows = [
        ("entities", report.entities),
        ("typed entities", report.typed_entities),
        ("relations", report.relations),
    ]
    rows += [(f"  {name}", prf) for name, prf in report.per_predicate.items()]
    for name, prf in rows:
        table.add_row(
            name,
            f"{prf.precision:.3f}",
            f"{prf.recall:.3f}",
            f"{prf.f1:.3f}",
            str(prf.tp),
            str(prf.fp),
            str(prf.fn),
        )
    console.print(table)
    accuracy = report.percent_accuracy
    shown = "n/a" if accuracy is None else f"{accuracy:.3f}"
    console.print(f"percent accuracy: {shown} ({report.percent_correct}/{report.percent_total})")
    if show_errors:
        for e in report.errors:
            console.print(
                f"{e.document}\t{e.kind}\t{e.what}\t{e.item}\t{e.sentence or ''}", markup=False
            )


@app.command("eval")
def eval_(
    gold_dir: Annotated[Path, typer.Argument(help="Folder of NAME.txt + NAME.json gold files.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of tables.")] = False,
    show_errors: Annotated[
        bool, typer.Option("--show-errors", help="List each false positive and negative.")
    ] = False,
    registry: RegistryOpt = None,
    judgements: JudgementsOpt = None,
) -> None:
    """Score extraction on gold files (FORMAT.md): P/R/F1 for entities, types, relations."""
    report = pipeline.evaluate(
        gold_dir, registry=registry, show_errors=show_errors, judgements=judgements
    )
    if as_json:
        data = report.to_json()
        if not show_errors:
            data.pop("errors", None)
        print(json.dumps(data, indent=2, ensure_ascii=False))
    else:
        _eval_table(report, show_errors)


def _hop_lines(hop: dict[str, Any]) -> list[str]:
    lines = [f"  {hop['from']['label']} -- {hop['to']['label']}"]
    for tie in hop["ties"]:
        extra = f" {tie['percent']:g}%" if "percent" in tie else ""
        lines.append(f"    {tie['subject']} {tie['predicate']}{extra} {tie['object']}")
        for ev in tie["evidence"]:
            lines.append(
                f'      "{ev["sentence"]}" ({ev["source"] or "unknown source"}, '
                f"{ev['date'] or 'undated'})"
            )
        if not tie["evidence"]:
            lines.append("      (no claim recorded)")
    return lines


@app.command()
def report(
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder for the report files.")],
    store: StoreOpt = None,
    predicates: PredicateOpt = None,
    as_of: AsOfOpt = None,
    since: SinceOpt = None,
    min_sources: MinSourcesOpt = 0,
    symmetric_undirected: SymmetricOpt = True,
    undirected: UndirectedOpt = False,
    seed: Annotated[int, typer.Option("--seed", help="Seed for sampling and Louvain.")] = 42,
    exact_limit: Annotated[
        int, typer.Option("--exact-limit", help="Exact betweenness up to this many entities.")
    ] = 5000,
    samples: Annotated[
        int, typer.Option("--samples", help="Betweenness pivots above --exact-limit.")
    ] = 256,
) -> None:
    """Centrality report: report.md, report.html, centrality.csv and report.json in --out."""
    result = graph_api.report(
        out=out,
        store=store,
        predicates=predicates,
        as_of=as_of,
        since=since,
        min_sources=min_sources,
        symmetric_undirected=symmetric_undirected,
        undirected=undirected,
        seed=seed,
        exact_limit=exact_limit,
        samples=samples,
    )
    summary = result.data["summary"]
    _err(
        f"wrote {', '.join(p.name for p in result.files)} to {result.out}: "
        f"{summary['nodes']} entities, {summary['edges']} ties, "
        f"{summary['communities']} communities"
    )


@app.command()
def path(
    a: Annotated[str, typer.Argument(help="An entity: id, label or alias.", show_default=False)],
    b: Annotated[str, typer.Argument(help="Another entity.", show_default=False)],
    max_hops: Annotated[
        int | None,
        typer.Option("--max-hops", help="Also list every simple path up to this many hops."),
    ] = None,
    limit: Annotated[int, typer.Option("--limit", help="At most this many paths.")] = 20,
    store: StoreOpt = None,
    predicates: PredicateOpt = None,
    as_of: AsOfOpt = None,
    since: SinceOpt = None,
    min_sources: MinSourcesOpt = 0,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """How two entities are connected: each hop with its sentence, source and date.

    Exit 1 when they are not connected.
    """
    result = graph_api.path(
        a,
        b,
        max_hops=max_hops,
        limit=limit,
        store=store,
        predicates=predicates,
        as_of=as_of,
        since=since,
        min_sources=min_sources,
    )
    if as_json:
        print(json.dumps(result, indent=2, ensure_ascii=False))
    if not result["paths"]:
        _err(
            f"kg: no path between {result['from']['label']} ({result['from']['id']}) and "
            f"{result['to']['label']} ({result['to']['id']}): they are not connected"
            + (" with these filters" if predicates or as_of or since or min_sources else "")
        )
        raise typer.Exit(1)
    if not as_json:
        for n, hops in enumerate(result["paths"], 1):
            print(f"path {n} ({len(hops)} hops):")
            for hop in hops:
                print("\n".join(_hop_lines(hop)))


@app.command()
def neighbors(
    a: Annotated[str, typer.Argument(help="An entity: id, label or alias.", show_default=False)],
    hops: Annotated[int, typer.Option("--hops", help="How many ties away.")] = 1,
    store: StoreOpt = None,
    predicates: PredicateOpt = None,
    as_of: AsOfOpt = None,
    since: SinceOpt = None,
    min_sources: MinSourcesOpt = 0,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Entities within --hops ties of an entity, nearest first."""
    result = graph_api.neighbors(
        a,
        hops=hops,
        store=store,
        predicates=predicates,
        as_of=as_of,
        since=since,
        min_sources=min_sources,
    )
    if as_json:
        print(json.dumps(result, indent=2, ensure_ascii=False))
        return
    for row in result["neighbors"]:
        via = f" via {row['via']}" if "via" in row else ""
        print(f"{row['hops']}\t{row['id']}\t{row['label']}\t{row['type']}{via}")
        for tie in row.get("ties", []):
            print(f"\t{tie['subject']} {tie['predicate']} {tie['object']}")


@app.command()
def view(
    out: Annotated[Path, typer.Option("--out", "-o", help="The HTML file to write.")],
    store: StoreOpt = None,
    focus: Annotated[
        str | None, typer.Option("--focus", help="Draw the neighbourhood of this entity.")
    ] = None,
    hops: Annotated[int, typer.Option("--hops", help="Neighbourhood radius with --focus.")] = 2,
    top: Annotated[
        int, typer.Option("--top", help="At most this many entities (the most central).")
    ] = 2000,
    size_by: Annotated[
        str,
        typer.Option("--size-by", help="pagerank|degree|weighted_degree|betweenness|eigenvector."),
    ] = "pagerank",
    predicates: PredicateOpt = None,
    as_of: AsOfOpt = None,
    since: SinceOpt = None,
    min_sources: MinSourcesOpt = 0,
) -> None:
    """Write an offline, self-contained HTML explorer of the network (pyvis)."""
    result = graph_api.view(
        out=out,
        store=store,
        focus=focus,
        hops=hops,
        top=top,
        size_by=size_by,
        predicates=predicates,
        as_of=as_of,
        since=since,
        min_sources=min_sources,
    )
    if result.message:
        _err(f"kg: {result.message}")
    _err(f"wrote {result.out}: {result.nodes} entities, {result.edges} ties")


def _saved_list() -> str:
    from kg.saved import saved_queries

    lines = []
    for q in saved_queries():
        params = ", ".join(
            f"{p.name} ({p.kind}{', default ' + p.default if p.default else ''})" for p in q.params
        )
        lines.append(f"{q.name}" + (f"  [{params}]" if params else ""))
        lines.append(f"    {q.answers}")
    return "\n".join(lines)


@app.command()
def query(
    query: Annotated[
        str | None, typer.Argument(help="SPARQL query text.", show_default=False)
    ] = None,
    file: Annotated[
        Path | None, typer.Option("--file", "-f", help="Read the query from this .rq file.")
    ] = None,
    saved: Annotated[
        str | None, typer.Option("--saved", "-s", help="Run a saved query by name (see --list).")
    ] = None,
    param: Annotated[
        list[str] | None,
        typer.Option(
            "--param",
            "-p",
            help="Bind a parameter, NAME=VALUE (repeatable); an entity takes an id, IRI, "
            'label or alias, e.g. --param entity="AliExpress Russia". Bound as an RDF '
            "term, never pasted into the query.",
        ),
    ] = None,
    format: Annotated[
        str | None,
        typer.Option(
            "--format",
            help="table|csv|tsv|json|xml for SELECT/ASK (default table); "
            "turtle|trig|ntriples for CONSTRUCT/DESCRIBE (default turtle).",
        ),
    ] = None,
    limit: Annotated[
        int | None, typer.Option("--limit", min=0, help="Return at most this many rows.")
    ] = None,
    timeout: Annotated[
        float, typer.Option("--timeout", help="Stop the query after this many seconds.")
    ] = 60.0,
    store: StoreOpt = None,
    endpoint: Annotated[
        str | None,
        typer.Option("--endpoint", help="Query this remote SPARQL endpoint instead of the store."),
    ] = None,
    list_saved: Annotated[
        bool, typer.Option("--list", help="List the saved queries and their parameters.")
    ] = False,
) -> None:
    """Run SPARQL on the graph: inline, from a file (-f) or a saved query (--saved).

    Examples: kg query 'SELECT * WHERE { ?s ?p ?o } LIMIT 5';
    kg query --saved ownership --param entity="AliExpress Russia" --format csv;
    kg query --list. Exit 2 on a syntax error (with line and column), a bad
    parameter or a timeout.
    """
    if list_saved:
        print(_saved_list())
        return
    result = api_query(
        query,
        file=file,
        saved=saved,
        param=param,
        format=format,
        limit=limit,
        timeout=timeout,
        store=store,
        endpoint=endpoint,
    )
    sys.stdout.buffer.write(result.data)
    sys.stdout.flush()
    if result.truncated:
        _err(f"kg: showing the first {result.rows} rows (--limit)")


@app.command()
def serve(
    store: StoreOpt = None,
    host: Annotated[
        str, typer.Option("--host", help="Address to listen on (default: loopback only).")
    ] = "127.0.0.1",
    port: Annotated[
        int, typer.Option("--port", min=0, max=65535, help="Port (0: any free port).")
    ] = 7878,
    timeout: Annotated[
        float, typer.Option("--timeout", help="Stop each query after this many seconds.")
    ] = 30.0,
    max_rows: Annotated[
        int, typer.Option("--max-rows", min=1, help="Most rows (or triples) in one answer.")
    ] = 10_000,
) -> None:
    """Serve the store as a read-only SPARQL endpoint at /query, with a query page at /.

    Answers JSON, XML, CSV or TSV results and Turtle, N-Triples or TriG graphs
    (by the Accept header). Updates and SERVICE are refused; each query has a
    time limit and a row cap. Ctrl-C stops it.
    """

    def ready(url: str) -> None:
        _err(f"kg: serving {url} (read-only; Ctrl-C stops)")

    api_serve(
        store=store,
        host=host,
        port=port,
        timeout=timeout,
        max_rows=max_rows,
        ready=ready,
        log=lambda line: _err(f"kg: {line}"),
    )
    _err("kg: stopped")


@app.command()
def push(
    endpoint: Annotated[
        str,
        typer.Option(
            "--endpoint",
            help="Graph Store Protocol URL of the target store, e.g. "
            "http://localhost:7878/store (Oxigraph) or http://localhost:3030/ds/data (Fuseki).",
        ),
    ],
    store: StoreOpt = None,
    batch_size: Annotated[
        int, typer.Option("--batch-size", min=1, help="Most triples in one request.")
    ] = 50_000,
    timeout: Annotated[
        float, typer.Option("--timeout", help="Seconds to wait for each request.")
    ] = 60.0,
) -> None:
    """Send the graph, named graphs kept, to another triple store (SPARQL Graph Store Protocol).

    Each named graph is PUT to ENDPOINT?graph=IRI (so pushing again replaces
    it), in batches; only what the target acknowledged is reported as sent.
    """
    from rich.progress import Progress as Bar

    with Bar(
        console=Console(file=sys.stderr), transient=True, disable=not sys.stderr.isatty()
    ) as bar:
        task = bar.add_task("pushing", total=None)

        def progress(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        report = api_push(
            endpoint=endpoint,
            store=store,
            batch_size=batch_size,
            timeout=timeout,
            progress=progress,
        )
    _err(
        f"pushed {report.graphs} graph(s), {report.triples} triple(s) in {report.requests} "
        f"request(s) ({report.bytes:,} bytes) to {report.endpoint}"
    )


def main() -> None:
    """Entry point: run the app, turning every KgError into one line on stderr."""
    try:
        app()
    except KgError as exc:
        _err(f"kg: error: {exc}")
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        _err("kg: interrupted")
        sys.exit(130)
