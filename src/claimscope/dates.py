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
