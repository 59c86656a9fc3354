"""Extraction and build speed on synthetic news, with peak memory, in one run.

For each corpus size, ``bench/newsgen.py`` writes a corpus into a temporary
folder; then each measurement runs in its own child process, so its peak
memory (max RSS) is its own:

* extraction alone: the articles are read (``kg.ingest.read_articles``) and
  one :class:`~kg.extract.extractor.Extractor` is built, untimed; only
  ``extract_many`` is timed;
* ``kg.pipeline.build`` end to end (read, extract, resolve, write the store)
  into a fresh store, with one worker and then with more.

    python -m bench.build_bench                      # 500, 1,000, 2,000 articles
    python -m bench.build_bench --articles 10000     # the 5M-word run of ``make bench``
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from bench import newsgen
from bench.compiled import build_wheel, install
from bench.run import machine

REPO = Path(__file__).resolve().parent.parent

#: Code run in a child process; it prints one JSON line of results.
TASKS = {
    "extract": """
import hashlib, sys
from pathlib import Path
from kg.extract.extractor import Extractor
from kg.ingest import read_articles
from kg.registry import load_registry
from kg.resources import registry_dir
articles = list(read_articles([Path({corpus!r})]).articles)
extractor = Extractor(load_registry(registry_dir()))
t = time.perf_counter()
done = extractor.extract_many(articles)
seconds = time.perf_counter() - t
digest = hashlib.sha256()
for x in done:
    digest.update(repr((x.article.id, x.entities, x.claims)).encode())
print(json.dumps({{
    "seconds": seconds,
    "articles": len(articles),
    "words": sum(len(a.text.split()) for a in articles),
    "claims": sum(len(x.claims) for x in done),
    "digest": digest.hexdigest(),
    "compiled": not sys.modules["kg.extract.mentions"].__file__.endswith(".py"),
}}))
""",
    "build": """
