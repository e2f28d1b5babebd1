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


# The head of a text file saved from a CD-ROM archive's web listing (../shared/corpus/mek-iraq/04-...): the site's
# menu and the file's path, one item a line between separator lines, then the profile itself.
NAVIGATION = ("home\n***\nCD-ROM\n|\ndisk\n|\nFTP\n|\nother\n***\nsearch\n/\nWayzata World Factbook 1996\n/\n"
              "The World Factbook - 1996 Edition - Wayzata Technology (3079) (1996).iso\n/\npc\n/\ntext\n/\nterror\n"
              "/\nmek\n< prev\nnext >\nWrap\nText File\n|\n1996-01-11\n|\n3KB\n|\n50 lines\n"
              "The Mojahedin-e Khalq (MEK)\naka: The National Liberation Army\nof Iran.\n"
              "Since then, the MEK -- following a philosophy that mixes Marxism and Islam -- has developed into the "
              "largest armed Iranian dissident group, based in Iraq since 1986.\n")


def test_a_sites_navigation_saved_as_text_is_not_read() -> None:
    audit = audit_of(NAVIGATION)
    found = names(audit)
    assert not [n for n in found if "Factbook" in n or "Wayzata" in n or n in ("FTP", "CD-ROM")], found
    assert "People's Mojahedin Organization of Iran" in found and "Iraq" in found  # the text after it is read
    assert found["Islam"] == "Other"  # a religion, never an organisation
    assert not [s for s in audit.sentences if s.start < NAVIGATION.index("50 lines") + 8]
    assert [t.when for t in audit.timeline] == ["1986/.."]  # "1996" of the path and the file's date are not times
    assert_exact(audit)


def test_lists_and_prose_between_separator_lines_are_still_read() -> None:
    for bullet in ("•", "*", "-"):
        text = f"Its leaders:\n{bullet}\nMassoud Rajavi\n{bullet}\nMaryam Rajavi\n{bullet}\nMehdi Abrishamchi\n"
        assert {"Massoud Rajavi", "Maryam Rajavi"} <= set(names(audit_of(text)))
    sections = ("***\nMassoud Rajavi led the MEK from Paris after 1981.\n***\nMaryam Rajavi became its leader "
                "later.\n***\nThe group moved to Iraq in 1986.\n***\n")
    audit = audit_of(sections)
    assert {"Massoud Rajavi", "Maryam Rajavi", "Iraq"} <= set(names(audit))
    starts = {s.start for s in audit.sentences}
    assert {sections.index(x) for x in ("Massoud", "Maryam", "The group")} <= starts  # every section is read


def test_the_navigation_of_the_corpus_profile_is_not_read(corpus) -> None:  # type: ignore[no-untyped-def]
    from claimscope.ingest import read_source
    from claimscope.settings import Settings

    audit = analyse(read_source(str(corpus / "04-us-gov-terrorism-profile-mek-c1995.txt"), Settings()), PACK)
    found = names(audit)
    assert not [n for n in found if "Factbook" in n or "Wayzata" in n or n == "FTP"], found
    assert found["National Liberation Army of Iran"] == "Organization" and found["Massoud Rajavi"] == "Person"
    assert found["Islam"] == "Other"


def test_a_text_cut_off_mid_sentence_is_said_and_its_cut_name_is_no_entity() -> None:
    text = ("Massoud Rajavi was the leader of the MEK.\n\nIn 1981, when Ayatollah Khomeini dismissed President "
            "Abolhassan Banisadr and a new wave of arrests started, Rajavi and Banisadr fled to Paris and formed "
            "the Nationa")
    audit = audit_of(text)
    assert [n for n in audit.notes if "stops in the middle of a sentence (“… Banisadr fled to Paris and formed "
            "the Nationa”)" in n and "excerpt" in n]
    assert not [e for e in audit.entities if e.name.startswith("Nationa")]
    assert {"Massoud Rajavi", "Abolhassan Banisadr"} <= set(names(audit))
    # whole texts, and texts ending on a heading or a menu line, are not called cut
    footer = ("Privacy policy About Wikipedia Disclaimers Contact Wikipedia Code of Conduct Developers Statistics "
              "Cookie statement Mobile view")
    for whole in ("The MEK was founded in 1965.", "The MEK was founded in 1965.\n\nLeave a Comment",
                  "He said: “The MEK was founded in 1965”", f"The MEK was founded in 1965.\n{footer}"):
        assert not [n for n in audit_of(whole).notes if "stops" in n]


def test_the_corpus_excerpts_are_said_to_be_cut(corpus) -> None:  # type: ignore[no-untyped-def]
    from claimscope.ingest import read_source
    from claimscope.settings import Settings

    def audit(name: str) -> Audit:
        return analyse(read_source(str(corpus / name), Settings()), PACK)

    rajavi = audit("15-wikipedia-massoud-rajavi.txt")
    assert [n for n in rajavi.notes if "“… Rajavi and Banisadr formed the Nationa”" in n]
    assert "Nationa" not in names(rajavi)
    assert not [n for n in audit("01-state-dept-delisting-2012.txt").notes if "stops" in n]


def test_a_shared_alias_is_the_candidate_the_document_named_before() -> None:
    # "IRI" is the Islamic Resistance in Iraq's and the Islamic Republic's: the text defines it
    camp = audit_of("The camp is held by militias of the Islamic Resistance in Iraq (IRI). The IRI took it in 2015.")
    [iri] = [e for e in camp.entities if any(m.text == "IRI" for m in e.mentions)]
    assert iri.name == "Islamic Resistance in Iraq" and not iri.ambiguous and len(iri.mentions) == 3
    # "Rajavi" after Massoud Rajavi alone is Massoud; after both of them, it is still ambiguous, never guessed
    one = audit_of("Massoud Rajavi led the group from Paris. In 1986 Rajavi moved to Baghdad.")
    assert [e.name for e in one.entities if any(m.text == "Rajavi" for m in e.mentions)] == ["Massoud Rajavi"]
    both = audit_of("Massoud Rajavi and his wife Maryam Rajavi moved to Iraq. In 1986 Rajavi spoke in Baghdad.")
    assert any(e.ambiguous for e in both.entities)
    assert_exact(camp), assert_exact(one)
