"""Entities in text saved from web pages, where a page's boxes ran words together ("LeaderMaryam Rajavi",
"UNITED STATESJuly 6"), and NER mentions that are not names ("the Department", "Date1 March")."""

from __future__ import annotations

import pytest

from claimscope.analyse import analyse
from claimscope.analyse import nlp as nlp_module
from claimscope.model import Audit, Document
from claimscope.pack import bundled_pack_dir, load_pack

pytestmark = pytest.mark.slow
PACK = load_pack(bundled_pack_dir())
# The start of the infobox of Wikipedia's article on the MEK, as a browser saves the page as text.
INFOBOX = ("People's Mojahedin Organization\n"
           "AbbreviationPMOI, MEK, MKO\n"
           "LeaderMaryam Rajavi[1]\n"
           "Massoud Rajavi[lower-alpha 1]\n"
           "Secretary-GeneralZahra Merrikhi\n"
           "Founded5 September 1965 (1965-09-05)\n"
           "Split fromFreedom Movement of Iran\n"
           "Military wingNational Liberation Army (1987–2003)\n")


def audit_of(text: str, pack: bool = True) -> Audit:
    return analyse(Document(id="t", sha256="t", text=text, language="en"), PACK if pack else None)


def names(audit: Audit) -> dict[str, str]:
    return {e.name: e.type for e in audit.entities}


def assert_exact(audit: Audit) -> None:
    text = audit.document.text
    for entity in audit.entities:
        for m in entity.mentions:
            assert text[m.start:m.end] == m.text, (entity.name, m)


def tokens(text: str) -> list[str]:
    doc = nlp_module.load().make_doc(text)
    assert doc.text == text and all(text[t.idx:t.idx + len(t.text)] == t.text for t in doc)
    return [t.text for t in doc]


def test_the_leader_in_an_infobox_line_is_found_with_exact_offsets() -> None:
    audit = audit_of(INFOBOX)
    maryam = next(e for e in audit.entities if e.name == "Maryam Rajavi")
    start = INFOBOX.index("Maryam")
    assert [(m.start, m.end, m.text) for m in maryam.mentions] == [(start, start + len("Maryam Rajavi"),
                                                                   "Maryam Rajavi")]
    found = names(audit)
    assert found["Massoud Rajavi"] == "Person" and found["Zahra Merrikhi"] == "Person"
    assert found["National Liberation Army of Iran"] == "Organization"  # the pack's entity, not "wingNational ..."
    assert found["Freedom Movement of Iran"] == "Organization"
    assert not [n for n in found if n.startswith(("Leader", "General", "Military", "Split"))]
    assert_exact(audit)


def test_without_a_pack_the_infobox_people_are_people() -> None:
    found = names(audit_of(INFOBOX, pack=False))
    assert found.get("Maryam Rajavi") == "Person" and found.get("Zahra Merrikhi") == "Person"
    assert not any("General" in n or "Leader" in n for n in found)


def test_run_together_words_are_split_and_names_with_inner_capitals_are_not() -> None:
    assert tokens("LeaderMaryam Rajavi[1]") == ["Leader", "Maryam", "Rajavi", "[1]"]
    assert tokens("Military wingNational Liberation Army") == ["Military", "wing", "National", "Liberation", "Army"]
    assert tokens("THE UNITED STATESJuly 6") == ["THE", "UNITED", "STATES", "July", "6"]
    assert tokens("Founded5 September") == ["Founded", "5", "September"]
    assert tokens("Massoud Rajavi[lower-alpha 1]")[:3] == ["Massoud", "Rajavi", "["]
    names_ = "McGee MacArthur DiCaprio LaGuardia YouTube iPhone NGOs PDFs WikiLeaks LinkedIn McDONALD O'Neill"
    assert tokens(names_) == names_.split()


def test_a_common_noun_standing_for_a_name_is_not_an_entity() -> None:
    audit = audit_of("With today's actions, the Department does not overlook the MEK's past acts. The Secretary of "
                     "State has decided to revoke the designation. Bombs went off in the Premier's office.\n\n"
                     "The Camp was briefly occupied by ISIS in 2014, and Camp Ashraf was emptied.", pack=False)
    found = names(audit)
    assert not {"Department", "State", "Premier", "Camp"} & set(found)
    assert "ISIS" in found and "Camp Ashraf" in found  # a name that starts with one of the words stays


def test_an_infobox_label_run_into_a_date_is_not_an_entity() -> None:
    audit = audit_of("An Iraqi government tank disabled by rebels\nDate1 March – 5 April 1991\n(1 month and 4 days)\n"
                     "LocationIraq\nResultUprisings suppressed\n", pack=False)
    found = names(audit)
    assert not [n for n in found if n.startswith(("Date", "Location", "Result"))]
    assert_exact(audit)


def test_a_heading_run_into_the_text_is_not_an_entity() -> None:
    audit = audit_of("IN THE SENATE OF THE UNITED STATESJuly 6, 2016Mr. McCain submitted the following concurrent "
                     "resolution; which was referred to the Committee on Foreign RelationsJuly 14, 2016Reported by "
                     "Mr. Corker, without amendmentCONCURRENT RESOLUTIONTo express the sense of Congress.")
    found = names(audit)
    assert "United States Senate Committee on Foreign Relations" in found
    assert not [n for n in found if "RESOLUTION" in n or n in ("SENATE", "Committee on Foreign")]
    assert_exact(audit)


def test_a_bill_number_is_no_name_and_a_name_before_a_place_noun_is_a_place() -> None:
    found = names(audit_of("114th CONGRESS2d SessionS. CON. RES. 42IN THE SENATE OF THE UNITED STATES. S. CON. RES. "
                           "42 expresses the sense of Congress.", pack=False))
    assert not [n for n in found if n.startswith(("CON", "S. ", "RES"))]
    assert found.get("Congress") == "Organization"
    found = names(audit_of("Saddam ordered the destruction of the Tigris-Euphrates marshes by the Iraqi Army.",
                           pack=False))
    assert found.get("Tigris") == "Place" and found.get("Iraqi Army") == "Organization"
