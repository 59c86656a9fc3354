"""RDF file formats: which format a file is, and reading files with clear errors."""

from __future__ import annotations

import codecs
import os
import re
from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox

from kg.errors import InputError, OutputError, RdfSyntaxError, UsageError

#: Formats by the name users give on the command line.
FORMATS: dict[str, ox.RdfFormat] = {
    "turtle": ox.RdfFormat.TURTLE,
    "trig": ox.RdfFormat.TRIG,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "nquads": ox.RdfFormat.N_QUADS,
    "jsonld": ox.RdfFormat.JSON_LD,
}
EXTENSIONS: dict[str, str] = {
    ".ttl": "turtle",
    ".turtle": "turtle",
    ".trig": "trig",
    ".nt": "ntriples",
    ".nq": "nquads",
    ".jsonld": "jsonld",
    ".json-ld": "jsonld",
}


def format_named(name: str) -> ox.RdfFormat:
    """The RDF format called ``name`` on the command line."""
    try:
        return FORMATS[name]
    except KeyError:
        raise UsageError(
            f"unknown format {name!r}",
            hint=f"use one of: {', '.join(FORMATS)}, graphml, gexf, csv",
        ) from None


def format_of(path: Path, override: str | None = None) -> ox.RdfFormat:
    """The format of ``path``: ``override`` if given, else from its extension."""
    if override:
        return format_named(override)
    name = EXTENSIONS.get(path.suffix.lower())
    if name is None:
        raise InputError(
            path,
            f"cannot tell the RDF format from the extension {path.suffix or '(none)'!r}",
            hint=f"use one of {', '.join(EXTENSIONS)} or pass --format",
        )
    return FORMATS[name]


def collect_files(paths: list[Path], override: str | None = None) -> list[Path]:
    """Expand folders into the RDF files they hold (recursively, sorted).

    With ``override`` every file in a folder is taken; without it, files
    whose extension is not an RDF one are skipped.
    """
    files: list[Path] = []
    for path in paths:
        if not path.exists():
            raise InputError(path, "no such file or folder")
        if path.is_dir():
            found = sorted(
                p
                for p in path.rglob("*")
                if p.is_file()
                and not p.name.startswith(".")
                and (override or p.suffix.lower() in EXTENSIONS)
            )
            if not found:
                raise InputError(
                    path,
                    "no RDF files in this folder",
                    hint=f"expected files ending in {', '.join(EXTENSIONS)}",
                )
            files.extend(found)
        else:
            files.append(path)
    return files


def check_text_file(path: Path, chunk: int = 1 << 20) -> int:
    """Check that ``path`` is non-empty UTF-8 text without holding it in memory.

    Returns the file's size in bytes.
    """
    decoder = codecs.getincrementaldecoder("utf-8")()
    size = 0
    line = 1
    content = False
    try:
        with path.open("rb") as fh:
            while block := fh.read(chunk):
                try:
                    text = decoder.decode(block)
                except UnicodeDecodeError as exc:
                    bad = line + block[: exc.start].count(b"\n")
                    raise InputError(
                        path,
                        f"not UTF-8 text (byte 0x{block[exc.start]:02x})",
                        line=bad,
                        hint="RDF files must be UTF-8; re-save it as UTF-8",
                    ) from None
                content = content or bool(text.strip())
                line += block.count(b"\n")
                size += len(block)
            decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        raise InputError(path, "not UTF-8 text (ends inside a character)", line=line) from None
    except OSError as exc:
        raise InputError(path, f"cannot read: {exc.strerror}") from None
    if not content:
        raise InputError(
            path, "the file is empty", hint="remove it from the command or give it content"
        )
    return size


def syntax_error(path: Path, fmt: ox.RdfFormat, exc: SyntaxError) -> RdfSyntaxError:
    """The error to show for a parser's ``SyntaxError`` in ``path``."""
    message = re.sub(r"^Parser error at line \d+ column \d+: ", "", str(exc.msg))
    message = re.sub(r" \(line \d+\)$", "", message)
    return RdfSyntaxError(
        path,
        f"{fmt.name} syntax error: {message}",
        line=exc.lineno,
        column=exc.offset,
        hint="fix the file and load again; nothing was loaded",
    )


PREFIXES: dict[str, str] = {
    "kg": "https://w3id.org/kg/ontology#",
    "kge": "https://w3id.org/kg/entity/",
    "kga": "https://w3id.org/kg/article/",
    "kgc": "https://w3id.org/kg/claim/",
    "kgt": "https://w3id.org/kg/tie/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "prov": "http://www.w3.org/ns/prov#",
    "dcterms": "http://purl.org/dc/terms/",
    "wd": "http://www.wikidata.org/entity/",
}


def _key(quad: ox.Quad) -> tuple[str, str, str, str]:
    graph = "" if isinstance(quad.graph_name, ox.DefaultGraph) else str(quad.graph_name)
    return (graph, str(quad.subject), str(quad.predicate), str(quad.object))


def serialize_quads(quads: Iterable[ox.Quad], fmt: ox.RdfFormat) -> bytes:
    """Serialise deterministically: quads sorted by graph, subject, predicate, object.

    Formats without named graphs (Turtle, N-Triples) get the union of all
    graphs, each triple once.
    """
    ordered = sorted(quads, key=_key)
    if fmt.supports_datasets:
        data: Iterable[ox.Quad] | Iterable[ox.Triple] = ordered
    else:
        triples: dict[tuple[str, str, str], ox.Triple] = {}
        for q in ordered:
            triples.setdefault(_key(q)[1:], ox.Triple(q.subject, q.predicate, q.object))
        data = [triples[k] for k in sorted(triples)]
    prefixes = None if fmt in (ox.RdfFormat.N_TRIPLES, ox.RdfFormat.N_QUADS) else PREFIXES
    out = ox.serialize(data, format=fmt, prefixes=prefixes)
    assert out is not None
    return _sort_prefix_header(out) if prefixes else out


def _sort_prefix_header(data: bytes) -> bytes:
    # Oxigraph writes the @prefix lines in hash-map order; sort them so the
    # same graph always gives the same bytes.
    lines = data.split(b"\n")
    n = 0
    while n < len(lines) and lines[n].startswith(b"@prefix "):
        n += 1
    return b"\n".join(sorted(lines[:n]) + lines[n:])


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file and a rename."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with open(tmp, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise OutputError(
            path, f"cannot write: {exc.strerror}", hint="choose a writable path with --out"
        ) from None
