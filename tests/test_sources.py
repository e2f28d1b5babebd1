"""Sources: what a claim leans on, rated as a reader would find it (specific only when it could be retrieved from
what is given), from the reference list, from source phrases and from attributions ("According to ..."); and what
is not a source: the document itself, and footnote markers whose reference list is not in the text."""

from __future__ import annotations

import io

import pytest

from claimscope.analyse import analyse, claims, nlp
from claimscope.analyse import sources as sources_module
from claimscope.ingest import read_source
from claimscope.model import Audit, Document, Source
from claimscope.pack import bundled_pack_dir, load_pack
from claimscope.settings import Settings
from conftest import EXAMPLE

pytestmark = pytest.mark.slow
PACK = load_pack(bundled_pack_dir())


def audit_of(text: str) -> Audit:
    return analyse(Document(id="s" * 16, sha256="s" * 64, text=text, language="en"), PACK)


def ingested(text: str) -> Audit:
    """Through ingest, which reads the reference list."""
    return analyse(read_source("-", Settings(), stdin=io.BytesIO(text.encode())), PACK)


def named(audit: Audit, words: str) -> Source:
    found = [s for s in audit.sources if audit.document.text[s.mentions[0].start:s.mentions[0].end] == words]
    assert found, f"no source named {words!r}: {[s.text for s in audit.sources]}"
    return found[0]


@pytest.fixture(scope="module")
def example() -> Audit:
    return analyse(read_source(str(EXAMPLE), Settings()), PACK)


def test_a_reference_that_describes_reports_is_partial_and_a_named_series_specific(example: Audit) -> None:
    hrw = named(example, "Reports of Human Rights Watch on the MEK, Human Rights Watch")
    # no title to look up: only who published it
    assert (hrw.title, hrw.publisher, hrw.specificity) == (None, "Human Rights Watch", "partial")
    assert hrw.kind == "NGO report" and hrw.public is True  # Human Rights Watch publishes its reports
    crt = named(example, "Country Reports on Terrorism, US department of State")
    assert (crt.title, crt.specificity, crt.public) == ("Country Reports on Terrorism", "specific", True)
    summary = example.summary()
    assert summary["sources"] == len(example.sources)


def test_a_reference_with_a_title_stays_specific() -> None:
    audit = ingested("In 2005 the MEK was said to run prison camps.[1]\n\n"
                     "References\n1. No Exit, Human Rights Watch, 2005\n2. Documents of the Senate, Congress")
    no_exit = next(s for s in audit.sources if s.title == "No Exit")
    assert (no_exit.specificity, no_exit.publisher, no_exit.date, no_exit.public) == \
        ("specific", "Human Rights Watch", "2005", True)
    described = named(audit, "Documents of the Senate, Congress")
    assert described.title is None and described.specificity == "partial"


def test_reports_of_a_department_that_publishes_openly_are_public(example: Audit) -> None:
    state = named(example, "reports from the United States Department of State")
    assert (state.specificity, state.public) == ("partial", True)
    testimonies = named(example, "testimonies from former MEK members and Iraqi officials")
    assert testimonies.public is None  # who holds them is not said


def test_according_to_an_organisation_is_a_partial_source_the_claim_cites() -> None:
    text = ("According to the U.S. State Department, the MEK, which established its base at Ashraf in 1986, "
            "was then welcomed into Iraq during the Iran–Iraq War.")
    audit = audit_of(text)
    state = named(audit, "U.S. State Department")
    assert (state.kind, state.specificity, state.public) == ("attribution", "partial", None)
    assert state.publisher and "State" in state.publisher and state.title is None
    (claim,) = audit.claims
    assert claim.citations == [state.id]


def test_according_to_unnamed_people_is_vague_and_to_a_plan_is_no_source() -> None:
    audit = audit_of("According to officials, the MEK moved 3,000 fighters to Camp Ashraf in 1986.\n\n"
                     "According to the plan, the MEK moved 3,000 fighters to Camp Liberty in 2012.")
    officials = named(audit, "officials")
    assert (officials.kind, officials.specificity, officials.publisher) == ("attribution", "vague", None)
    assert [s.text for s in audit.sources] == ["officials"]


def test_according_to_a_report_is_the_report_once() -> None:
    audit = audit_of("According to a 2005 report by Human Rights Watch, the MEK ran prison camps in Iraq.")
    (report,) = audit.sources
    assert report.kind == "NGO report" and report.text.startswith("2005 report by Human Rights Watch")
    assert report.public is True


