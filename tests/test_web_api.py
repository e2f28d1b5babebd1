"""The JSON API and the forms, on the real app over a real SQLite file (FastAPI's TestClient, no server)."""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterator
from pathlib import Path

import jsonschema
import pytest
from fastapi.testclient import TestClient

from claimscope.errors import ClaimscopeError
from claimscope.settings import Settings
from claimscope.store import Store
from claimscope.web import WebSettings, create_app
from conftest import EXAMPLE, EXAMPLE_TITLE, ROOT

pytestmark = pytest.mark.slow
SCHEMA = json.loads((ROOT / "schemas" / "audit.schema.json").read_text())
MAX = 200_000


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    db = tmp_path_factory.mktemp("web") / "dossier.sqlite"
    app = create_app(WebSettings(settings=Settings(db=db, max_bytes=MAX), pack="mek-iraq"))
    with TestClient(app) as client:
        made = client.post("/api/audit", json={"text": EXAMPLE.read_text()})
        assert made.status_code == 201, made.text
        yield client


@pytest.fixture(scope="module")
def audit(client: TestClient) -> dict:
    [doc] = client.get("/api/documents").json()
    return client.get(f"/api/documents/{doc['id']}/audit").json()


def assert_error(response, status: int, words: str) -> None:  # type: ignore[no-untyped-def]
    assert response.status_code == status, response.text
    body = response.json()
    assert body["ok"] is False and body["status"] == status and words.lower() in body["message"].lower()


def test_documents_and_audit(client: TestClient, audit: dict) -> None:
    [doc] = client.get("/api/documents").json()
    assert doc["title"] == EXAMPLE_TITLE and doc["claims"] > 10
    assert client.get(f"/api/documents/{doc['id'][:6]}").json()["id"] == doc["id"]
    audit = dict(audit)
    assert audit.pop("review") == {"rejected": []}
    jsonschema.Draft202012Validator(SCHEMA).validate(audit)


def test_unknown_ids_are_404_json(client: TestClient) -> None:
    assert_error(client.get("/api/documents/abcdef0123"), 404, "no such document")
    assert_error(client.get("/api/documents/abcdef0123/audit"), 404, "no such document")
    assert_error(client.get("/api/claims/cl-0000"), 404, "no such claim")
    assert_error(client.get("/api/entities/e-0000"), 404, "no such entity")
    assert_error(client.get("/api/nowhere"), 404, "/api/nowhere: not found")
    assert client.get("/api/nowhere").json()["error"] == "NotFound"
    wrong_method = client.delete("/api/documents")
    assert_error(wrong_method, 405, "DELETE /api/documents: method not allowed")
    assert wrong_method.json()["error"] == "MethodNotAllowed" and wrong_method.headers["allow"] == "GET, HEAD"


def test_allow_names_every_method_of_a_path_and_head_answers_where_get_does(client: TestClient, audit: dict) -> None:
    item = f"/api/documents/{audit['document']['id']}"
    put = client.put(item, json={"title": "x"})  # Starlette named only the first route's methods: "GET"
    assert_error(put, 405, f"PUT {item}: method not allowed")
    assert put.headers["allow"] == "DELETE, GET, HEAD, PATCH"
    for path in (item, "/api/documents", "/", f"/documents/{audit['document']['id']}"):
        got, head = client.get(path), client.head(path)
        assert head.status_code == got.status_code == 200 and head.content == b""
        assert head.headers["content-type"] == got.headers["content-type"]
    assert client.head("/api/nowhere").status_code == 404
    assert client.head("/api/audit").headers["allow"] == "POST"


