"""The command line: data on stdout, one-line errors, help everywhere, API mirror."""

from __future__ import annotations

import inspect
import json
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

import kg
from kg.cli import app
from tests.conftest import run_kg

runner = CliRunner()
COMMANDS = sorted(c.name or c.callback.__name__ for c in app.registered_commands if c.callback)


def test_the_commands_are_there() -> None:
    assert COMMANDS == [
        "build",
        "eval",
        "export",
        "extract",
        "load",
        "neighbors",
        "path",
        "push",
        "query",
        "report",
        "serve",
        "stats",
        "validate",
        "view",
    ]


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_has_help(name: str) -> None:
    result = runner.invoke(app, [name, "--help"])
    assert result.exit_code == 0
    assert "Usage" in result.output
    if name not in ("extract", "eval"):  # they read articles, not the store
        assert "--store" in result.output


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_has_a_python_function_with_the_same_options(name: str) -> None:
    command = next(c for c in app.registered_commands if (c.name or c.callback.__name__) == name)
    assert command.callback is not None
    # --list only prints the saved queries (kg.saved_queries() in Python)
    cli_params = set(inspect.signature(command.callback).parameters) - {"as_json", "list_saved"}
    # path and neighbors take the entities as positional arguments, like the command
    function = {"eval": "evaluate"}.get(name, name)  # `eval` is a Python builtin
    # progress, ready and log are callbacks for library callers; the CLI prints its own
    callbacks = {"progress", "ready", "log"}
    api_params = set(inspect.signature(getattr(kg, function)).parameters) - callbacks
    assert cli_params == api_params


def test_load_stats_export_validate(tmp_path: Path, golden_file: Path) -> None:
    store = str(tmp_path / "s")
    loaded = run_kg("load", str(golden_file), "--store", store)
    assert loaded.returncode == 0, loaded.stderr
    assert loaded.stdout == ""  # messages go to stderr
    assert "new quads" in loaded.stderr
    stats = run_kg("stats", "--store", store, "--json")
    data = json.loads(stats.stdout)
    assert data["claims"] == 6 and data["ties"] == 4 and data["entity_types"]["Company"] == 3
    assert data["predicates"]["ownsStakeIn"] == {"ties": 2, "claims": 2}
    assert data["sources"] == {"Example News": {"articles": 1, "claims": 6}}
    table = run_kg("stats", "--store", store)
    assert "ownsStakeIn" in table.stdout and "Example News" in table.stdout
    exported = run_kg("export", "--format", "nquads", "--store", store)
    assert exported.stdout == golden_file.read_text(encoding="utf-8")
    valid = run_kg("validate", "--store", store)
    assert valid.returncode == 0 and "conforms" in valid.stdout


def test_validate_exits_1_on_violations(tmp_path: Path, ttl_file: Path) -> None:
    store = str(tmp_path / "s")
    run_kg(
        "load", str(ttl_file), "--store", store
    )  # a shortcut triple with no claim, asset unlabeled
    result = run_kg("validate", "--store", store)
    assert result.returncode == 1
    assert "No kg:Claim backs" in result.stdout
    assert "violation(s)" in result.stdout


@pytest.mark.parametrize(
    "args, message",
    [
        (["load", "{tmp}/missing.ttl"], "missing.ttl: no such file or folder"),
        (["load", "{tmp}/bad.ttl"], "bad.ttl:2:"),
        (["stats"], "no store here"),
        (["export", "--format", "rdfxml"], "unknown format 'rdfxml'"),
        (["export", "--out", "{tmp}/no/such/dir/out.trig"], "cannot write"),
        (["validate"], "no store here"),
    ],
)
def test_user_errors_are_one_line_without_traceback(
    tmp_path: Path, golden_file: Path, args: list[str], message: str
) -> None:
    (tmp_path / "bad.ttl").write_text("@prefix x: <http://x/> .\nx:a x:b .\n", encoding="utf-8")
    if "--out" in args:
        run_kg("load", str(golden_file), "--store", str(tmp_path / "s"))
    store = tmp_path / ("s" if "--out" in args else "empty-store")
    result = run_kg(*[a.format(tmp=tmp_path) for a in args], "--store", str(store))
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("kg: error: ") and message in lines[0]
    assert "Traceback" not in result.stderr


def test_store_comes_from_the_environment(
    tmp_path: Path, golden_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KG_STORE", str(tmp_path / "env-store"))
    assert runner.invoke(app, ["load", str(golden_file)]).exit_code == 0
    assert (tmp_path / "env-store" / "kg-store.json").exists()


def test_python_m_kg_and_bad_usage() -> None:
    result = run_kg("--help")
    assert result.returncode == 0 and "load" in result.stdout
    result = run_kg("load")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert isinstance(app, typer.Typer)
