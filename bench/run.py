"""``make bench``: speed and memory of kg's store, extraction, build, report and explorer.

Each measurement runs in its own process so its peak memory (max RSS) is its
own. Results go to a Markdown file with a description of the machine.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from importlib.metadata import version
from pathlib import Path

from bench import synth

#: Code run in a child process; it prints {"seconds": ..., "count": ...}.
TASKS = {
    "kg-load": """
import kg, time
t = time.perf_counter(); r = kg.load([{data!r}], store={store!r})
print(json.dumps({{"seconds": time.perf_counter() - t, "count": r.quads_added}}))
""",
    "kg-export": """
import kg, time
t = time.perf_counter(); r = kg.export("nquads", store={store!r}, out={out!r})
print(json.dumps({{"seconds": time.perf_counter() - t, "count": r.quads}}))
""",
    "oxigraph-memory-load": """
import pyoxigraph as ox, time
t = time.perf_counter(); s = ox.Store(); s.load(path={data!r}, format=ox.RdfFormat.N_QUADS)
print(json.dumps({{"seconds": time.perf_counter() - t, "count": len(s)}}))
""",
    "rdflib-load": """
import rdflib, time
t = time.perf_counter(); ds = rdflib.Dataset(); ds.parse({data!r}, format="nquads")
print(json.dumps({{"seconds": time.perf_counter() - t, "count": len(ds)}}))
""",
    "rdflib-export": """
