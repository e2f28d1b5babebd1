"""EDTF parsing stays quiet: the `edtf` package prints when an interval fails to build, which would corrupt
`claimscope audit --format json` on stdout."""

from __future__ import annotations

import pytest

from claimscope.dates import is_edtf, parse


def test_invalid_intervals_are_refused_without_printing(capsys: pytest.CaptureFixture[str]) -> None:
    assert is_edtf("1991") and is_edtf("198X") and is_edtf("2003/..") and is_edtf("1980-09-22/1988-08-20")
    assert not is_edtf("../198X") and not is_edtf("1991-13") and not is_edtf("last year")
    with pytest.raises(ValueError, match="not EDTF"):
        parse("../198X")
    assert capsys.readouterr().out == ""
