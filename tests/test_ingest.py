"""Ingestion of real formats: text with front matter, Markdown, saved HTML pages, PDFs, stdin."""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

import pytest
from fpdf import FPDF

from claimscope.analyse import analyse
from claimscope.errors import InputError, TooLarge, UnsupportedType
from claimscope.ingest import read_source
from claimscope.ingest.text import find_breadcrumbs, find_references, normalize_text, to_edtf
from claimscope.settings import Settings
from conftest import EXAMPLE, EXAMPLE_TITLE

PAGE = """<!doctype html>
<html lang="en"><head><title>Camp Ashraf residents moved | Example News</title>
<meta property="og:site_name" content="Example News">
<meta property="article:published_time" content="2013-09-02T10:00:00Z">
<script type="application/ld+json">{"@context": "https://schema.org", "@type": "BreadcrumbList",
 "itemListElement": [{"@type": "ListItem", "position": 2, "name": "Iraq"},
                     {"@type": "ListItem", "position": 1, "name": "World"}]}</script>
</head><body>
<nav><a href="https://example.org/menu">Menu</a></nav>
<article><h1>Camp Ashraf residents moved</h1>
<p>Nearly all residents of Camp Ashraf were relocated to Camp Liberty near Baghdad International Airport in 2013,
according to the <a href="https://www.unhcr.org/report">UNHCR report</a> published that year.</p>
<p>The People's Mojahedin Organization of Iran said the move was forced and denied that its members had been
armed, while Iraqi officials said the camp had been handed over peacefully after long negotiations.</p>
<h2>References</h2>
<ol><li>UNHCR, Report on Camp Liberty, 2013</li><li>Human Rights Watch, No Exit, 2005</li></ol>
</article>
<footer><a href="https://facebook.com/share">Share</a> You may also like</footer>
</body></html>"""


def make_pdf(pages: list[str]) -> bytes:
    pdf = FPDF()
    pdf.set_font("helvetica", size=12)
    for text in pages:
        pdf.add_page()
        if text:
            pdf.multi_cell(0, 8, text)
    return bytes(pdf.output())


def test_example_article_title_breadcrumbs_and_sources_list(settings: Settings) -> None:
    doc = read_source(str(EXAMPLE), settings)
    assert doc.title == EXAMPLE_TITLE
    assert doc.breadcrumbs == ["Home", "Mujahedin Khalq as an Opposition Group", EXAMPLE_TITLE]
    assert [r.text for r in doc.references] == [
        "1. Country Reports on Terrorism, US department of State",
        "2. Reports of Human Rights Watch on the MEK, Human Rights Watch"]
    assert all(doc.text[r.start:r.end] == r.text for r in doc.references)
    assert doc.language == "en"
    assert doc.sha256 == hashlib.sha256(doc.text.encode()).hexdigest() and doc.id == doc.sha256[:16]
    assert doc.original is not None and doc.original.content == EXAMPLE.read_bytes()


def test_front_matter_is_metadata_not_text(tmp_path: Path, settings: Settings) -> None:
    path = tmp_path / "report.md"
    path.write_text('---\ntitle: "Delisting"\nurl: https://example.org/d\npublisher: US State Department\n'
                    'date: "2005-04 (report date; reprint unknown)"\nperspective: neutral/official\n'
                    'license: public-domain\n---\n# Delisting\n\nThe Secretary of State revoked the designation.\n')
    doc = read_source(str(path), settings)
    assert (doc.title, doc.url, doc.publisher, doc.published, doc.perspective, doc.license) == (
        "Delisting", "https://example.org/d", "US State Department", "2005-04", "neutral/official", "public-domain")
    assert doc.text.startswith("Delisting\n\nThe Secretary") and "perspective" not in doc.text  # "#" read as a heading
    assert doc.source_kind == "markdown"


def test_same_text_same_id_whatever_the_line_endings(tmp_path: Path, settings: Settings) -> None:
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_bytes(b"The MEK moved to Iraq in 1986.\nIt denies it.\n")
    b.write_bytes(b"\xef\xbb\xbfThe MEK moved to Iraq in 1986.  \r\nIt denies it.\r\n\r\n")
    assert read_source(str(a), settings).id == read_source(str(b), settings).id


def test_a_path_object_reads_like_its_string(tmp_path: Path, settings: Settings) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"The MEK moved to Iraq in 1986.\n")
    assert read_source(path, settings).id == read_source(str(path), settings).id


