"""Dates stated in a sentence: a point ("in 2017"), a start ("since 2014"), an end."""

from __future__ import annotations

import re
from dataclasses import dataclass

#: Month names, January first.
MONTH_NAMES = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
]
DAY_NAMES = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
MONTHS = {m: i for i, m in enumerate(MONTH_NAMES, start=1)}
MONTHS.update({m[:3]: i for m, i in list(MONTHS.items())})
MONTHS["sept"] = 9
# The patterns are written in lower case and read a lower-cased sentence:
# re.IGNORECASE makes their alternations two to ten times slower.
_MONTH_NAMES = "|".join(MONTH_NAMES) + "|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
_MONTH = rf"(?P<month>{_MONTH_NAMES})\.?"
_YEAR = r"(?P<year>(?:19|20)\d{2})"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_FORMS = [
    rf"{_DAY} {_MONTH},? {_YEAR}",
    rf"{_MONTH} {_DAY},? {_YEAR}",
    rf"{_MONTH},? {_YEAR}",
    rf"{_YEAR}",
    rf"{_MONTH}(?! {_DAY})",
]
_START = (
    r"\b(?:since|from|starting in|as of|effective)\s+(?:(?:early|late|mid-?)\s*)?(?:"
    + "|".join(f"(?:{f})" for f in _FORMS[:4])
    + r")\b"
)
_END = (
    r"\b(?:until|till|through|to|expire[sd]? in)\s+(?:"
    + "|".join(f"(?:{f})" for f in _FORMS[:4])
    + r")\b"
)
_POINT = (
    r"\b(?:in|on|at|during|by|of|last|this)\s+(?:(?:early|late|mid-?)\s*)?(?:"
    + "|".join(f"(?:{f})" for f in _FORMS)
    + r")\b"
)


@dataclass(frozen=True)
class Dates:
    date: str | None = None
    valid_from: str | None = None
    valid_to: str | None = None


def _iso(match: re.Match[str], default_year: str | None) -> str | None:
    groups = {k: v for k, v in match.groupdict().items() if v}
    year = next((v for k, v in groups.items() if k.startswith("year")), default_year)
    month = next((v for k, v in groups.items() if k.startswith("month")), None)
    day = next((v for k, v in groups.items() if k.startswith("day")), None)
    if year is None:
        return None
    if month is None:
        return year
    out = f"{year}-{MONTHS[month.lower().rstrip('.')]:02d}"
    if day is not None and 1 <= int(day) <= 31:
        out += f"-{int(day):02d}"
    return out


def _renumber(pattern: str) -> re.Pattern[str]:
    # Group names repeat across alternatives; give each alternative its own.
    counter = iter(range(1000))
    return re.compile(
        re.sub(r"\(\?P<(\w+)>", lambda m: f"(?P<{m.group(1)}{next(counter)}>", pattern)
    )


_START_RE, _END_RE, _POINT_RE = (_renumber(p) for p in (_START, _END, _POINT))
#: What every date form holds: a year or a month name. A sentence without one
#: states no date, and the three patterns above need not look.
_ANY_DATE = re.compile(r"(?:19|20)\d\d|j(?:an|u[nl])|feb|ma[ry]|apr|aug|sep|oct|nov|dec")


def find_dates(sentence: str, article_date: str | None = None) -> Dates:
    """The dates a sentence states; a month with no year takes the article's year.

    >>> find_dates("The EU has sanctioned Russia since 2014.")
    Dates(date=None, valid_from='2014', valid_to=None)
    >>> find_dates("The deal was signed on 11 September 2018 in Vladivostok.")
    Dates(date='2018-09-11', valid_from=None, valid_to=None)
    >>> find_dates("Talks resumed in September.", "2019-10-02")
    Dates(date='2019-09', valid_from=None, valid_to=None)
    """
    low = sentence.lower()
    if _ANY_DATE.search(low) is None:
        return Dates()
    year = article_date[:4] if article_date else None
    start = _START_RE.search(low)
    end = _END_RE.search(low)
    point = _POINT_RE.search(low)
    return Dates(
        date=_iso(point, year) if point and (not start or point.start() != start.start()) else None,
        valid_from=_iso(start, year) if start else None,
        valid_to=_iso(end, year) if end else None,
    )
