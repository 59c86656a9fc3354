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

from kg import api
from kg.errors import KgError
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
        str, typer.Option("--format", "-f", help="trig|nquads|turtle|ntriples|jsonld.")
    ] = "trig",
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="Output file (default: stdout).")
    ] = None,
    store: StoreOpt = None,
) -> None:
    """Write the whole graph, sorted, so the same graph gives the same bytes."""
    result = api.export(format, out=out, store=store)
    if result.data is not None:
        sys.stdout.buffer.write(result.data)
        sys.stdout.flush()
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
