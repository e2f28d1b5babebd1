"""Propositions across the corpus dossier: verified by reading, order-independent, graded with reasons."""

from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path

import jsonschema
import pytest

from claimscope.analyse import analyse
from claimscope.errors import NotFound
from claimscope.grade import Facts, grade, stance_label
from claimscope.ingest import read_source
from claimscope.link.propositions import build, suggested
from claimscope.link.similarity import settings
from claimscope.model import make_id
from claimscope.pack import bundled_pack_dir, load_pack
from claimscope.settings import Settings
from claimscope.store import Store, search
from conftest import ROOT

pytestmark = pytest.mark.slow
PACK = load_pack(bundled_pack_dir())
SCHEMA = json.loads((ROOT / "schemas" / "propositions.schema.json").read_text())


@pytest.fixture(scope="module")
def audits(corpus: Path) -> list:  # type: ignore[type-arg]
    return [analyse(read_source(str(p), Settings()), PACK) for p in sorted(corpus.glob("*.txt"))]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:  # module-scoped twin of conftest's fixture
    from conftest import SHARED, need

    return need(SHARED / "corpus" / "mek-iraq")


def dossier(path: Path, audits: list) -> list:  # type: ignore[type-arg]
    store = Store(path)
    for audit in audits:
        store.save(audit)
    return build(store, PACK)


def find(found: list, words: str):  # type: ignore[no-untyped-def,type-arg]
    match = [p for p in found if any(m.claim.text.startswith(words) for m in p.members)]
    assert match, f"no proposition has a claim starting {words!r}"
    return match[0]


def test_three_propositions_verified_by_reading(tmp_path: Path, audits: list) -> None:  # type: ignore[type-arg]
    found = dossier(tmp_path / "d.sqlite", audits)
    uprisings = find(found, "In 1991, the MEK assisted the Government of Iraq in suppressing")
    texts = {m.claim.text[:40] for m in uprisings.members}
    assert any(t.startswith("They also assisted Saddam Hussein") for t in texts)  # the example article
    stances = {(m.side, s.holder_text, s.stance) for m in uprisings.members for s in m.claim.stances}
    assert ("us-government-side", "the author", "asserts") in stances
    assert ("unknown", "MEK", "denies") in stances  # the article says the MEK denies it
    assert uprisings.contested and uprisings.grade.credibility == 3
    reasons = " ".join(uprisings.grade.reasons)
    assert "Denied or disputed in 1 document: by People's Mojahedin Organization of Iran, as “Collaboration with " \
        "Saddam: A Criminal Record That Rajavi Denies” reports it." in reasons  # the article's word, not the MEK's
    # the article cites nothing for it, but lists the State Department's Country Reports on Terrorism among its
    # sources: its word and the Department's report are one source, not two
    assert "The supporting claims rest on 1 distinct source: U.S. Department of State, “Mujahedin-e Khalq " \
        "Organization (MEK) — From: Country Reports on Terrorism, 2004”." in reasons
    assert "“Collaboration with Saddam: A Criminal Record That Rajavi Denies” cites U.S. Department of State " \
        "elsewhere in it: its uncited claim may rest on that source, so the two count once." in reasons
    # the State Department's report is in the dossier as a critic's copy: said, with the copier's party
    assert "“Mujahedin-e Khalq Organization (MEK) — From: Country Reports on Terrorism, 2004” is a copy, reproduced " \
        "by Nejat Society (nejatngo.org) (a party: Critics of the MEK" in reasons
    assert "Country Reports on Terrorism" in reasons and "The side of 1 document is unknown" in reasons
    # two State Department texts (01, 02: a media note, a country report) are one publisher and one underlying
    # source; the group profile (04) is "in the style of" a State Department appendix, so not the Department's, but
    # it is the US government's too: the two sources of one party are not independent confirmation
    killings = find(found, "During the 1970s, the MEK killed US military personnel")
    reasons = " ".join(killings.grade.reasons)
    assert "Asserted by 3 documents from 2 publishers on 1 known side." in reasons
    assert "rest on 2 distinct sources: U.S. Department of State (2 documents); U.S. government terrorism" in reasons
    assert "2 of them come from one party (The United States government)" in reasons
    assert killings.grade.credibility == 3
    # Wikipedia's "According to the U.S. State Department, the MEK ... was then welcomed into Iraq" rests on the
    # State Department's word, not on an encyclopedia independent of the parties
    cooperation = find(found, "According to the U.S. State Department, the MEK, which established its base")
    assert "U.S. Department of State" in cooperation.grade.reasons[1] and cooperation.grade.reliability != "A"
    # the example article asserts the cooperation and, in a judgement of the MEK's motive, says the MEK denies it
    # ("The MEK leaders deny their cooperation with Saddam Hussein primarily because ..."): the denial is on the
    # map (a claim of the asserting document, linked to it), the judgement is not counted as support
    motive = next(m for m in cooperation.members if m.claim.text.startswith("The MEK leaders deny their cooperation"))
    assert ("MEK leaders", "denies") in {(s.holder_text, s.stance) for s in motive.claim.stances}
    assert cooperation.contested and cooperation.grade.credibility == 3
    assert "Denied or disputed in 1 document: by People's Mojahedin Organization of Iran, as “Collaboration with " \
        "Saddam: A Criminal Record That Rajavi Denies” reports it." in cooperation.grade.reasons
    assert [stance_label(motive.claim, s) for s in motive.claim.stances] == ["asserts, as a judgement", "denies"]
    assert not cooperation.text.startswith("The MEK leaders deny")
    # a perspective ("encyclopedic", "neutral/official") is not a side: the corpus has one party's documents only
    assert not any(p.grade.credibility == 1 or "2 known sides" in " ".join(p.grade.reasons) for p in found)
    # an encyclopedia is no source for what it states uncited (WP:CIRCULAR): two Wikipedia articles that cite
    # nothing for the MEK's part in the 1979 revolution rest on no source (graded A until 2026-11-30)
    revolution = find(found, "Rajavi and the MEK actively opposed the Shah of Iran")
    assert (revolution.grade.reliability, revolution.grade.credibility) == ("F", 6)
    assert revolution.grade.reasons[:2] == ["Asserted by 2 documents from 1 publisher.",
                                            "No supporting claim cites a source."]
    embassies = find(found, "In April 1992, the MEK conducted near-simultaneous attacks")
    assert len(embassies.documents) == 2 and not embassies.contested
    # corpus file 02 stops mid-word ("... ability to mount la"): its claim is quoted with a mark saying so
    assert [m.cut for m in embassies.members if m.claim.text.endswith("ability to mount la")] == [True]
    assert sum(m.cut for p in found for m in p.members) == 1
    assert next(m.words for m in embassies.members if m.cut).endswith("mount la [the document's text stops here]")
    assert {m.side for m in embassies.members} == {"us-government-side"}
    abroad = find(found, "Since then, it has conducted terrorist attacks against the interests of the clerical")
    assert any("attacks on the interests of the clerical regime" in m.claim.text for m in abroad.members)
    # each claim shows how closely it is tied: its strongest link, at least the threshold
    threshold = settings().threshold
    assert all(threshold <= m.link < 1 for p in found for m in p.members)
    assert len({m.link for m in embassies.members}) == 1  # two claims, one link, shown on both


