"""Curated facts compile to the committed TriG, and the README's main job works."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import kg
from kg.errors import InputError
from kg.facts import compile_facts
from kg.registry import load_registry
from tests.conftest import REPO

FACTS = REPO / "data" / "facts"


@pytest.mark.parametrize("source", sorted(FACTS.glob("*.json")), ids=lambda p: p.name)
def test_committed_trig_is_what_the_facts_compile_to(source: Path) -> None:
    committed = source.with_suffix(".trig").read_bytes()
    assert compile_facts(source, load_registry()) == committed, "run `make facts`"


def test_the_seed_story_graph(tmp_path: Path) -> None:
    kg.load([FACTS], store=tmp_path / "s")
    data = kg.stats(store=tmp_path / "s")
    assert data["articles"] == 2
    for predicate in data["predicates"]:
        if predicate != "controls" and predicate != "subsidiaryOf":
            assert data["predicates"][predicate]["ties"] >= 1, predicate
    assert data["predicates"]["ownsStakeIn"]["ties"] == 5
    result = kg.validate(store=tmp_path / "s")
    assert result.conforms, result.report()


def test_a_fact_naming_an_unknown_entity(tmp_path: Path) -> None:
    spec = {
        "articles": [
            {
                "id": "x",
                "facts": [
                    {
                        "text": "Acme owns Foo.",
                        "claims": [
                            {
                                "subject": "acme-unknown",
                                "predicate": "ownsStakeIn",
                                "object": "russia",
                            }
                        ],
                    }
                ],
            }
        ]
    }
    path = tmp_path / "f.json"
    path.write_text(json.dumps(spec), encoding="utf-8")
    with pytest.raises(InputError, match="unknown entity 'acme-unknown'"):
        compile_facts(path, load_registry())


@pytest.mark.slow
def test_make_demo_end_to_end(tmp_path: Path) -> None:
    """The README's main-job command, with this test's own store."""
    venv = Path(sys.prefix)
    result = subprocess.run(
        ["make", "demo", f"VENV={venv}", f"STORE={tmp_path / 'store'}", "-o", f"{venv}/.installed"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "ownsStakeIn" in result.stdout
    assert "conforms" in result.stdout
