"""Where the files that ship with kg live.

In a wheel they are package data (``kg/_resources``); in a source checkout
they are the repository's ``ontology/`` and ``data/registry/`` folders.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
_REPO = _PACKAGE.parent


def _find(packaged: str, in_repo: str) -> Path:
    candidate = _PACKAGE / "_resources" / packaged
    return candidate if candidate.exists() else _REPO / in_repo


def ontology_path() -> Path:
    """The OWL ontology, ``ontology/kg.ttl``."""
    return _find("ontology/kg.ttl", "ontology/kg.ttl")


def shapes_path() -> Path:
    """The SHACL shapes, ``ontology/shapes.ttl``."""
    return _find("ontology/shapes.ttl", "ontology/shapes.ttl")


def registry_dir() -> Path:
    """The bundled entity registry, ``data/registry/``."""
    return _find("registry", "data/registry")


def pair_model_path() -> Path:
    """The learned pair model's weights, ``data/models/pairs.json``."""
    return _find("models/pairs.json", "data/models/pairs.json")