from kg import pipeline
t = time.perf_counter()
report = pipeline.build([{corpus!r}], store={store!r}, workers={workers})
seconds = time.perf_counter() - t
print(json.dumps({{"seconds": seconds, "articles": report.articles, "claims": report.claims}}))
""",
}


def run_task(name: str, *, kg_from: Path | None = None, **params: object) -> dict[str, Any]:
    """Run one measurement in a fresh Python process; add its peak memory in MiB.

    ``peak_mib`` is the child's own maximum resident set size; ``workers_peak_mib``
    the largest of the processes it started and waited for (0 when none).
    ``kg_from``: a folder holding another build of kg (bench/compiled.py) that
    the child imports in place of the repository's (it runs there: ``python -c``
    puts its working folder first on the path).
    """
    code = (
        "import json, resource, time\n" + TASKS[name].format(**params) + "print(json.dumps({"
        '"self": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, '
        '"children": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}))\n'
    )
    proc = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=kg_from or REPO,
        check=False,
    )
    if proc.returncode != 0:
        raise RuntimeError(f"{name} failed ({proc.returncode}):\n{proc.stderr[-3000:]}")
    *_, timing, peak = proc.stdout.strip().splitlines()
    result: dict[str, Any] = json.loads(timing)
    kib = json.loads(peak)
    result["peak_mib"] = kib["self"] / 1024  # ru_maxrss is in KiB on Linux
    result["workers_peak_mib"] = kib["children"] / 1024
    return result


def measure_size(
    articles: int,
    work: Path,
    *,
    workers: Sequence[int] = (1, 2),
    words: int = 500,
    seed: int = 7,
    compiled: Path | None = None,
) -> dict[str, Any]:
    """Generate ``articles`` articles under ``work``; time extraction and builds on them.

    ``compiled``: a folder with the mypyc build of kg installed (bench/compiled.py),
    whose extraction is timed too and must give the same output.
    """
    corpus = work / f"news-{articles}"
    started = time.perf_counter()
    total = newsgen.generate(corpus, articles, seed=seed, words=words)
    generated = time.perf_counter() - started
    extract = _extract(corpus)
    fast = None
    if compiled is not None:
        fast = _extract(corpus, compiled)
        if not fast["compiled"]:
            raise RuntimeError(f"{compiled} holds no compiled kg.extract")
        if fast["digest"] != extract["digest"]:
            raise RuntimeError(
                f"the compiled build's extraction of {articles:,} articles differs from "
                "the pure-Python one's: do not ship it"
            )
    builds: dict[int, dict[str, Any]] = {}
    for n in workers:
        store = work / f"store-{articles}-w{n}"
        build = run_task("build", corpus=str(corpus), store=str(store), workers=n)
        build["words_per_s"] = total / build["seconds"]
        build["articles_per_s"] = build["articles"] / build["seconds"]
        build["seconds_per_1000"] = build["seconds"] * 1000 / max(1, build["articles"])
        builds[n] = build
    base = builds.get(1) or builds[min(builds)]
    speedup = {n: base["seconds"] / b["seconds"] for n, b in builds.items()}
    return {
        "articles": articles,
        "words": total,
        "generate_seconds": generated,
        "extract": extract,
        "extract_compiled": fast,
        "build": builds,
        "speedup": speedup,
    }


def _extract(corpus: Path, kg_from: Path | None = None) -> dict[str, Any]:
    result = run_task("extract", corpus=str(corpus), kg_from=kg_from)
    result["words_per_s"] = result["words"] / result["seconds"]
    result["articles_per_s"] = result["articles"] / result["seconds"]
    return result


def measure(
    sizes: Sequence[int] = (500, 1000, 2000),
    workers: Sequence[int] = (1, 2),
    *,
    words: int = 500,
    seed: int = 7,
    progress: bool = False,
    compiled: bool = False,
) -> dict[str, Any]:
    """Measure extraction and builds at each corpus size; return the numbers.

    The result holds ``machine`` (a description), ``words`` and ``seed`` (of the
    generated news), ``workers`` and ``runs``: one dict per size with
    ``articles``, ``words``, ``extract`` and ``build`` (by worker count: seconds,
    words/s, articles/s, seconds per 1,000 articles, peak MiB) and ``speedup``.
    With ``compiled``, kg's mypyc wheel is built (bench/compiled.py) and each
    run also holds ``extract_compiled``, its extraction of the same articles.
    """
    runs = []
    with tempfile.TemporaryDirectory(prefix="kg-build-bench-") as tmp:
        site = None
        if compiled:
            if progress:
                print("... building the mypyc wheel", file=sys.stderr, flush=True)
            wheel = build_wheel(Path(tmp) / "dist")
            site = install(wheel, Path(tmp) / "compiled-kg")
        for size in sizes:
            if progress:
                print(f"... {size:,} articles", file=sys.stderr, flush=True)
            runs.append(
                measure_size(
                    size, Path(tmp), workers=workers, words=words, seed=seed, compiled=site
                )
            )
    return {
        "machine": machine(),
        "words": words,
        "seed": seed,
        "workers": list(workers),
        "runs": runs,
    }


def markdown(result: dict[str, Any]) -> str:
    """The results as a Markdown section: a table per measurement and a linearity line."""
    workers = [n for n in result["workers"] if n != 1]
    lines = [
        "# Extraction and build benchmark",
        "",
        "Written by `python -m bench.build_bench`. Synthetic news from `bench/newsgen.py` "
        f"(seed {result['seed']}, about {result['words']} words an article). Each measurement "
        "runs in its own process; peak memory is that process's maximum resident set size "
        "(for builds with workers, the largest worker's is given after the slash).",
        "",
        f"Machine: {result['machine']}.",
        "",
        "## Extraction alone",
        "",
        "Articles read and one extractor built first, untimed; `Extractor.extract_many` timed.",
        "",
        "| articles | words | seconds | words/s | articles/s | peak MiB |",
        "| ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for run in result["runs"]:
        x = run["extract"]
        lines.append(
            f"| {x['articles']:,} | {x['words']:,} | {x['seconds']:.1f} | "
            f"{x['words_per_s']:,.0f} | {x['articles_per_s']:,.1f} | {x['peak_mib']:,.0f} |"
        )
    fast = [run for run in result["runs"] if run.get("extract_compiled")]
    if fast:
        lines += [
            "",
            "The same, with kg's extraction modules compiled by mypyc (`make wheel`, "
            "bench/compiled.py), in its own process after the pure-Python run; its output "
            "(entities and claims of every article) is checked to be the same.",
            "",
            "| articles | words | seconds | words/s | articles/s | peak MiB | compiled / pure |",
            "| ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
        ]
        for run in fast:
            x, pure = run["extract_compiled"], run["extract"]
            lines.append(
                f"| {x['articles']:,} | {x['words']:,} | {x['seconds']:.1f} | "
                f"{x['words_per_s']:,.0f} | {x['articles_per_s']:,.1f} | "
                f"{x['peak_mib']:,.0f} | {pure['seconds'] / x['seconds']:.2f}x |"
            )
    lines += [
        "",
        "## `kg.pipeline.build` end to end",
        "",
        "Read, extract, resolve and write into a fresh store.",
        "",
        "| articles | words | workers | seconds | words/s | articles/s | speed-up | peak MiB |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for run in result["runs"]:
        for n, b in sorted(run["build"].items()):
            peak = f"{b['peak_mib']:,.0f}"
            if n > 1:
                peak += f" / {b['workers_peak_mib']:,.0f}"
            lines.append(
                f"| {run['articles']:,} | {run['words']:,} | {n} | {b['seconds']:.1f} | "
                f"{b['words_per_s']:,.0f} | {b['articles_per_s']:,.1f} | "
                f"{run['speedup'][n]:.2f}x | {peak} |"
            )
    lines.append("")
    for n in [1, *workers]:
        points = [
            (run["articles"], run["build"][n]["seconds_per_1000"])
            for run in result["runs"]
            if n in run["build"]
        ]
        if not points:
            continue
        values = [s for _, s in points]
        spread = max(values) / min(values) if min(values) > 0 else float("nan")
        shown = ", ".join(f"{a:,}: {s:.1f} s" for a, s in points)
        lines.append(
            f"Linearity (build, {n} worker{'s' if n > 1 else ''}), seconds per 1,000 articles: "
            f"{shown} (largest / smallest {spread:.2f})."
        )
        lines.append("")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--articles",
        type=int,
        nargs="+",
        default=[500, 1000, 2000],
        help="corpus sizes to measure (default: 500 1000 2000; `make bench` uses 10000)",
    )
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--words", type=int, default=500, help="words an article (about)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--compiled",
        action="store_true",
        help="also time extraction with the mypyc build (needs a C compiler)",
    )
    parser.add_argument("--out", type=Path, help="also write the Markdown here")
    parser.add_argument("--json", type=Path, help="also write the raw numbers here")
    args = parser.parse_args(argv)
    result = measure(
        args.articles,
        args.workers,
        words=args.words,
        seed=args.seed,
        progress=True,
        compiled=args.compiled,
    )
    text = markdown(result)
    if args.out:
        args.out.write_text(text, encoding="utf-8")
    if args.json:
        args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
