"""Reviewing propositions from their page (issue 5, item 2): take a claim out, merge two propositions; the
decisions are recorded and the pages follow them; bad choices get a 4xx and change nothing."""

from __future__ import annotations

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
    uprisings = next(p for p in found if "suppressing Kurdish and Shia uprisings" in p["text"])
    page = client.get(f"/propositions/{embassies['id']}").text
    assert "Review the grouping" in page and f'value="{uprisings["id"]}"' in page
    token = client.cookies.get("claimscope_csrf")

    both = client.post(f"/propositions/{embassies['id']}/decide", data={"csrf": token, "author": "Ana",
                                                                        "claim": embassies["claims"][0]["claim"],
                                                                        "other": uprisings["id"]})
    assert both.status_code == 422 and "one of them" in both.text
    assert client.get("/api/propositions").json()["propositions"] == found  # nothing changed

    merged = client.post(f"/propositions/{embassies['id']}/decide",
                         data={"csrf": token, "author": "Ana", "other": uprisings["id"]})
    assert merged.status_code == 200 and "Stance map" in merged.text  # followed to the merged proposition
    now = client.get("/api/propositions").json()["propositions"]
    joined = next(p for p in now if embassies["claims"][0]["claim"] in {c["claim"] for c in p["claims"]})
    assert {c["claim"] for c in uprisings["claims"]} <= {c["claim"] for c in joined["claims"]}

    claim = embassies["claims"][0]["claim"]
    out = client.post(f"/propositions/{joined['id']}/decide", data={"csrf": token, "author": "Ana", "claim": claim})
    assert out.status_code == 200
    after = client.get("/api/propositions").json()["propositions"]
    assert not any(claim in {c["claim"] for c in p["claims"]} for p in after)  # taken out of every proposition

    stranger = client.post(f"/propositions/{after[0]['id']}/decide",
                           data={"csrf": token, "author": "Ana", "claim": "cl-0000000000000000"})
    assert stranger.status_code == 422 and "is not a claim of proposition" in stranger.text
    gone = client.post("/propositions/p-nope/decide", data={"csrf": token, "author": "Ana", "other": "p-x"})
    assert gone.status_code == 404
