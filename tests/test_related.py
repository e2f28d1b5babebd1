"""Related propositions and documents (issue 5, item 6): what a reader of the example article would want next,
each with its reason in words; on the corpus dossier, through the API and the pages."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from claimscope.link.related import for_claim, overlap, weights
from claimscope.settings import Settings

pytestmark = pytest.mark.slow
EXAMPLE = "f9f37b1f"


@pytest.fixture(scope="module")
def client(corpus_dossier: Path):  # type: ignore[no-untyped-def]
    from claimscope.web import WebSettings, create_app

    with TestClient(create_app(WebSettings(settings=Settings(db=corpus_dossier), read_only=True))) as client:
        yield client


def test_rare_entities_weigh_more_and_one_common_name_relates_nothing() -> None:
    idf = weights([{"mek", "iraq"}, {"mek", "ashraf"}, {"mek", "iraq", "saddam"}])
    assert idf["mek"] < idf["iraq"] < idf["saddam"]
    value, shared = overlap({"mek", "saddam"}, {"mek", "saddam", "iraq"}, idf)
    assert shared == ["saddam", "mek"] and value == 1.0  # all of the smaller set, rarest named first
    assert for_claim("c1", ["mek"], None, [], {}) == []


def test_reviewers_entity_merges_count_for_a_claims_related_propositions() -> None:
    from claimscope.grade import Grade
    from claimscope.link.propositions import Member, Proposition
    from claimscope.model import Claim

    def claim(cid: str, entities: list[str]) -> Claim:
        return Claim(id=cid, text=cid, start=0, end=1, checkworthiness=0.9, kind="event", stances=[],
                     entities=entities, when=None, citations=[], flags=[])

    other = Proposition("p-1", [Member("d2", None, None, "unknown", claim("c2", ["e-rajavi-m", "e-iraq"]), [])],
                        Grade("F", 6, []))
    names = {"e-rajavi": "Rajavi", "e-rajavi-m": "Massoud Rajavi", "e-iraq": "Iraq"}
    # one shared name alone relates nothing; once "Rajavi" is merged into "Massoud Rajavi" they share two
    assert for_claim("c1", ["e-rajavi", "e-iraq"], None, [other], names) == []
    found = for_claim("c1", ["e-rajavi", "e-iraq"], None, [other], names, canonical={"e-rajavi": "e-rajavi-m"})
    assert [r.id for r in found] == ["p-1"] and "Massoud Rajavi" in found[0].reasons[0]


def test_the_example_article_leads_to_the_documents_that_share_its_propositions(client: TestClient) -> None:
    found = client.get(f"/api/documents/{EXAMPLE}/related").json()
    assert found["propositions"]  # the 1991 uprisings proposition at least
    titles = {r["title"]: r for r in found["related"]}
    crt = next(r for t, r in titles.items() if t.startswith("Mujahedin-e Khalq Organization (MEK) — From: Country"))
    assert "shares 1 proposition" in crt["reasons"] or "shares 2 propositions" in crt["reasons"]
    assert found["related"][0]["score"] >= found["related"][-1]["score"]
    page = client.get(f"/documents/{EXAMPLE}").text
    assert "Related documents" in page and f'href="/documents/{crt["id"]}"' in page


def test_a_denial_leads_to_the_propositions_about_the_same_people(client: TestClient) -> None:
    audit = client.get(f"/api/documents/{EXAMPLE}/audit").json()
    denial = next(c for c in audit["claims"] if c["text"].startswith("The MEK leaders deny their cooperation"))
    found = client.get(f"/api/claims/{denial['id']}/related").json()
    # the denial is in the proposition it denies (a claim of its own document), and leads on to the others
    own = client.get(f"/api/propositions/{found['proposition']}").json()
    assert "cooperation with Saddam Hussein" in own["text"]
    assert found["related"], "nothing related to the MEK's denial of cooperation with Saddam Hussein"
    top = found["related"][0]
    assert any("uprisings" in r["title"] and "Saddam Hussein" in " ".join(r["reasons"]) for r in found["related"])
    page = client.get(f"/claims/{denial['id']}").text
    assert "Related propositions" in page and f'href="/propositions/{top["id"]}"' in page


def test_a_claims_own_proposition_is_not_listed_as_related(client: TestClient) -> None:
    propositions = client.get("/api/propositions").json()["propositions"]
    for p in propositions:
        for member in p["claims"]:
            related = client.get(f"/api/claims/{member['claim']}/related").json()
            assert related["proposition"] == p["id"]
            assert p["id"] not in {r["id"] for r in related["related"]}
    assert client.get("/api/claims/cl-nope/related").status_code == 404
    assert client.get("/api/documents/nope/related").status_code == 404
