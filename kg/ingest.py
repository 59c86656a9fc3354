"""Article ingest: files and folders of news articles in, :class:`~kg.model.Article` out.

Reads plain text and Markdown (with optional front matter), HTML pages (main
text and metadata by trafilatura), JSON Lines (one article a line) and
RSS/Atom feeds (feedparser). Every article gets a content-hash id, so the
same text has the same id wherever it came from.

What a user can get wrong raises :class:`~kg.errors.InputError` naming the
file (and line); ``skip_bad=True`` turns a bad file or line into a
:class:`Skipped` instead. Articles the pipeline should not take (over the
size limit, in another language, a page with no article text, a repeat of
an earlier text) are always :class:`Skipped`, with a one-line reason, never
an error. Markup or query-looking strings inside article text are data: they
are kept verbatim and never interpreted.
"""

from __future__ import annotations

import codecs
import email.utils
import functools
import io
import json
import os
import re
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date as _date
from datetime import datetime
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, Final

from kg.errors import InputError, ModelError, UsageError
from kg.ids import ARTICLE_ID_RE, article_id_for_text
from kg.model import Article, check_date

DEFAULT_MAX_BYTES: Final = 5 * 2**20
"""The largest article text kept, in bytes of UTF-8 (5 MiB)."""

SUPPORTED: Final = (".txt", ".md", ".html", ".htm", ".jsonl", ".rss", ".atom", ".xml")
"""File extensions read (case-insensitive); others are ignored in folders."""

_TEXT_SUFFIXES: Final = frozenset({".txt", ".md"})
_HTML_SUFFIXES: Final = frozenset({".html", ".htm"})
_FEED_SUFFIXES: Final = frozenset({".rss", ".atom", ".xml"})

#: Language detection looks at this many leading characters ...
_SAMPLE_CHARS: Final = 2000
#: ... and leaves texts of fewer words than this unjudged.
_MIN_WORDS: Final = 20
#: Languages the detector always weighs besides the accepted ones, so that a
#: foreign text is named rightly: the main languages of international news.
_DETECTABLE: Final = frozenset(
    {"en", "de", "fr", "es", "it", "pt", "nl", "sv", "da", "nb", "fi", "pl", "cs", "ro"}
    | {"hu", "tr", "ru", "uk", "zh", "ja", "ko", "ar", "fa", "he", "hi", "id", "vi"}
)

