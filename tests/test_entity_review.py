"""Entities across documents (issue 5, item 1): names that may be the same entity are proposed with a reason,
never merged silently; a reviewer merges or keeps apart, from the CLI, the API or the entity page; decisions
survive re-analysis and show wherever the dossier's entities are read."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from claimscope.link.entities import EntityInfo, fold, initials, propose
from claimscope.pack import bundled_pack_dir, load_pack
from claimscope.settings import Settings

PACK = load_pack(bundled_pack_dir())


def info(eid: str, name: str, etype: str = "Person", *, ambiguous: tuple[str, ...] = (), mentions: int = 1,
         from_pack: bool = False) -> EntityInfo:
    return EntityInfo(eid, name, etype, ambiguous, 1, mentions, from_pack)


def test_names_fold_accents_apostrophes_and_the() -> None:
    assert fold("The People’s Mojâhedin") == fold("people's mojahedin") == "people mojahedin"
    assert fold("Rajavi (ambiguous)") == "rajavi"
    assert initials("National Council of Resistance of Iran") == "NCRI"


def test_proposals_and_their_reasons() -> None:
    from claimscope.analyse.entities import pack_entity_id

    mek = info(pack_entity_id("mek"), "People's Mojahedin Organization of Iran", "Organization", mentions=70,
               from_pack=True)
    found = [
        mek, info("e-variant", "People's Mojâhedin Organization", "Organization"),  # an alias, with an accent
        info("e-islam-org", "Islam", "Organization"), info("e-islam-group", "Islam", "Group", mentions=2),
        info("e-barzani", "Barzani"), info("e-massoud-barzani", "Massoud Barzani", mentions=3),
        info("e-rajavi", "Rajavi"), info("e-massoud", "Massoud Rajavi"), info("e-maryam", "Maryam Rajavi"),
        info("e-ncri-short", "NCRI", "Organization"),
        info("e-ncri", "National Council of Resistance of Iran", "Organization"),
    ]
    by_pair = {(p.entity, p.into): p for p in propose(found, PACK)}
    assert by_pair[("e-variant", mek.id)].rule == "pack-alias"
    assert "once accents and punctuation are set aside" in by_pair[("e-variant", mek.id)].reason
    assert by_pair[("e-islam-org", "e-islam-group")].strength == "likely"  # folded into the one named more
    assert by_pair[("e-barzani", "e-massoud-barzani")].rule == "short-name"
    assert by_pair[("e-ncri-short", "e-ncri")].rule == "acronym"
    assert not any("e-rajavi" in pair for pair in by_pair)  # two Rajavis in the dossier: nothing to propose
    kept = propose(found, PACK, kept_apart={frozenset(("e-barzani", "e-massoud-barzani"))})
    assert ("e-barzani", "e-massoud-barzani") not in {(p.entity, p.into) for p in kept}


@pytest.fixture
def dossier(corpus_dossier: Path, tmp_path: Path) -> Path:
    """A copy of the corpus dossier: these tests record decisions."""
    return Path(shutil.copy(corpus_dossier, tmp_path / "dossier.sqlite"))


def entity_ids(cli, db: Path) -> dict[str, str]:  # type: ignore[no-untyped-def]
    listed = json.loads(cli("entities", "--format", "json", db=db).stdout)["entities"]
    return {e["name"]: e["id"] for e in listed}


@pytest.mark.slow
def test_merge_and_keep_apart_from_the_cli(cli, dossier: Path) -> None:
    proposals = json.loads(cli("entities", "--proposed", "--format", "json", db=dossier).stdout)["proposals"]
    rajavi = next(p for p in proposals if p["entity_name"] == "Rajavi (ambiguous)" and p["into_name"] ==
                  "Massoud Rajavi")
    assert rajavi["rule"] == "ambiguous" and "check they all mean Massoud Rajavi" in rajavi["reason"]
    before = entity_ids(cli, dossier)
    assert "Rajavi (ambiguous)" in before  # proposed, not merged

    maryam = next(p["into"] for p in proposals if p["entity"] == rajavi["entity"] and p["into_name"] ==
                  "Maryam Rajavi")
    done = cli("entity", rajavi["entity"], "--merge-into", rajavi["into"], "--author", "Ana", db=dossier)
    assert done.returncode == 0 and "is now part of Massoud Rajavi" in done.stdout
    # the other reading of the ambiguous name, accepted too, would make Maryam and Massoud one person
    second = cli("entity", rajavi["entity"], "--merge-into", maryam, "--author", "Bo", db=dossier)
    assert second.returncode == 1 and f"is already merged into {rajavi['into']}" in second.stderr
    twice = cli("entity", rajavi["entity"], "--merge-into", rajavi["into"], "--author", "Bo", db=dossier)
    assert twice.returncode == 1 and "is already merged with" in twice.stderr
    listed = json.loads(cli("entities", "--format", "json", db=dossier).stdout)["entities"]
    massoud = next(e for e in listed if e["id"] == rajavi["into"])
    assert massoud["merged"] == [rajavi["entity"]] and "Rajavi (ambiguous)" not in {e["name"] for e in listed}
    left = json.loads(cli("entities", "--proposed", "--format", "json", db=dossier).stdout)["proposals"]
    assert not any(rajavi["entity"] in (p["entity"], p["into"]) for p in left)  # decided: no longer proposed

    again = cli("reanalyse", "--force", db=dossier)  # the decision outlives re-analysis: ids are stable
    assert again.returncode == 0
    assert json.loads(cli("entities", "--format", "json", db=dossier).stdout)["entities"] == listed

    undone = cli("entity", rajavi["entity"], "--keep-apart", rajavi["into"], "--author", "Ana", db=dossier)
    assert undone.returncode == 0 and "kept apart" in undone.stdout
    assert "Rajavi (ambiguous)" in entity_ids(cli, dossier)
    undone_twice = cli("entity", rajavi["entity"], "--keep-apart", rajavi["into"], "--author", "Ana", db=dossier)
    assert undone_twice.returncode == 1 and "is already kept apart from" in undone_twice.stderr

    for args, message in ((["entity", "e-nope", "--merge-into", rajavi["into"], "--author", "Ana"],
                           "e-nope: no such entity in this dossier"),
                          (["entity", rajavi["entity"], "--author", "Ana"], "give one of --merge-into"),
                          (["entity", rajavi["entity"], "--merge-into", rajavi["into"]], "add --author NAME")):
        bad = cli(*args, db=dossier)
        assert bad.returncode == 1 and message in bad.stderr and len(bad.stderr.strip().splitlines()) == 1


@pytest.mark.slow
def test_merge_from_the_entity_page_and_the_api(dossier: Path) -> None:
    from claimscope.web import WebSettings, create_app

    with TestClient(create_app(WebSettings(settings=Settings(db=dossier), pack="mek-iraq"))) as client:
        proposals = client.get("/api/entities/proposals").json()["proposals"]
        # the article's "Rajavi" (its other documents name neither Rajavi before it, so it stays ambiguous)
        rajavi = next(p for p in proposals if p["entity_name"] == "Rajavi (ambiguous)"
                   and p["into_name"] == "Massoud Rajavi")
        page = client.get(f"/entities/{rajavi['entity']}").text
        assert "May be the same as" in page and "Merge into Massoud Rajavi" in page
        token = client.cookies.get("claimscope_csrf")
        # a refused decision shows the entity's page again with the error at its top, not a bare error page
        nameless = client.post(f"/entities/{rajavi['entity']}/decide", data={
            "other": rajavi["into"], "decision": "merge", "author": "   ", "csrf": token})
        assert nameless.status_code == 422 and 'id="form-error"' in nameless.text and "give your name" in nameless.text
        assert "May be the same as" in nameless.text and 'maxlength="100"' in nameless.text
        assert "a merge applies to all its " in page and "(s)" not in page  # "1 mention", not "1 mention(s)"
        merged = client.post(f"/entities/{rajavi['entity']}/decide", data={
            "other": rajavi["into"], "decision": "merge", "author": "Ana", "csrf": token})
        assert merged.status_code == 200 and "Merged here by reviewers" in merged.text  # followed to Massoud Rajavi
        assert re.search(r"\(merged by Ana, \d{4}-\d{2}-\d{2}\)", merged.text)  # who and when
        listed = client.get("/entities").text
        assert "(MEK, MKO, PMOI …)" in listed  # the pack's own names as the example
        assert "(with Rajavi (ambiguous))" in listed  # one row, both names
        moved = client.get(f"/entities/{rajavi['entity']}", follow_redirects=False)
        assert moved.status_code == 307 and moved.headers["location"] == f"/entities/{rajavi['into']}"
        data = client.get(f"/api/entities/{rajavi['entity']}").json()
        assert data["id"] == rajavi["into"] and rajavi["entity"] in data["members"]
        assert "Rajavi" in data["aliases"]
        assert not any("(ambiguous)" in a for a in data["aliases"])  # the words of the texts, not the dossier's mark
        from followthemoney import model

        from claimscope.export import FORMATS, Scope
        from claimscope.store import Store

        proxies = [model.get_proxy(json.loads(line)) for line in
                   FORMATS["ftm"].write(Scope.of(Store(dossier), PACK)).splitlines()]
        massoud = [p for p in proxies if p.schema.name == "Person" and "Massoud Rajavi" in p.get("name")]
        assert len(massoud) == 1 and "Rajavi" in massoud[0].get("alias")  # one FtM entity, both names
        said = [p for p in proxies if p.schema.name == "Mention" and massoud[0].id in p.get("resolved")
                and "Rajavi" in p.get("name")]
        assert said  # the document that wrote "Rajavi" now mentions Massoud Rajavi
        refused = client.post("/api/entities/decisions", json={"decision": "merge", "entity": rajavi["into"],
                                                               "into": rajavi["into"], "author": "Ana"})
        assert refused.status_code == 422 and "cannot be merged with itself" in refused.json()["message"]
        apart = client.post("/api/entities/decisions", json={"decision": "keep-apart", "entity": rajavi["entity"],
                                                             "into": rajavi["into"], "author": "Ana"})
        assert apart.status_code == 201
        assert client.get(f"/entities/{rajavi['entity']}", follow_redirects=False).status_code == 200
