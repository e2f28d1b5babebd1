"""PDF text layers reflowed into prose (ingest.reflow): printed lines joined, broken words made whole, running
headers, footers and page numbers taken out, so that claims are whole sentences."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimscope.analyse import analyse
from claimscope.ingest import read_source
from claimscope.ingest.reflow import reflow, reflow_pages
from claimscope.settings import Settings

COLUMN = """Iraqi officials denied the report, say\u2010
ing that the group acted on its own.
According to the State Department,
the group took part in the suppres\u2010
sion of the 1991 uprisings, a charge
the organisation has always rejected
as propaganda.
Background
The group moved to Iraq in 1986 and
was armed by the self-
defence forces of the regime."""


def test_printed_lines_are_joined_and_broken_words_made_whole() -> None:
    assert reflow(COLUMN.split("\n")).split("\n") == [
        "Iraqi officials denied the report, saying that the group acted on its own. According to the State "
        "Department, the group took part in the suppression of the 1991 uprisings, a charge the organisation has "
        "always rejected as propaganda.",
        "Background",  # a heading: short, no end punctuation, a capital next
        "The group moved to Iraq in 1986 and was armed by the self-defence forces of the regime.",
    ]


def test_lists_tables_and_short_lines_are_left_as_they_are() -> None:
    items = ["The report makes three findings about the camp:", "1. The camp was run by the group itself.",
             "2. Weapons were stored at the camp in 2003.", "- A third one, in a bullet, follows the others."]
    assert reflow(items) == "\n".join(items)
    table = ["Year", "Event", "1986", "Move to Iraq", "1991", "Uprisings"]
    assert reflow(table) == "\n".join(table)  # the usual line is too short to be prose


def test_running_headers_footers_and_page_numbers_are_taken_out() -> None:
    bodies = ["The group moved to Iraq in 1986 and was armed by the government there for many years.",
              "Its fighters took part in the suppression of the uprisings in the south and the north.",
              "The camp was handed to Iraqi control in 2009, and its residents left for Albania later."]
    pages = [f"Middle East Report\n{body}\nPage {n} of 3\n- {n} -" for n, body in enumerate(bodies, 1)]
    assert reflow_pages(pages) == bodies
    alone = reflow_pages(["1986\n" + bodies[0]])  # one page: nothing repeats; a year above a text stays
    assert alone == ["1986\n" + bodies[0]]


def two_column_pdf(path: Path) -> Path:
    import weasyprint

    para = ("In {}, the Mujahedin-e Khalq was based in Iraq, where it received weapons, funding and training "
            "from the government of Saddam Hussein. Iraqi officials denied the report, saying that the group acted "
            "on its own. According to the State Department, the group took part in the suppression of the 1991 "
            "uprisings, a charge the organisation has always rejected as propaganda. ")
    css = ("@page { size: A4; margin: 2.5cm; @top-center { content: 'Middle East Report, confidential draft' }"
           " @bottom-center { content: 'Page ' counter(page) ' of ' counter(pages) } }"
           " body { font-size: 11pt; columns: 2 } p { text-align: justify; hyphens: auto }")
    body = "".join(f"<p>{para.format(1980 + 2 * n)}{para.format(1981 + 2 * n)}</p>" for n in range(8))
    html = f'<html lang="en"><head><style>{css}</style></head><body>{body}</body></html>'
    weasyprint.HTML(string=html).write_pdf(path)
    return path


@pytest.mark.slow
def test_the_claims_of_a_two_column_pdf_are_whole_sentences(tmp_path: Path) -> None:
    audit = analyse(read_source(str(two_column_pdf(tmp_path / "report.pdf")), Settings()))
    texts = [c.text for c in audit.claims]
    assert "Iraqi officials denied the report, saying that the group acted on its own." in texts
    assert not any("confidential draft" in t or "Page 1" in t or "\u2010" in t for t in texts)
    assert len(audit.document.pages) == 2 and len(audit.sentences) == 48  # as written; 212 pieces before
    assert [c.text[:8] for c in audit.claims[::3]] == [f"In {year}," for year in range(1980, 1996)]
