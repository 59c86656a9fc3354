"""The explorer in a real headless Chromium with no network: drawn, searchable, and inert."""

from __future__ import annotations

import inspect
import json
import time
from pathlib import Path

import pytest

import kg
from bench.report_bench import synthetic
from kg.errors import KgError, OutputError
from kg.explorer import MAX_NODES, build_view
from kg.projection import Projection
from tests.browser import CHROMIUM, Page, chromium
from tests.conftest import run_kg

EVIL_LABEL = '<img src=x onerror="window.kgPwned=1">Evil Corp'
EVIL_SENTENCE = "<script>window.kgPwned=2</script>Evil Corp partners with Alibaba, see href."

TRIG = """@prefix kg: <https://w3id.org/kg/ontology#> .
@prefix kge: <https://w3id.org/kg/entity/> .
@prefix kga: <https://w3id.org/kg/article/> .
@prefix kgc: <https://w3id.org/kg/claim/> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
kga:a1 {
  kga:a1 a kg:Article ; dcterms:publisher "Example <b>News</b>" ;
      dcterms:issued "2020-01-02"^^xsd:date .
  kge:evil a kg:Company ; rdfs:label %s .
  kge:alibaba a kg:Company ; rdfs:label "Alibaba" .
  kge:china a kg:State ; rdfs:label "China" .
  kge:evil kg:partnerOf kge:alibaba .
  kge:alibaba kg:basedIn kge:china .
  kgc:c1 a kg:Claim ; rdf:subject kge:evil ; rdf:predicate kg:partnerOf ;
      rdf:object kge:alibaba ; kg:evidence %s ; kg:reportedOn "2020-01-02"^^xsd:date ;
      prov:wasDerivedFrom kga:a1 .
  kgc:c2 a kg:Claim ; rdf:subject kge:alibaba ; rdf:predicate kg:basedIn ;
      rdf:object kge:china ; kg:evidence "Alibaba is based in China." ;
      kg:reportedOn "2020-01-02"^^xsd:date ; prov:wasDerivedFrom kga:a1 .
}
"""


def _quote(text: str) -> str:
    return json.dumps(text)  # a JSON string is a valid Turtle string for this text


@pytest.fixture
def evil_store(tmp_path: Path) -> Path:
    data = tmp_path / "evil.trig"
    data.write_text(TRIG % (_quote(EVIL_LABEL), _quote(EVIL_SENTENCE)), encoding="utf-8")
    store = tmp_path / "store"
    kg.load([data], store=store)
    return store


def test_the_html_is_self_contained_and_escapes_the_panel(evil_store: Path, tmp_path: Path) -> None:
    out = tmp_path / "view.html"
    result = kg.view(out=out, store=evil_store)
    assert (result.nodes, result.edges, result.message) == (3, 2, None)
    page = out.read_text(encoding="utf-8")
    assert 'src="http' not in page and 'href="http' not in page  # nothing to fetch
    assert "vis.Network" in page
    assert EVIL_LABEL not in page and "<script>window.kgPwned" not in page
    assert not (tmp_path / "lib").exists() and not Path("lib").exists()
    # the same input gives the same bytes
    kg.view(out=tmp_path / "again.html", store=evil_store)
    assert (tmp_path / "again.html").read_bytes() == out.read_bytes()


def test_view_errors(evil_store: Path, tmp_path: Path) -> None:
    with pytest.raises(KgError, match=r"unknown entity 'Alibbaba'.*Alibaba \(alibaba\)"):
        kg.view(out=tmp_path / "v.html", store=evil_store, focus="Alibbaba")
    with pytest.raises(OutputError, match="cannot write"):
        kg.view(out=tmp_path / "missing" / "v.html", store=evil_store)
    assert not (tmp_path / "missing").exists()
    with pytest.raises(KgError, match="the graph is empty"):
        kg.view(out=tmp_path / "v.html", store=evil_store, predicates=["sanctions"])


def test_top_and_focus_views_say_what_they_show(evil_store: Path, tmp_path: Path) -> None:
    top = kg.view(out=tmp_path / "top.html", store=evil_store, top=2)
    assert top.nodes == 2 and top.message is not None and "top 2" in top.message
    ego = kg.view(out=tmp_path / "ego.html", store=evil_store, focus="china", hops=1)
    assert ego.nodes == 2 and ego.message is None
    # the command says so on stderr
    cli = run_kg(
        "view", "--out", str(tmp_path / "cli.html"), "--store", str(evil_store), "--top", "2"
    )
    assert cli.returncode == 0, cli.stderr
    assert "kg: The graph has 3 entities; showing the top 2 by centrality" in cli.stderr