def test_the_order_documents_are_added_in_does_not_matter(tmp_path: Path, audits: list) -> None:  # type: ignore[type-arg]
    forward = dossier(tmp_path / "a.sqlite", audits)
    backward = dossier(tmp_path / "b.sqlite", list(reversed(audits)))
    assert [p.to_json() for p in forward] == [p.to_json() for p in backward]


def test_json_is_valid(tmp_path: Path, audits: list) -> None:  # type: ignore[type-arg]
    found = dossier(tmp_path / "d.sqlite", audits)
    jsonschema.Draft202012Validator(SCHEMA).validate(
        {"schema": "claimscope.propositions/1", "propositions": [p.to_json() for p in found]})


def test_the_wording_shown_states_the_proposition_and_reads_on_its_own() -> None:
    from claimscope.grade import Grade
    from claimscope.link.propositions import Member, Proposition
    from claimscope.model import Claim, Stance

    def member(text: str, score: float, author: str = "asserts") -> Member:
        claim = Claim(make_id("cl", text), text, 0, len(text), score, "relation",
                      [Stance("author", "the author", author, "", 0, 0)])  # type: ignore[arg-type]
        return Member(make_id("d", text), None, None, "unknown", claim, [])

    grade = Grade("F", 6, ["-"])
    denial = member("The MEK never received arms from Iraq in 1986.", 0.9, "denies")
    leaning = member("They also received arms from Iraq in 1986.", 0.8)
    marked = member("The MEK received arms from Iraq in 1986.[3]", 0.7)
    plain = member("Iraq armed the MEK in 1986.", 0.6)
    assert Proposition("p-x", [denial, leaning, marked, plain], grade).text == "Iraq armed the MEK in 1986."
    assert Proposition("p-x", [denial, leaning], grade).text.startswith("They also")  # a denial comes last


