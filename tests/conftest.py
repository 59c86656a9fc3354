from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent

TTL = """@prefix kg: <https://w3id.org/kg/ontology#> .
@prefix kge: <https://w3id.org/kg/entity/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
kge:alibaba-group a kg:Company ; rdfs:label "Alibaba Group" ; kg:ownsStakeIn kge:aliexpress-russia .
"""


@pytest.fixture
def ttl_file(tmp_path: Path) -> Path:
    path = tmp_path / "small.ttl"
    path.write_text(TTL, encoding="utf-8")
    return path


@pytest.fixture
def golden_file() -> Path:
    return REPO / "tests" / "golden" / "mini.nq"


def run_kg(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run the real command line in a subprocess, as a user would."""
    return subprocess.run(
        [sys.executable, "-m", "kg", *args], capture_output=True, text=True, cwd=cwd, timeout=300
    )