_FRONT_MATTER_KEYS: Final = ("title", "date", "url", "source")
_JSONL_KEYS: Final = ("title", "date", "url", "source")
_URL_RE: Final = re.compile(r"^https?://[^\s<>\"{}|\\^`]+$")
_PLAIN_DATE_RE: Final = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")
_KEY_LINE_RE: Final = re.compile(r"^([A-Za-z_][A-Za-z0-9_-]*)[ \t]*:(?:[ \t]+(.*))?$")
_WORD_RE: Final = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]|[^\W\d_]+")
_CHARSET_RE: Final = re.compile(
    rb"""<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9_.:-]+)["']"""
    rb"""|<meta[^>]*?charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""",
    re.IGNORECASE,
)
_XML_DECL_ENCODING_RE: Final = re.compile(
    rb"""\A(\s*<\?xml[^>]*?encoding\s*=\s*)(["'])[A-Za-z0-9_.:-]+\2"""
)
_XML_DECL_RE: Final = re.compile(r"\A\s*<\?xml[^>]*\?>")
_BLOCK_TAGS: Final = frozenset(
    {"address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "figcaption"}
    | {"figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main"}
    | {"nav", "ol", "p", "pre", "section", "table", "td", "th", "tr", "ul"}
)
_HIDDEN_TAGS: Final = frozenset({"script", "style", "noscript", "template", "head", "title"})
_BAD_LINE_HINT: Final = "fix the line, or pass --skip-bad to skip bad lines"
_BAD_FILE_HINT: Final = "fix or remove the file, or pass --skip-bad to skip it"


@dataclass(frozen=True)
class Skipped:
    """An input that was read but not taken, and why.

    ``path`` is the file, ``file.jsonl:LINE`` for a line or ``feed.xml#N``
    for a feed's N-th entry; ``reason`` is one line, e.g.
    ``"not English (detected: de)"``.
    """

    path: str
    reason: str


@dataclass(frozen=True)
class IngestResult:
    """What :func:`read_articles` found: the articles taken and those skipped, in input order."""

    articles: tuple[Article, ...]
    skipped: tuple[Skipped, ...]


class BadArticleError(InputError):
    """A file, line or feed that cannot be read as an article.

    Raised as is without ``skip_bad``; with it, :attr:`skipped` is recorded
    instead and reading goes on.
    """

    def __init__(
        self,
        path: Path | str,
        problem: str,
        *,
        line: int | None = None,
        column: int | None = None,
        hint: str | None = None,
        per_line: bool = False,
    ) -> None:
        super().__init__(path, problem, line=line, column=column, hint=hint)
        self.problem = problem
        if per_line and line is not None:
            self.skipped = Skipped(f"{path}:{line}", problem)
        else:
            where = "" if line is None else f" (line {line})"
            self.skipped = Skipped(str(path), problem + where)


@dataclass(frozen=True)
class _Item:
    """An article before the checks that every source shares."""

    text: str
    path: str
    name: str
    title: str | None = None
    date: str | None = None
    url: str | None = None
    source: str | None = None


def read_articles(
    paths: Sequence[Path],
    *,
    skip_bad: bool = False,
    max_bytes: int = DEFAULT_MAX_BYTES,
    languages: Iterable[str] = ("en",),
    parallel: bool = False,
) -> IngestResult:
    """Read articles from files and folders.

    Parameters
    ----------
    paths
        Files and folders. Folders are walked recursively, in sorted order,
        skipping hidden entries and files whose extension is not in
        :data:`SUPPORTED`. Files are read once each, sorted by path; a file's
        articles keep their line or entry order.
    skip_bad
        Record a file or line that cannot be read (bad JSON, no text, not
        UTF-8, binary, empty, a bad front-matter date, an ``.xml`` that is no
        feed) as :class:`Skipped` instead of raising. A missing path, a
        folder with no article files or an unsupported file named on its
        own is always an error.
    max_bytes
        Articles whose text is longer (in UTF-8 bytes) are skipped. A
        ``.txt``, ``.md`` or HTML file larger than this is skipped by its
        size, without being read.
    languages
        ISO 639-1 codes of the languages to keep; articles of 20 words or
        more detected as another language are skipped. Empty: keep every
        language.
    parallel
        Detect the languages of all the articles at once on all the
        machine's cores (the detector's own threads); the result is the same.

    Returns
    -------
    IngestResult
        The articles taken and the inputs skipped. An article repeating an
        earlier one's text (same id) is skipped. Article names are made
        unique by a ``-2``, ``-3`` ... suffix where two would clash.

    Raises
    ------
    InputError
        A path is missing, a folder holds no article files, a file type is
        not supported, or (without ``skip_bad``) a file or line is bad:
        then nothing is returned.
    UsageError
        ``languages`` holds a code that cannot be detected, or ``max_bytes``
        is not positive.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = Path(folder, "yamal.txt")
    ...     _ = path.write_text("---\\ntitle: First cargo\\ndate: 2017-12-08\\n---\\nIt sailed.\\n")
    ...     result = read_articles([path])
    >>> [(a.title, a.date, a.text, a.name) for a in result.articles]
    [('First cargo', '2017-12-08', 'It sailed.', 'yamal')]
    >>> result.articles[0].id == article_id_for_text("It sailed.")
    True
    """
    if max_bytes < 1:
        raise UsageError(f"the size limit must be a positive number of bytes, not {max_bytes}")
    accepted = _accepted_languages(languages)
    if isinstance(paths, str | os.PathLike):  # one path given bare: not its characters
        paths = [Path(paths)]
    articles: list[Article] = []
    skipped: list[Skipped] = []
    first_path: dict[str, str] = {}
    names: set[str] = set()
    files: list[list[_Item | Skipped] | Skipped] = []  # each file's items, or why it is skipped
    for file in _collect(paths):
        try:
            try:
                files.append(list(_read_file(file, max_bytes=max_bytes, skip_bad=skip_bad)))
            except OSError as err:
                raise BadArticleError(file, f"cannot be read ({err.strerror or err})") from err
        except BadArticleError as err:
            if not skip_bad:
                raise
            files.append(err.skipped)
    language: dict[int, str | None] = {}  # by id(item), when detected all at once
    if parallel and accepted:
        judged = [
            item
            for items in files
            if not isinstance(items, Skipped)
            for item in items
            if not isinstance(item, Skipped) and _size_problem(item.text, max_bytes) is None
        ]
        problems = _language_problems([item.text for item in judged], accepted)
        language = {id(item): problem for item, problem in zip(judged, problems, strict=True)}
    for items in files:
        if isinstance(items, Skipped):
            skipped.append(items)
            continue
        for item in items:
            if isinstance(item, Skipped):
                skipped.append(item)
                continue
            article_id = article_id_for_text(item.text)
            if article_id in first_path:
                problem: str | None = f"same text as {first_path[article_id]}"
            else:
                problem = _size_problem(item.text, max_bytes)
                if problem is None:
                    problem = (
                        language[id(item)]
                        if id(item) in language
                        else _language_problem(item.text, accepted)
                    )
            if problem is not None:
                skipped.append(Skipped(item.path, problem))
                continue
            first_path[article_id] = item.path
            name = _unique_name(item.name, names)
            articles.append(
                Article(
                    id=article_id,
                    text=item.text,
                    title=item.title,
                    date=item.date,
                    url=item.url,
                    source=item.source,
                    path=item.path,
                    name=name,
                )
            )
    return IngestResult(tuple(articles), tuple(skipped))


# --- finding files -----------------------------------------------------------------------


def _collect(paths: Sequence[Path]) -> list[Path]:
    """The files to read: named files and the supported files under named folders, sorted."""
    found: dict[Path, Path] = {}
    for given in paths:
        path = Path(given)
        if not path.exists():
            raise InputError(path, "no such file or folder")
        if path.is_dir():
            inside = _walk(path)
            if not inside:
                raise InputError(
                    path,
                    "no article files in this folder",
                    hint=f"kg reads {', '.join(SUPPORTED)} files (hidden ones are skipped)",
                )
            files = inside
        elif path.is_file():
            if path.suffix.lower() not in SUPPORTED:
                raise InputError(
                    path,
                    f"unsupported file type {path.suffix or '(no extension)'!r}",
                    hint=f"kg reads {', '.join(SUPPORTED)} files",
                )
            files = [path]
        else:
            raise InputError(path, "not a regular file or folder")
        for file in files:
            found.setdefault(file.resolve(), file)
    return sorted(found.values(), key=lambda p: p.as_posix())


def _walk(folder: Path) -> list[Path]:
    """Supported, non-hidden files under ``folder`` (symlinked folders are not followed)."""
    out: list[Path] = []
    for root, dirnames, filenames in os.walk(folder):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for filename in sorted(filenames):
            path = Path(root, filename)
            if not filename.startswith(".") and path.suffix.lower() in SUPPORTED and path.is_file():
                out.append(path)
    return out


def _read_file(path: Path, *, max_bytes: int, skip_bad: bool) -> Iterator[_Item | Skipped]:
    suffix = path.suffix.lower()
    if suffix in _TEXT_SUFFIXES:
        yield from _read_text_file(path, max_bytes)
    elif suffix in _HTML_SUFFIXES:
        yield from _read_html_file(path, max_bytes)
    elif suffix == ".jsonl":
        yield from _read_jsonl_file(path, skip_bad)
    else:
        yield from _read_feed_file(path)


# --- bytes to text -------------------------------------------------------------------------


def _human(size: int) -> str:
    """A byte count for people.

    >>> _human(52_428_800), _human(5 * 2**20), _human(1536), _human(100)
    ('50.0 MiB', '5.0 MiB', '1.5 KiB', '100 B')
    """
    if size < 1024:
        return f"{size} B"
    value, unit = size / 1024, "KiB"
    for bigger in ("MiB", "GiB"):
        if value < 1024:
            break
        value, unit = value / 1024, bigger
    return f"{value:.1f} {unit}"


def _over_limit(size: int, max_bytes: int) -> str:
    return f"over the size limit ({_human(size)} > {_human(max_bytes)})"


def _read_limited(path: Path, max_bytes: int) -> bytes | Skipped:
    """The file's bytes, or a :class:`Skipped` if it is larger than ``max_bytes`` (not read)."""
    size = path.stat().st_size
    if size > max_bytes:
        return Skipped(str(path), _over_limit(size, max_bytes))
    with path.open("rb") as handle:
        data = handle.read(max_bytes + 1)
    if len(data) > max_bytes:  # the file grew since stat
        return Skipped(str(path), _over_limit(max(size, len(data)), max_bytes))
    _check_not_empty(path, data)
    return data


def _check_not_empty(path: Path, data: bytes) -> None:
    if not data.strip():
        raise BadArticleError(path, "empty file", hint=_BAD_FILE_HINT)


def _check_not_binary(path: Path, data: bytes) -> None:
    """Refuse NUL bytes and control-character noise; name UTF-16 where its BOM says so."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise BadArticleError(path, "is UTF-16 text", hint="save it as UTF-8")
    head = data[:8192]
    controls = sum(1 for byte in head if byte < 32 and byte not in b"\t\n\r\f\v\x1b")
    if b"\x00" in data or controls > len(head) // 20:
        raise BadArticleError(path, "looks like a binary file", hint=_BAD_FILE_HINT)


def _decode_error(path: Path, data: bytes, err: UnicodeDecodeError, what: str) -> BadArticleError:
    line_start = data.rfind(b"\n", 0, err.start) + 1
    line = data.count(b"\n", 0, err.start) + 1
    column = len(data[line_start : err.start].decode("utf-8", errors="replace")) + 1
    return BadArticleError(
        path,
        f"not valid {what} (byte 0x{data[err.start]:02x})",
        line=line,
        column=column,
        hint="save the file as UTF-8",
    )


def _decode_utf8(path: Path, data: bytes) -> str:
    """Strict UTF-8 (a leading BOM dropped); bad bytes are an error naming their line."""
    _check_not_binary(path, data)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise _decode_error(path, err.object, err, "UTF-8") from None


def _decode_markup(path: Path, data: bytes) -> str:
    """HTML or XML: UTF-8 if it is valid UTF-8, else the charset the document declares."""
    _check_not_binary(path, data)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        utf8_error = err
    declared = _declared_charset(data)
    if declared is None or declared == "utf-8":
        raise _decode_error(path, utf8_error.object, utf8_error, "UTF-8")
    try:
        return data.decode(declared)
    except UnicodeDecodeError as err:
        raise _decode_error(path, data, err, f"{declared} as declared") from None


def _declared_charset(data: bytes) -> str | None:
    """The Python codec for a document's ``<?xml encoding>`` or ``<meta charset>``, if any."""
    match = _CHARSET_RE.search(data[:4096])
    if match is None:
        return None
    label = (match.group(1) or match.group(2)).decode("ascii")
    try:
        info = codecs.lookup(label)
    except LookupError:
        return None
    if not getattr(info, "_is_text_encoding", True):  # "hex", "rot13" and the like
        return None
    name = info.name
    # As browsers do (WHATWG Encoding): Latin-1 and ASCII labels mean windows-1252.
    return "cp1252" if name in ("latin-1", "iso8859-1", "ascii") else name


# --- plain text and Markdown ----------------------------------------------------------------


def _read_text_file(path: Path, max_bytes: int) -> Iterator[_Item | Skipped]:
    data = _read_limited(path, max_bytes)
    if isinstance(data, Skipped):
        yield data
        return
    content = _decode_utf8(path, data)
    meta, body = _split_front_matter(path, content)
    text = body.strip()
    if not text:
        raise BadArticleError(path, "no text after the front matter", hint=_BAD_FILE_HINT)
    yield _Item(
        text=text,
        path=str(path),
        name=_safe_name(path.stem),
        title=meta.get("title"),
        date=meta.get("date"),
        url=meta.get("url"),
        source=meta.get("source"),
    )


def _split_front_matter(path: Path, content: str) -> tuple[dict[str, str | None], str]:
    """Front matter (title, date, url, source) and the body after it.

    Front matter is a first line ``---``, ``key: value`` lines and a closing
    ``---`` line. Values may be quoted; unknown keys, blank lines and ``#``
    comments are ignored; known keys take one-line values only.
    """
    lines = content.split("\n")
    if lines[0].rstrip() != "---":
        return {}, content
    end = next((i for i, line in enumerate(lines) if i and line.rstrip() == "---"), None)
    if end is None:
        raise _front_matter_error(path, "front matter opened here is never closed by '---'", 1)
    meta: dict[str, str | None] = {}
    last_key: str | None = None
    for number, raw in enumerate(lines[1:end], start=2):
        line = raw.rstrip()
        if not line or line.lstrip().startswith("#"):
            continue
        if line[0] in " \t" or line.startswith("- "):
            if last_key in _FRONT_MATTER_KEYS:
                raise _front_matter_error(path, f"{last_key} must be on one line", number)
            continue
        match = _KEY_LINE_RE.match(line)
        if match is None:
            shown = line if len(line) <= 40 else line[:40] + "..."
            raise _front_matter_error(path, f"expected 'key: value', got {shown!r}", number)
        key, value = match.group(1).lower(), (match.group(2) or "").strip()
        last_key = key
        if key not in _FRONT_MATTER_KEYS:
            continue
        if key in meta:
            raise _front_matter_error(path, f"{key} is given twice", number)
        meta[key] = _front_matter_value(path, key, value, number)
    return meta, "\n".join(lines[end + 1 :])


def _front_matter_error(path: Path, problem: str, line: int) -> BadArticleError:
    return BadArticleError(
        path,
        problem if problem.startswith("front matter") else f"front matter: {problem}",
        line=line,
        hint="front matter is '---', then 'key: value' lines (title, date, url, source), "
        "then '---'",
    )


def _front_matter_value(path: Path, key: str, value: str, line: int) -> str | None:
    if len(value) >= 1 and value[0] in "\"'":
        quote = value[0]
        if len(value) < 2 or value[-1] != quote:
            raise _front_matter_error(path, f"{key}: unclosed quote in {value}", line)
        if quote == '"':
            try:
                value = str(json.loads(value))
            except json.JSONDecodeError:
                raise _front_matter_error(path, f"{key}: bad escape in {value}", line) from None
        else:
            value = value[1:-1].replace("''", "'")
        value = value.strip()
    if not value:
        return None
    if key == "date":
        try:
            return _strict_date(value)
        except ValueError:
            raise BadArticleError(
                path,
                f"front matter: date {value!r} is not a date",
                line=line,
                hint="write it as YYYY-MM-DD (or YYYY-MM, YYYY)",
            ) from None
    if key == "url" and not _URL_RE.match(value):
        raise _front_matter_error(path, f"url {value!r} is not an http(s) URL", line)
    return value


def _strict_date(value: str) -> str:
    """``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD`` as they are; an ISO date-time as its date.

    >>> _strict_date("2018-09-11"), _strict_date("2018-09-11T10:30:00+03:00"), _strict_date("2018")
    ('2018-09-11', '2018-09-11', '2018')
    >>> _strict_date("2018-02-30")
    Traceback (most recent call last):
    ValueError: not a date: '2018-02-30'
    """
    value = value.strip()
    if _PLAIN_DATE_RE.match(value):
        try:
            check_date(value, "date")
        except ModelError:
            raise ValueError(f"not a date: {value!r}") from None
        return value
    try:
        return datetime.fromisoformat(value).date().isoformat()
    except ValueError:
        raise ValueError(f"not a date: {value!r}") from None


def _loose_date(value: object) -> str | None:
    """A date from metadata found in the wild (ISO 8601, RFC 822, struct_time); None if none."""
    if isinstance(value, time.struct_time):
        return _date(value.tm_year, value.tm_mon, value.tm_mday).isoformat()
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        return _strict_date(value)
    except ValueError:
        pass
    try:
        return email.utils.parsedate_to_datetime(value).date().isoformat()
    except (TypeError, ValueError, IndexError):
        return None


# --- HTML ------------------------------------------------------------------------------------


def _read_html_file(path: Path, max_bytes: int) -> Iterator[_Item | Skipped]:
    import trafilatura  # imported here: it takes a while, and only HTML needs it

    data = _read_limited(path, max_bytes)
    if isinstance(data, Skipped):
        yield data
        return
    markup = _decode_markup(path, data)
    doc = trafilatura.bare_extraction(
        _XML_DECL_RE.sub("", markup),  # lxml refuses a str that declares an encoding
        with_metadata=True,
        favor_precision=True,
        include_comments=False,
        include_tables=False,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    text = _clean_extracted(_field(doc, "text"))
    if not text:
        yield Skipped(str(path), "no article text found")
        return
    yield _Item(
        text=text,
        path=str(path),
        name=_safe_name(path.stem),
        title=_one_line(_field(doc, "title")),
        date=_loose_date(_field(doc, "date")),
        url=_valid_url(_field(doc, "url")),
        source=_one_line(_field(doc, "sitename")),
    )


def _field(doc: object, key: str) -> object:
    """A field of trafilatura's result: a ``Document`` (2.x) or a dict (``as_dict``, 1.x)."""
    return doc.get(key) if isinstance(doc, dict) else getattr(doc, key, None)


def _clean_extracted(text: object) -> str:
    return text.strip() if isinstance(text, str) else ""


def _one_line(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    value = " ".join(value.split())
    return value or None


def _valid_url(value: object) -> str | None:
    if isinstance(value, str) and _URL_RE.match(value.strip()):
        return value.strip()
    return None


class _TextFromHtml(HTMLParser):
    """Text of an HTML fragment: scripts and styles dropped, one line per block."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self._current: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _HIDDEN_TAGS:
            self._hidden += 1
        elif tag in _BLOCK_TAGS:
            self._flush()

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCK_TAGS:
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN_TAGS:
            self._hidden = max(0, self._hidden - 1)
        elif tag in _BLOCK_TAGS:
            self._flush()

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self._current.append(data)

    def close(self) -> None:
        super().close()
        self._flush()

    def _flush(self) -> None:
        block = " ".join("".join(self._current).split())
        if block:
            self.blocks.append(block)
        self._current = []


def _html_to_text(markup: str) -> str:
    """The text of an HTML fragment, one line per paragraph.

    >>> _html_to_text("<p>Tom &amp; Jerry</p><script>x()</script><p>met <b>again</b>.</p>")
    'Tom & Jerry\\nmet again.'
    """
    parser = _TextFromHtml()
    parser.feed(markup)
    parser.close()
    return "\n".join(parser.blocks)


# --- JSON Lines ----------------------------------------------------------------------------


def _read_jsonl_file(path: Path, skip_bad: bool) -> Iterator[_Item | Skipped]:
    with path.open("rb") as handle:
        head = handle.read(8192)
        if not head.strip() and not handle.read(1):
            raise BadArticleError(path, "empty file", hint=_BAD_FILE_HINT)
        _check_not_binary(path, head)
        handle.seek(0)
        any_line = False
        for number, raw in enumerate(handle, start=1):
            if number == 1 and raw.startswith(codecs.BOM_UTF8):
                raw = raw[len(codecs.BOM_UTF8) :]
            if not raw.strip():
                continue
            any_line = True
            try:
                yield _jsonl_item(path, number, raw)
            except BadArticleError as err:
                if not skip_bad:
                    raise
                yield err.skipped
    if not any_line:
        raise BadArticleError(path, "empty file", hint=_BAD_FILE_HINT)


def _jsonl_item(path: Path, number: int, raw: bytes) -> _Item:
    def bad(problem: str, column: int | None = None) -> BadArticleError:
        return BadArticleError(
            path, problem, line=number, column=column, hint=_BAD_LINE_HINT, per_line=True
        )

    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        column = len(raw[: err.start].decode("utf-8", errors="replace")) + 1
        raise bad(f"not valid UTF-8 (byte 0x{raw[err.start]:02x})", column) from None
    try:
        record: object = json.loads(line)
    except json.JSONDecodeError as err:
        raise bad(f"invalid JSON: {err.msg} (column {err.colno})", err.colno) from None
    if not isinstance(record, dict):
        raise bad(f"expected a JSON object, got {type(record).__name__}")
    text = record.get("text")
    if text is None:
        raise bad('no "text" key')
    if not isinstance(text, str):
        raise bad('"text" is not a string')
    text = text.strip()
    if not text:
        raise bad('"text" is empty')
    meta: dict[str, str | None] = {}
    for key in _JSONL_KEYS:
        value = record.get(key)
        if value is not None and not isinstance(value, str):
            raise bad(f'"{key}" is not a string')
        meta[key] = (value.strip() or None) if isinstance(value, str) else None
    if meta["date"] is not None:
        try:
            meta["date"] = _strict_date(meta["date"])
        except ValueError:
            raise bad(f'"date" {meta["date"]!r} is not YYYY-MM-DD') from None
    if meta["url"] is not None and not _URL_RE.match(meta["url"]):
        raise bad(f'"url" {meta["url"]!r} is not an http(s) URL')
    given_id = record.get("id")
    if isinstance(given_id, int) and not isinstance(given_id, bool):
        given_id = str(given_id)
    if isinstance(given_id, str) and ARTICLE_ID_RE.match(given_id):
        name = given_id
    else:
        name = f"{_safe_name(path.stem)}-{number:05d}"
    return _Item(
        text=text,
        path=f"{path}:{number}",
        name=name,
        title=meta["title"],
        date=meta["date"],
        url=meta["url"],
        source=meta["source"],
    )


# --- RSS and Atom --------------------------------------------------------------------------


def _read_feed_file(path: Path) -> Iterator[_Item | Skipped]:
    import feedparser  # imported here: only feeds need it

    data = path.read_bytes()
    _check_not_empty(path, data)
    markup = _decode_markup(path, data)
    utf8 = _XML_DECL_ENCODING_RE.sub(rb'\1"utf-8"', markup.encode("utf-8"), count=1)
    # A stream, never a str or bytes: feedparser takes those for URLs or file names.
    feed: Any = feedparser.parse(
        io.BytesIO(utf8), response_headers={"content-type": "application/xml; charset=utf-8"}
    )
    if not feed.get("version"):
        if path.suffix.lower() == ".xml":
            raise BadArticleError(
                path, "not an RSS or Atom feed", hint="kg reads .xml files only as feeds"
            )
        error = feed.get("bozo_exception")
        raise BadArticleError(
            path, f"not a valid RSS or Atom feed ({error or 'unknown format'})", hint=_BAD_FILE_HINT
        )
    source = _one_line(_strip_if_html(feed.feed.get("title_detail"), feed.feed.get("title")))
    stem = _safe_name(path.stem)
    for number, entry in enumerate(feed.entries, start=1):
        where = f"{path}#{number}"
        text = _entry_text(entry)
        if not text:
            yield Skipped(where, "no article text found")
            continue
        yield _Item(
            text=text,
            path=where,
            name=f"{stem}-{number:04d}",
            title=_one_line(_strip_if_html(entry.get("title_detail"), entry.get("title"))),
            date=_entry_date(entry),
            url=_valid_url(entry.get("link")),
            source=source,
        )


def _is_html(detail: Any) -> bool:
    kind = detail.get("type", "") if isinstance(detail, dict) else ""
    return isinstance(kind, str) and ("html" in kind)


def _strip_if_html(detail: Any, value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    return _html_to_text(value) if _is_html(detail) else value


def _entry_text(entry: Any) -> str:
    contents = entry.get("content") or []
    for content in contents:
        value = content.get("value")
        if isinstance(value, str) and value.strip():
            return (_html_to_text(value) if _is_html(content) else value).strip()
    summary = entry.get("summary")
    if isinstance(summary, str) and summary.strip():
        detail = entry.get("summary_detail") or {"type": "text/html"}
        return (_strip_if_html(detail, summary) or "").strip()
    return ""


def _entry_date(entry: Any) -> str | None:
    """The entry's own local date as written, else feedparser's (UTC) reading of it."""
    for key in ("published", "updated", "created"):
        found = _loose_date(entry.get(key))
        if found is not None:
            return found
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        found = _loose_date(entry.get(key))
        if found is not None:
            return found
    return None


# --- checks every article gets -----------------------------------------------------------


def _size_problem(text: str, max_bytes: int) -> str | None:
    if len(text) * 4 <= max_bytes:  # cannot be over: skip the encoding
        return None
    size = len(text.encode("utf-8"))
    return _over_limit(size, max_bytes) if size > max_bytes else None


def _accepted_languages(languages: Iterable[str]) -> frozenset[str]:
    codes = frozenset(code.strip().lower() for code in languages)
    for code in sorted(codes):
        try:
            _language(code)
        except ValueError:
            raise UsageError(
                f"cannot detect language {code!r}",
                hint="give ISO 639-1 codes such as 'en', 'de', 'fr'",
            ) from None
    return codes


def _language(code: str) -> Any:
    from lingua import IsoCode639_1, Language

    return Language.from_iso_code_639_1(IsoCode639_1.from_str(code))


@functools.cache
def _detector(accepted: frozenset[str]) -> Any:
    """A detector for the accepted languages and the usual news languages (models load lazily)."""
    from lingua import IsoCode639_1, LanguageDetectorBuilder

    codes = sorted(accepted | _DETECTABLE)
    return LanguageDetectorBuilder.from_iso_codes_639_1(
        *(IsoCode639_1.from_str(code) for code in codes)
    ).build()


def _count_words(text: str) -> int:
    """Words, counting each CJK character as one.

    >>> _count_words("Xi met Putin in 2019."), _count_words("习近平会见普京")
    (4, 7)
    """
    return len(_WORD_RE.findall(text))


def _language_problem(text: str, accepted: frozenset[str]) -> str | None:
    if not accepted:
        return None
    sample = text[:_SAMPLE_CHARS]
    if _count_words(sample) < _MIN_WORDS:
        return None
    return _not_accepted(_detector(accepted).detect_language_of(sample), accepted)


def _language_problems(texts: Sequence[str], accepted: frozenset[str]) -> list[str | None]:
    """``_language_problem`` of each text, the detection run on all cores at once."""
    samples = [text[:_SAMPLE_CHARS] for text in texts]
    judged = [i for i, sample in enumerate(samples) if _count_words(sample) >= _MIN_WORDS]
    found = _detector(accepted).detect_languages_in_parallel_of([samples[i] for i in judged])
    out: list[str | None] = [None] * len(texts)
    for i, language in zip(judged, found, strict=True):
        out[i] = _not_accepted(language, accepted)
    return out


def _not_accepted(found: Any, accepted: frozenset[str]) -> str | None:
    """Why a text detected as ``found`` (a lingua Language, or None) is skipped, if it is."""
    if found is None:
        return None
    code = str(found.iso_code_639_1.name).lower()
    if code in accepted:
        return None
    wanted = " or ".join(sorted(str(_language(c).name).title() for c in accepted))
    return f"not {wanted} (detected: {code})"


# --- names ------------------------------------------------------------------------------------


def _safe_name(stem: str) -> str:
    """A file-name-safe article name from a file stem.

    >>> _safe_name("001_yamal_lng"), _safe_name("My article (2)"), _safe_name("...")
    ('001_yamal_lng', 'My-article-2', 'article')
    """
    name = re.sub(r"[^A-Za-z0-9_.-]+", "-", stem).strip("-._")[:120].rstrip("-._")
    return name or "article"


def _unique_name(name: str, taken: set[str]) -> str:
    candidate, n = name, 1
    while candidate in taken:
        n += 1
        candidate = f"{name[:120]}-{n}"
    taken.add(candidate)
    return candidate