def test_html_page_text_metadata_breadcrumbs_links_and_references(tmp_path: Path, settings: Settings) -> None:
    path = tmp_path / "page.html"
    path.write_text(PAGE)
    doc = read_source(str(path), settings)
    assert doc.source_kind == "html"
    assert doc.title == "Camp Ashraf residents moved"
    assert doc.publisher == "Example News" and doc.published == "2013-09-02"
    assert doc.breadcrumbs == ["World", "Iraq"]  # ordered by position
    assert doc.links == ["https://www.unhcr.org/report"]  # navigation and footer links left out
    assert "Nearly all residents of Camp Ashraf" in doc.text and "You may also like" not in doc.text
    assert [r.text.lstrip("- ") for r in doc.references] == ["UNHCR, Report on Camp Liberty, 2013",
                                                             "Human Rights Watch, No Exit, 2005"]


@pytest.mark.parametrize("footer", [
    "Copyright 2020 Example News. All rights reserved.",  # the site's footer, not the article's date
    "Photo: Example News.",  # nor is a year the article mentions ("reported in 2005")
])
def test_a_page_date_comes_from_its_metadata_never_from_its_text(tmp_path: Path, settings: Settings,
                                                                 footer: str) -> None:
    body = """<article><h1>Camp Ashraf</h1>
<p>The MEK moved its fighters to Camp Ashraf in Iraq in 1986, according to the State Department, and the camp
was closed in 2013 after several attacks that killed dozens of its residents.</p>
<p>Human Rights Watch reported in 2005 that the group abused its members in the camp, which the group denies.</p>
</article>"""
    path = tmp_path / "page.html"
    path.write_text(f"<html><head><title>Camp Ashraf</title></head><body>{body}<footer><p>{footer}</p></footer>"
                    "</body></html>")
    assert read_source(str(path), settings).published is None
    dated = '<meta property="article:published_time" content="2014-02-03T08:00:00Z">'
    path.write_text(f"<html><head><title>Camp Ashraf</title>{dated}</head><body>{body}</body></html>")
    assert read_source(str(path), settings).published == "2014-02-03"


def test_pdf_pages_are_kept_as_offsets(tmp_path: Path, settings: Settings) -> None:
    path = tmp_path / "report.pdf"
    path.write_bytes(make_pdf(["The MEK was based in Iraq from 1986.", "",
                               "Camp Ashraf was handed to Iraqi control in 2009."]))
    doc = read_source(str(path), settings)
    assert doc.source_kind == "pdf" and len(doc.pages) == 3
    texts = [doc.text[a:b] for a, b in doc.pages]
    assert texts[0] == "The MEK was based in Iraq from 1986."
    assert texts[1] == ""
    assert texts[2] == "Camp Ashraf was handed to Iraqi control in 2009."
    from claimscope.analyse import analyse

    [note] = analyse(doc).notes  # a page without text is named: it may be a scan nobody ran OCR on
    assert note.startswith("PDF pages with no text (blank, or scanned without a text layer): 2.")


@pytest.mark.parametrize(("content", "title", "published"), [
    ("---\ntitle: Bad date\ndate: 2019-13-45\n---\nThe MEK was based in Iraq.\n", "Bad date", None),
    ("\ufeff---\ntitle: After a BOM\ndate: 2012-09-28\n---\nThe MEK was based in Iraq.\n", "After a BOM",
     "2012-09-28"),
    # not YAML (an unquoted colon, an unclosed bracket): read line by line, never left in the text
    ("---\ntitle: The MEK: a history\ndate: 2012-09-28\n---\nThe MEK was based in Iraq.\n", "The MEK: a history",
     "2012-09-28"),
    ("---\r\ntitle: [draft\r\ndate: 1986\r\n---\r\nThe MEK was based in Iraq.\r\n", "[draft", "1986"),
    ("---\nThe MEK was based in Iraq.", None, None),  # a text that merely starts with a rule is kept whole
])
def test_front_matter_with_a_bom_an_impossible_date_or_no_yaml(tmp_path: Path, settings: Settings, content: str,
                                                       title: str, published: str | None) -> None:
    path = tmp_path / "doc.txt"
    path.write_text(content, encoding="utf-8")
    doc = read_source(str(path), settings)  # an impossible date was a traceback (ValueError: month must be ...)
    text = "The MEK was based in Iraq." if title else content
    assert (doc.title if title else None, doc.published, doc.text) == (title, published, text)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-32"])
