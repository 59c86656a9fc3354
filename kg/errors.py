"""One exception tree for everything a user can get wrong.

Each error carries what the user needs to fix the problem (a path, a line,
an option) and an exit code. The CLI turns any :class:`KgError` into one
line on stderr, ``kg: error: ...``, and exits with :attr:`KgError.exit_code`;
the library never prints and never exits.
"""

from __future__ import annotations

from pathlib import Path


class KgError(Exception):
    """Root of every error that is the user's to fix.

    >>> str(KgError("no store at x", hint="run `kg load` first"))
    'no store at x; run `kg load` first'
    """

    exit_code = 2

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        self.message = message
        self.hint = hint
        super().__init__(f"{message}; {hint}" if hint else message)


class InputError(KgError):
    """A file or folder given on the command line cannot be used."""

    def __init__(
        self,
        path: Path | str,
        problem: str,
        *,
        line: int | None = None,
        column: int | None = None,
        hint: str | None = None,
    ) -> None:
        self.path = Path(path)
        self.line = line
        self.column = column
        where = str(path)
        if line is not None:
            where += f":{line}"
            if column is not None:
                where += f":{column}"
        super().__init__(f"{where}: {problem}", hint=hint)


class RdfSyntaxError(InputError):
    """An RDF file does not parse."""


class RegistryError(InputError):
    """An entity-registry file breaks the registry format."""


class StoreError(KgError):
    """The store directory cannot be opened or written."""

    def __init__(self, path: Path | str, problem: str, *, hint: str | None = None) -> None:
        self.path = Path(path)
        super().__init__(f"store {path}: {problem}", hint=hint)


class StoreLockedError(StoreError):
    """Another process holds the store's write lock."""


class NotAStoreError(StoreError):
    """The directory exists but holds something other than a kg store."""


class OutputError(KgError):
    """An output file cannot be written."""

    def __init__(self, path: Path | str, problem: str, *, hint: str | None = None) -> None:
        self.path = Path(path)
        super().__init__(f"{path}: {problem}", hint=hint)


class UsageError(KgError):
    """An option value is invalid (an unknown format, say)."""


class ModelError(KgError):
    """A model object breaks an invariant (an unknown predicate, a bad date)."""


class ValidationRunError(KgError):
    """SHACL validation could not run at all (exit code 2, as pySHACL)."""


class QueryError(KgError):
    """A SPARQL query cannot be parsed or run, or its parameters are wrong."""


class QueryTimeoutError(QueryError):
    """A query ran past its time limit and was stopped."""


class EndpointError(KgError):
    """A remote SPARQL or Graph Store endpoint cannot be reached or refused a request."""
