"""The on-disk store: creation, refusal of foreign folders, locks, atomic loads."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import kg
from kg.errors import (
    InputError,
    NotAStoreError,
    RdfSyntaxError,
    StoreError,
    StoreLockedError,
    UsageError,
)
from kg.store import open_store


def _snapshot(store: Path) -> bytes:
    result = kg.export("nquads", store=store)
    assert result.data is not None
    return result.data


def test_load_creates_the_store_and_reports(tmp_path: Path, golden_file: Path) -> None:
    report = kg.load([golden_file], store=tmp_path / "s")
    lines = golden_file.read_bytes().count(b"\n")
    assert report.quads_added == report.quads_total == lines
    assert (tmp_path / "s" / "kg-store.json").is_file()
    snapshot = _snapshot(tmp_path / "s")
    again = kg.load([golden_file], store=tmp_path / "s")
    assert (again.quads_added, again.quads_total) == (0, lines)  # loading twice changes nothing
    assert _snapshot(tmp_path / "s") == snapshot


def test_a_failed_load_leaves_the_store_exactly_as_it_was(
    tmp_path: Path, golden_file: Path, ttl_file: Path
) -> None:
    store = tmp_path / "s"
    kg.load([golden_file], store=store)
    before = _snapshot(store)
    bad = tmp_path / "bad.ttl"
    bad.write_text("@prefix x: <http://x/> .\nx:a x:b x:c .\nx:d x:e .\n", encoding="utf-8")
    with pytest.raises(RdfSyntaxError) as err:
        kg.load([ttl_file, bad], store=store)  # the good file comes first
    assert err.value.line == 3
    assert "bad.ttl:3" in str(err.value)
    assert _snapshot(store) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.ttl", "s", "small.ttl"]
    assert sorted(p.name for p in store.iterdir()) == ["kg-store.json", "kg-store.lock", "oxigraph"]


@pytest.mark.parametrize(
    "content, problem",
    [
        (b"", "empty"),
        (b"   \n", "empty"),
        (b'<http://x/a> <http://x/b> "caf\xe9" .\n', "not UTF-8"),
    ],
)
def test_empty_and_non_utf8_files_are_refused(tmp_path: Path, content: bytes, problem: str) -> None:
    path = tmp_path / "f.nt"
    path.write_bytes(content)
    with pytest.raises(InputError, match=problem):
        kg.load([path], store=tmp_path / "s")


def test_missing_path_and_folder_without_rdf(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        kg.load([tmp_path / "missing.ttl"], store=tmp_path / "s")
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "readme.txt").write_text("hello", encoding="utf-8")
    with pytest.raises(InputError, match="no RDF files"):
        kg.load([tmp_path / "notes"], store=tmp_path / "s")


def test_a_folder_is_walked_and_the_format_can_be_forced(tmp_path: Path, ttl_file: Path) -> None:
    nested = tmp_path / "in" / "deeper"
    nested.mkdir(parents=True)
    (nested / "data.ttl").write_text(ttl_file.read_text(), encoding="utf-8")
    assert kg.load([tmp_path / "in"], store=tmp_path / "s").quads_added == 3
    odd = tmp_path / "data.txt"
    odd.write_text(ttl_file.read_text(), encoding="utf-8")
    with pytest.raises(InputError, match="extension"):
        kg.load([odd], store=tmp_path / "s2")
    assert kg.load([odd], store=tmp_path / "s2", format="turtle").quads_added == 3


def test_a_bad_graph_iri_is_a_usage_error(tmp_path: Path, ttl_file: Path) -> None:
    with pytest.raises(UsageError, match="absolute IRI"):
        kg.load([ttl_file], store=tmp_path / "s", graph="not an iri")


def test_a_big_file_is_bulk_loaded_atomically_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, golden_file: Path
) -> None:
    monkeypatch.setattr("kg.store.BULK_BYTES", 10)  # every file takes the bulk path
    store = tmp_path / "s"
    kg.load([golden_file], store=store)
    before = _snapshot(store)
    bad = tmp_path / "bad.nt"
    bad.write_text("<http://x/a> <http://x/b> <http://x/c> .\n<http://x/a> <http://x/b> .\n")
    with pytest.raises(RdfSyntaxError, match=r"bad.nt:2"):
        kg.load([golden_file, bad], store=store)
    assert _snapshot(store) == before


def test_a_crash_leftover_is_cleaned_and_never_read(tmp_path: Path, golden_file: Path) -> None:
    store = tmp_path / "s"
    kg.load([golden_file], store=store)
    (store / "oxigraph.loading").mkdir()
    (store / "oxigraph.loading" / "junk").write_text("half a load")
    kg.load([golden_file], store=store)
    assert not (store / "oxigraph.loading").exists()


def test_triples_can_go_to_a_named_graph(tmp_path: Path, ttl_file: Path) -> None:
    kg.load([ttl_file], store=tmp_path / "s", graph="https://example.org/g")
    data = _snapshot(tmp_path / "s").decode()
    assert all(line.endswith("<https://example.org/g> .") for line in data.splitlines())


def test_a_folder_that_is_not_a_store_is_refused_and_untouched(
    tmp_path: Path, ttl_file: Path
) -> None:
    home = tmp_path / "home"
    home.mkdir()
    (home / "letter.txt").write_text("dear", encoding="utf-8")
    with pytest.raises(NotAStoreError):
        kg.load([ttl_file], store=home)
    with pytest.raises(NotAStoreError):
        kg.stats(store=home)
    assert [p.name for p in home.iterdir()] == ["letter.txt"]
    with pytest.raises(NotAStoreError):
        kg.load([ttl_file], store=ttl_file)


def test_reading_a_missing_store_says_how_to_make_one(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="kg load"):
        kg.stats(store=tmp_path / "nothing")


def test_a_store_locked_by_another_process(tmp_path: Path, ttl_file: Path) -> None:
    store = tmp_path / "s"
    kg.load([ttl_file], store=store)
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            textwrap.dedent(f"""
            import sys, time
            from pathlib import Path
            from kg.store import _writer_lock
            with _writer_lock(Path({str(store)!r})):
                print("locked", flush=True)
                sys.stdin.read()
        """),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        with pytest.raises(StoreLockedError, match="another process"):
            kg.load([ttl_file], store=store)
        assert kg.stats(store=store)["quads"] == 3  # readers still read
    finally:
        holder.communicate("", timeout=30)
    assert kg.load([ttl_file], store=store).quads_added == 0


def test_open_store_for_writing_an_empty_folder(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    with open_store(tmp_path / "empty", "w") as db:
        assert len(db) == 0
    with pytest.raises(StoreError, match="closed"):
        len(db)


def test_the_utf8_check_streams_across_chunk_boundaries(tmp_path: Path) -> None:
    from kg.rdfio import check_text_file

    good = tmp_path / "good.nt"
    good.write_text('<http://x/a> <http://x/b> "Zürich ü ü" .\n', encoding="utf-8")
    assert check_text_file(good, chunk=3) == good.stat().st_size  # splits the ü bytes
    bad = tmp_path / "bad.nt"
    bad.write_bytes(b"# one\n# two\n# caf\xe9\n")
    with pytest.raises(InputError) as err:
        check_text_file(bad, chunk=4)
    assert err.value.line == 3
    cut = tmp_path / "cut.nt"
    cut.write_bytes(b"# ends mid character \xc3")
    with pytest.raises(InputError, match="ends inside"):
        check_text_file(cut)