import rdflib, time
ds = rdflib.Dataset(); ds.parse({data!r}, format="nquads")
t = time.perf_counter(); ds.serialize({out!r}, format="nquads")
print(json.dumps({{"seconds": time.perf_counter() - t, "count": len(ds)}}))
""",
}


def run_task(name: str, **params: str) -> dict[str, float]:
    # The child reports its own peak resident set size (ru_maxrss, KiB on Linux).
    code = (
        "import json, resource\n"
        + TASKS[name].format(**params)
        + 'print(json.dumps({"peak_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}))\n'
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    *_, timing, peak = proc.stdout.strip().splitlines()
    result: dict[str, float] = json.loads(timing)
    result["peak_mib"] = json.loads(peak)["peak_kib"] / 1024
    return result


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    libs = ", ".join(f"{p} {version(p)}" for p in ("pyoxigraph", "rdflib", "pyshacl"))
    return (
        f"{platform.system()} {platform.machine()}, {cpu}, {os.cpu_count()} cores, "
        f"{mem:.0f} GiB RAM; Python {platform.python_version()}; {libs}"
    )


def bench_store(triples: int, work: Path) -> list[str]:
    data = work / f"synth-{triples}.nq"
    n = synth.write_nquads(data, triples)
    rows = []
    results = {}
    for name in ("kg-load", "kg-export", "oxigraph-memory-load", "rdflib-load", "rdflib-export"):
        store = str(work / f"store-{triples}")
        results[name] = run_task(name, data=str(data), store=store, out=str(work / f"{name}.nq"))
    for op in ("load", "export"):
        kg_r, rdf_r = results[f"kg-{op}"], results[f"rdflib-{op}"]
        kg_rate, rdf_rate = kg_r["count"] / kg_r["seconds"], rdf_r["count"] / rdf_r["seconds"]
        rows.append(
            f"| {op} | {n:,} | {kg_rate:,.0f} | {kg_r['peak_mib']:,.0f} | {rdf_rate:,.0f} "
            f"| {rdf_r['peak_mib']:,.0f} | {kg_rate / rdf_rate:.1f}x |"
        )
    mem, rdf = results["oxigraph-memory-load"], results["rdflib-load"]
    mem_rate, rdf_rate = mem["count"] / mem["seconds"], rdf["count"] / rdf["seconds"]
    rows.append(
        f"| load, reference: in-memory pyoxigraph (no disk) | {n:,} | {mem_rate:,.0f} "
        f"| {mem['peak_mib']:,.0f} | {rdf_rate:,.0f} | {rdf['peak_mib']:,.0f} "
        f"| {mem_rate / rdf_rate:.1f}x |"
    )
    return rows


def bench_registry(entries: int, work: Path) -> str:
    from kg.registry import load_registry

    folder = work / "registry"
    synth.write_registry(folder, entries)
    times = []
    for _ in range(7):
        t = time.perf_counter()
        reg = load_registry(folder)
        times.append(time.perf_counter() - t)
    assert len(reg) == entries
    return f"| registry load | {entries:,} entries | median {statistics.median(times):.3f} s |"


def extraction_section() -> list[str]:
    """Extraction alone on the sample corpus and devset (bench/extract_speed.py)."""
    from bench import extract_speed

    texts = extract_speed.read_texts() * 5
    r = extract_speed.measure(texts)
    return [
        "## Extraction alone (sample corpus + devset x5, one core)",
        "",
        "| warm words/s | cold words/s (new extractor, each text once) | peak RSS MiB |",
        "| ---: | ---: | ---: |",
        f"| {r['words_per_s']:,.0f} | {r['cold_words_per_s']:,.0f} | {r['peak_rss_mib']:,.0f} |",
        "",
    ]


BUILD_HEADING = "# Extraction and build benchmark"


def build_section(articles: list[int], workers: list[int], compiled: bool) -> list[str]:
    """kg build end to end on a synthetic corpus (bench/build_bench.py)."""
    from bench import build_bench

    result = build_bench.measure(sizes=tuple(articles), workers=tuple(workers), compiled=compiled)
    text = build_bench.markdown(result)
    # the machine line is already at the top of this file
    lines: list[str] = []
    for line in text.splitlines():
        if line.startswith("Machine:") or (not line and lines and not lines[-1]):
            continue  # and the blank line it leaves
        lines.append(line)
    assert lines[0] == BUILD_HEADING, lines[0]
    return [*lines, ""]


def report_section(sizes: list[int], networkx_at: int | None) -> list[str]:
    """The centrality report on synthetic networks (bench/report_bench.py).

    Each size runs in its own process, so its peak memory is its own.
    """
    from bench import report_bench

    def child(*args: str) -> dict[str, float]:
        proc = subprocess.run(
            [sys.executable, "-m", "bench.report_bench", *args],
            capture_output=True,
            text=True,
            check=True,
        )
        result: dict[str, float] = json.loads(proc.stdout.strip().splitlines()[-1])
        return result

    runs = [child(str(n)) for n in sizes]
    slow = child("--networkx", str(networkx_at)) if networkx_at else None
    return [*report_bench.markdown(runs, slow), ""]


HEADER = [
    "# Benchmark results",
    "",
    "Written by `make bench` (`bench/run.py`); each measurement runs in its own",
    "process, and peak memory is that process's maximum resident set size.",
    "",
]


def store_section(triples: int) -> list[str]:
    with tempfile.TemporaryDirectory(prefix="kg-bench-") as tmp:
        work = Path(tmp)
        store_rows = bench_store(triples, work)
        registry_row = bench_registry(10_000, work)
    return [
        "## Store: kg (embedded Oxigraph) against rdflib in memory",
        "",
        "Synthetic graph in kg's model (`bench/synth.py`), N-Quads.",
        "",
        "| operation | quads | kg quads/s | kg peak MiB | rdflib quads/s | rdflib peak MiB "
        "| kg / rdflib |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
        *store_rows,
        "",
        "## Registry",
        "",
        "| what | size | time |",
        "| --- | --- | --- |",
        registry_row,
        "",
    ]


def replace_section(text: str, heading: str, section: list[str], until: str = "") -> str:
    """``text`` with its ``heading`` section (up to the next heading of that level, or
    up to the line ``until``) replaced.

    A section not in ``text`` yet is appended.
    """
    lines = text.rstrip("\n").split("\n")
    level = heading.split(" ", 1)[0] + " "
    if heading in lines:
        start = lines.index(heading)
        end = next(
            (
                i
                for i in range(start + 1, len(lines))
                if lines[i] == until
                or (not until and (lines[i].startswith(level) or lines[i].startswith("# ")))
            ),
            len(lines),
        )
        lines[start:end] = section
    else:
        lines += ["", *section]
    return "\n".join(lines).rstrip("\n") + "\n"


def view_section(sizes: list[int]) -> list[str]:
    """The explorer's first frame in headless Chromium (bench/view_bench.py), a process a size."""
    from bench import view_bench

    # the browser's timings depend on what else runs: say what the machine was doing
    load = os.getloadavg()[0]
    rows = []
    for n in sizes:
        proc = subprocess.run(
            [sys.executable, "-m", "bench.view_bench", str(n)],
            capture_output=True,
            text=True,
            check=True,
        )
        rows.append(json.loads(proc.stdout.strip().splitlines()[-1]))
    return [
        *view_bench.markdown(rows),
        "",
        f"Machine: {machine()}; load average {load:.1f} when this section started.",
        "",
    ]