@pytest.mark.parametrize(("facts", "expected"), [
    (Facts(best_specificity="specific", best_public=True, best_independent=True, supporting_sources=2,
           independent_sources=2, supporting_sides=2, asserting=2, publishers=2), ("A", 1)),
    (Facts(best_specificity="specific", best_public=True, best_independent=False, supporting_sources=2,
           independent_sources=2, asserting=2, publishers=2), ("B", 2)),
    # no pack names the parties: independence is unknown, so not A (and not said to be a party's either)
    (Facts(best_specificity="specific", best_public=True, best_independent=None, supporting_sources=2,
           independent_sources=2, supporting_sides=0, asserting=2, publishers=2), ("B", 2)),
    # two sources of one party are one independent source: not confirmed
    (Facts(best_specificity="specific", best_public=True, best_independent=False, supporting_sources=2,
           independent_sources=1, one_party=[("The United States government", 2)], asserting=2, publishers=2),
     ("B", 3)),
    # two independent sources that give different figures ("13 countries" / "3 countries") confirm nothing
    (Facts(best_specificity="specific", best_public=True, best_independent=True, supporting_sources=2,
           independent_sources=2, supporting_sides=2, asserting=2, publishers=2, figures_differ=1,
           figures=[[("13 countries", ["A"]), ("3 countries", ["B"])]]), ("A", 3)),
    (Facts(best_specificity="specific", best_public=None, supporting_sources=1, asserting=1, denying=1,
           publishers=1), ("C", 3)),
    (Facts(best_specificity="vague", best_public=None, supporting_sources=1, asserting=1, publishers=1), ("D", 3)),
    (Facts(best_specificity="vague", best_public=False, supporting_sources=1, asserting=1, denying=3,
           publishers=1), ("E", 5)),
    (Facts(asserting=1, denying=2, publishers=1), ("F", 5)),
    (Facts(denying=2), ("F", 5)),  # denied only: "No document asserts it as a fact." (it printed a lone ".")
    (Facts(asserting=1, denying=1, publishers=1), ("F", 4)),
    (Facts(judging=2), ("F", 6)),  # judgements only: "Stated only as a judgement in 2 documents ..."
    (Facts(asserting=1, publishers=1), ("F", 6)),
])
def test_each_row_of_the_rubric(facts: Facts, expected: tuple[str, int]) -> None:
    result = grade(facts)
    assert (result.reliability, result.credibility) == expected
    if expected[0] == "B":
        party = facts.best_independent is False
        assert ("from a party to the dispute" if party else "independence from the parties is unknown") \
            in result.reasons[-1]
    assert result.reasons and "never" not in result.note and "not a verdict" in result.note
    if expected[1] == 3:  # the ways to a 3 are told apart
        assert ("but denied or disputed" if facts.denying else "which give different figures" if facts.figures_differ
                else "not confirmed by an independent one") in result.reasons[-1]
    assert ("The supporting claims give different figures: “13 countries” in “A”, “3 countries” in “B”. They do not "
            "confirm each other on it." in result.reasons) == bool(facts.figures_differ)
    assert not any(word in result.reasons[-1] for word in ("true", "improbable", "doubtful"))  # support, not truth
    assert ("stated only as a judgement" in result.reasons[-1]) == bool(facts.judging)
    # with nothing asserting it, no sentence counts its supporting documents or their sources
    assert ((result.reasons[0] == "No document asserts it as a fact.") == (not facts.asserting)
            == ("no document asserts it as a fact" in result.reasons[-1]))
    assert not any("Asserted by 0" in r or "No supporting claim" in r for r in result.reasons) or facts.asserting


def test_without_a_pack_the_reasons_say_why_sources_count_as_independent() -> None:
    # no pack names the parties, so nothing ties two publishers to one side: a 2 (several independent sources)
    # rests on that, and the reasons say so rather than leave it implied
    facts = dict(best_specificity="specific", best_public=True, supporting_sources=2, independent_sources=2,
                 asserting=2, publishers=2, underlying=["U.S. Department of State", "U.S. Government"])
    blind = grade(Facts(**facts, parties_known=False))  # type: ignore[arg-type]
    assert blind.credibility == 2 and "No pack names the dispute's parties: the 2 sources count as independent of " \
        "each other because nothing in the dossier ties them to one party." in blind.reasons
    assert not any("No pack" in r for r in grade(Facts(**facts)).reasons)  # type: ignore[arg-type]