def test_a_text_with_a_byte_order_mark_is_read_in_its_encoding(tmp_path: Path, settings: Settings,
                                                                encoding: str) -> None:
    path = tmp_path / "wide.txt"
    path.write_bytes("The MEK was based in Iraq. Café.\n".encode(encoding))  # with its byte-order mark
    assert read_source(str(path), settings).text == "The MEK was based in Iraq. Café."


def test_control_characters_never_reach_the_text(tmp_path: Path, settings: Settings) -> None:
    path = tmp_path / "esc.txt"
    path.write_bytes(b"The MEK \x1b]0;PWNED\x07was based\x0cin Iraq.\n")  # would retitle a terminal window
    assert read_source(str(path), settings).text == "The MEK ]0;PWNEDwas based\nin Iraq."


@pytest.mark.parametrize(("title", "kept"), [
    ("Microsoft Word - Ashraf_report_FINAL_v3.docx", None), ("untitled", None), ("report.pdf", None),
    ("Country Reports on Terrorism 2011", "Country Reports on Terrorism 2011"),
])
def test_a_pdf_title_that_is_a_file_name_or_a_placeholder_is_not_taken(tmp_path: Path, settings: Settings,
                                                                       title: str, kept: str | None) -> None:
    pdf = FPDF()
    pdf.set_title(title)
    pdf.set_font("helvetica", size=12)
    pdf.add_page()
    pdf.multi_cell(0, 8, "The MEK was based in Iraq from 1986.")
    path = tmp_path / "x.pdf"
    path.write_bytes(bytes(pdf.output()))
    assert read_source(str(path), settings).title == kept


def test_pdf_bytes_are_read_as_a_pdf_whatever_the_name(tmp_path: Path, settings: Settings) -> None:
    path = tmp_path / "saved-page.html"  # a download saved under the wrong name
    path.write_bytes(make_pdf(["The MEK was based in Iraq from 1986."]))
    doc = read_source(str(path), settings)
    assert doc.source_kind == "pdf" and doc.text == "The MEK was based in Iraq from 1986."


@pytest.mark.parametrize(("written", "edtf"), [
    ("28 September 2012", "2012-09-28"), ("September 28, 2012", "2012-09-28"), ("1995?", "1995?"),
    ("198X", "198X"), ("2005-04 (report date)", "2005-04"), ("last spring", None),
])
def test_front_matter_dates_as_people_write_them(tmp_path: Path, settings: Settings, written: str,
                                                 edtf: str | None) -> None:
    path = tmp_path / "doc.md"
    path.write_text(f"---\ntitle: T\npublished: '{written}'\n---\nThe MEK was based in Iraq.\n", encoding="utf-8")
    assert read_source(str(path), settings).published == edtf


def test_markdown_is_read_as_the_text_a_reader_sees(tmp_path: Path, settings: Settings) -> None:
    path = tmp_path / "note.md"
    path.write_text("---\ntitle: MEK and Iraq\n---\n# The camp\n\nAccording to a [UN report](https://www.un.org/r),"
                    " the **MEK** was _based_ in Iraq.\n\n- Saddam Hussein armed it.\n- It fought in 1991.\n",
                    encoding="utf-8")
    doc = read_source(str(path), settings)
    assert doc.text == ("The camp\n\nAccording to a UN report, the MEK was based in Iraq.\n\n"
                        "- Saddam Hussein armed it.\n- It fought in 1991.")
    assert doc.links == ["https://www.un.org/r"] and doc.title == "MEK and Iraq"