QUERY_HEADING = "## Saved queries: kg (embedded Oxigraph) against rdflib in memory"


def query_section(sizes: list[int]) -> list[str]:
    """Every saved query, kg against rdflib (bench/query_bench.py)."""
    from bench import query_bench

    return [*query_bench.measure(sizes), ""]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=Path("bench/RESULTS.md"))
    parser.add_argument("--triples", type=int, default=1_000_000)
    parser.add_argument(
        "--articles",
        type=int,
        nargs="+",
        default=[10_000],
        help="synthetic corpus sizes for the build benchmark (the issue asks for 10,000)",
    )
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument(
        "--no-compiled",
        action="store_true",
        help="skip building kg with mypyc and timing its extraction (no C compiler here)",
    )
    parser.add_argument(
        "--entities",
        type=int,
        nargs="+",
        default=[10_000, 100_000],
        help="synthetic network sizes for the report benchmark",
    )
    parser.add_argument(
        "--networkx-at",
        type=int,
        default=10_000,
        help="size at which to time networkx alone on betweenness and Louvain (0: skip)",
    )
    parser.add_argument(
        "--query-triples",
        type=int,
        nargs="+",
        default=[100_000, 1_000_000],
        help="graph sizes for the saved-query benchmark",
    )
    parser.add_argument(
        "--view-entities",
        type=int,
        nargs="+",
        default=[200, 1_000, 2_000, 5_000],
        help="synthetic network sizes for the explorer benchmark (drawn with its default cap)",
    )
    parser.add_argument(
        "--only",
        choices=["build", "report", "query", "view"],
        help="run only this section and replace just it in --out (default: run all, rewrite --out)",
    )
    args = parser.parse_args()
    if args.only:
        heading, section = (
            (BUILD_HEADING, build_section(args.articles, args.workers, not args.no_compiled))
            if args.only == "build"
            else ("## Network report", report_section(args.entities, args.networkx_at))
            if args.only == "report"
            else ("## Explorer first render", view_section(args.view_entities))
            if args.only == "view"
            else (QUERY_HEADING, query_section(args.query_triples))
        )
        old = args.out.read_text(encoding="utf-8") if args.out.exists() else "\n".join(HEADER)
        # the build section's own subheadings are "##": it ends where the queries' starts
        until = QUERY_HEADING if args.only == "build" else ""
        text = replace_section(old, heading, section, until)
    else:
        text = "\n".join(
            [
                *HEADER,
                f"Machine: {machine()}.",
                "",
                *store_section(args.triples),
                *extraction_section(),
                *build_section(args.articles, args.workers, not args.no_compiled),
                *query_section(args.query_triples),
                *report_section(args.entities, args.networkx_at),
                *view_section(args.view_entities),
            ]
        )
    args.out.write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