def test_a_reported_denial_supports_nothing_and_a_relayed_word_is_not_an_assertion() -> None:
    from claimscope.link.propositions import Member, Proposition
    from claimscope.link.support import facts_of
    from claimscope.model import Claim, Source, Stance

    def member(doc: str, publisher: str | None, text: str, *stances: tuple[str, str]) -> Member:
        claim = Claim(make_id("cl", doc), text, 0, len(text), 0.9, "event",
                      [Stance(h, h, st, "", 0, 0) for h, st in stances])  # type: ignore[arg-type]
        return Member(doc, doc, publisher, "unknown", claim,
                      [Source(id=f"s-{doc}", text=doc, kind="report", specificity="specific", publisher=publisher)])

    stated = member("a", "Example Daily", "In 1991 the MEK assisted Iraq in suppressing the uprisings.",
                    ("author", "asserts"))
    relayed = member("b", "Example Weekly", "According to officials, in 1991 the MEK assisted Iraq in suppressing "
                     "the uprisings.", ("author", "reports"), ("e-officials", "asserts"))
    denial = member("c", None, "The MEK denies that in 1991 it assisted Iraq in suppressing the uprisings.",
                    ("author", "reports"), ("e-mek", "denies"))
    facts = facts_of([stated, relayed, denial], None, {})
    assert (facts.asserting, facts.reporting, facts.denying) == (2, 1, 1)  # c relays a denial: it supports nothing
    assert (facts.publishers, facts.unknown_publishers) == (2, 0)
    said = grade(facts).reasons[0]
    assert said == "Asserted by 1 document and reported as another's word by 1 document from 2 publishers."
    anonymous = member("d", None, "In 1991 the MEK helped Iraq suppress the uprisings.", ("author", "asserts"))
    facts = facts_of([stated, anonymous], None, {})
    said = grade(facts).reasons
    assert said[0] == "Asserted by 2 documents from 1 known publisher." and \
        "The publisher of 1 supporting document is unknown." in said
    # the wording shown states the proposition: never a claim in which someone denies it
    assert Proposition("p-x", [denial, relayed], grade(facts)).text.startswith("According to officials")
    # two claims with the same terms score 1: a score, not a reviewer's merge (the page said "merged")
    from dataclasses import replace

    from claimscope.link.propositions import link_label

    assert [link_label(replace(stated, link=1.0)), link_label(replace(stated, link=1.0, merged=True)),
            link_label(replace(stated, link=0.41, merged=True))] == ["1.00", "merged", "0.41, merged"]


def test_an_uncited_claim_may_rest_on_what_its_document_cites_elsewhere() -> None:
    from claimscope.link.propositions import Member
    from claimscope.link.support import facts_of
    from claimscope.model import Claim, Source, Stance

    def member(doc: str, sources: list[Source], elsewhere: list[Source]) -> Member:
        claim = Claim(make_id("cl", doc), doc, 0, 1, 0.9, "event", [Stance("author", "", "asserts", "", 0, 0)])
        return Member(doc, doc, None, "unknown", claim, sources, elsewhere=elsewhere)

    report = Source(id="s-r", text="Annual report", kind="report", specificity="specific", title="Annual report",
                    publisher="Example Ministry")
    cited = member("a", [report], [])
    itself = Source(id="document:b", text="An article", kind="document", title="An article", specificity="partial")
    listed = Source(id="s-l", text="reports of the Example Ministry", kind="report", specificity="partial",
                    publisher="Example Ministry")
    facts = facts_of([cited, member("b", [itself], [listed])], None, {})
    assert facts.supporting_sources == 1 and facts.may_rest_on == [("b", "Example Ministry")]
    assert "“b” cites Example Ministry elsewhere in it: its uncited claim may rest on that source, so the two count " \
        "once." in grade(facts).reasons
    other = Source(id="s-o", text="a report of another body", kind="report", specificity="partial",
                   publisher="Another Body")
    facts = facts_of([cited, member("b", [itself], [other])], None, {})  # cites someone else: two sources
    assert facts.supporting_sources == 2 and facts.may_rest_on == []


def test_who_copied_a_document_is_read_from_its_publisher_label() -> None:
    from claimscope.link.support import reprinter

    assert reprinter("U.S. Department of State (Country Reports on Terrorism 2004), as reproduced by Nejat Society "
                     "(nejatngo.org)") == "Nejat Society (nejatngo.org)"
    assert reprinter("Example Daily, reprinted by Another Weekly.") == "Another Weekly"
    assert reprinter("U.S. Department of State") is None and reprinter(None) is None


