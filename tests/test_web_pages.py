"""The reading pages as a reader uses them: search by any name of an entity, filter by an entity's name, and the
stance map's labels (issue 5's proposition page)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from claimscope.settings import Settings
from conftest import results

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def client(corpus_client):  # type: ignore[no-untyped-def]
    return corpus_client


def test_a_name_finds_the_texts_that_use_another_name_of_the_same_entity(client: TestClient) -> None:
    from claimscope.store import Store, search

    plain = search(Store(client.app.state.web.settings.db), "MKO")  # the words as typed
    mko, pmoi = client.get("/search?q=MKO").text, client.get("/search?q=PMOI").text
    assert results(mko) == results(pmoi) > len(plain)  # the same entity, the same hits, whichever name is typed
    assert len(client.get("/api/search", params={"q": "MKO"}).json()) > len(plain)  # the API too
    assert "“MKO” also found as" in mko and "Mojahedin Organization of Iran" in mko
    # an alias two entities share is not expanded ("Rajavi": Massoud or Maryam)
    assert "also found as" not in client.get("/search?q=Rajavi").text


def test_an_entity_page_says_which_names_disparage_it(client: TestClient) -> None:
    from claimscope.analyse.entities import pack_entity_id

    html = client.get(f"/entities/{pack_entity_id('mek')}").text
    plain = next(line for line in html.splitlines() if "Also written:" in line)
    assert "MKO" in plain and "Monafeqin" not in plain
    [disparaging] = [line for line in html.splitlines() if "Also called, to disparage it:" in line]
    assert "Monafeqin" in disparaging and "Monafeghin" in disparaging and "MKO" not in disparaging


def test_names_that_differ_only_by_apostrophe_or_case_are_listed_once(client: TestClient) -> None:
    from html import unescape

    from claimscope.analyse.entities import pack_entity_id
    from claimscope.pack import name_key

    def once(names: list[str], besides: str) -> None:
        keys = [name_key(n) for n in names]
        assert len(set(keys)) == len(keys) and name_key(besides) not in keys, names

    html = unescape(client.get(f"/entities/{pack_entity_id('mek')}").text)
    written = next(line for line in html.splitlines() if "Also written:" in line)
    names = written.split("Also written: ", 1)[1].removesuffix("</p>").split(", ")
    once(names, "People's Mojahedin Organization of Iran")  # not People’s Mojahedin Organization of Iran again
    assert "People's Mojahedin of Iran" in names or "People’s Mojahedin of Iran" in names  # one of them is kept
    # the search page's "also found as" too
    also = unescape(client.get("/search?q=MEK").text)
    found_as = re.search(r"“MEK” also found as (.*?)( and other names)? \(the same", also)
    assert found_as
    once(found_as.group(1).split(", "), "MEK")


def test_the_entity_filter_takes_the_name_a_reader_sees(client: TestClient) -> None:
    by_name = client.get("/search", params={"q": "Iraq", "entity": "Saddam Hussein"}).text
    assert results(by_name) > 0 and 'value="Saddam Hussein"' in by_name
    assert '<datalist id="entity-names">' in by_name and '<option value="Saddam Hussein">' in by_name
    unknown = client.get("/search", params={"q": "Iraq", "entity": "Nobody Atall"})
    assert unknown.status_code == 422 and "results for" not in unknown.text
    assert "no entity of this dossier is named “Nobody Atall”" in unknown.text
    long = client.get("/search", params={"q": "Iraq " * 200})
    assert long.status_code == 422 and "give at most 500" in long.text and 'id="q"' in long.text
    only_filter = client.get("/search", params={"flag": "weasel"}).text
    assert "for the filters alone" in only_filter and results(only_filter) > 0  # a filter alone lists its claims
    # a flag kind is offered by its name, and the form keeps the choice
    assert '<option value="weasel" selected>Weasel words</option>' in only_filter


def test_a_search_with_more_hits_than_shown_says_so(client: TestClient) -> None:
    from claimscope.store import Store, search

    matching = [h for h in search(Store(client.app.state.web.settings.db), "the", limit=500) if h.kind == "claim"]
    assert len(matching) > 50
    page = client.get("/search", params={"q": "the"}).text
    assert page.count('<span class="kind">claim</span>') == 50
    assert "only the best\n  50 claims are shown (more match" in page
    few = client.get("/search", params={"q": "Albania"}).text
    assert "only the best" not in few and 0 < results(few) < 50
    assert "a leading minus are not read as\n  operators" in few  # what the search does not read, said
    # an unknown filter is said, as an unknown entity is, not shown as 0 results
    nowhere = client.get("/search", params={"q": "MEK", "document": "nope"})
    assert nowhere.status_code == 422 and "no document of this dossier has the id “nope”" in nowhere.text
    odd = client.get("/search", params={"q": "MEK", "flag": "nope"})
    assert odd.status_code == 422 and "“nope” is not a flag kind (the kinds are: " in odd.text
    doc = client.get("/api/documents").json()[0]["id"]
    assert client.get("/search", params={"q": "MEK", "document": doc[:8]}).status_code == 200  # its start will do


def test_the_stance_map_names_the_sides_and_whose_wording_is_shown(client: TestClient) -> None:
    found = client.get("/api/propositions").json()["propositions"]
    uprisings = next(p for p in found if "suppressing the Shia and Kurdish uprisings" in p["text"])
    html = client.get(f"/propositions/{uprisings['id']}").text
    assert "Worded as in" in html
    assert "The United States government" in html and ">us-government-side<" not in html
    assert "us-government-side" in {c["side"] for c in uprisings["claims"]}  # the JSON keeps the party's id
    assert "<title>In 1991, the MEK assisted the Government of Iraq" in html  # each proposition its own title
    # the time it speaks of, and when its documents are dated (the example article is not)
    assert ' · speaks of <span title="EDTF 1991">1991</span> · documents dated <span title="EDTF 2005-04">April' \
        ' 2005</span> (1 undated)' in html
    assert (uprisings["earliest"], uprisings["last_stated"]) == ("1991", "2005-04")
    # a claim where the document's text stops mid-sentence is quoted with a mark saying so
    embassies = next(p for p in found if any(c["cut"] for c in p["claims"]))
    assert "mount la</a><span class=\"meta\"> [the document&#39;s text stops here]</span>" in \
        client.get(f"/propositions/{embassies['id']}").text
    # a claim page says what its review buttons do, on the page (not only in tooltips)
    claim = client.get(f"/claims/{uprisings['claims'][0]['claim']}").text
    assert "<strong>Confirm</strong> says claimscope\n  read it right (not that the claim is true)" in claim
    assert claim.count('aria-describedby="review-help"') == claim.count('name="decision"')
    first_words = uprisings["claims"][0]["text"][:30]  # the claims of a document had one <title> between them
    assert re.search(r"<title>“" + re.escape(first_words), claim)


def test_a_note_on_a_stance_names_the_holder_and_the_stance(client: TestClient) -> None:
    found = client.get("/api/propositions").json()["propositions"]
    uprisings = next(p for p in found if "suppressing the Shia and Kurdish uprisings" in p["text"])
    denied = next(c for c in uprisings["claims"] if any(s["stance"] == "denies" for s in c["stances"]))
    index = next(i for i, s in enumerate(denied["stances"]) if s["stance"] == "denies")
    client.get("/")
    token = client.cookies.get("claimscope_csrf")
    posted = client.post(f"/claims/{denied['claim']}/notes", data={
        "csrf": token, "author": "Ana", "text": "Where is the MEK's denial published?",
        "target": f"{denied['claim']}/stance-{index}"})
    assert posted.status_code == 200
    for page in (posted.text, client.get(f"/documents/{denied['document']}").text):
        assert "on stance MEK denies (“vehemently denies”)" in page and "MEK|denies" not in page


def test_removing_a_document_says_what_was_removed(client: TestClient) -> None:
    client.get("/")
    token = client.cookies.get("claimscope_csrf")
    made = client.post("/audit", data={"csrf": token, "text": "A short note to remove\n\nThe MEK moved to Iraq in "
                                                             "1986, according to the State Department."})
    assert made.status_code == 200 and "/documents/" in str(made.url)
    # pages are not kept by the browser: Back after the removal asks again (and gets a 404), not the old page
    assert made.headers["Cache-Control"] == "no-store"
    doc_id = str(made.url).rsplit("/", 1)[1]
    gone = client.post(f"/documents/{doc_id}/remove", data={"csrf": token})
    assert gone.status_code == 200 and "Removed from the dossier: A short note to remove" in gone.text
    assert doc_id not in {d["id"] for d in client.get("/api/documents").json()}


def test_claimscope_s_source_marks_are_not_taken_for_the_document_s_footnotes(client: TestClient) -> None:
    docs = client.get("/api/documents").json()
    article = next(d for d in docs if "Saddam" in (d["title"] or ""))
    html = client.get(f"/documents/{article['id']}").text
    assert re.search(r'<sup class="cite">\[src <a href="#source-\d+" aria-label="source \d+">\d+</a>', html)
    assert not re.search(r'<sup class="cite"><a[^>]*>\[\d+\]</a>', html)


def test_a_pasted_text_is_titled_by_what_the_reader_gives_or_its_first_words(client: TestClient) -> None:
    client.get("/")
    token = client.cookies.get("claimscope_csrf")
    text = "Test paste for review.\nThe MEK moved its forces to Iraq in 1986, according to the State Department."
    untitled = client.post("/audit", data={"csrf": token, "text": text})
    assert "<h1>Test paste for review.</h1>" in untitled.text  # not its id
    titled = client.post("/audit", data={"csrf": token, "text": text + " A second version.", "title": "My notes"})
    assert "<h1>My notes</h1>" in titled.text
    api = client.post("/api/audit", json={"text": text + " A third.", "title": "  From the API "})
    assert api.status_code == 201 and api.json()["document"]["title"] == "From the API"
    for made in (untitled, titled):
        client.post(f"/documents/{str(made.url).rsplit('/', 1)[1]}/remove", data={"csrf": token})
    client.delete(f"/api/documents/{api.json()['document']['id']}")


def test_the_home_page_says_when_stored_audits_are_of_another_analysis(corpus_dossier: Path, tmp_path: Path) -> None:
    import sqlite3

    from claimscope.web import WebSettings, create_app

    db = Path(shutil.copy(corpus_dossier, tmp_path / "dossier.sqlite"))
    with TestClient(create_app(WebSettings(settings=Settings(db=db), pack="mek-iraq"))) as client:
        assert 'class="notice"' not in client.get("/").text  # up to date: nothing to say
        with sqlite3.connect(db) as conn:  # one document as an older claimscope stored it
            conn.execute("UPDATE documents SET analysis_version = '0.01+en_core_web_sm-3.0.0' WHERE rowid = 1")
        home = client.get("/").text
        documents = len(client.get("/api/documents").json())
        assert f"1 of {documents} documents was analysed by another version of claimscope: they are shown as " \
            "stored until" in home and "with another pack" not in home and "<code>claimscope reanalyse</code>" in home
