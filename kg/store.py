"""The embedded on-disk store: an Oxigraph database in a folder kg owns.

Layout of a store folder::

    STORE/kg-store.json   marker: {"format": "kg-store", "version": 1}
    STORE/kg-store.lock   held (flock) by the one process that writes
    STORE/oxigraph/       the Oxigraph (RocksDB) database

The marker lets kg refuse a folder that is not a store instead of writing a
database into it. One process writes at a time; readers open read-only.

Loads go into a copy of the database (a RocksDB checkpoint: hard links, so
cheap) which replaces the database only when every file has loaded; a bad
file, a full disk or a crash leaves the store as it was.
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from pathlib import Path
from typing import Literal

import pyoxigraph as ox

from kg.errors import NotAStoreError, StoreError, StoreLockedError
from kg.rdfio import check_text_file, syntax_error

MARKER = "kg-store.json"
LOCK = "kg-store.lock"
DB = "oxigraph"
#: Files larger than this are bulk-loaded (SST files written directly).
BULK_BYTES = 8 * 2**20
VERSION = 1
DEFAULT_STORE = Path(".kg") / "store"
STORE_ENV = "KG_STORE"

Mode = Literal["r", "w"]


def default_store() -> Path:
    """``$KG_STORE`` if set, else ``.kg/store`` in the working directory."""
    return Path(os.environ.get(STORE_ENV) or DEFAULT_STORE)


def _check_marker(path: Path) -> None:
    marker = path / MARKER
    try:
        info = json.loads(marker.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        raise NotAStoreError(
            path,
            "this folder is not a kg store",
            hint="pass --store with a new or existing store folder",
        ) from None
    if info.get("format") != "kg-store" or info.get("version") != VERSION:
        raise NotAStoreError(
            path,
            f"unsupported store marker {info!r}",
            hint=f"this kg reads store version {VERSION}",
        )


def _create(path: Path) -> None:
    if path.exists() and not path.is_dir():
        raise NotAStoreError(path, "exists and is not a folder")
    if path.exists() and any(path.iterdir()):
        _check_marker(path)
        return
    try:
        path.mkdir(parents=True, exist_ok=True)
        tmp = path / (MARKER + ".tmp")
        tmp.write_text(
            json.dumps({"format": "kg-store", "version": VERSION}) + "\n", encoding="utf-8"
        )
        tmp.replace(path / MARKER)
    except OSError as exc:
        raise StoreError(path, f"cannot create the store: {exc.strerror}") from None


def _open(path: Path, mode: Mode) -> ox.Store:
    db = str(path / DB)
    try:
        return ox.Store.read_only(db) if mode == "r" else ox.Store(db)
    except OSError as exc:
        text = str(exc)
        if "lock" in text.lower() and mode == "w":
            raise StoreLockedError(
                path,
                "another process is writing to this store",
                hint="wait for it to finish, or use another --store",
            ) from None
        raise StoreError(path, f"cannot open the database: {text}") from None


class StoreHandle:
    """An open store that can be closed for certain.

    pyoxigraph closes a database only when its last reference goes, and a
    traceback can keep a reference alive long after a failed write; a later
    read-only open in the same process then sees a half-compacted database.
    Code holds this handle instead, and closing it drops the only reference.
    """

    def __init__(self, store: ox.Store, path: Path) -> None:
        self._store: ox.Store | None = store
        self.path = path

    @property
    def store(self) -> ox.Store:
        if self._store is None:
            raise StoreError(self.path, "the store is closed")
        return self._store

    def __len__(self) -> int:
        return len(self.store)

    def close(self) -> None:
        self._store = None


@contextmanager
def open_store(path: Path, mode: Mode = "r") -> Iterator[StoreHandle]:
    """Open the store at ``path`` for reading (``"r"``) or writing (``"w"``).

    Writing creates the store when the folder is missing or empty. Reading a
    store that does not exist is an error that says how to make one.
    """
    lock: AbstractContextManager[None] = _writer_lock(path) if mode == "w" else nullcontext()
    if mode == "w":
        _create(path)
    else:
        if not path.exists() or (path.is_dir() and not any(path.iterdir())):
            raise StoreError(
                path, "no store here", hint="create one with `kg load FILE` or `make demo`"
            )
        if not path.is_dir():
            raise NotAStoreError(path, "exists and is not a folder")
        _check_marker(path)
        if not (path / DB).is_dir():
            raise StoreError(
                path, "the store has no database yet", hint="load data with `kg load FILE`"
            )
    with lock:
        handle = StoreHandle(_open(path, mode), path)
        try:
            yield handle
        finally:
            if mode == "w" and handle._store is not None:
                handle._store.flush()
            handle.close()


@contextmanager
def _writer_lock(path: Path) -> Iterator[None]:
    with open(path / LOCK, "a+") as fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise StoreLockedError(
                path,
                "another process is writing to this store",
                hint="wait for it to finish, or use another --store",
            ) from None
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


@contextmanager
def transaction(path: Path) -> Iterator[StoreHandle]:
    """Change a copy of the store; the copy replaces the store only if the block succeeds.

    The copy is a RocksDB checkpoint (hard links, so cheap); a failure in the
    block, a full disk or a crash leaves the store as it was.
    """
    _create(path)
    with _writer_lock(path):
        live, work, old = path / DB, path / f"{DB}.loading", path / f"{DB}.replaced"
        for leftover in (work, old):  # from a crash: never the live database
            shutil.rmtree(leftover, ignore_errors=True)
        if live.exists():
            source = StoreHandle(_open(path, "w"), path)
            try:
                source.store.backup(str(work))
            finally:
                source.close()
        copy = StoreHandle(ox.Store(str(work)), path)
        try:
            yield copy
            copy.store.flush()
        except BaseException:
            copy.close()
            shutil.rmtree(work, ignore_errors=True)
            raise
        copy.close()
        if live.exists():
            live.rename(old)
        work.rename(live)
        shutil.rmtree(old, ignore_errors=True)


def load_files(
    path: Path, plan: list[tuple[Path, ox.RdfFormat]], graph: ox.NamedNode | None = None
) -> tuple[int, int]:
    """Load every file of ``plan`` into the store at ``path``, all or nothing.

    Returns (quads added, quads now in the store). Triples outside a named
    graph go to ``graph`` when one is given, else to the default graph.
    """
    with transaction(path) as copy:
        before = len(copy)
        for file, fmt in plan:
            size = check_text_file(file)
            try:
                # No bound method kept in a local: it would hold the
                # database open past close() and the rename.
                if size > BULK_BYTES:
                    copy.store.bulk_load(path=str(file), format=fmt, to_graph=graph)
                else:
                    copy.store.load(path=str(file), format=fmt, to_graph=graph)
            except SyntaxError as exc:
                raise syntax_error(file, fmt, exc) from None
        after = len(copy)
    return after - before, after
