"""kg as a wheel whose extraction modules are compiled with mypyc.

The ``mypyc`` build hook in pyproject.toml is off by default, so an editable
or a plain install stays pure Python. This module turns it on for one build,
made from a copy of the working tree so that no compiled module is left
beside the sources (Python would import it in place of an edited ``.py``):

    python -m bench.compiled --dist dist     # what `make wheel` runs

``make bench`` builds the same wheel into a temporary folder, installs it
there and measures extraction with it, beside the pure-Python run, checking
that both give the same output. It needs a C compiler and the package index
(pip fetches hatch-mypyc, mypy and kg's dependencies for the build).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

#: What a copy of the working tree leaves out: caches, builds, environments and
#: compiled modules that an earlier build may have left.
SKIP = shutil.ignore_patterns(
    ".git",
    ".venv",
    ".kg",
    "build",
    "dist",
    "__pycache__",
    ".mypy_cache",
    ".ruff_cache",
    ".pytest_cache",
    "*.egg-info",
    "*.so",
)


class BuildError(RuntimeError):
    """The compiled wheel could not be built or installed."""


def _run(args: Sequence[str], what: str, env: dict[str, str] | None = None) -> None:
    proc = subprocess.run(list(args), capture_output=True, text=True, env=env, check=False)
    if proc.returncode != 0:
        tail = (proc.stdout + proc.stderr).strip().splitlines()[-1:] or ["no output"]
        raise BuildError(
            f"{what} failed (exit {proc.returncode}): {tail[0]}; it needs a C compiler "
            "and the package index; run `python -m bench.compiled --dist dist` to see all"
        )


def build_wheel(dist: Path, repo: Path = REPO) -> Path:
    """Build the compiled wheel from a copy of ``repo`` into ``dist``; return its path."""
    dist.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="kg-wheel-") as tmp:
        source = Path(tmp) / "src"
        shutil.copytree(repo, source, ignore=SKIP, symlinks=True)
        out = Path(tmp) / "out"
        env = {**os.environ, "HATCH_BUILD_HOOKS_ENABLE": "1"}
        pip = [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet"]
        _run([*pip, "--wheel-dir", str(out), str(source)], "building the mypyc wheel", env)
        (wheel,) = out.glob("kg-*.whl")
        if wheel.name.endswith("-none-any.whl"):
            raise BuildError(f"{wheel.name} is pure Python: the mypyc build hook did not run")
        # copied in under a temporary name and renamed: no half-written wheel in dist
        part = dist / (wheel.name + ".part")
        shutil.copyfile(wheel, part)
        return Path(shutil.move(part, dist / wheel.name))


def install(wheel: Path, target: Path) -> Path:
    """Install ``wheel`` alone (no dependencies) into the empty folder ``target``.

    Put ``target`` first on ``sys.path`` (``PYTHONPATH``, or run from it) to
    import the compiled kg; its dependencies come from the running environment.
    """
    cmd = [sys.executable, "-m", "pip", "install", "--no-deps", "--quiet"]
    _run([*cmd, "--target", str(target), str(wheel)], f"installing {wheel.name}")
    return target


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dist", type=Path, default=Path("dist"), help="folder for the wheel")
    args = parser.parse_args(argv)
    try:
        wheel = build_wheel(args.dist)
    except BuildError as exc:
        print(f"bench.compiled: error: {exc}", file=sys.stderr)
        return 1
    print(wheel)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
