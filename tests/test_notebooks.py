"""The notebooks in notebooks/ run from top to bottom in a real Jupyter kernel.

Each jupytext percent-format script is converted to a notebook and executed
with nbclient in the ``python3`` kernel of the interpreter running the tests
(ipykernel, a dev dependency); a notebook that raises fails its test.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import jupytext
import nbformat
from jupyter_client.kernelspec import NATIVE_KERNEL_NAME, KernelSpecManager
from jupyter_client.manager import KernelManager
from nbclient import NotebookClient

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"


def run_notebook(name: str) -> str:
    """Execute ``notebooks/name`` and return the text of all its outputs."""
    nb = jupytext.read(NOTEBOOKS / name)
    assert nb.metadata["kernelspec"]["name"] == NATIVE_KERNEL_NAME
    # With no kernel folders to search, "python3" is ipykernel's own spec for
    # this interpreter (sys.executable): a python3 kernel installed elsewhere
    # on the machine (another Python, without kg) cannot be picked instead.
    specs = KernelSpecManager(kernel_dirs=[], ensure_native_kernel=True)
    km = KernelManager(kernel_name=NATIVE_KERNEL_NAME, kernel_spec_manager=specs)
    nb.cells.append(nbformat.v4.new_code_cell("import sys; print('kernel:', sys.executable)"))
    client = NotebookClient(
        nb, km=km, timeout=120, resources={"metadata": {"path": str(NOTEBOOKS)}}
    )
    client.execute()
    texts = []
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            assert output["output_type"] != "error", output
            if output["output_type"] == "stream":
                texts.append(output["text"])
            elif "data" in output:
                texts.append(output["data"].get("text/plain", ""))
    nbformat.validate(nb)
    out = "".join(texts)
    assert f"kernel: {sys.executable}" in out
    return out


def test_notebooks_are_all_tested() -> None:
    assert sorted(p.name for p in NOTEBOOKS.glob("*.py")) == [
        "01_build_and_query.py",
        "02_network.py",
    ]


def test_build_and_query_notebook() -> None:
    out = run_notebook("01_build_and_query.py")
    assert "built 24 new articles" in out
    # the stakes query: a percentage from a known article, with its sentence
    assert "Qatar Investment Authority holds 19.5% of Rosneft" in out
    assert "sovereign wealth fund" in out
    # the bound-variable query: who sanctions Rosneft
    assert "United States (2014)" in out


def test_network_notebook() -> None:
    out = run_notebook("02_network.py")
    assert "wrote centrality.csv, report.html, report.json, report.md" in out
    assert "most central entity is Russia" in out
    assert "Glencore -> Vladimir Putin: 3 hops" in out
    # every hop lists the ties behind it
    assert "glencore partnerOf rosneft" in out
    assert "vladimir-putin headOf russia" in out
    # the whole sample graph is drawn (its size moves with the extraction rules)
    assert re.search(r"explorer\.html: (\d+) of \1 entities", out), out
