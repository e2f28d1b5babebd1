"""The search page and its API as a reader uses them: the entity filter takes any name the pack gives an entity
(the CLI's --entity too), filters work without words, claims are listed by their own words, and a claim's page
shows its context in whole words."""

from __future__ import annotations

import json
import re
import shutil
from html import unescape
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from claimscope.analyse.entities import pack_entity_id
from conftest import results

pytestmark = pytest.mark.slow
MEK = "People's Mojahedin Organization of Iran"


@pytest.fixture(scope="module")
def client(corpus_client):  # type: ignore[no-untyped-def]
    return corpus_client


def claim_labels(html: str) -> list[str]:
    """The words of each link to a claim in a list of hits."""
    return [unescape(re.sub(r"<[^>]+>", "", label)).strip()
            for label in re.findall(r'<a href="/claims/[^"]+"[^>]*>(.*?)</a>', html, re.S)]


def assert_error(response, status: int, words: str) -> None:  # type: ignore[no-untyped-def]
    assert response.status_code == status, response.text
    body = response.json()
    assert body["ok"] is False and words.lower() in body["message"].lower(), body


def test_the_entity_filter_takes_any_name_the_pack_gives_an_entity(client: TestClient) -> None:
    by_name = client.get("/search", params={"q": "Iraq", "entity": MEK})
    assert by_name.status_code == 200 and results(by_name.text) > 0
    for alias in ("MEK", "MKO", "pmoi"):
        page = client.get("/search", params={"q": "Iraq", "entity": alias})
        assert page.status_code == 200 and results(page.text) == results(by_name.text), alias
    assert f"“MKO” names {MEK} in this dossier" in unescape(client.get("/search?q=Iraq&entity=MKO").text)
    # a period's alias too
    assert results(client.get("/search", params={"q": "Iraq", "entity": "Imposed War"}).text) > 0
    # an alias two entities share is said to be, not read as one of them
    shared = client.get("/search", params={"q": "Iraq", "entity": "Rajavi"})
    assert shared.status_code == 422 and "results for" not in shared.text
    assert "“Rajavi” names more than one entity of the pack (Massoud Rajavi, Maryam Rajavi)" in unescape(shared.text)
    # the API takes a name or an alias as well as an id, and keeps its errors
    by_id = client.get("/api/search", params={"q": "Iraq", "entity": pack_entity_id("mek")}).json()
    assert by_id and client.get("/api/search", params={"q": "Iraq", "entity": "MKO"}).json() == by_id
    assert_error(client.get("/api/search", params={"q": "Iraq", "entity": "Rajavi"}), 422, "more than one entity")
    assert_error(client.get("/api/search", params={"q": "Iraq", "entity": "Nobody Atall"}), 404, "no such entity")


