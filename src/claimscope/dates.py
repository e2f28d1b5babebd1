"""EDTF parsing through the `edtf` package, quietly: its parser prints to stdout when an interval fails to
build, which would corrupt `--format json` output. One place wraps it, so every caller stays quiet."""

from __future__ import annotations

import contextlib
import functools
import io
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
    for end, unbounded in (("lower_strict", (-10**6, 1, 1)), ("upper_strict", UNPLACED)):
        try:
            day = tuple(getattr(parsed, end)())[:3]
        except Exception:  # an open end ("1978/..")
            day = unbounded
        ends.append(day)  # type: ignore[arg-type]
    return ends[0], ends[1]