def test_one_publisher_counts_once_and_independence_needs_the_parties() -> None:
    from claimscope.link.support import independent, publisher_of
    from claimscope.model import Source

    assert publisher_of("U.S. Department of State (media note), as reproduced by The Iran Primer", None) == \
        "U.S. Department of State"
    assert publisher_of("Wikipedia (English), Kiwix offline snapshot", None) == "Wikipedia"
    # the pack's one name for the labels it matches, but not for a name a hedge leads ("in the style of")
    assert publisher_of("Country Reports on Terrorism (State Dept)", PACK) == "U.S. Department of State"
    assert publisher_of("U.S. government terrorism group profile (style of State Dept 'Patterns')", PACK) == \
        "U.S. government terrorism group profile"
    assert PACK.side_of_publisher("A profile based on State Dept reports", None) is None
    state = Source(id="s", text="Country Reports", kind="report", specificity="specific",
                   publisher="U.S. Department of State")
    encyclopedia = Source(id="w", text="an article", kind="document", specificity="specific",
                          publisher="Wikipedia (English)")
    # a publisher the pack does not place is of unknown independence (an unknown blog earned an A), unless the
    # pack vouches for it
    assert independent(state, PACK) is False and independent(encyclopedia, PACK) is None
    vouched = dataclasses.replace(PACK, publishers=(*PACK.publishers, ("Wikipedia", None)))
    assert independent(encyclopedia, vouched) is True and vouched.side_of_publisher("Wikipedia (English)", None) is None
    assert independent(state, None) is None  # no pack names the parties: unknown, never guessed
    assert independent(Source(id="n", text="a report", kind="report", specificity="vague"), PACK) is None
    # a holder the author only reports: a party's entity is not independent, a vague one is unknown
    from claimscope.analyse.entities import pack_entity_id

    said = {"text": "the group", "kind": "attribution", "specificity": "partial", "publisher": "the group"}
    assert independent(Source(id=f"holder:{pack_entity_id('mek')}", **said), PACK) is False  # type: ignore[arg-type]
    assert independent(Source(id="holder:e-officials", **said), PACK) is None  # type: ignore[arg-type]
    # the audit's own "According to X" source names its holder as publisher: a party's person is not independent
    rajavi = Source(id="s-1", text="According to Maryam Rajavi", kind="attribution", specificity="partial",
                    publisher="Maryam Rajavi")
    assert independent(rajavi, PACK) is False


def test_proposition_pages_and_api(tmp_path: Path, audits: list) -> None:  # type: ignore[type-arg]
    from fastapi.testclient import TestClient

    from claimscope.web import WebSettings, create_app

    db = tmp_path / "web.sqlite"
    dossier(db, audits)
    with TestClient(create_app(WebSettings(settings=Settings(db=db), pack="mek-iraq"))) as client:
        data = client.get("/api/propositions", params={"contested": True}).json()
        jsonschema.Draft202012Validator(SCHEMA).validate(data)
        # the uprisings and the cooperation with Saddam Hussein (the example article reports the MEK's denials),
        # not the 1970s killings: the State Department's "does not overlook or forget" is no denial (it was read as
        # one until 2026-11-29)
        assert len(data["propositions"]) == 2
        assert not any("killed US military personnel" in p["text"] for p in data["propositions"])
        contested = next(p for p in data["propositions"] if any("uprisings" in c["text"] for c in p["claims"]))
        assert contested["contested"] and len(contested["documents"]) == 2
        page = client.get(f"/propositions/{contested['id']}").text
        assert "Stance map" in page and "not a verdict on its truth" in page and "denies" in page
        assert all(c["link"] >= 0.25 for c in contested["claims"])
        assert ">Link</abbr>" in page and f"<td data-label=\"Link\">{contested['claims'][0]['link']:.2f}</td>" in page
        assert contested["id"] in client.get("/").text  # the home page lists the contested propositions
        # what a grade means, where it is shown: the scale on its page, the letter's and number's meanings on a badge
        grade = contested["grade"]
        assert "A grade is a letter and a number" in page
        badge = f"grade {grade['reliability']}{grade['credibility']}</abbr>"
        listed = client.get("/propositions").text
        assert badge in listed and "never a verdict on its truth: reliability " + grade["reliability"] + " (" in listed
        denials = sum(1 for c in contested["claims"] for s in c["stances"] if s["stance"] == "denies")
        assert f"{len(contested['documents'])} documents: " in page and f"</span> {denials} denies</span>" in page
        claim_page = client.get(f"/claims/{contested['claims'][0]['claim']}").text
        assert f"/propositions/{contested['id']}" in claim_page and badge in claim_page
        # "in its document" lands on the claim's own mark, not the top of its paragraph
        document, claim = contested["claims"][0]["document"], contested["claims"][0]["claim"]
        assert f'href="/documents/{document}#{claim}"' in claim_page
        assert f'<span class="claim-anchor" id="{claim}"></span>' in client.get(f"/documents/{document}").text
        assert client.get("/api/propositions/p-0000000000000000").status_code == 404
        offered = client.get(f"/api/propositions/{contested['id']}/suggested").json()
        assert offered["suggested"] and offered["suggested"][0]["reason"].startswith("shares ")
        members = {c["claim"] for c in contested["claims"]}
        assert not members & {s["claim"] for s in offered["suggested"]}
        assert client.get("/api/propositions/p-0000000000000000/suggested").status_code == 404
        # an address outlives a decision that renames the proposition (named by its first claim)
        from claimscope.link.propositions import decide

        store = Store(db)
        other = next(p for p in client.get("/api/propositions").json()["propositions"] if p["id"] != contested["id"])
        decide(store, "merge", contested["claims"][0]["claim"], other["claims"][0]["claim"], "Ana")
        ids = {p["id"] for p in client.get("/api/propositions").json()["propositions"]}
        [gone] = {contested["id"], other["id"]} - ids  # one of the two names is gone, the other names both
        moved = client.get(f"/propositions/{gone}?taken_out=x", follow_redirects=False)
        assert moved.status_code == 307 and moved.headers["location"] in {
            f"/propositions/{i}?taken_out=x" for i in ids}
        assert client.get(f"/api/propositions/{gone}").json()["id"] in ids  # the API follows too
        # when the claim it was named by is in no proposition, the 404 says so and where that claim is
        first = min(c["claim"] for c in contested["claims"] + other["claims"])
        decide(store, "detach", first, None, "Ana")
        missing = client.get(f"/api/propositions/{make_id('p', first)}")
        assert missing.status_code == 404 and f"see /claims/{first}" in missing.json()["message"]


