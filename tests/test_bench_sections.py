"""bench/run.py rewrites one section of bench/RESULTS.md and keeps the rest."""

from __future__ import annotations

from bench.run import BUILD_HEADING, QUERY_HEADING, replace_section

RESULTS = "\n".join(
    [
        "# Benchmark results",
        "",
        "## Registry",
        "old registry",
        "",
        BUILD_HEADING,
        "",
        "## Extraction alone",
        "old extraction",
        "",
        QUERY_HEADING,
        "queries",
        "",
        "## Network report",
        "report",
    ]
)


def test_the_build_section_ends_where_the_queries_start() -> None:
    new = [BUILD_HEADING, "", "## Extraction alone", "new extraction", ""]
    text = replace_section(RESULTS, BUILD_HEADING, new, QUERY_HEADING)
    assert "new extraction" in text and "old extraction" not in text
    # its own "##" subheadings did not end it, and what follows it is kept
    assert text.index(BUILD_HEADING) < text.index(QUERY_HEADING) < text.index("report")
    assert "old registry" in text and "queries" in text


def test_a_second_level_section_ends_at_the_next_heading_of_its_level() -> None:
    text = replace_section(RESULTS, "## Network report", ["## Network report", "new report"])
    assert text.endswith("new report\n")
    assert "old extraction" in text and "queries" in text
    text = replace_section(RESULTS, "## Registry", ["## Registry", "new registry", ""])
    assert "new registry" in text and "old registry" not in text
    assert BUILD_HEADING in text
