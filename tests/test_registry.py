"""The entity registry: the shipped data keeps its schema, bad files get clear errors."""

from __future__ import annotations

import json
from pathlib import Path

import pycountry
import pytest

from kg.errors import RegistryError
from kg.model import ENTITY_TYPES
from kg.names import normalize_name
from kg.registry import Registry, load_registry, read_registry_file
from kg.resources import registry_dir

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "eval" / "seeds"


@pytest.fixture(scope="module")
def registry() -> Registry:
    return load_registry()


def test_every_file_is_sorted_by_id_and_uses_only_known_keys() -> None:
    for path in sorted(registry_dir().glob("*.jsonl")):
        ids = [json.loads(line)["id"] for line in path.read_text(encoding="utf-8").splitlines()]
        assert ids == sorted(ids), f"{path.name} is not sorted by id"
        assert list(read_registry_file(path))


def test_every_sovereign_state_with_a_valid_iso_code(registry: Registry) -> None:
    states = [e for e in registry if e.type == "State"]
    assert len(states) >= 197  # 193 UN members, 2 observers, Taiwan, Kosovo
    codes = [e.iso3166 for e in states]
    assert len(set(codes)) == len(codes)
    for code in codes:
        # a former state keeps its withdrawn code (ISO 3166-3): the Soviet Union's SU
        assert (
            code == "XK"
            or pycountry.countries.get(alpha_2=code)
            or pycountry.historic_countries.get(alpha_2=code)
        ), code


@pytest.mark.parametrize(
    "name, entity_id",
    [
        ("Moscow", "russia"),
        ("the Kremlin", "russia"),
        ("Washington", "united-states"),
        ("Beijing", "china"),
        ("U.S.", "united-states"),
        ("Britain", "united-kingdom"),
        ("Russian", "russia"),
        ("Chinese", "china"),
        ("Türkiye", "turkey"),
        ("Kyiv", "ukraine"),
    ],
)
def test_names_demonyms_and_capitals_of_states(
    registry: Registry, name: str, entity_id: str
) -> None:
    found = registry.lookup(name)
    assert [e.id for e in found if e.type == "State"] == [entity_id]
    # A capital is also a city ("held in Moscow"): a homonym, never a second state.
    assert all(e.type == "Place" for e in found if e.id != entity_id)


@pytest.mark.parametrize(
    "name", ["EU", "UN", "CIS", "SCO", "BRICS", "G7", "G20", "NATO", "OPEC", "ASEAN", "EAEU"]
)
def test_main_intergovernmental_bodies(registry: Registry, name: str) -> None:
    found = registry.lookup(name)
    assert found and all(e.type == "Organization" for e in found), name


def test_demonyms_and_metonyms_point_to_one_state_each(registry: Registry) -> None:
    owner: dict[str, str] = {}
    for entity in registry:
        for name in (*entity.demonyms, *entity.metonyms):
            key = normalize_name(name)
            assert owner.setdefault(key, entity.id) == entity.id, (
                f"{name!r}: {owner[key]} and {entity.id}"
            )


def _seed_entities() -> list[dict[str, object]]:
    return [
        e for path in sorted(SEEDS.glob("*.json")) for e in json.loads(path.read_text())["entities"]
    ]


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/eval/seeds is not beside the repo")
@pytest.mark.parametrize(
    "gold", _seed_entities() if SEEDS.is_dir() else [], ids=lambda g: str(g["name"])
)
def test_every_seed_entity_is_in_the_registry(registry: Registry, gold: dict[str, object]) -> None:
    names = [str(gold["name"]), *[str(a) for a in gold.get("aliases", [])]]  # type: ignore[attr-defined]
    types = gold["type"] if isinstance(gold["type"], list) else [gold["type"]]
    found = {e.id: e for name in names for e in registry.lookup(name)}
    assert any(e.type in types for e in found.values()), f"{gold['name']}: found {sorted(found)}"


def test_types_are_the_closed_set(registry: Registry) -> None:
    assert {e.type for e in registry} <= set(ENTITY_TYPES)


@pytest.mark.parametrize(
    "line, problem",
    [
        ('{"id": "x", "label": "X", "type": "Company"', "invalid JSON"),
        ('{"id": "x", "label": "X", "type": "Company", "colour": "red"}', "unknown key"),
        ('{"id": "X Corp", "label": "X", "type": "Company"}', "not a slug"),
        ('{"id": "x", "label": "X", "type": "Firm"}', "unknown type"),
        ('{"id": "x", "label": "X", "type": "State"}', "iso3166"),
        (
            '{"id": "x", "label": "X", "type": "Company", "aliases": "Y"}',
            "list of non-empty strings",
        ),
        ('["x"]', "JSON object"),
    ],
)
def test_a_bad_line_names_file_and_line(tmp_path: Path, line: str, problem: str) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text(
        '{"id": "ok", "label": "OK", "type": "Company"}\n' + line + "\n", encoding="utf-8"
    )
    with pytest.raises(RegistryError, match=problem) as err:
        load_registry(tmp_path)
    assert err.value.line == 2
    assert str(err.value).startswith(f"{path}:2")


def test_a_duplicate_id_across_files_names_both_places(tmp_path: Path) -> None:
    entry = '{"id": "acme", "label": "Acme", "type": "Company"}\n'
    (tmp_path / "a.jsonl").write_text(entry, encoding="utf-8")
    (tmp_path / "b.jsonl").write_text(entry, encoding="utf-8")
    with pytest.raises(RegistryError, match=r"already defined at a\.jsonl:1"):
        load_registry(tmp_path)


def test_homonyms_keep_their_own_ids(tmp_path: Path) -> None:
    (tmp_path / "r.jsonl").write_text(
        '{"id": "georgia", "label": "Georgia", "type": "State", "iso3166": "GE"}\n'
        '{"id": "georgia-us-state", "label": "Georgia", "type": "Place", "class": "Region"}\n',
        encoding="utf-8",
    )
    reg = load_registry(tmp_path)
    assert sorted(e.id for e in reg.lookup("georgia")) == ["georgia", "georgia-us-state"]


def test_a_non_utf8_registry_file(tmp_path: Path) -> None:
    (tmp_path / "r.jsonl").write_bytes(b'{"id": "x", "label": "Caf\xe9", "type": "Company"}\n')
    with pytest.raises(RegistryError, match="UTF-8"):
        load_registry(tmp_path)
