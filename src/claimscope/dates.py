"""EDTF parsing through the `edtf` package, quietly: its parser prints to stdout when an interval fails to
build, which would corrupt `--format json` output. One place wraps it, so every caller stays quiet."""

from __future__ import annotations

import contextlib
import functools
import io
import re
from typing import Any

from edtf import parse_edtf


def parse(value: str) -> Any:
    """The parsed EDTF object; raises ValueError (with the package's message) when `value` is not EDTF."""
    with contextlib.redirect_stdout(io.StringIO()):
        try:
            return parse_edtf(value)
        except Exception as exc:  # EDTFParseException, and TypeError on some intervals ("../198X")
            raise ValueError(f"{value!r} is not EDTF") from exc


@functools.lru_cache(maxsize=65536)  # the parser takes milliseconds; the same dates recur
def is_edtf(value: str) -> bool:
    try:
        parse(value)
    except ValueError:
        return False
    return True


Day = tuple[int, int, int]
UNPLACED: Day = (10**6, 12, 31)
OPEN_START: Day = (-10**6, 1, 1)  # the first day of an interval open at its start ("../1994")


@functools.lru_cache(maxsize=65536)
def bounds(value: str) -> tuple[Day, Day]:
    """The first and last day an EDTF value can mean ("197X" -> 1970-01-01 .. 1979-12-31), for ordering: a decade
    comes before its last year, an interval by its start. An open or unparsable end is unbounded."""
    try:
        parsed = parse(value) if not value.startswith("XXXX") else None
    except ValueError:
        parsed = None
    if parsed is None:
        return UNPLACED, UNPLACED  # an unknown year ("XXXX-09-23"), or not a date we can place: last
    ends: list[Day] = []
    for end, unbounded in (("lower_strict", OPEN_START), ("upper_strict", UNPLACED)):
        try:
            day = tuple(getattr(parsed, end)())[:3]
        except Exception:  # an open end ("1978/..")
            day = unbounded
        ends.append(day)  # type: ignore[arg-type]
    return ends[0], ends[1]


def overlap(a: str, b: str) -> bool:
    """Whether two EDTF times share a day ("1992" and "1992-04" do; "1986" and "1987" do not)."""
    return bounds(a)[0] <= bounds(b)[1] and bounds(b)[0] <= bounds(a)[1]


def is_year(written: str) -> bool:
    """Whether a figure as written is a year ("1992"; 1500-2100): linking and the grade's figures leave years
    apart, since two claims about different years may still be one claim."""
    return len(written) == 4 and written.isdigit() and 1500 <= int(written) <= 2100


MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
SEASONS = {21: "spring", 22: "summer", 23: "autumn", 24: "winter"}
_POINT = re.compile(r"(?P<year>\d{4}|\d{3}X|\d{2}XX|XXXX)(?:-(?P<month>\d{2}|XX)(?:-(?P<day>\d{2}|XX))?)?"
                    r"(?P<mark>[?~%]?)")


@functools.lru_cache(maxsize=4096)
def readable(value: str) -> str:
    """An EDTF value as a reader says it: "1980-09-22/1988-08-20" -> "22 September 1980 – 20 August 1988",
    "197X" -> "the 1970s", "../1978-01-07" -> "until 7 January 1978", "XXXX-03" -> "March (year unknown)",
    "1991~" -> "about 1991". A value it does not know is returned as it is."""
    if "/" in value:
        start, _, end = value.partition("/")
        if start in ("..", ""):
            return f"until {readable(end)}" if end not in ("..", "") else value
        if end in ("..", ""):
            return f"from {readable(start)}"
        return f"{readable(start)} – {readable(end)}"
    found = _POINT.fullmatch(value)
    if not found:
        return value
    year, month, day, mark = found.group("year", "month", "day", "mark")
    if year.endswith("XX") and year != "XXXX":
        said = f"the {int(year[:2]) + 1}th century" if year[:2] != "20" else "the 21st century"
    elif year.endswith("X") and year != "XXXX":
        said = f"the {year[:3]}0s"
    else:
        said = "" if year == "XXXX" else year
    if month and month != "XX":
        number = int(month)
        name = MONTHS[number - 1] if 1 <= number <= 12 else SEASONS.get(number)
        if name is None:
            return value
        if day and day != "XX":
            name = f"{int(day)} {name}"
        said = f"{name} {said}".strip() if said else f"{name} (year unknown)"
    if mark == "~":
        said = f"about {said}"
    elif mark == "?":
        said = f"{said} (uncertain)"
    elif mark == "%":
        said = f"about {said} (uncertain)"
    return said or value
