"""The mypyc build of kg (``bench/compiled.py``): what its source copy holds, what it compiles."""

from __future__ import annotations

import shutil
import tomllib
from pathlib import Path

from bench import compiled


def test_the_source_copy_leaves_out_environments_builds_and_compiled_modules(
    tmp_path: Path,
) -> None:
    source = tmp_path / "src"
    for rel in (
        "kg/extract/mentions.py",
        "kg/extract/mentions.cpython-311-x86_64-linux-gnu.so",
        "kg/__pycache__/cli.cpython-311.pyc",
        ".venv/bin/python",
        ".git/HEAD",
        "build/lib/kg/x.py",
        "dist/kg-0.1.0.whl",
        "data/devset/1049_pif.txt",
    ):
        path = source / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x", encoding="utf-8")
    copy = tmp_path / "copy"
    shutil.copytree(source, copy, ignore=compiled.SKIP)
    got = sorted(p.relative_to(copy).as_posix() for p in copy.rglob("*") if p.is_file())
    assert got == ["data/devset/1049_pif.txt", "kg/extract/mentions.py"]


def test_the_mypyc_hook_is_off_by_default_and_names_modules_that_exist() -> None:
    project = tomllib.loads((compiled.REPO / "pyproject.toml").read_text(encoding="utf-8"))
    hook = project["tool"]["hatch"]["build"]["targets"]["wheel"]["hooks"]["mypyc"]
    # an editable or plain install stays pure Python: no compiled module shadows a source
    assert hook["enable-by-default"] is False
    for path in (*hook["include"], *hook["exclude"]):
        assert (compiled.REPO / path).exists(), f"pyproject.toml's mypyc hook names {path}"
    assert "kg/extract/pairs.py" in hook["exclude"]  # its numpy code is slower compiled