def test_list_routes_page_with_limit_and_offset(client: TestClient, audit: dict) -> None:
    everything = client.get("/api/entities")
    total = len(everything.json())
    assert total > 6 and everything.headers["x-total-count"] == str(total) and "link" not in everything.headers
    first = client.get("/api/entities", params={"limit": 3})
    assert first.json() == everything.json()[:3] and first.headers["x-total-count"] == str(total)
    assert first.headers["link"] == '</api/entities?offset=3&limit=3>; rel="next"'
    second = client.get(first.headers["link"][1:first.headers["link"].index(">")])
    assert second.json() == everything.json()[3:6]
    last = client.get("/api/entities", params={"limit": 3, "offset": total - 2})
    assert last.json() == everything.json()[-2:] and "link" not in last.headers
    assert client.get("/api/timeline", params={"offset": 10**6}).json() == []
    for bad, words in (({"limit": 0}, "query.limit"), ({"offset": -1}, "query.offset"), ({"limit": "all"}, "limit")):
        assert_error(client.get("/api/documents", params=bad), 422, words)
    assert len(client.get("/api/propositions", params={"limit": 1}).json()["propositions"]) <= 1


def test_an_ambiguous_id_prefix_is_a_named_400(client: TestClient) -> None:
    from claimscope.ingest.text import normalize_text, sha256_text

    seen: dict[str, str] = {}  # two short texts whose document ids share their first 4 characters
    for n in itertools.count():
        text = f"The MEK moved {n} fighters to Iraq in 1986."
        prefix = sha256_text(normalize_text(text))[:4]
        if prefix in seen:
            break
        seen[prefix] = text
    made = [client.post("/api/audit", json={"text": t}).json()["document"]["id"] for t in (seen[prefix], text)]
    try:
        response = client.get(f"/api/documents/{prefix}")
        assert_error(response, 400, f"{prefix}: matches more than one document")
        assert response.json()["error"] == "BadRequest"  # named like the other errors, not after a base class
    finally:
        for doc_id in made:
            client.delete(f"/api/documents/{doc_id}")


def test_claim_entity_search_timeline(client: TestClient, audit: dict) -> None:
    claim = next(c for c in audit["claims"] if c["text"].startswith("They also assisted"))
    got = client.get(f"/api/claims/{claim['id']}").json()
    assert got["claim"]["text"] == claim["text"] and got["document"] == audit["document"]["id"]
    mek = next(e for e in audit["entities"] if e["name"] == "People's Mojahedin Organization of Iran")
    entity = client.get(f"/api/entities/{mek['id']}").json()
    assert len(entity["mentions"]) == len(mek["mentions"]) and entity["claims"]
    hits = client.get("/api/search", params={"q": "vehemently denies"}).json()
    assert {h["kind"] for h in hits} == {"document", "claim"}
    assert_error(client.get("/api/search"), 422, "q")
    # the page's filters, in the API too
    doc = audit["document"]["id"]
    weasel = client.get("/api/search", params={"q": "governments", "flag": "weasel", "document": doc[:8]}).json()
    assert weasel and all(h["kind"] == "claim" and h["document_id"] == doc for h in weasel)
    assert client.get("/api/search", params={"q": "governments", "flag": "hedge"}).json() == []
    named = client.get("/api/search", params={"q": "Iraq", "entity": mek["id"]}).json()
    assert named and all(h["kind"] == "claim" for h in named)
    assert_error(client.get("/api/search", params={"q": "Iraq", "flag": "spin"}), 422, "is not a flag kind")
    assert_error(client.get("/api/search", params={"q": "Iraq", "entity": "e-nope"}), 404, "no such entity")
    assert_error(client.get("/api/search", params={"q": "Iraq", "document": "ffffffff"}), 404, "ffffffff")
    when = [e["when"] for e in client.get("/api/timeline").json()]
    assert "1991" in when and "XXXX-09-23" in when


def test_an_entity_kept_apart_from_itself_is_refused_in_those_words(client: TestClient, audit: dict) -> None:
    entity = audit["entities"][0]["id"]
    body = {"decision": "keep-apart", "entity": entity, "into": entity, "author": "Ana"}
    assert_error(client.post("/api/entities/decisions", json=body), 422, "cannot be kept apart from itself")


