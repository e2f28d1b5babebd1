"""The audit: findings verified by reading the example article, three corpus documents (one per perspective)
and hand-written sentences for each cue pattern, positive and negative."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from claimscope.analyse import analyse
from claimscope.analyse.entities import pack_entity_id
from claimscope.grade import supports
from claimscope.ingest import read_source
from claimscope.model import Audit, Claim, Document
from claimscope.pack import bundled_pack_dir, load_pack
from claimscope.settings import Settings
from conftest import EXAMPLE

pytestmark = pytest.mark.slow
PACK = load_pack(bundled_pack_dir())
MEK = pack_entity_id("mek")


@pytest.fixture(scope="module")
def example() -> Audit:
    return analyse(read_source(str(EXAMPLE), Settings()), PACK)


def audit_of(path: Path) -> Audit:
    return analyse(read_source(str(path), Settings()), PACK)


def claim_starting(audit: Audit, words: str) -> Claim:
    found = [c for c in audit.claims if c.text.startswith(words)]
    assert found, f"no claim starts with {words!r}"
    return found[0]


def entity_named(audit: Audit, name: str):  # type: ignore[no-untyped-def]
    return next(e for e in audit.entities if e.name == name)


def sentence_audit(text: str, pack: bool = False) -> Audit:
    doc = Document(id="t" * 16, sha256="t" * 64, text=text, language="en")
    return analyse(doc, PACK if pack else None)


# -- the example article -------------------------------------------------------------------------------


def test_concessive_clause_gives_two_stances(example: Audit) -> None:
    claim = claim_starting(example, "They also assisted Saddam Hussein in suppressing Kurdish and Shia uprisings")
    stances = {(s.holder, s.stance, s.cue) for s in claim.stances}
    assert ("author", "asserts", "") in stances
    assert (MEK, "denies", "vehemently denies") in stances
    assert claim.when == "1991" and claim.kind == "event"
    assert pack_entity_id("uprisings-1991") in claim.entities or any(
        e.name.startswith("1991 uprisings") and e.id in claim.entities for e in example.entities)


def test_a_denial_the_author_explains(example: Audit) -> None:
    # "The MEK leaders deny their cooperation ... primarily because such an association undermines ...": the author
    # asserts why they deny it (the gold annotation's reading), rather than only reporting the denial
    claim = claim_starting(example, "The MEK leaders deny their cooperation")
    assert {(s.holder, s.stance) for s in claim.stances} == {("author", "asserts"), (MEK, "denies")}


def test_a_denial_relayed_according_to_someone_supports_nothing() -> None:
    # "according to a statement by Maryam Rajavi": she is the holder, not "statement", and she relays the denial;
    # she used to assert it, so the denial counted as support for the bombing
    [claim] = sentence_audit("The MEK denied that it carried out the bombing, according to a statement by Maryam "
                             "Rajavi.", pack=True).claims
    assert {(s.holder_text, s.stance) for s in claim.stances} == {
        ("the author", "reports"), ("MEK", "denies"), ("Maryam Rajavi", "reports")}
    assert not supports(claim.stances)
    [said] = sentence_audit("According to a statement by Human Rights Watch, the MEK ran prisons in Camp Ashraf.",
                            pack=True).claims  # no denial: whoever it is according to asserts it
    assert ("Human Rights Watch", "asserts") in {(s.holder_text, s.stance) for s in said.stances}


def test_imputed_motive_is_an_assessment_and_flagged(example: Audit) -> None:
    claim = claim_starting(example, "This denial is a strategic effort to rehabilitate their image")
    assert claim.kind == "assessment"
    flags = [f for f in example.flags if f.id in claim.flags]
    assert any(f.kind == "editorializing" for f in flags)


def test_what_makes_an_assessment_and_what_does_not() -> None:
    # a judgement or an imputed motive is an assessment (kept whatever its score, never linked or graded as fact)
    for text in ("This denial is a strategic effort to rehabilitate their image.",
                 "The Shah was widely regarded as a puppet of the West.",
                 "They cooperated with Baghdad in an effort to weaken Tehran."):
        [claim] = sentence_audit(text).claims
        assert claim.kind == "assessment", text
    # "effort", "regard" and "primarily" alone are no judgement: these are factual, or no claim at all
    due = sentence_audit("Due to efforts by his brother and Swiss lawyers, his sentence was reduced to life "
                         "imprisonment in 1972.").claims
    assert [c.kind for c in due] == ["causal"]
    assert sentence_audit("With regard to Social Security, I hope there will be more time.").claims == []
    based = sentence_audit("The group is primarily based in Albania and was founded in 1965.").claims
    assert all(c.kind != "assessment" for c in based)


def test_headings_breadcrumbs_menus_and_reference_lists_are_never_claims(example: Audit) -> None:
    texts = {c.text for c in example.claims}
    for line in ("Rajavi and Saddam", "Collaboration with Saddam: A Criminal Record That Rajavi Denies",
                 "Documents on MEK’s alliance with Saddam Hussein", "You may also like", "Leave a Comment",
                 "Sources:", "1. Country Reports on Terrorism, US department of State",
                 "The impact of alliance with Saddam on Rajavi’s political career"):
        assert line not in texts
    assert not any("»" in t for t in texts)


def test_statements_about_evidence(example: Audit) -> None:
    testimonies = claim_starting(example, "Testimonies from former high-ranking MEK members")
    assert testimonies.kind == "evidence"
    [witness] = [s for s in testimonies.stances if s.stance == "testifies"]
    assert witness.holder_text == "former high-ranking MEK members" and witness.cue == "provided firsthand accounts"
    documents = claim_starting(example, "The primary documents and testimonies confirming")
    assert ("author", "asserts", "confirming") in {(s.holder, s.stance, s.cue) for s in documents.stances}
    court = claim_starting(example, "In the most recent court session")
    # the witnesses' phrase stops before the clause that names them (it was "... of the group named Samad Eskandari")
    assert ("six former members of the group", "testifies") in {(s.holder_text, s.stance) for s in court.stances}


def test_the_words_to_watch_in_the_example(example: Audit) -> None:
    found = {(f.kind, f.text) for f in example.flags}
    assert ("unsupported-attribution", "are widely viewed as") in found
    assert ("weasel", "various Western governments") in found
    assert ("unverifiable-source", "not always publicly available") in found
    assert ("hedge", "perceived as") in found
    text = example.document.text
    assert all(text[f.start:f.end] == f.text for f in example.flags)


def test_sources_kinds_specificity_and_citations(example: Audit) -> None:
    by_title = {s.title: s for s in example.sources if s.title}
    crt = by_title["Country Reports on Terrorism"]
    assert (crt.kind, crt.specificity, crt.publisher) == ("official report", "specific", "US department of State")
    assert len(crt.mentions) == 2  # the reference list and the sentence that names it in quotes
    naming = claim_starting(example, "A Specific document includes")
    assert crt.id in naming.citations
    court = next(s for s in example.sources if s.kind == "court record")
    assert court.date == "XXXX-09-23" and court.specificity == "partial"
    assessments = next(s for s in example.sources if s.text == "intelligence assessments")
    assert assessments.kind == "intelligence" and assessments.specificity == "vague" and assessments.public is False
    testimonies = next(s for s in example.sources if s.text.startswith("testimonies from former MEK members"))
    assert testimonies.kind == "testimony" and testimonies.specificity == "vague"
    assert example.summary()["claims_with_specific_source"] >= 1


def test_people_the_pack_knows(example: Audit) -> None:
    shabani = entity_named(example, "Hadi Shabani")
    assert shabani.type == "Person"
    text = example.document.text
    couple = text.index("Massoud and Maryam Rajavi")
    massoud, maryam = entity_named(example, "Massoud Rajavi"), entity_named(example, "Maryam Rajavi")
    assert any(m.start == couple and m.text == "Massoud" for m in massoud.mentions)
    assert any(m.text == "Maryam Rajavi" for m in maryam.mentions)
    rajavis = text.index("the Rajavis") + 4
    assert any(m.start == rajavis for m in massoud.mentions) and any(m.start == rajavis for m in maryam.mentions)
    ambiguous = [e for e in example.entities if e.ambiguous]
    assert [sorted(e.ambiguous) for e in ambiguous] == [sorted([massoud.id, maryam.id])]
    assert {m.text for m in ambiguous[0].mentions} == {"Rajavi"}
    saddam = entity_named(example, "Saddam Hussein")
    assert {"Saddam", "Saddam Hussein"} <= {m.text for m in saddam.mentions}
    assert not any(e.name.startswith("Saddam") and e is not saddam for e in example.entities)


def test_time_expressions_in_edtf(example: Audit) -> None:
    when = {t.text: t.when for t in example.timeline}
    assert when["1991"] == "1991" and when["1980s"] == "198X" and when["post-2003"] == "2003/.."
    assert when["September 23rd"] == "XXXX-09-23"
    assert when["Iran-Iraq War"] == "1980-09-22/1988-08-20"  # a named period from the pack
    war = next(t for t in example.timeline if t.text == "1991")
    assert MEK in war.entities


# -- corpus documents, one per perspective ---------------------------------------------------------------


def test_state_department_report_2004(corpus: Path) -> None:
    audit = audit_of(corpus / "02-state-dept-crt-2004-mek.txt")
    assert audit.document.perspective == "neutral/official"
    claim = claim_starting(audit, "In 1991, the MEK assisted the Government of Iraq in suppressing")
    assert claim.when == "1991" and MEK in claim.entities
    assert [s.stance for s in claim.stances] == ["asserts"]
    assert {t.text: t.when for t in audit.timeline}["19801988"] == "1980/1988"
    assert "National Liberation Army of Iran" in {e.name for e in audit.entities}


def test_encyclopedic_biography_resolves_the_shared_surname(corpus: Path) -> None:
    audit = audit_of(corpus / "15-wikipedia-massoud-rajavi.txt")
    assert audit.document.perspective == "encyclopedic"
    joined = claim_starting(audit, "Rajavi joined the MEK when he was 20")
    assert pack_entity_id("massoud-rajavi") in joined.entities
    assert not any(e.ambiguous for e in audit.entities)
    assert "1948-08-18" in {t.when for t in audit.timeline}


def test_encyclopedic_infobox_lines_are_not_claims(corpus: Path) -> None:
    audit = audit_of(corpus / "11-wikipedia-peoples-mojahedin-organization-of-iran.txt")
    texts = " ".join(c.text for c in audit.claims)
    assert "AbbreviationPMOI" not in texts and "Secretary-GeneralZahra" not in texts
    founded = claim_starting(audit, "The MEK was founded on 5 September 1965")
    assert founded.when == "1965-09-05"


def test_every_corpus_document_is_audited(corpus: Path) -> None:
    for path in sorted(corpus.glob("*.txt")):
        audit = audit_of(path)
        assert audit.sentences, path.name
        text = audit.document.text
        for claim in audit.claims:
            assert text[claim.start:claim.end] == claim.text
            assert all(0 <= s.start <= s.end <= len(text) for s in claim.stances)


# -- hand-written sentences for each cue pattern ---------------------------------------------------------


@pytest.mark.parametrize(("sentence", "holder_text", "stance", "cue", "author"), [
    ("According to the State Department, the MEK received weapons from Iraq in 1986.", "State Department",
     "asserts", "According to", "reports"),
    ("Human Rights Watch reported in 2005 that the group abused its members in Camp Ashraf.",
     "Human Rights Watch", "asserts", "reported", "reports"),
    ("The NCRI rejected the allegations about Camp Ashraf in 2005.", "NCRI", "denies", "rejected", "reports"),
    ("The ministry disputes the figures published by the UN in 2004.", "ministry", "disputes", "disputes",
     "reports"),
    ("Former members testified in 2019 that they were trained by Iraqi officers.", "Former members",
     "testifies", "testified", "reports"),
    ("The MEK bombed the office in 1981, although the group denies it.", "group", "denies", "denies", "asserts"),
    # a participle the parser hangs on "elections" (corpus 15, the Rajavi biography): Khomeini declares
    ("In 1980 Ayatollah Khomeini barred Rajavi from the elections declaring that those who did not endorse the"
     " Constitution could not be trusted.", "Ayatollah Khomeini", "asserts", "declaring", "asserts"),
    # a piece of evidence from people or a body: its makers hold the claim, the author asserts it too
    ("Assessments from the British government in 1995 corroborated the alliance with Iraq.", "British government",
     "asserts", "corroborated", "asserts"),
    ("Statements from former Iraqi officials in 2004 confirmed the transfer of tanks to the group.",
     "former Iraqi officials", "testifies", "confirmed", "asserts"),
    # a gerund after "by" shares the clause's subject
    ("By denying the attack of 1992, the group's leaders hoped to keep their supporters in Europe.",
     "group's leaders", "denies", "denying", "asserts"),
    ("The minister added that the camp had been closed in 2013.", "minister", "asserts", "added", "reports"),
    # a vocative the parser takes for a second subject: the subject nearest the verb speaks
    ("Well Mr. Edwards, as you know, the minister said in 2004 that the camp had been closed.", "minister",
     "asserts", "said", "reports"),
    # the author presents testimonies as evidence, or explains a denial: the author asserts, not reports
    ("Testimonies from former members have provided firsthand accounts of the transfer of weapons in 1987.",
     "former members", "testifies", "provided firsthand accounts", "asserts"),
    ("The group denies the attack of 1992 because it would hurt its standing in Europe.", "group", "denies",
     "denies", "asserts"),
    # in the passive the agent speaks, never the subject
    ("The attack was denied by the group in a statement in 1992.", "group", "denies", "denied", "reports"),
    ("The camp was described by Human Rights Watch as a prison in 2005.", "Human Rights Watch", "asserts",
     "described", "reports"),
    # verbs that call their object something report only when they do ("present X as Y", "label X Y")
    ("Iranian officials labelled the MEK a terrorist cult in 2005.", "Iranian officials", "asserts", "labelled",
     "reports"),
    ("The MEK is portrayed by Tehran as a cult responsible for 17,000 deaths.", "Tehran", "asserts", "portrayed",
     "reports"),
    # the parser hangs the first clause under "presented" (corpus 11): the author still asserts it
    ("At one point the MEK was the largest armed group in 1986, and it is still sometimes presented by Western"
     " political backers as a major Iranian opposition group.", "Western political backers", "asserts",
     "presented", "asserts"),
])
def test_cue_patterns(sentence: str, holder_text: str, stance: str, cue: str, author: str) -> None:
    [claim] = sentence_audit(sentence).claims
    assert (holder_text, stance, cue) in {(s.holder_text, s.stance, s.cue) for s in claim.stances}
    assert ("author", author) in {(s.holder, s.stance) for s in claim.stances}


def test_negation_is_the_authors_denial() -> None:
    [claim] = sentence_audit("The MEK has never received arms from the Iraqi government in 1986.").claims
    assert [(s.holder, s.stance, s.cue) for s in claim.stances] == [("author", "denies", "never")]


@pytest.mark.parametrize(("sentence", "stance"), [
    # saying that it did not happen is denying it (it was read as the MEK asserting what it denies)
    ("The MEK said that in 1991 it did not assist the Government of Iraq in suppressing the uprisings.", "denies"),
    ("Officials said the group never received weapons from Iraq after 2003.", "denies"),
    ("The MEK said that it assisted the Government of Iraq in 1991.", "asserts"),
    ("The Department said in 2012 that it does not overlook or forget the MEK's past acts of terrorism.", "asserts"),
])
def test_a_speaker_who_says_it_did_not_happen_denies_it(sentence: str, stance: str) -> None:
    [claim] = sentence_audit(sentence).claims
    speaker = next(s for s in claim.stances if s.holder != "author")
    assert speaker.stance == stance and ("author", "reports") in {(s.holder, s.stance) for s in claim.stances}


@pytest.mark.parametrize(("sentence", "expected"), [
    # the author calls the clause false: the author denies it (it was read as the author asserting it)
    ("It is false that the MEK killed Kurdish civilians in 1991.", [("author", "denies", "false")]),
    ("It is a lie that the MEK received money from Saddam Hussein in 1986.", [("author", "denies", "lie")]),
    ("The allegations that the MEK helped Saddam crush the 1991 uprisings are baseless.",
     [("author", "denies", "baseless")]),
    ("It is false that the MEK killed Kurdish civilians in 1991, as Tehran has claimed for decades.",
     [("author", "denies", "false"), ("Tehran", "asserts", "claimed")]),
    # a speaker who calls it false denies it, and the author reports that
    ("Iran says it is false that its agents killed MEK members in Iraq in 2013.",
     [("author", "reports", ""), ("Iran", "denies", "says")]),
    ("It is false that the MEK killed Kurdish civilians in 1991, the spokesman said.",
     [("author", "reports", ""), ("spokesman", "denies", "said")]),
    # what is true is asserted; what is wrong is judged, not denied
    ("It is true that the MEK received weapons from Iraq in 1986.", [("author", "asserts", "true")]),
    ("It is wrong that the MEK killed civilians in 1981.", [("author", "asserts", "")]),
    # found by a review: the frame in its other shapes
    ("It's a lie that the MEK fought alongside the Iraqi army in 1988.", [("author", "denies", "lie")]),
    ("That the MEK fought alongside the Iraqi army in 1988 is false.", [("author", "denies", "false")]),
    ("It is false to say that the MEK fought alongside the Iraqi army in 1988.", [("author", "denies", "false")]),
    # not false is true, and false that it did not is true too (all read as denials)
    ("It is not untrue that the MEK fought alongside the Iraqi army in 1988.",
     [("author", "asserts", "not untrue")]),
    ("It is no lie that the MEK fought alongside the Iraqi army in 1988.", [("author", "asserts", "no lie")]),
    ("Rajavi's claim that the MEK never fought alongside the Iraqi army in 1988 is false.",
     [("author", "asserts", "false")]),
    # what a speaker calls false, the speaker denies (the speaker was read as asserting it)
    ("It is false, the MEK says, that it fought alongside the Iraqi army in 1988.",
     [("author", "reports", ""), ("MEK", "denies", "says")]),
    ("According to the MEK, it is false that it fought alongside the Iraqi army in 1988.",
     [("author", "reports", ""), ("MEK", "denies", "According to")]),
    ("Iraq armed the MEK in 1986, although Rajavi says it is false.", [("author", "asserts", ""),
                                                                      ("Rajavi", "denies", "says")]),
    # a participle calls it false too, and a lie someone tells is the teller's claim and the author's denial
    ("The allegations that the MEK fought alongside Iraqi forces were fabricated.",
     [("author", "denies", "fabricated")]),
    ("Accusations that the MEK fought alongside Iraqi forces in 1991 are fabricated, the NCRI said.",
     [("author", "reports", ""), ("NCRI", "denies", "said")]),
    ("Tehran repeats the myth that the MEK fought alongside Iraqi troops in 1991.",
     [("author", "denies", "myth"), ("Tehran", "asserts", "repeats")]),
    ("The MEK spread the lie that it never received weapons from Iraq in 1986.",
     [("author", "asserts", "lie"), ("MEK", "denies", "spread")]),
    # a question, a condition or a belief calls nothing false; a frame joined to another statement denies no whole
    ("Is it false that the MEK fought alongside the Iraqi army in 1988?", [("author", "asserts", "")]),
    ("If it is false that the MEK fought alongside the Iraqi army in 1988, the 2004 report is wrong.",
     [("author", "asserts", "")]),
    ("The idea that the MEK was a puppet of Saddam Hussein is nonsense, but it did take money from Iraq in 1986.",
     [("author", "asserts", "")]),
])
def test_calling_a_clause_false_denies_it(sentence: str, expected: list[tuple[str, str, str]]) -> None:
    [claim] = sentence_audit(sentence).claims
    assert [("author" if s.holder == "author" else s.holder_text, s.stance, s.cue) for s in claim.stances] == expected


@pytest.mark.parametrize(("sentence", "expected"), [
    # what the subject says in an aside is another proposition: it neither denies nor asserts the sentence's
    ("The MEK, which denies any role in the uprisings, moved its fighters to Camp Ashraf in 1986.",
     [("author", "asserts")]),
    ("Maryam Rajavi, who has long denied that the group fought for Saddam, spoke in Paris in 2004.",
     [("author", "asserts")]),
    ("Rajavi, who said the MEK never fought for Saddam, fled to Paris in 1981 with Banisadr.",
     [("author", "asserts")]),
    ("The MEK, denying any role in the uprisings, moved its fighters to Camp Ashraf in 1986.",
     [("author", "asserts")]),
    # but what the clause denies may be the sentence's subject itself
    ("The attack, which the MEK denies, killed 12 people in 1992.", [("author", "asserts"), ("MEK", "denies")]),
])
def test_an_aside_on_the_subject_holds_no_stance(sentence: str, expected: list[tuple[str, str]]) -> None:
    [claim] = sentence_audit(sentence).claims
    assert [("author" if s.holder == "author" else s.holder_text, s.stance) for s in claim.stances] == expected


@pytest.mark.parametrize("sentence", [
    # a negated verb of neglect affirms (the State Department's delisting note, 2012)
    "With today's actions, the Department does not overlook or forget the MEK's past acts of terrorism, including"
    " its involvement in the killing of U.S. citizens in Iran in the 1970s.",
    "The report never ignores the attack on the embassy in April 1992.",
])
def test_negated_neglect_is_not_a_denial(sentence: str) -> None:
    [claim] = sentence_audit(sentence).claims
    assert [(s.holder, s.stance) for s in claim.stances] == [("author", "asserts")]


@pytest.mark.parametrize("sentence", [
    "Ayatollah Khomeini dismissed President Abolhassan Banisadr in June 1981.",  # dismiss a person, not a claim
    "The alleged attack on the embassy took place in April 1992.",  # an adjective, not a statement
    "In 1979 the group supported the takeover of the US Embassy in Tehran.",  # support is not evidence here
    "Although the war ended in 1988, the camp remained open until 2013.",  # a concession with no denial
    "In 1971 the police questioned Ahmad Rezaei about the bombing of the embassy in Tehran.",  # not a dispute
    "Since 1975 the Congress has added some $13 billion to the defence budget.",  # "add" with no clause
    "The MEK was designated a terrorist organisation in 1997.",  # a passive with no agent: the MEK says nothing
    "We were told in 1984 that the budget would be balanced.",
    "The MEK presented a plan to the Senate in 2003.",  # "present" calls nothing anything here
    # no speaker of its own: the effort does not present anything (the example article)
    "This denial in 2003 is a strategic effort to rehabilitate their image and present themselves as a legitimate"
    " opposition force.",
])
def test_cue_words_that_are_not_stances(sentence: str) -> None:
    [claim] = sentence_audit(sentence).claims
    assert [(s.holder, s.stance, s.cue) for s in claim.stances] == [("author", "asserts", "")]


@pytest.mark.parametrize("sentence", [
    "Reports of torture in Camp Ashraf in 2005 suggested a pattern of abuse.",  # torture cannot speak
    "Documents from the archive in Tirana show the transfer of funds in 1998.",  # nor can an archive
])
def test_evidence_from_what_cannot_speak_has_no_holder(sentence: str) -> None:
    [claim] = sentence_audit(sentence).claims
    assert {s.holder for s in claim.stances} == {"author"}


@pytest.mark.parametrize(("text", "claims"), [
    # what ought to be done is not a claim about what is (a resolution's operative clause, a proposal)
    ("It is the sense of Congress that the United States should work with Iraq to resettle 3,000 residents by 2016.",
     0),
    ("The United States should pay $2 billion to Iraq in 2016.", 0),
    ("Permit the president to spend $3 billion on defence in 1984.", 0),
    ("The United States paid $2 billion to Iraq in 2016.", 1),
    # a bare verb that leads what the speaker says is no instruction
    ("Let me tell you that the MEK received $2 billion from Iraq in 1986.", 1),
])
def test_prescriptions_are_not_claims(text: str, claims: int) -> None:
    assert len(sentence_audit(text).claims) == claims


@pytest.mark.parametrize("notice", [
    # the header of a US government file (corpus 05, the Senate resolution): about the file, not the subject
    "Pursuant to Title 17 Section 105 of the United States Code, this file is not subject to copyright protection"
    " and is in the public domain.",
    "Text is available under the Creative Commons Attribution-ShareAlike License 4.0; additional terms may apply.",
    "Copyright 2019 The Washington Institute. All rights reserved.",
])
def test_rights_and_licence_notices_are_never_claims(notice: str) -> None:
    audit = sentence_audit("The MEK moved its fighters to Camp Ashraf in 1986.\n\n" + notice)
    assert [c.text for c in audit.claims] == ["The MEK moved its fighters to Camp Ashraf in 1986."]


def test_a_debate_transcript_is_audited_without_a_pack() -> None:
    from conftest import SHARED, need

    path = need(SHARED / "data" / "claimbuster" / "debate_transcripts" / "1960-09-26.txt")
    audit = analyse(read_source(str(path), Settings()))
    assert len(audit.claims) > 50 and audit.entities
    kennedy = [e for e in audit.entities if "Kennedy" in e.name]
    assert kennedy and kennedy[0].type == "Person"
    assert any(c.kind == "quantity" for c in audit.claims)


def test_footnote_markers_cite_the_numbered_reference_list() -> None:
    text = ("In 1986 the MEK moved its headquarters and 7,000 fighters from Paris to Baghdad.[2] "
            "In May 2003, US forces disarmed the 3,800 MEK fighters at Camp Ashraf.[1]\n\n"
            "References\n1. Report on Camp Ashraf, UNHCR, 2004\n2. No Exit, Human Rights Watch, 2005")
    audit = analyse(read_source("-", Settings(), stdin=io.BytesIO(text.encode())))
    by_title = {s.title: s for s in audit.sources}
    moved, disarmed = audit.claims
    assert moved.citations == [by_title["No Exit"].id] and disarmed.citations == [by_title["Report on Camp Ashraf"].id]
    assert by_title["No Exit"].publisher == "Human Rights Watch"
    marker = by_title["No Exit"].mentions[-1]
    assert text[marker.start:marker.end] == "[2]"


def test_a_one_sentence_paragraph_with_footnote_markers_is_a_claim_not_a_heading() -> None:
    text = ("Background\n\nThe MEK moved its headquarters from Paris to Baghdad in 1986.[18]\n\n"
            "Iraq gave it bases and weapons in 1987 near the border.[19][20]\n\nReferences\n\n18. A.\n19. B.\n20. C.")
    assert [c.text for c in sentence_audit(text).claims] == [
        "The MEK moved its headquarters from Paris to Baghdad in 1986.",
        "Iraq gave it bases and weapons in 1987 near the border."]


@pytest.mark.parametrize(("sentence", "entity"), [
    # "Iranian officials" speak for the government (they were held by the adjective "Iranian", on no side)
    ("Iranian officials said in 2005 that the MEK had killed 17,000 Iranians since 1981.", "iranian-government"),
    ("Iran’s Foreign Ministry accused the MEK of killing nuclear scientists in 2012.", "iranian-foreign-ministry"),
    ("The Iranian Foreign Ministry said in 2012 that the MEK had killed nuclear scientists.",
     "iranian-foreign-ministry"),
])
def test_iranian_officials_and_the_foreign_ministry_are_on_the_governments_side(sentence: str, entity: str) -> None:
    [claim] = sentence_audit(sentence, pack=True).claims
    [speaker] = [s for s in claim.stances if s.holder != "author"]
    assert speaker.holder == pack_entity_id(entity) and speaker.stance == "asserts"
    side = next(p.id for p in PACK.parties if entity in p.entities)
    assert side == "iranian-government-side"
