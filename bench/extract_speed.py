"""Speed of the rule-based extractor alone, in words per second on one core.

Extraction is what :meth:`kg.extract.extractor.Extractor.extract_many` does
for an article: tokenising, sentence splitting, mention finding and the
relation rules. Ingest and graph building are not timed, and neither is
building the :class:`~kg.extract.extractor.Extractor` (the registry, the
gazetteer and the rules are loaded once, before the clock starts).

``measure(texts)`` is meant to be called from ``bench/run.py``; run this
module on its own to measure the sample corpus::

    python -m bench.extract_speed            # data/corpus + data/devset, x5
"""

from __future__ import annotations

import argparse
import gc
import json
import resource
import time
import tracemalloc
from collections.abc import Sequence
from pathlib import Path

from kg.extract.extractor import Extractor
from kg.model import Article
from kg.registry import load_registry

#: The sample articles measured when the module runs on its own.
CORPORA = (Path("data/corpus"), Path("data/devset"))


def read_texts(folders: Sequence[Path] = CORPORA) -> list[str]:
    """The texts of the ``*.txt`` files in ``folders``, front matter removed."""
    texts = []
    for folder in folders:
        for path in sorted(folder.glob("*.txt")):
            text = path.read_text(encoding="utf-8")
            if text.startswith("---"):
                text = text.split("\n---", 1)[1].split("\n", 1)[1]
            texts.append(text)
    return texts


def _words(texts: Sequence[str]) -> int:
    return sum(len(text.split()) for text in texts)


def _articles(texts: Sequence[str]) -> list[Article]:
    return [Article(id=f"bench-{i}", text=text) for i, text in enumerate(texts)]


def measure(texts: Sequence[str], *, repeat: int = 3, trace: bool = True) -> dict[str, float]:
    """Extraction speed over ``texts`` (the best of ``repeat`` runs) and its memory.

    Returns ``words`` (whitespace-separated words in ``texts``), ``seconds``
    (the best run), ``words_per_s``, ``articles_per_s``; ``cold_words_per_s``
    and ``cold_seconds``: the first run of a new extractor over the distinct
    texts, every text new to it (the extractor and spaCy's tokenizer cache
    what they have seen: names looked up, word splits, so the first articles
    cost more); ``peak_rss_mib`` (the process's peak resident set size after
    the runs: includes the Python interpreter, spaCy and the registry) and,
    with ``trace``, ``peak_traced_mib`` (the most memory Python allocated
    during one more, untimed, run of the extraction alone, by :mod:`tracemalloc`).
    """
    registry = load_registry()
    distinct = list(dict.fromkeys(texts))
    cold_extractor = Extractor(registry)
    gc.collect()
    start = time.perf_counter()
    cold_extractor.extract_many(_articles(distinct))
    cold = time.perf_counter() - start
    del cold_extractor

    extractor = Extractor(registry)
    articles = _articles(texts)
    words = _words(texts)
    extractor.extract_many(articles[:8])  # warm up: lazy tables, caches
    best = float("inf")
    for _ in range(max(1, repeat)):
        gc.collect()
        start = time.perf_counter()
        extractor.extract_many(articles)
        best = min(best, time.perf_counter() - start)
    result = {
        "articles": float(len(articles)),
        "words": float(words),
        "seconds": best,
        "words_per_s": words / best,
        "articles_per_s": len(articles) / best,
        "cold_words": float(_words(distinct)),
        "cold_seconds": cold,
        "cold_words_per_s": _words(distinct) / cold,
        "peak_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }
    if trace:
        gc.collect()
        tracemalloc.start()
        try:
            extractor.extract_many(articles)
            result["peak_traced_mib"] = tracemalloc.get_traced_memory()[1] / 2**20
        finally:
            tracemalloc.stop()
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folders", nargs="*", type=Path, default=list(CORPORA))
    parser.add_argument("--times", type=int, default=5, help="repeat the texts this many times")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs; the best counts")
    args = parser.parse_args()
    texts = read_texts(args.folders) * args.times
    print(json.dumps(measure(texts, repeat=args.repeat), indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