def encrypted_pdf(text: str, user_password: str) -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(make_pdf([text]))))
    writer.encrypt(user_password=user_password, owner_password="owner", algorithm="AES-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_an_aes_encrypted_pdf_opens_when_it_needs_no_password(tmp_path: Path, settings: Settings) -> None:
    # many official PDFs are encrypted with an owner password only, to restrict editing; AES needs cryptography
    path = tmp_path / "restricted.pdf"
    path.write_bytes(encrypted_pdf("The MEK was based in Iraq from 1986.", ""))
    assert read_source(str(path), settings).text == "The MEK was based in Iraq from 1986."
    locked = tmp_path / "locked.pdf"
    locked.write_bytes(encrypted_pdf("Secret.", "reader"))
    with pytest.raises(InputError, match="the PDF is encrypted"):
        read_source(str(locked), settings)


def test_stdin_is_sniffed(settings: Settings) -> None:
    doc = read_source("-", settings, stdin=io.BytesIO(PAGE.encode()))
    assert doc.source_kind == "html" and doc.original is not None and doc.original.location == "-"
    doc = read_source("-", settings, stdin=io.BytesIO(b"Plain words about Camp Ashraf and the MEK in Iraq."))
    assert doc.source_kind == "text"


def test_language_that_is_not_english_is_detected(tmp_path: Path, settings: Settings) -> None:
    path = tmp_path / "fr.txt"
    path.write_text("L'Organisation des moudjahiddines du peuple iranien a été basée en Irak pendant la guerre "
                    "entre l'Iran et l'Irak, selon plusieurs rapports publiés par le département d'État.")
    assert read_source(str(path), settings).language == "fr"


@pytest.mark.parametrize(("name", "content", "error", "words"), [
    ("empty.txt", b"", InputError, "is empty"),
    ("blank.txt", b"  \n\n \t", InputError, "is empty"),
    ("invisible.txt", "\u200b\u200b\u200b".encode(), InputError, "has no text"),  # zero-width spaces
    ("dots.txt", b"... - ...", InputError, "has no text"),
    ("binary.txt", b"\x00\x01\x02binary\x00", InputError, "binary file"),
    ("cyrillic.txt", "Организация моджахедов иранского народа".encode("cp1251"), InputError, "not valid utf-8"),
    ("undefined.txt", b"The MEK \x81 in Baghdad", InputError, "not valid utf-8"),  # 0x81: not Windows-1252 either
    ("corrupt.pdf", b"this is not a pdf at all", InputError, "not a PDF"),
    ("truncated.pdf", b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog", InputError, "not a readable PDF"),
    ("picture.png", b"\x89PNG\r\n\x1a\n", UnsupportedType, "unsupported file type"),
    ("random.html", bytes(range(256)) * 4, InputError, "is a binary file, not HTML"),  # not "no main text"
    ("empty.html", b"<html><body><img src=\"a.png\"><script>var x;</script></body></html>", InputError,
     "no main text"),
    ("app.html", b"<html><head><title>Report</title></head><body><noscript>You need to enable JavaScript to run this "
     b"app.</noscript><div id=\"root\"></div><script src=\"/app.js\"></script></body></html>", InputError,
     "an empty shell that a script fills in"),
])
def test_bad_files_are_refused_with_a_reason(tmp_path: Path, settings: Settings, name: str, content: bytes,
                                             error: type[Exception], words: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(error) as caught:
        read_source(str(path), settings)
    assert words.lower() in str(caught.value).lower() and str(path) in str(caught.value)


def test_undeclared_legacy_text_is_read_as_windows_1252_and_the_audit_says_so(tmp_path: Path,
                                                                              settings: Settings) -> None:
    path = tmp_path / "notes.txt"  # Windows-1252: curly quotes and a dash; Latin-1: the accented letters
    path.write_bytes("The State Department\u2019s report said \u201cthe MEK\u201d was armed by Iraq \u2013 in 1986, "
                     "a caf\u00e9 owner in Z\u00fcrich told the newspaper.".encode("cp1252"))
    document = read_source(str(path), settings)
    assert "Department\u2019s report said \u201cthe MEK\u201d was armed by Iraq \u2013 in 1986" in document.text
    assert "caf\u00e9 owner in Z\u00fcrich" in document.text
    assert document.original.media_type == "text/plain; charset=windows-1252"
    assert any("read as Windows-1252" in note for note in analyse(document).notes)
    utf8 = tmp_path / "utf8.txt"
    utf8.write_text("A caf\u00e9 in Z\u00fcrich.", encoding="utf-8")
    document = read_source(str(utf8), settings)
    assert document.original.media_type == "text/plain" and not any("UTF-8" in n for n in analyse(document).notes)


def test_a_declared_charset_is_never_second_guessed(settings: Settings) -> None:
    from claimscope.ingest import read_bytes

    with pytest.raises(InputError, match="not valid utf-8"):
        read_bytes("Caf\u00e9".encode("latin-1"), "https://example.org/a", settings, kind="text", charset="utf-8")


def test_pdf_without_text_layer(tmp_path: Path, settings: Settings) -> None:
    pdf = FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 100, 60, style="F")  # a drawing, like a scan: no text
    path = tmp_path / "scan.pdf"
    path.write_bytes(bytes(pdf.output()))
    with pytest.raises(InputError, match="no text layer"):
        read_source(str(path), settings)


def test_size_limit(tmp_path: Path, db: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text("The MEK was in Iraq. " * 100)
    with pytest.raises(TooLarge, match="over the limit"):
        read_source(str(path), Settings(db=db, max_bytes=1000))
    with pytest.raises(TooLarge):
        read_source("-", Settings(db=db, max_bytes=1000), stdin=io.BytesIO(b"x" * 1001))


def test_missing_path_and_folder(tmp_path: Path, settings: Settings) -> None:
    with pytest.raises(InputError, match="no such file"):
        read_source(str(tmp_path / "nope.txt"), settings)
    with pytest.raises(InputError, match="--recursive"):
        read_source(str(tmp_path), settings)


def test_text_helpers() -> None:
    assert find_breadcrumbs("Home » News » Title\nbody") == ["Home", "News", "Title"]
    assert find_breadcrumbs("Iran / Iraq relations\nbody") == []  # two parts joined by a slash: a title
    assert to_edtf("2016-07-06 (submitted); 2016-07-14") == "2016-07-06"
    assert to_edtf("undated revision (text refers to 'As of 2025')") is None
    # a date in ISO form further in is read (corpus file 04 had no date); a year alone there is not
    assert to_edtf("file dated 1996-01-11 (content refers to events up to 1993)") == "1996-01-11"
    assert to_edtf("pages 2010-2012 of the report") is None
    assert normalize_text("\ufeffA\r\nB  \r\n\r\n") == "A\nB"
    text = "Intro\n\nReferences\n1. First report\n   2. Second report\n\nAfter the list"
    assert [r.text for r in find_references(text)] == ["1. First report", "2. Second report"]


def test_front_matter_url_keeps_only_an_address(tmp_path: Path, settings: Settings) -> None:
    path = tmp_path / "mirror.txt"
    for raw, url in (("https://mirror.example/A/People's_Mujahedin (mirror of https://en.wikipedia.org/x)",
                      "https://mirror.example/A/People's_Mujahedin"),
                     ("unknown (search index gave no address)", None)):
        path.write_text(f'---\nurl: "{raw}"\n---\nThe MEK was based in Iraq.\n')
        assert read_source(str(path), settings).url == url


def test_a_text_without_a_title_is_called_by_its_first_words() -> None:
    from claimscope.ingest.text import first_words

    assert first_words("\n\nShort first line.\nMore.") == "Short first line."
    long = "The MEK moved to Iraq in 1986 and was armed there, as several reports of the time say, " * 2
    assert first_words(long) == "The MEK moved to Iraq in 1986 and was armed there, as several reports of the …"
    assert first_words("   \n ") is None


def test_an_html_fragment_is_read_for_its_text(tmp_path: Path, settings: Settings) -> None:
    from claimscope.ingest.html import fragment

    short = "<h2>Camp Ashraf</h2>\n<p>The MEK’s fighters killed six Americans in <b>Tehran</b>.</p>".encode()
    path = tmp_path / "c.html"
    path.write_bytes(short)  # refused as "no main text found": trafilatura finds it too short for a page
    expected = "Camp Ashraf\n\nThe MEK’s fighters killed six Americans in Tehran."  # no mojibake ("MEKâ€™s")
    assert read_source(str(path), settings).text == expected
    piped = read_source("-", settings, stdin=io.BytesIO(short))  # it was read as text, tags and all
    assert piped.text == expected and piped.original.media_type == "text/html"
    # no word dropped or glued to the next; scripts are not text
    assert fragment("<div>Intro.<p>One.</p> Loose words. <p>Line one<br>line two</p></div><script>x()</script>"
                    "<div>A.</div><div>B.</div>", None)["text"] == \
        "Intro.\n\nOne.\n\nLoose words.\n\nLine one line two\n\nA.\n\nB."
    assert fragment("<html><body><p>A page.</p></body></html>", None) is None  # a page's furniture is not text
    named = tmp_path / "notes.txt"  # a file named as text stays text, whatever it starts with
    named.write_bytes(b"<p> marks a paragraph in HTML.\n\nA second paragraph.")
    assert read_source(str(named), settings).text == "<p> marks a paragraph in HTML.\n\nA second paragraph."
    comment = tmp_path / "empty.html"
    comment.write_bytes(b"<!-- nothing here -->")
    with pytest.raises(InputError, match="no main text found"):
        read_source(str(comment), settings)