def test_post_audit_bad_requests(client: TestClient) -> None:
    bad_json = client.post("/api/audit", content=b"{not json", headers={"Content-Type": "application/json"})
    assert_error(bad_json, 422, "body: is not valid JSON (at character 1:")
    not_utf8 = client.post("/api/audit", content=b'{"text": "\xff bad"}', headers={"Content-Type": "application/json"})
    assert_error(not_utf8, 400, "body: cannot be read as JSON")
    assert_error(client.post("/api/audit", json={"text": " "}), 422, "body: give exactly one of `text` or `url`")
    assert_error(client.post("/api/audit", json={}), 422, "exactly one")
    assert_error(client.post("/api/audit", json={"text": "x", "url": "https://example.org/"}), 422, "exactly one")
    assert_error(client.post("/api/audit", json={"text": "word " * (MAX // 4)}), 413, "limit")
    assert_error(client.post("/api/audit", json={"url": "http://127.0.0.1:9/x"}), 403, "refused address")
    assert_error(client.post("/api/audit", json={"url": "file:///etc/passwd"}), 403, "scheme")
    malformed = client.post("/api/audit", json={"url": "http://256.1.1.1/"})  # the client's mistake: not a 502
    assert_error(malformed, 422, "http://256.1.1.1/: invalid URL")
    assert malformed.json()["error"] == "InvalidURL"
    # a path or "-" is never read on the server: the web app fetches http(s) addresses only
    for local in ("/etc/passwd", "-", "README.md"):
        assert_error(client.post("/api/audit", json={"url": local}), 422, "not an http(s) URL")
    lone = client.post("/api/audit", content=b'{"text": "The MEK \\ud800 said so."}',
                       headers={"Content-Type": "application/json"})
    assert_error(lone, 422, "not valid Unicode")
    assert client.get("/api/search", params={"q": "MEK\x00"}).status_code == 200
    # a right-to-left override in a title reversed the lists it was shown in; corrections refused it already
    assert_error(client.post("/api/audit", json={"text": "The MEK was based in Iraq in 1986.", "title": "\u202eodd"}),
                 422, "title: has control or invisible formatting characters")
    again = client.post("/api/audit", json={"text": EXAMPLE.read_text()})
    assert again.status_code == 200 and again.headers["location"] == f"/api/documents/{again.json()['document']['id']}"
    assert len(client.get("/api/documents").json()) == 1  # nothing added twice, nothing added by the refusals
    renamed = client.post("/api/audit", json={"text": EXAMPLE.read_text(), "title": "Collaboration, retitled"})
    assert renamed.status_code == 200 and renamed.json()["document"]["title"] == "Collaboration, retitled"
    assert [d["title"] for d in client.get("/api/documents").json()] == ["Collaboration, retitled"]
    again = client.post("/api/audit", json={"text": EXAMPLE.read_text()})  # no title given: the one it has stays
    assert again.status_code == 200 and again.json()["document"]["title"] == "Collaboration, retitled"
    pasted = "The MEK was removed from the US list of terrorist organisations in September 2012, the Department said."
    first = client.post("/api/audit", json={"text": pasted, "title": "My careful title"}).json()["document"]
    assert client.post("/api/audit", json={"text": pasted}).json()["document"]["title"] == "My careful title"
    client.delete(f"/api/documents/{first['id']}")


def test_oversized_upload_is_refused_before_reading(client: TestClient) -> None:
    response = client.post("/audit", files={"file": ("big.txt", b"x" * (MAX + 100_000), "text/plain")},
                           headers={"accept": "application/json"})
    assert_error(response, 413, "over the limit")
    assert response.headers["x-content-type-options"] == "nosniff"  # the refusal carries the security headers too


def test_a_chunked_body_is_counted_as_it_comes(client: TestClient) -> None:
    import asyncio

    # the app called as a server would call it, so that how much of the body it reads can be counted (a
    # TestClient sends the whole body whatever the app does)
    sent: list[bytes] = []
    replies: list[dict] = []

    async def receive() -> dict:
        sent.append(b"word " * 10_000)  # 50 kB a message, with no Content-Length: 2 MB in all
        return {"type": "http.request", "body": sent[-1], "more_body": len(sent) < 40}

    async def send(message: dict) -> None:
        replies.append(message)

    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "POST", "scheme": "http",
             "path": "/api/audit", "raw_path": b"/api/audit", "query_string": b"", "root_path": "",
             "headers": [(b"host", b"testserver"), (b"content-type", b"application/json"),
                         (b"transfer-encoding", b"chunked")], "client": ("127.0.0.1", 1), "server": ("testserver", 80)}
    before = client.get("/api/documents").json()
    asyncio.run(client.app(scope, receive, send))
    start = next(m for m in replies if m["type"] == "http.response.start")
    body = json.loads(b"".join(m.get("body", b"") for m in replies if m["type"] == "http.response.body"))
    assert start["status"] == 413 and body["error"] == "TooLarge" and "over the limit" in body["message"]
    assert len(sent) <= 6  # read up to the limit (200 kB here, and a little for a form), not the 2 MB
    assert client.get("/api/documents").json() == before


def test_notes_reviews_and_corrections(client: TestClient, audit: dict) -> None:
    doc_id = audit["document"]["id"]
    flag = next(f for f in audit["flags"] if f["text"] == "various Western governments")
    note = client.post("/api/notes", json={"document": doc_id, "target": flag["id"], "author": "Ana",
                                           "text": "Which governments?"})
    assert note.status_code == 201 and note.json()["target"] == flag["id"]
    assert_error(client.post("/api/notes", json={"document": doc_id, "target": "f-nothing", "author": "Ana",
                                                 "text": "x"}), 404, "no such item")
    assert_error(client.post("/api/notes", json={"document": doc_id, "target": flag["id"], "author": "",
                                                 "text": "x"}), 422, "author")
    rejected = client.post("/api/reviews", json={"document": doc_id, "target": flag["id"], "decision": "rejected",
                                                 "author": "Ana"})
    assert rejected.status_code == 201 and rejected.json()["history"][-1][0] == "rejected"
    assert flag["id"] in client.get(f"/api/documents/{doc_id}/audit").json()["review"]["rejected"]
    again = {"document": doc_id, "target": flag["id"], "decision": "rejected", "author": "Bo"}
    assert_error(client.post("/api/reviews", json=again), 409, "is already rejected")
    client.post("/api/reviews", json={"document": doc_id, "target": flag["id"], "decision": "restored",
                                      "author": "Ana"})
    assert client.get(f"/api/documents/{doc_id}/audit").json()["review"]["rejected"] == []
    undo_twice = {**again, "decision": "restored"}
    assert_error(client.post("/api/reviews", json=undo_twice), 409, "nothing to restore")
    confirmed = client.post("/api/reviews", json={**again, "decision": "confirmed"}).json()
    assert [h[0] for h in confirmed["history"]] == ["rejected", "restored", "confirmed"]  # refused ones left none
    denial = next(c for c in audit["claims"] if c["text"].startswith("They also assisted"))
    stance = client.post("/api/reviews", json={"document": doc_id, "target": f"{denial['id']}/stance-1",
                                               "decision": "confirmed", "author": "Ana"})
    assert stance.status_code == 201 and stance.json()["history"][-1][:2] == ["confirmed", "Ana"]
    assert_error(client.post("/api/reviews", json={"document": doc_id, "target": flag["id"], "decision": "maybe",
                                                   "author": "Ana"}), 422, "decision")
    fixed = client.patch(f"/api/documents/{doc_id}", json={"author": "Ana", "publisher": "Nejat Society",
                                                           "published": "2024-10"})
    assert fixed.status_code == 200 and fixed.json()["publisher"] == "Nejat Society"
    from claimscope.store.review import Review

    edits = len(Review(client.app.state.store).edits(doc_id))  # type: ignore[attr-defined]
    again = client.patch(f"/api/documents/{doc_id}", json={"author": "Bo", "publisher": "Nejat Society"})
    assert again.status_code == 200 and len(Review(client.app.state.store).edits(doc_id)) == edits  # no-op: unlogged
    assert_error(client.patch(f"/api/documents/{doc_id}", json={"author": "Ana", "title": "Half a change",
                                                                 "published": "last year"}), 422, "EDTF")
    assert client.get(f"/api/documents/{doc_id}").json()["title"] != "Half a change"  # all or nothing
    assert_error(client.patch(f"/api/documents/{doc_id}", json={"author": "Ana"}), 422, "nothing to correct")
    assert_error(client.patch(f"/api/documents/{doc_id}", json={"author": "Ana", "title": " "}), 422,
                 "title: cannot be emptied")
    assert_error(client.patch(f"/api/documents/{doc_id}", json={"author": "Ana", "titel": "x"}), 422, "titel")
    for decisions in ("/api/propositions/decisions", "/api/entities/decisions"):  # not an id: a POST-only route
        refused = client.get(decisions)
        assert_error(refused, 405, "method not allowed")
        assert refused.headers["allow"] == "POST"
    for field, value, problem in (("title", "t" * 301, "give at most 300 characters"),
                                  ("publisher", "Nejat\x00Society", "control or invisible"),
                                  ("perspective", "p" * 101, "give at most 100 characters")):
        assert_error(client.patch(f"/api/documents/{doc_id}", json={"author": "Ana", field: value}), 422, problem)
    huge = client.post("/api/notes", json={"document": doc_id, "target": "x" * 100_000, "author": "Ana", "text": "t"})
    assert huge.status_code == 404 and len(huge.json()["message"]) < 400  # the input named, not echoed whole
    for edtf in ("198X", "1985/1988", "2004~"):  # EDTF, as the timeline shows them
        assert client.patch(f"/api/documents/{doc_id}", json={"author": "Ana", "published": edtf}).status_code == 200
    client.patch(f"/api/documents/{doc_id}", json={"author": "Ana", "published": "2024-10"})
    notes = client.get(f"/api/documents/{doc_id}/notes").json()
    assert [n["text"] for n in notes] == ["Which governments?"]


def test_forms_need_the_page_token(client: TestClient) -> None:
    response = client.post("/audit", data={"text": "The MEK moved to Iraq in 1986."},
                           headers={"accept": "application/json"})
    assert_error(response, 403, "form")
    home = client.get("/")
    token = home.cookies.get("claimscope_csrf") or client.cookies.get("claimscope_csrf")
    assert token and f'value="{token}"' in home.text
    ok = client.post("/audit", data={"text": "Camp Ashraf was handed to Iraqi control in 2009.", "csrf": token},
                     follow_redirects=False)
    assert ok.status_code == 303 and ok.headers["location"].startswith("/documents/")


def test_pages_and_headers(client: TestClient, audit: dict) -> None:
    doc_id = audit["document"]["id"]
    claim = audit["claims"][0]
    for url in ("/", f"/documents/{doc_id}", f"/claims/{claim['id']}", f"/entities/{audit['entities'][0]['id']}",
                "/timeline", "/search?q=Saddam", "/docs", "/documents", "/sources", "/entities", "/propositions"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "default-src 'self'" in response.headers["content-security-policy"]
        assert "cdn" not in response.text.lower()
    spec = client.get("/openapi.json").json()
    documented = spec["paths"]["/api/audit"]["post"]["responses"]["422"]["content"]["application/json"]["schema"]
    assert documented["$ref"].endswith("/ErrorBody")  # the error shape the API answers, not FastAPI's default
    body = spec["components"]["schemas"]["ErrorBody"]
    refused = client.post("/api/audit", json={"txt": "x"}).json()
    assert set(refused) <= set(body["properties"]) and set(body["required"]) <= set(refused)
    page = client.get("/documents/zzzz")
    assert page.status_code == 404 and "text/html" in page.headers["content-type"]


def test_text_from_documents_is_escaped(client: TestClient) -> None:
    evil = "<script>alert(1)</script> The MEK moved to <b>Iraq</b> in 1986 with weapons."
    made = client.post("/api/audit", json={"text": evil}).json()
    page = client.get(f"/documents/{made['document']['id']}").text
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<b>Iraq</b>" not in page
    removed = client.delete(f"/api/documents/{made['document']['id']}")
    assert removed.status_code == 200 and removed.json()["removed"]["id"] == made["document"]["id"]
    assert_error(client.get(f"/api/documents/{made['document']['id']}"), 404, "no such document")


def table_digest(db: Path) -> str:
    import hashlib
    import sqlite3

    with sqlite3.connect(db) as conn:
        return hashlib.sha256("\n".join(conn.iterdump()).encode("utf-8")).hexdigest()


def test_a_read_only_server_never_links_with_another_pack(tmp_path: Path) -> None:
    from claimscope.service import dossier_pack, ingest_sources

    settings = Settings(db=tmp_path / "linked.sqlite")
    second = tmp_path / "second.txt"
    second.write_text("The MEK was based in Iraq from 1986, and Saddam Hussein's government armed it. The MEK "
                      "denies that it took part in suppressing the 1991 uprisings.", encoding="utf-8")
    store = Store(settings.db)
    ingest_sources([str(EXAMPLE), str(second)], store, settings, pack=dossier_pack(store, "mek-iraq"))
    store.engine.dispose()
    before = table_digest(settings.db)
    with pytest.raises(ClaimscopeError, match="a read-only server cannot store new ones"):
        create_app(WebSettings(settings=settings, read_only=True, pack="none"))
    assert table_digest(settings.db) == before
    with TestClient(create_app(WebSettings(settings=settings, read_only=True))) as ro:  # its own pack: fine
        assert ro.get("/api/propositions").status_code == 200
    assert table_digest(settings.db) == before


def test_read_only_refuses_every_change(tmp_path: Path, client: TestClient) -> None:
    app = create_app(WebSettings(settings=Settings(db=tmp_path / "ro.sqlite"), read_only=True))
    with TestClient(app) as ro:
        assert_error(ro.post("/api/audit", json={"text": "The MEK moved to Iraq in 1986."}), 403, "read-only")
        assert_error(ro.delete("/api/documents/abcd"), 403, "read-only")
        assert "Audit a text" not in ro.get("/").text
        assert ro.get("/api/documents").json() == []


def test_notes_and_decisions_survive_reanalysis(client: TestClient, audit: dict) -> None:
    from claimscope.service import reanalyse

    doc_id = audit["document"]["id"]
    claim = next(c for c in audit["claims"] if c["text"].startswith("They also assisted"))
    flag = next(f for f in audit["flags"] if f["text"] == "not always publicly available")
    client.post("/api/notes", json={"document": doc_id, "target": claim["id"], "author": "Ben",
                                    "text": "Check the HRW report of 2005."})
    client.post("/api/reviews", json={"document": doc_id, "target": flag["id"], "decision": "rejected",
                                      "author": "Ben"})
    client.patch(f"/api/documents/{doc_id}", json={"author": "Ben", "perspective": "critical-of-MEK"})
    store = client.app.state.store
    assert doc_id in reanalyse(store, None, force=True).updated  # a different analysis: no pack this time
    after = client.get(f"/api/documents/{doc_id}/audit").json()
    assert "+pack." not in after["document"]["analysis_version"]
    again = next(c for c in after["claims"] if c["text"] == claim["text"])
    notes = client.get(f"/api/claims/{again['id']}").json()["notes"]
    assert [n["text"] for n in notes] == ["Check the HRW report of 2005."]
    assert any(f["text"] == "not always publicly available" and f["id"] in after["review"]["rejected"]
               for f in after["flags"])
    assert client.get(f"/api/documents/{doc_id}").json()["perspective"] == "critical-of-MEK"  # corrections stay


def test_stances_carry_the_ids_that_notes_and_reviews_name(client: TestClient, audit: dict) -> None:
    claim = next(c for c in audit["claims"] if any(s["stance"] == "denies" for s in c["stances"]))
    denial = next(s for s in claim["stances"] if s["stance"] == "denies")
    assert [s["id"] for s in claim["stances"]] == [f"{claim['id']}/stance-{i}" for i in range(len(claim["stances"]))]
    served = client.get(f"/api/claims/{claim['id']}").json()["claim"]["stances"]

    def key(stances: list) -> list:  # type: ignore[type-arg]
        return [(s["id"], s["stance"], s["cue"]) for s in stances]  # not the holder: entity merges may apply

    assert key(served) == key(claim["stances"])
    posted = client.post("/api/reviews", json={"document": audit["document"]["id"], "target": denial["id"],
                                                "decision": "confirmed", "author": "Ana"})
    assert posted.status_code == 201 and posted.json()["history"][-1][:2] == ["confirmed", "Ana"]