def test_reviewer_decisions_are_kept_and_respected(tmp_path: Path, audits: list) -> None:  # type: ignore[type-arg]
    from claimscope.link.propositions import decide
    from claimscope.service import reanalyse

    db = tmp_path / "d.sqlite"
    found = dossier(db, audits)
    store = Store(db)
    embassies = find(found, "In April 1992, the MEK conducted near-simultaneous attacks")
    uprisings = find(found, "In 1991, the MEK assisted the Government of Iraq in suppressing")
    decide(store, "merge", embassies.members[0].claim.id, uprisings.members[0].claim.id, "Ana")
    merged = find(build(store, PACK), "In April 1992, the MEK conducted near-simultaneous attacks")
    assert {m.claim.id for m in merged.members} == {m.claim.id for m in embassies.members + uprisings.members}
    # a proposition is named by its first claim, so its address survives claims joining it
    first = min(m.claim.id for m in merged.members)
    kept = next(p for p in (embassies, uprisings) if first in {m.claim.id for m in p.members})
    assert merged.id == kept.id
    # the two claims the merge names keep their own links: "merged" (1) is for a claim joined by a decision alone
    before = {m.claim.id: m.link for m in embassies.members + uprisings.members}
    assert {m.claim.id: m.link for m in merged.members} == before and all(v < 1.0 for v in before.values())
    # and the stance map says which two a reviewer joined, beside their scores (it showed the score alone)
    from claimscope.link.propositions import link_label

    joined = {embassies.members[0].claim.id, uprisings.members[0].claim.id}
    labels = {m.claim.id: link_label(m) for m in merged.members}
    assert all(labels[c] == f"{before[c]:.2f}, merged" for c in joined)
    assert all(re.fullmatch(r"0\.\d\d", label) for c, label in labels.items() if c not in joined)
    article_claim = next(m.claim.id for m in uprisings.members if m.claim.text.startswith("They also assisted"))
    decide(store, "detach", article_claim, None, "Ana")
    after = build(store, PACK)
    assert not any(m.claim.id == article_claim for p in after for m in p.members)
    # nor is it offered again as a claim that may state one of them
    assert not any(s.claim == article_claim for p in after for s in suggested(store, PACK, p, after))
    reanalyse(store, PACK, force=True)  # the decisions outlive re-analysis
    assert [p.to_json() for p in build(store, PACK)] == [p.to_json() for p in after]
    with pytest.raises(Exception, match="merge names two claims"):
        decide(store, "merge", article_claim, None, "Ana")
    with pytest.raises(NotFound, match="cl-nowhere: no such claim"):
        decide(store, "merge", article_claim, "cl-nowhere", "Ana")
    assert [p.to_json() for p in build(store, PACK)] == [p.to_json() for p in after]  # nothing was recorded
    # a judgement joins like any claim (its denials count), but its author's word is never counted as support
    motive = next(c.id for a in audits for c in a.claims if c.text.startswith("This denial is a strategic effort"))
    killings = find(after, "During the 1970s, the MEK killed US military personnel")
    decide(store, "merge", killings.members[0].claim.id, motive, "Ana")
    joined = find(build(store, PACK), "During the 1970s, the MEK killed US military personnel")
    assert motive in {m.claim.id for m in joined.members}
    assert (joined.grade.reliability, joined.grade.credibility) == (killings.grade.reliability, 3)
    assert joined.grade.reasons[0] == killings.grade.reasons[0]  # "Asserted by 3 documents from 2 publishers ..."
    assert "Stated only as a judgement in 1 document: not counted as support." in joined.grade.reasons