def test_the_same_holder_twice_is_one_source() -> None:
    audit = audit_of("According to the U.S. State Department, the MEK killed six Americans in the 1970s.\n\n"
                     "According to the U.S. State Department, the MEK attacked Iranian embassies in 1992.")
    (state,) = audit.sources
    assert len(state.mentions) == 2
    assert all(c.citations == [state.id] for c in audit.claims) and len(audit.claims) == 2


def test_the_document_itself_is_not_a_source() -> None:
    audit = audit_of("The committee approved the following resolution after the MEK's relocation in 2012.\n\n"
                     "The committee cited a 2011 report of the United Nations on the MEK's relocation.")
    (cited,) = audit.sources
    assert cited.text.startswith("2011 report of the United Nations")


def sources_and_notes(text: str) -> tuple[list[Source], list[str], list[list[str]]]:
    """The source finder on a real parse, sentence by sentence as the analysis runs it."""
    finder = sources_module.SourceFinder("d" * 16, sources_module.compiled())
    cited = [finder.add_sentence(sent, 0, [], []) for sent in nlp.load()(text).sents]
    return finder.sources, finder.notes(), cited


def test_footnote_markers_without_their_reference_list_are_noted_not_sources() -> None:
    text = ("At one point the MEK was Iran's largest armed dissident group,[18] and it is still presented as a major "
            "opposition group.[19][20][21] It is unpopular in Iran.[lower-alpha 2]")
    found, notes, cited = sources_and_notes(text)
    assert found == [] and all(ids == [] for ids in cited)
    assert notes == ["5 footnote markers (such as “[18]”) point to a reference list that is not in this text: what "
                     "they cite cannot be retrieved from it, so they are not listed as sources."]


def test_footnote_markers_with_their_reference_list_leave_no_note() -> None:
    finder = sources_module.SourceFinder("d" * 16, sources_module.compiled())
    from claimscope.model import Reference

    reference = "1. No Exit, Human Rights Watch, 2005"
    text = "The MEK ran prison camps in Iraq.[1]\n\n" + reference
    finder.add_references(text, [Reference(text.index(reference), len(text), reference)], [])
    doc = nlp.load()(text[:text.index("\n")])
    assert [finder.add_sentence(sent, 0, [], []) for sent in doc.sents] == [[finder.sources[0].id]]
    assert finder.notes() == []


@pytest.mark.parametrize(("sentence", "quoted"), [
    ("It sided with Iraq in the Iran–Iraq War.[22][23]", "It sided with Iraq in the Iran–Iraq War."),
    ("It was founded in 1965.[3] ", "It was founded in 1965."),
    ("It is known as the MKO,[lower-alpha 3] and it is based in Albania.",
     "It is known as the MKO,[lower-alpha 3] and it is based in Albania."),  # inside: a span cannot skip words
    ("He called it a terorist group [sic]", "He called it a terorist group [sic]"),  # an editor's word, no marker
    ("[1]", "[1]"),
])
def test_a_claim_span_can_end_before_trailing_footnote_markers(sentence: str, quoted: str) -> None:
    text = "Intro.\n\n" + sentence
    start = text.index(sentence)
    end = claims.end_before_markers(text, start, start + len(sentence))
    assert text[start:end] == quoted


def test_an_audit_notes_footnote_markers_it_cannot_resolve_and_its_claims_leave_them_out(corpus) -> None:  # type: ignore[no-untyped-def]
    audit = analyse(read_source(str(corpus / "11-wikipedia-peoples-mojahedin-organization-of-iran.txt"),
                                Settings()), PACK)
    assert any("footnote markers" in n and "not in this text" in n for n in audit.notes)
    assert audit.claims and not any(c.text.rstrip().endswith("]") for c in audit.claims)
    text = audit.document.text
    assert all(text[c.start:c.end] == c.text for c in audit.claims)  # the words are still the document's own
    assert any(text[c.end:c.end + 1] == "[" for c in audit.claims)  # a claim that had markers ends before them


@pytest.mark.parametrize(("title", "publisher", "shown"), [
    # a title that names its publisher already: not "... Human Rights Watch — Human Rights Watch"
    ("Reports of Human Rights Watch on the MEK", "Human Rights Watch", "Reports of Human Rights Watch on the MEK"),
    ("UNHCR report", "UN", "UNHCR report — UN"),  # a publisher inside a longer word is not named by it
    ("Country Reports on Terrorism", "US department of State", "Country Reports on Terrorism — US department of State"),
])
def test_a_source_is_shown_with_its_publisher_once(title: str, publisher: str, shown: str) -> None:
    from claimscope.model import Source

    assert Source("s", title, "report", "partial", title=title, publisher=publisher).label() == shown
