"""Reviewing propositions from their page (issue 5, item 2): take a claim out, merge two propositions; the
decisions are recorded and the pages follow them; bad choices get a 4xx and change nothing."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from claimscope.settings import Settings

pytestmark = pytest.mark.slow


@pytest.fixture
def client(corpus_dossier: Path, tmp_path: Path):  # type: ignore[no-untyped-def]
    from claimscope.web import WebSettings, create_app

    db = Path(shutil.copy(corpus_dossier, tmp_path / "dossier.sqlite"))
    with TestClient(create_app(WebSettings(settings=Settings(db=db), pack="mek-iraq"))) as client:
        client.get("/")
        yield client


def test_merge_and_detach_from_the_proposition_page(client: TestClient) -> None:
    found = client.get("/api/propositions").json()["propositions"]
    embassies = next(p for p in found if "Embassies in 13 different countries" in " ".join(p["text"].split()))
    uprisings = next(p for p in found if "suppressing the Shia and Kurdish uprisings" in p["text"])
    page = client.get(f"/propositions/{embassies['id']}").text
    assert "Review the grouping" in page and f'value="{uprisings["id"]}"' in page
    token = client.cookies.get("claimscope_csrf")

    both = client.post(f"/propositions/{embassies['id']}/decide", data={"csrf": token, "author": "Ana",
                                                                        "claim": embassies["claims"][0]["claim"],
                                                                        "other": uprisings["id"]})
    assert both.status_code == 422 and "one of them" in both.text
    assert 'id="prop-author" name="author" required value="Ana"' in both.text  # the name given stays
    assert client.get("/api/propositions").json()["propositions"] == found  # nothing changed

    merged = client.post(f"/propositions/{embassies['id']}/decide",
                         data={"csrf": token, "author": "Ana", "other": uprisings["id"]})
    assert merged.status_code == 200 and "Stance map" in merged.text  # followed to the merged proposition
    now = client.get("/api/propositions").json()["propositions"]
    joined = next(p for p in now if embassies["claims"][0]["claim"] in {c["claim"] for c in p["claims"]})
    assert {c["claim"] for c in uprisings["claims"]} <= {c["claim"] for c in joined["claims"]}

    claim = embassies["claims"][0]["claim"]
    out = client.post(f"/propositions/{joined['id']}/decide", data={"csrf": token, "author": "Ana", "claim": claim})
    assert out.status_code == 200 and "Stance map" in out.text  # on to what the other claims now form
    assert "Taken out of this proposition" in out.text and "”</a>. " not in out.text  # no full stop after the quote's
    assert out.text.count(f"/claims/{claim}") == 1  # in the notice, no longer in the stance map
    if claim != min(c["claim"] for c in joined["claims"]):  # named by its first claim: the address stays
        assert str(out.url).split("?")[0].endswith(f"/propositions/{joined['id']}")
    after = client.get("/api/propositions").json()["propositions"]
    assert not any(claim in {c["claim"] for c in p["claims"]} for p in after)  # taken out of every proposition

    stranger = client.post(f"/propositions/{after[0]['id']}/decide",
                           data={"csrf": token, "author": "Ana", "claim": "cl-0000000000000000"})
    assert stranger.status_code == 422 and "is not a claim of proposition" in stranger.text
    gone = client.post("/propositions/p-nope/decide", data={"csrf": token, "author": "Ana", "other": "p-x"})
    assert gone.status_code == 404


def test_taking_out_a_claim_that_leaves_no_proposition_says_so(client: TestClient) -> None:
    found = client.get("/api/propositions").json()["propositions"]
    pair = next(p for p in found if len(p["claims"]) == 2)
    claim = pair["claims"][0]["claim"]
    token = client.cookies.get("claimscope_csrf")
    out = client.post(f"/propositions/{pair['id']}/decide", data={"csrf": token, "author": "Ana", "claim": claim})
    assert out.status_code == 200 and str(out.url).endswith(f"/propositions?taken_out={claim}")
    assert "no proposition is left of the one it was in" in out.text and f"/claims/{claim}" in out.text


def test_a_decision_by_the_api_says_where_each_claim_concerned_now_is(client: TestClient) -> None:
    found = client.get("/api/propositions").json()["propositions"]
    embassies = next(p for p in found if "Embassies in 13 different countries" in " ".join(p["text"].split()))
    uprisings = next(p for p in found if "suppressing the Shia and Kurdish uprisings" in p["text"])
    a, b = embassies["claims"][0]["claim"], uprisings["claims"][0]["claim"]
    merged = client.post("/api/propositions/decisions", json={"decision": "merge", "claim": a, "other": b,
                                                              "author": "Ana"})
    assert merged.status_code == 201
    where = merged.json()["propositions"]
    everyone = {c["claim"] for p in (embassies, uprisings) for c in p["claims"]}
    assert set(where) == everyone and len(set(where.values())) == 1  # one proposition holds them all now

    out = client.post("/api/propositions/decisions", json={"decision": "detach", "claim": a, "author": "Ana"})
    where = out.json()["propositions"]
    assert set(where) == everyone and where[a] is None
    now = {c["claim"]: p["id"] for p in client.get("/api/propositions").json()["propositions"] for c in p["claims"]}
    assert where == {c: now.get(c) for c in everyone}  # as the dossier's propositions say


def test_a_rejected_claim_leaves_every_count_list_proposition_and_export(client: TestClient) -> None:
    found = client.get("/api/propositions").json()["propositions"]
    uprisings = next(p for p in found if "suppressing the Shia and Kurdish uprisings" in p["text"])
    example = next(c for c in uprisings["claims"] if c["text"].startswith("They also assisted Saddam Hussein"))
    claim, doc = example["claim"], example["document"]

    def counts() -> tuple[int, int, bool]:
        home = client.get("/").text
        in_dossier = int(home.split(" claims · ")[0].rsplit(" · ", 1)[1])
        in_document = int(client.get(f"/documents/{doc}").text.split(" claims, ")[0].rsplit(">", 1)[1])
        return in_dossier, in_document, f"/claims/{claim}" in home.split('id="contested-h"')[1]

    dossier, document, listed = counts()
    assert listed  # among the most denied claims on the dossier home
    token = client.cookies.get("claimscope_csrf")
    rejected = client.post(f"/claims/{claim}/review", data={"csrf": token, "author": "Rita", "target": claim,
                                                           "decision": "rejected"})
    assert rejected.status_code == 200
    assert counts() == (dossier - 1, document - 1, False)
    after = client.get("/api/propositions").json()["propositions"]
    assert not any(claim in {c["claim"] for c in p["claims"]} for p in after)  # out of every proposition
    assert example["text"][:60] not in client.get("/export/md").text
    assert not any(f"/claims/{claim}" in client.get(f"/propositions/{p['id']}").text for p in after)  # nor offered

    client.post(f"/claims/{claim}/review", data={"csrf": token, "author": "Rita", "target": claim,
                                                "decision": "restored"})
    assert counts() == (dossier, document, True)


def test_a_mention_and_a_claim_open_the_document_where_they_are(client: TestClient) -> None:

    from claimscope.analyse.entities import pack_entity_id

    page = client.get(f"/entities/{pack_entity_id('mek')}").text
    links = re.findall(r'href="/documents/([0-9a-f]+)#p(\d+)">[^<]*</a>:\s*<span class="snippet">…[^<]*<strong>'
                       r'([^<]+)</strong>', page)
    assert len(links) > 20 and len({int(p) for _, p, _ in links}) > 5  # not all at the top (#p0)
    doc, paragraph, words = links[-1]
    text = client.get(f"/documents/{doc}").text
    assert words in text.split(f'<p id="p{paragraph}">')[1].split("</p>")[0]
    claim = re.search(r'href="/claims/([\w-]+)"', text).group(1)  # type: ignore[union-attr]
    # a claim at its own mark (a paragraph holds several claims): the document page has the anchor
    assert f'href="/documents/{doc}#{claim}"' in client.get(f"/claims/{claim}").text and f'id="{claim}"' in text
    # a document that cites nothing says so under its Sources heading (the heading stood over an empty list)
    pages = {d["id"]: client.get(f"/documents/{d['id']}").text for d in client.get("/api/documents").json()}
    uncited = [i for i in pages if not client.get(f"/api/documents/{i}/audit").json()["sources"]]
    assert uncited and all("No sources cited." in pages[i] for i in uncited)
    assert not any("No sources cited." in pages[i] for i in set(pages) - set(uncited))


def test_a_refused_form_shows_its_error_on_the_form_and_keeps_what_was_given(client: TestClient) -> None:

    token = client.cookies.get("claimscope_csrf")
    before = client.get("/api/documents").json()
    pasted = "A long text the reader pasted.\nIt must not be lost when the form is refused."
    both = client.post("/audit", data={"csrf": token, "text": pasted, "url": "https://example.org/x"})
    assert both.status_code == 422 and "give one of" in both.text
    assert 'id="form-error"' in both.text and "Audit a text" in both.text  # the form again, not an error page
    assert f">{pasted}</textarea>" in both.text and 'value="https://example.org/x"' in both.text
    local = client.post("/audit", data={"csrf": token, "url": "/etc/passwd"})
    assert 400 <= local.status_code < 500 and 'value="/etc/passwd"' in local.text

    doc = before[0]["id"]
    bad_date = client.post(f"/documents/{doc}/edit", data={"csrf": token, "author": "Ana", "field": "published",
                                                            "value": "last spring"})
    assert bad_date.status_code == 422 and "is not an EDTF date" in bad_date.text
    assert "Correct the metadata" in bad_date.text and 'value="last spring"' in bad_date.text
    assert re.search(r"<option selected>published</option>", bad_date.text)
    # a correction that is taken says so beside the form (the page came back at its top, saying nothing)
    saved = client.post(f"/documents/{doc}/edit", data={"csrf": token, "author": "Ana", "field": "published",
                                                        "value": "2016-07-07"})
    assert saved.status_code == 200 and "corrected=published" in str(saved.url)
    assert "Saved: published is now “2016-07-07”." in saved.text
    assert "Saved:" not in client.get(f"/documents/{doc}").text
    client.post(f"/documents/{doc}/edit", data={"csrf": token, "author": "Ana", "field": "published",
                                                "value": before[0]["published"] or ""})

    found = client.get("/api/propositions").json()["propositions"]
    first, second = found[0], found[1]
    neither = client.post(f"/propositions/{first['id']}/decide", data={"csrf": token, "author": "Ana",
                                                                      "claim": first["claims"][0]["claim"],
                                                                      "other": second["id"]})
    assert neither.status_code == 422 and 'id="form-error"' in neither.text and "Stance map" in neither.text
    assert f'value="{second["id"]}" selected' in neither.text
    assert f'value="{first["claims"][0]["claim"]}" selected' in neither.text
    assert client.get("/api/documents").json() == before  # nothing was stored
    assert client.get("/api/propositions").json()["propositions"] == found

    # a note or a review decision refused: the claim's page again, the error above the form, the note kept
    claim = first["claims"][0]["claim"]
    long_note = "x" * 10_001
    note = client.post(f"/claims/{claim}/notes", data={"csrf": token, "author": "Ana", "text": long_note})
    assert note.status_code == 422 and 'id="form-error"' in note.text and "1 to 10,000 characters" in note.text
    assert "Who stands behind it" in note.text and f">{long_note}</textarea>" in note.text
    assert 'maxlength="10000"' in note.text and 'id="note-author" name="author" required maxlength="100"' in note.text
    nameless = client.post(f"/claims/{claim}/review", data={"csrf": token, "author": "  ", "target": claim,
                                                            "decision": "confirmed"})
    assert nameless.status_code == 422 and "give your name" in nameless.text and "Who stands behind it" in nameless.text
    assert client.get(f"/claims/{claim}").text.count("confirmed at") == 0  # nothing was recorded
    # a second click on Confirm by the same reviewer records nothing more
    for _ in range(2):
        client.post(f"/claims/{claim}/review", data={"csrf": token, "author": "Bob", "target": claim,
                                                      "decision": "confirmed"})
    assert client.get(f"/claims/{claim}").text.count("Bob: confirmed at") == 1


def test_add_a_claim_that_may_state_the_proposition(client: TestClient) -> None:
    found = client.get("/api/propositions").json()["propositions"]
    killings = next(p for p in found if p["text"].startswith("During the 1970s, the MEK killed US military"))
    page = client.get(f"/propositions/{killings['id']}").text
    assert "May state it too (not linked)" in page
    # the 1996 profile's "In 1979 the group supported the takeover of the US Embassy in Tehran." states a part of it
    # and shares too few terms to be linked (its "takeover of the US Embassy in Tehran" is folded to the hostage
    # crisis, the proposition's "the takeover in 1979 of the US Embassy in Tehran" is not)
    suggested = re.search(r'<a href="/claims/([^"]+)">In 1979 the\s+group supported the takeover', page)
    assert suggested and "shares 1979, supported" in page
    claim = suggested.group(1)
    assert f'<option value="{claim}">' in page  # offered in the review form
    token = client.cookies.get("claimscope_csrf")

    member = killings["claims"][0]["claim"]
    again = client.post(f"/propositions/{killings['id']}/decide", data={"csrf": token, "author": "Ana", "add": member})
    assert again.status_code == 422 and "already" in again.text
    stranger = client.post(f"/propositions/{killings['id']}/decide",
                           data={"csrf": token, "author": "Ana", "add": "cl-0000000000000000"})
    assert stranger.status_code == 404
    assert client.get("/api/propositions").json()["propositions"] == found  # nothing changed

    added = client.post(f"/propositions/{killings['id']}/decide", data={"csrf": token, "author": "Ana", "add": claim})
    assert added.status_code == 200 and "Stance map" in added.text
    now = client.get("/api/propositions").json()["propositions"]
    grown = next(p for p in now if member in {c["claim"] for c in p["claims"]})
    assert {c["claim"] for c in grown["claims"]} == {c["claim"] for c in killings["claims"]} | {claim}
    stance_map, _, rest = added.text.partition('id="grade-h"')
    assert f'<a href="/claims/{claim}">In 1979' in stance_map  # a member now, no longer suggested
    assert claim not in rest.partition('id="suggested-h"')[2].partition("</section>")[0]
    assert claim not in rest.partition('name="add"')[2].partition("</select>")[0]


def test_a_claim_in_no_proposition_offers_those_it_may_state(client: TestClient) -> None:
    found = client.get("/api/propositions").json()["propositions"]
    killings = next(p for p in found if p["text"].startswith("During the 1970s, the MEK killed US military"))
    page = client.get(f"/propositions/{killings['id']}").text
    claim = re.search(r'<a href="/claims/([^"]+)">In 1979 the\s+group supported', page).group(1)  # type: ignore[union-attr]
    claim_page = client.get(f"/claims/{claim}").text
    assert "It may state" in claim_page and f'<option value="{killings["id"]}">' in claim_page
    # it offers propositions that share its entities: the page does not also say that none does
    assert "No other proposition of the dossier names the same entities" not in claim_page
    member_page = client.get(f"/claims/{killings['claims'][0]['claim']}").text
    assert "It may state" not in member_page  # a claim in a proposition is offered none
    token = client.cookies.get("claimscope_csrf")
    nothing = client.post(f"/claims/{claim}/join", data={"csrf": token, "author": "Ana", "proposition": ""})
    assert nothing.status_code == 422
    gone = client.post(f"/claims/{claim}/join", data={"csrf": token, "author": "Ana", "proposition": "p-nope"})
    assert gone.status_code == 404
    assert client.get("/api/propositions").json()["propositions"] == found  # nothing changed

    joined = client.post(f"/claims/{claim}/join", data={"csrf": token, "author": "Ana",
                                                         "proposition": killings["id"]})
    assert joined.status_code == 200 and "Stance map" in joined.text  # on to the proposition
    grown = next(p for p in client.get("/api/propositions").json()["propositions"]
                 if claim in {c["claim"] for c in p["claims"]})
    assert {c["claim"] for c in killings["claims"]} < {c["claim"] for c in grown["claims"]}
    assert "This claim is part of a proposition" in client.get(f"/claims/{claim}").text


def test_a_corrected_title_reaches_the_proposition_pages_at_once(client: TestClient) -> None:
    token = client.cookies.get("claimscope_csrf")
    found = client.get("/api/propositions").json()["propositions"]  # built, and kept for this state of the dossier
    prop = next(p for p in found if len(p["documents"]) > 1)
    doc = prop["documents"][0]
    title = client.get(f"/api/documents/{doc}").json()["title"]
    assert client.get(f"/propositions/{prop['id']}").text.count(title) >= 1
    saved = client.post(f"/documents/{doc}/edit", data={"csrf": token, "author": "Ana", "field": "title",
                                                        "value": "A corrected title"})
    assert saved.status_code == 200
    page = client.get(f"/propositions/{prop['id']}").text  # not the page kept from before the correction
    assert "A corrected title" in page and title not in page
    assert any(c["document"] == doc for c in client.get(f"/api/propositions/{prop['id']}").json()["claims"])


def test_a_form_sent_without_a_field_is_answered_on_its_page(client: TestClient) -> None:
    # a form sent without its name (a script, or a browser that skips `required`) got FastAPI's bare "Field
    # required" page, and what was chosen was lost
    token = client.cookies.get("claimscope_csrf")
    prop = client.get("/api/propositions").json()["propositions"][0]
    claim = prop["claims"][0]["claim"]
    nameless = client.post(f"/propositions/{prop['id']}/decide", data={"csrf": token, "claim": claim})
    assert nameless.status_code == 422 and 'id="form-error"' in nameless.text and "author: give your name" in \
        nameless.text and f'value="{claim}" selected' in nameless.text
    entity = client.get("/api/entities").json()[0]["id"]
    undecided = client.post(f"/entities/{entity}/decide", data={"csrf": token, "author": "Ana"})
    assert undecided.status_code == 422 and "decision: unknown decision" in undecided.text
    assert client.get("/api/propositions").json()["propositions"][0] == prop  # nothing was stored


def test_a_judgement_reads_as_one_on_its_claim_page(client: TestClient) -> None:
    # the stance map said "asserts, as a judgement" where the claim's own page said "asserts"
    claims = client.get("/api/documents/f9f37b1f/audit").json()["claims"]
    judged = next(c for c in claims if c["kind"] == "assessment")
    fact = next(c for c in claims if c["kind"] == "event")
    assert "<strong>asserts, as a judgement</strong>" in client.get(f"/claims/{judged['id']}").text
    assert "<strong>asserts</strong>" in client.get(f"/claims/{fact['id']}").text


def test_an_entity_page_says_what_it_denies_unless_a_reviewer_rejected_it(client: TestClient) -> None:
    from claimscope.analyse.entities import pack_entity_id

    mek = pack_entity_id("mek")
    page = client.get(f"/entities/{mek}").text
    held = page.split('id="held-h"')[1].split("</section>")[0]
    assert "is recorded as saying" in page and "(“vehemently denies”)" in held
    kinds = re.findall(r"<strong>(\w+)", held)
    assert kinds[0] == "denies" and kinds == sorted(kinds, key=lambda k: k != "denies")  # denials first
    audit = client.get("/api/documents/f9f37b1f/audit").json()
    claim = next(c for c in audit["claims"] if any(s["cue"] == "vehemently denies" for s in c["stances"]))
    index = next(i for i, s in enumerate(claim["stances"]) if s["cue"] == "vehemently denies")
    # the home page's most denied claims say who denies each, in which words (not a bare count)
    def most_denied() -> str:
        return client.get("/").text.split('id="contested-h"')[1].split("</section>")[0]

    assert "MEK: denies — “vehemently denies”" in most_denied()
    token = client.cookies.get("claimscope_csrf")
    target = f"{claim['id']}/stance-{index}"
    client.post(f"/claims/{claim['id']}/review", data={"csrf": token, "author": "Rita", "target": target,
                                                      "decision": "rejected"})
    assert "(“vehemently denies”)" not in client.get(f"/entities/{mek}").text
    assert "“vehemently denies”" not in most_denied()