def test_the_cli_entity_filter_uses_the_same_names(corpus_dossier: Path, tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    db = Path(shutil.copy(corpus_dossier, tmp_path / "dossier.sqlite"))

    def listed(entity: str) -> list[str]:
        done = cli("propositions", "--entity", entity, "--format", "json", db=db)
        assert done.returncode == 0, done.stderr
        return [p["id"] for p in json.loads(done.stdout)["propositions"]]

    by_name = listed("Iran–Iraq War")
    assert by_name and listed("Iran-Iraq War") == listed("Imposed War") == by_name  # a period's aliases
    shared = cli("propositions", "--entity", "First Gulf War", db=db)  # the Iran–Iraq War's, and the Gulf War's
    assert shared.returncode != 0
    assert "--entity First Gulf War: names more than one entity of the pack (Iran–Iraq War, Gulf War)" in shared.stderr
    # an entity's id, as `claimscope entities` shows it, filters as its name does (it was refused)
    mek = pack_entity_id("mek")
    assert mek in cli("entities", "--format", "json", db=db).stdout
    assert listed(mek) and listed(mek) == listed(MEK)


def test_blank_filters_and_quotes_alone_are_no_filter_and_no_words(client: TestClient) -> None:
    # as the search page reads the form's empty fields, the API reads a blank filter as none (not a 404)
    words = client.get("/api/search", params={"q": "Iraq"}).json()
    for name in ("entity", "document", "flag"):
        assert client.get("/api/search", params={"q": "Iraq", name: " "}).json() == words, name
        assert_error(client.get("/api/search", params={name: " "}), 422, "q: give words to search for, or a filter")
    # quotes alone are no words: refused alone, the filters' claims with a filter, in the API and on the page
    assert_error(client.get("/api/search", params={"q": '""'}), 422, "q: give words to search for, or a filter")
    weasel = client.get("/api/search", params={"flag": "weasel"}).json()
    assert weasel and client.get("/api/search", params={"q": '""', "flag": "weasel"}).json() == weasel
    page = client.get("/search", params={"q": '""'})
    assert page.status_code == 200 and page.text == client.get("/search", params={"q": ""}).text
    flagged = client.get("/search", params={"q": '""', "flag": "weasel"}).text
    assert "for the filters alone" in flagged and len(claim_labels(flagged)) == len(weasel)


def test_a_filter_without_words_lists_what_it_keeps(client: TestClient) -> None:
    named = client.get("/search", params={"entity": "MKO"})
    assert named.status_code == 200 and "for the filters alone" in named.text
    labels = claim_labels(named.text)
    api = client.get("/api/search", params={"entity": "MKO", "limit": 200}).json()
    assert len(labels) == len(api) > 10 and all(h["kind"] == "claim" for h in api)
    for hit in api[:5]:  # each claim listed names the entity
        assert pack_entity_id("mek") in client.get(f"/api/claims/{hit['id']}").json()["claim"]["entities"]
    flagged = client.get("/search", params={"flag": "weasel"}).text
    assert 0 < len(claim_labels(flagged)) == len(client.get("/api/search", params={"flag": "weasel"}).json())
    # a document alone: the document, then its claims
    doc = client.get("/api/documents").json()[0]
    alone = client.get("/search", params={"document": doc["id"]}).text
    assert f'<a href="/documents/{doc["id"]}">' in alone and len(claim_labels(alone)) == min(doc["claims"], 50)
    # the same cut-off as a search with words
    cut = client.get("/search", params={"entity": "MKO", "limit": 10}).text
    assert len(claim_labels(cut)) == 10 and "only the best\n  10 claims are shown (more match" in cut
    assert len(client.get("/api/search", params={"entity": "MKO", "limit": 10}).json()) == 10


def test_claim_hits_are_labelled_by_their_own_words(client: TestClient) -> None:
    doc = max(client.get("/api/documents").json(), key=lambda d: d["claims"])
    page = client.get("/search", params={"q": "the", "document": doc["id"]}).text
    labels = claim_labels(page)
    assert len(labels) > 3 and len(set(labels)) == len(labels)  # not one title, repeated
    assert doc["title"] not in labels
    # the document's title is the second line of each, a link to it
    title = unescape(doc["title"] or doc["id"])
    assert unescape(page).count(f'in <a href="/documents/{doc["id"]}">{title}</a>') == len(labels)


def test_a_claims_context_starts_and_ends_between_words(client: TestClient) -> None:
    from claimscope.web.pages import CONTEXT

    def mid_word(text: str, at: int) -> bool:  # a cut at ``at`` falls inside a word
        return 0 < at < len(text) and not text[at - 1].isspace() and not text[at].isspace()

    for doc in client.get("/api/documents").json():
        audit = client.get(f"/api/documents/{doc['id']}/audit").json()
        text = audit["document"]["text"]
        claim = next((c for c in audit["claims"] if mid_word(text, c["start"] - CONTEXT)
                      and mid_word(text, c["end"] + CONTEXT)), None)
        if claim:
            break
    assert claim, "no claim whose context a cut by characters would split words at both ends"
    html = client.get(f"/claims/{claim['id']}").text
    before, after = (unescape(s) for s in re.findall(r'<span class="context">(.*?)</span>', html, re.S)[:2])
    assert before.startswith("…") and after.endswith("…")  # cut, and said so
    before, after = before[1:], after[:-1]
    start, end = text.rindex(before, 0, claim["start"]), claim["end"] + len(after)
    assert text[start:claim["start"]] == before and text[claim["end"]:end] == after
    assert text[start - 1].isspace() and not before[0].isspace()  # a whole word first
    assert text[end].isspace() and not after[-1].isspace()  # and last
    # a claim at the start of its document has nothing cut before it: no ellipsis
    first = min(audit["claims"], key=lambda c: c["start"])
    if first["start"] < CONTEXT:
        shown = re.findall(r'<span class="context">(.*?)</span>', client.get(f"/claims/{first['id']}").text, re.S)
        assert not unescape(shown[0]).startswith("…")


def test_a_mentions_snippet_is_cut_between_words_too() -> None:
    # the entity page's mentions use the same cut as the claim page
    from claimscope.store.queries import around

    text = "The Mojahedin-e Khalq moved its camp to Iraq in 1986, where it received arms."
    start = text.index("Iraq")
    shown = around(text, start, start + 4, 12)
    assert shown == {"before": "its camp to ", "cut_before": True, "after": " in 1986,", "cut_after": True}
    assert around(text, 0, 3, 12) == {"before": "", "cut_before": False, "after": " Mojahedin-e", "cut_after": True}
    assert around(text, 0, len(text), 12)["cut_after"] is False


def test_a_cut_search_says_how_many_of_each_kind_and_offers_more(client: TestClient) -> None:
    page = client.get("/search?q=the").text
    shown = claim_labels(page)
    # it said "59 results" for 9 documents and the best 50 claims, with no way to see the rest
    assert len(shown) == 50 and "(9 documents and 50 claims)" in page and "only the best" in page
    assert '<a href="/search?q=the&amp;limit=200">show up to 200</a>' in page
    more = client.get("/search?q=the&limit=200").text
    assert len(claim_labels(more)) > 50 and shown == claim_labels(more)[:50] and "show up to 200" not in more
    assert len(claim_labels(client.get("/search?q=the&limit=5000").text)) <= 200  # the most a reader can ask for