def test_the_cli_lists_propositions_and_shows_one(tmp_path: Path, audits: list) -> None:  # type: ignore[type-arg]
    from conftest import run_cli

    db = tmp_path / "d.sqlite"
    dossier(db, audits)
    listed = run_cli("propositions", "--contested", "--pack", "mek-iraq", db=db, env={"COLUMNS": "200"})
    assert listed.returncode == 0, listed.stderr
    lines = [x for x in listed.stdout.splitlines() if x.startswith("p-")]
    assert len(lines) == 2 and all("contested)" in x for x in lines)
    line = next(x for x in lines if "suppressing the Shia and Kurdish uprisings" in x)
    assert "(2 documents · contested)" in line
    assert "2 propositions (2 contested), those in the most documents first" in listed.stdout  # and the order said
    prop_id = line.split()[0]
    # the README shows this proposition by its id
    assert f"    {prop_id}  [B3] In 1991, the MEK assisted the Government of Iraq" in (ROOT / "README.md").read_text()
    # its first characters name it, with or without the "p-"
    shown = run_cli("proposition", prop_id[2:8], "--pack", "mek-iraq", db=db, env={"COLUMNS": "200"})
    assert shown.returncode == 0, shown.stderr
    assert "Stance map" in shown.stdout and "denies" in shown.stdout and "Grade B3" in shown.stdout
    assert "link: the claim's strongest link score" in shown.stdout
    assert "The United States government" in shown.stdout and "us-government-side" not in shown.stdout
    assert "┃ the words" in shown.stdout  # 200 columns: a table
    # in 80 columns, a block for each claim: the table's six columns left "the words" 13 characters wide
    narrow = run_cli("proposition", prop_id, db=db, env={"COLUMNS": "80"}).stdout
    assert "People's Mojahedin Organization of Iran: denies" in narrow and "┃" not in narrow
    assert "  “In 1991, the MEK assisted the Government of Iraq in suppressing the Shia and Kurdish uprisings" \
           in narrow
    # the time it speaks of is its wording's, not widened by the article's compound claim about the 1980s; and
    # when its documents are dated (the article is not)
    assert f"{prop_id} · 2 documents · speaks of 1991 · documents dated April 2005 (1 undated)" in shown.stdout
    # search finds the other names the dossier's pack gives an entity
    found = json.loads(run_cli("search", "MKO", "--format", "json", db=db).stdout)
    assert len(found) > len(search(Store(db), "MKO"))
    # an ambiguous name's candidates are named, also those the document never names
    article = next(a.document.id for a in audits if any(e.name == "Rajavi (ambiguous)" for e in a.entities))
    audit_text = run_cli("show", article, db=db, env={"COLUMNS": "200"}).stdout
    could = [line for line in audit_text.splitlines() if "could be:" in line]
    assert could and not any(" e-" in line.split("could be:")[1] for line in could), could
    data = json.loads(run_cli("proposition", prop_id, "--format", "json", db=db).stdout)
    jsonschema.Draft202012Validator(SCHEMA).validate(data)
    # the JSON lists the claims that may state it too, as the text does, each with its reason
    offered = data["propositions"][0]["suggested"]
    assert offered[0]["text"].startswith("The 1991 uprisings in Iraq were a series of popular rebellions")
    assert offered[0]["reason"].startswith("shares 1991")
    links = {f"{c['link']:.2f}" for c in data["propositions"][0]["claims"]}
    assert all(f" {value} " in shown.stdout for value in links)  # the link column
    missing = run_cli("proposition", "p-0000", db=db)
    assert missing.returncode != 0 and "p-0000" in missing.stderr and "no such proposition" in missing.stderr
    # an id that names several is refused, by `proposition` and by `export` alike (export took the first match),
    # and an empty id is not read as "the whole dossier"
    for args in (("proposition", "p-"), ("export", "-f", "json", "--proposition", "p-")):
        several = run_cli(*args, db=db)
        assert several.returncode == 1 and not several.stdout
        assert several.stderr.startswith("error: p-: matches more than one proposition (give more characters of the "
                                          "id: p-") and several.stderr.count("\n") == 1
    for option, problem in (("--proposition", "a proposition id is needed"),
                            ("--document", "a document id needs at least 4 characters")):
        empty = run_cli("export", "-f", "json", option, "", db=db)
        assert empty.returncode == 1 and not empty.stdout and f"error: '': {problem}" in empty.stderr
    # a refused decision changes nothing: both at once, a stranger claim, the proposition with itself
    before = run_cli("propositions", "--format", "json", db=db).stdout
    other = next(p["id"] for p in json.loads(before)["propositions"] if p["id"] != prop_id)
    member = data["propositions"][0]["claims"][0]["claim"]
    for refused in (("--merge", other, "--detach", "cl-x"), ("--detach", "cl-x"), ("--detach", ""),
                    ("--merge", prop_id), ("--add", ""), ("--add", "cl-0000000000000000"), ("--add", member),
                    ("--detach", member, "--add", "cl-0000000000000000")):
        result = run_cli("proposition", prop_id, *refused, "--author", "Ana", db=db)
        assert result.returncode != 0 and len(result.stderr.strip().splitlines()) == 1, (refused, result.stderr)
    assert run_cli("propositions", "--format", "json", db=db).stdout == before
    # the claims that may state it too, each with its id, for --add
    suggested = shown.stdout.partition("May state it too")[2]
    assert "The 1991 uprisings in Iraq were a series of popular rebellions" in suggested
    first = re.search(r"(cl-[0-9a-f]{16})  The 1991 uprisings in Iraq", suggested).group(1)  # type: ignore[union-attr]
    had = {c["claim"]: c["link"] for c in data["propositions"][0]["claims"]}
    added = run_cli("proposition", prop_id, "--add", first, "--author", "Ana", "--format", "json", db=db)
    assert added.returncode == 0, added.stderr
    grown = next(p for p in json.loads(added.stdout)["propositions"]
                 if member in {c["claim"] for c in p["claims"]})
    assert first in {c["claim"] for c in grown["claims"]}
    # the members keep their own links (the one beside which the claim was added does not become "merged")
    links = {c["claim"]: c["link"] for c in grown["claims"]}
    assert {c: links[c] for c in had} == had and 0 < links[first] <= 1.0, links
    prop_id = grown["id"]  # a proposition is named by its first claim, which may be the one added
    merged = run_cli("proposition", prop_id, "--merge", other, "--author", "Ana", "--format", "json", db=db)
    assert merged.returncode == 0 and len(json.loads(merged.stdout)["propositions"]) < len(
        json.loads(before)["propositions"])
    # taking out the claim a proposition is named by renames it: the CLI says where the other claims went, and the
    # old id is answered with the claim it was named by, by `proposition` and `export` alike
    grouped = next(p for p in json.loads(merged.stdout)["propositions"] if member in {c["claim"] for c in p["claims"]})
    named = min(c["claim"] for c in grouped["claims"])
    taken = run_cli("proposition", grouped["id"], "--detach", named, "--author", "Ana", db=db, env={"COLUMNS": "400"})
    assert taken.returncode == 0, taken.stderr
    now = re.search(rf"^decision recorded: {named} taken out of {grouped['id']}; the other claims are now "
                    r"(p-[0-9a-f]{16})\. The propositions are now:", taken.stdout)
    assert now and now.group(1) != grouped["id"] and f"\n{now.group(1)}  [" in taken.stdout, taken.stdout
    for args in (("proposition", grouped["id"]), ("export", "-f", "json", "--proposition", grouped["id"][:10])):
        old = run_cli(*args, db=db)
        assert old.returncode == 1 and old.stderr == (f"error: {args[-1]}: no such proposition in this dossier (the "
                                                      f"claim it was named by, {named}, is in no proposition now)\n")
    # a stored audit of an older analysis is noted once, also by a decision (which links the claims again after it)
    import sqlite3

    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE documents SET analysis_version = '0.01+en_core_web_sm-3.0.0' WHERE rowid = 1")
    rest = json.loads(run_cli("proposition", now.group(1), "--format", "json", db=db).stdout)["propositions"][0]
    again = run_cli("proposition", rest["id"], "--detach", rest["claims"][-1]["claim"], "--author", "Ana", db=db)
    assert again.returncode == 0 and again.stderr.count("note: 1 of ") == 1, again.stderr


def test_an_old_id_names_the_proposition_its_claim_is_in_now(audits: list, tmp_path: Path) -> None:  # type: ignore[type-arg]
    from claimscope.link.propositions import one

    found = dossier(tmp_path / "d.sqlite", audits)
    prop = find(found, "In 1991, the MEK assisted the Government of Iraq in suppressing")
    # named by a claim that is not its first, as it was before its first claim joined it
    joined = max(m.claim.id for m in prop.members)
    old = make_id("p", joined)
    claims = [m.claim.id for p in found for m in p.members]
    with pytest.raises(NotFound) as refused:
        one(found, old, claims)
    assert str(refused.value) == f"{old}: no such proposition in this dossier (it is {prop.id} now: the claim it " \
                                 "was named by is there)"
    assert one(found, prop.id[:9], claims) is prop
