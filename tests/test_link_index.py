"""Stored links (issue 5, item 2): adding a document scores only the pairs it makes with the dossier's claims;
the stored links are the same whatever order documents are added in, and the same as linking the whole dossier
at once; removing or re-analysing a document takes its links with it; a change of settings relinks once."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from sqlalchemy import select

from claimscope.analyse import analyse
from claimscope.ingest import read_source
from claimscope.link import index, vectors
from claimscope.link.cluster import links
from claimscope.link.propositions import build
from claimscope.link.similarity import ClaimView
from claimscope.model import Audit
from claimscope.pack import bundled_pack_dir, load_pack
from claimscope.settings import Settings
from claimscope.store import Store
from claimscope.store import schema as t

pytestmark = pytest.mark.slow
PACK = load_pack(bundled_pack_dir())


@pytest.fixture(scope="module")
def audits() -> list[Audit]:
    from conftest import SHARED, need

    corpus = need(SHARED / "corpus" / "mek-iraq")
    return [analyse(read_source(str(p), Settings()), PACK) for p in sorted(corpus.glob("*.txt"))]


def dossier(path: Path, audits: list[Audit]) -> tuple[Store, list[index.Update]]:
    store = Store(path)
    updates = []
    for audit in audits:
        store.save(audit)
        updates.append(index.update(store, audit.document.id, PACK))
    return store, updates


def test_the_order_of_documents_does_not_change_the_links(audits: list[Audit], tmp_path: Path) -> None:
    forward, _ = dossier(tmp_path / "forward.sqlite", audits)
    backward, _ = dossier(tmp_path / "backward.sqlite", list(reversed(audits)))
    stored = index.stored_links(forward)
    assert stored and stored == index.stored_links(backward)
    views = [ClaimView.of(c.id, a.document.id, c.text, c.entities, PACK) for a in audits for c in a.claims]
    document = {v.id: v.document for v in views}
    across = [link for link in stored if document[link[0]] != document[link[1]]]
    assert across == links(views)  # the same as linking the whole dossier at once: no pair missed
    # within a document, only a claim in which someone denies links (to what it denies)
    denials = {c.id for a in audits for c in a.claims
               if any(s.stance in ("denies", "disputes") and s.holder != "author" for s in c.stances)}
    own = [link for link in stored if link not in across]
    assert own and all({a, b} & denials for a, b, _ in own)
    assert [p.to_json() for p in build(forward, PACK)] == [p.to_json() for p in build(backward, PACK)]


def test_adding_a_document_scores_only_its_own_pairs(audits: list[Audit], tmp_path: Path) -> None:
    store, updates = dossier(tmp_path / "d.sqlite", audits[:-1])
    before = index.stored_links(store)
    earlier_claims = sum(u.claims for u in updates)
    last = audits[-1]
    store.save(last)
    added = index.update(store, last.document.id, PACK)
    assert added.scored <= added.claims * earlier_claims  # never more than its own pairs
    after = index.stored_links(store)
    assert set(before) <= set(after)  # the links among the earlier documents are kept as they were
    new = set(after) - set(before)
    assert len(new) == added.links and all(last.document.id in docs_of(store, a, b) for a, b, _ in new)
    assert index.ensure(store, PACK) == []  # nothing left to link
    # each linkable claim's vector is stored as its text gives it ("may state it too" ranks the stored vectors)
    stored = index.stored_views(store, PACK)
    assert len(stored) == earlier_claims + added.claims
    assert np.array_equal(np.stack([v.vector for v in stored]), vectors.embed([v.text for v in stored]))


def docs_of(store: Store, a: str, b: str) -> set[str]:
    with store.session() as s:
        return set(s.scalars(select(t.ClaimRow.document_id).where(t.ClaimRow.id.in_((a, b)))))


def test_removal_reanalysis_and_new_settings(audits: list[Audit], tmp_path: Path, monkeypatch) -> None:
    store, _ = dossier(tmp_path / "d.sqlite", audits)
    linked = {d for a, b, _ in index.stored_links(store) for d in (a, b)}
    example = next(a for a in audits if a.document.id.startswith("f9f37b1f"))
    mine = {c.id for c in example.claims} & linked
    assert mine  # the example article's claims are linked to other documents
    store.save(example, replace=True)  # re-analysis replaces its rows: its links go until it is linked again
    assert not {d for a, b, _ in index.stored_links(store) for d in (a, b)} & mine
    assert [u.document for u in index.ensure(store, PACK)] == [example.document.id]
    assert {d for a, b, _ in index.stored_links(store) for d in (a, b)} & mine == mine
    store.remove(example.document.id)  # and removing it takes them with it
    assert not {d for a, b, _ in index.stored_links(store) for d in (a, b)} & mine
    monkeypatch.setattr(index, "version", lambda pack: "other-settings")
    assert len(index.ensure(store, PACK)) == len(audits) - 1  # new settings: every document linked again, once
    assert index.ensure(store, PACK) == []