def test_a_graph_over_the_cap_gets_a_top_n_view_by_default() -> None:
    result = build_view(Projection(graph=synthetic(MAX_NODES + 1)))
    assert (result.nodes, result.total_nodes) == (MAX_NODES, MAX_NODES + 1)
    assert result.message is not None and f"showing the top {MAX_NODES}" in result.message
    # the command and the Python function share the cap
    assert inspect.signature(kg.view).parameters["top"].default == MAX_NODES


def _settles(page: Page) -> None:
    """Physics runs after the first frame, then stops: the nodes no longer move."""
    page.wait_for("window.kgStabilized", timeout=60)
    before = page.eval("JSON.stringify(network.getPositions())")
    time.sleep(0.3)
    assert page.eval("JSON.stringify(network.getPositions())") == before
    assert page.eval("window.kgFirstDraw < window.kgStabilizedAt")


def _has_pixels(page: Page) -> bool:
    return bool(
        page.eval(
            "(function(){var c=document.querySelector('#mynetwork canvas');"
            "var d=c.getContext('2d').getImageData(0,0,c.width,c.height).data;"
            "for(var i=3;i<d.length;i+=4){if(d[i]>0)return true}return false})()"
        )
    )


@pytest.mark.skipif(CHROMIUM is None, reason="needs Debian's chromium (.ci/run installs it)")
def test_explorer_draws_in_headless_chromium_without_running_article_text(
    evil_store: Path, tmp_path: Path
) -> None:
    out = tmp_path / "view.html"
    kg.view(out=out, store=evil_store)
    with chromium() as page:
        page.call("Page.navigate", url=out.as_uri())
        page.wait_for("window.kgFirstDraw !== undefined")
        assert page.eval("document.querySelectorAll('#mynetwork canvas').length") == 1
        assert page.eval("nodes.getIds().sort()") == ["alibaba", "china", "evil"]
        assert page.eval("nodes.get('evil').label") == EVIL_LABEL  # drawn as text on the canvas
        assert _has_pixels(page)
        _settles(page)
        assert page.eval("window.kgSearch('alib')") == ["alibaba"]
        # hover the evil node: its tooltip shows the label as text
        xy = page.eval(
            "(function(){var p=network.canvasToDOM(network.getPositions(['evil']).evil);"
            "var r=document.getElementById('mynetwork').getBoundingClientRect();"
            "return [p.x+r.left,p.y+r.top]})()"
        )
        for dx in (0, 1):
            page.call("Input.dispatchMouseEvent", type="mouseMoved", x=xy[0] + dx, y=xy[1])
        tip = page.wait_for(
            "(function(){var t=document.querySelector('div.vis-tooltip');"
            "return t && t.style.visibility!=='hidden' && t.innerText})()",
            timeout=10,
        )
        assert EVIL_LABEL in tip
        # the sentence lives in an edge tooltip: show it through vis's own popup path
        assert EVIL_SENTENCE in page.eval("edges.get().map(function(e){return e.title}).join()")
        time.sleep(0.3)
        assert page.eval("window.kgPwned") is None
        assert page.eval("document.querySelectorAll('img').length") == 0
        assert (
            page.eval(
                "Array.from(document.scripts).filter(function(s){"
                "return s.textContent.trim().indexOf('window.kgPwned')===0}).length"
            )
            == 0
        )
        assert page.eval("document.querySelector('#kg-panel').innerText").count("Company") >= 1


@pytest.mark.skipif(CHROMIUM is None, reason="needs Debian's chromium (.ci/run installs it)")
def test_a_page_of_the_default_cap_draws_in_headless_chromium(tmp_path: Path) -> None:
    result = build_view(Projection(graph=synthetic(MAX_NODES)))
    out = tmp_path / "big.html"
    out.write_text(result.html, encoding="utf-8")
    with chromium() as page:
        page.call("Page.navigate", url=out.as_uri())
        page.wait_for("window.kgFirstDraw !== undefined", timeout=60)
        assert page.eval("document.querySelectorAll('#mynetwork canvas').length") == 1
        assert page.eval("[nodes.length, edges.length]") == [MAX_NODES, result.edges]
        assert _has_pixels(page)
        assert page.eval("nodes.get('e000000').title").startswith("Entity 0 (Company)")
        _settles(page)
