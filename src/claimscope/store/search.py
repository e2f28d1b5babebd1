"""Full-text search over documents and claims (SQLite FTS5), with snippets."""

from __future__ import annotations

import functools
import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import text

from claimscope.pack import Pack, name_key
from claimscope.store.repository import Store

# Each word of the query is matched as a quoted term (so "Iran-Iraq" or "Saddam's" never raise an FTS5
# syntax error); a trailing * keeps prefix search; OR between words keeps its meaning.
WORD = re.compile(r'[^\s"]+')
NOT_A_WORD = re.compile(r"[\s\"'“”‘’„«»]*")  # a query of these alone has no word to search for
MAX_NAME_WORDS = 8  # the longest run of query words read as one name
START, END = "\x02", "\x03"  # snippet marks that cannot occur in stored text
SNIPPET_WORDS = 24  # of a claim or a document listed without words (a full-text snippet shows 12 to 16)


@dataclass(frozen=True, slots=True)
class Hit:
    kind: str  # "document" or "claim"
    document_id: str
    title: str | None
    snippet: str
    highlights: list[tuple[int, int]]  # the matched words, as offsets into the snippet
    id: str  # the document's or the claim's id


def _hit(kind: str, document_id: str, title: str | None, marked: str, hit_id: str) -> Hit:
    """A Hit from a snippet whose matches FTS5 wrapped in START/END marks."""
    plain, highlights, start = [], [], 0
    for i, piece in enumerate(marked.replace(END, START).split(START)):
        if i % 2:
            highlights.append((start, start + len(piece)))
        plain.append(piece)
        start += len(piece)
    return Hit(kind, document_id, title, "".join(plain), highlights, hit_id)


@functools.cache
def stop_words() -> frozenset[str]:
    from spacy.lang.en.stop_words import STOP_WORDS  # importing spaCy takes a second: only when a search needs it

    return frozenset(STOP_WORDS)


def has_words(query: str) -> bool:
    """Whether a query has a word to search for: blanks and quote characters alone ('""', "‘’") are none."""
    return NOT_A_WORD.fullmatch(query) is None


def quoted(words: str) -> str:
    return '"' + words.replace('"', "").replace("\x00", "") + '"'  # a NUL ends SQLite's string


def expansions(query: str, names: Mapping[str, tuple[str, ...]]) -> list[tuple[str, tuple[str, ...]]]:
    """The query's words, each run of them that is a name in ``names`` (a pack's ``other_names``) read as one
    term standing for all the names of its entity, the longest run first; other words stand for themselves."""
    words = WORD.findall(query)
    found, i = [], 0
    while i < len(words):
        for j in range(min(len(words), i + MAX_NAME_WORDS), i, -1):
            phrase = " ".join(words[i:j])
            if not phrase.endswith("*") and phrase.lower() in names and phrase.lower() not in stop_words():
                found.append((phrase, names[phrase.lower()]))
                i = j
                break
        else:
            found.append((words[i], ()))
            i += 1
    return found


def fts_query(query: str, names: Mapping[str, tuple[str, ...]] | None = None) -> str:
    """The FTS5 expression of a query: its terms joined by AND, or by OR where the query says so. The AND is
    written out: SQLite 3.40 refuses an implicit AND after a parenthesised group ('("MEK" OR "PMOI") "Iraq"')."""
    terms: list[str] = []
    for word, others in expansions(query, names or {}):
        if word == "OR" and not others:
            if terms and terms[-1] != "OR":
                terms.append("OR")
            continue
        kept = [quoted(n) for n in others if n.lower() not in stop_words()]
        prefix = word.endswith("*") and len(word) > 1
        word = word.rstrip("*").replace('"', "").replace("\x00", "")
        term = "(" + " OR ".join(kept) + ")" if kept else f'"{word}"' + ("*" if prefix else "") if word else ""
        if term and any(ch.isalnum() for ch in term):  # "+" alone is an empty phrase, which matches nothing
            if terms and terms[-1] != "OR":
                terms.append("AND")
            terms.append(term)
    while terms and terms[-1] == "OR":
        terms.pop()
    return " ".join(terms)


def search(store: Store, query: str, limit: int = 20, *, document: str | None = None,
           entity: str | Collection[str] | None = None, flag: str | None = None,
           names: Mapping[str, tuple[str, ...]] | None = None) -> list[Hit]:
    """Documents and claims matching ``query``; ``document`` keeps one document's hits, ``entity`` (an id, or
    several: one entity under its names) and ``flag`` (a flag kind) keep the claims that name that entity or carry
    a flag of that kind. With ``names`` (a pack's ``other_names``), a name in the query also finds the other
    names of its entity. Without words, the filters alone choose: the claims they keep, the most check-worthy
    first (and for a document alone, the document)."""
    ids = (entity,) if isinstance(entity, str) else tuple(entity or ())
    match = fts_query(query, names)
    if not match and (has_words(query) or not (document or ids or flag)):  # words, but none to search for: nothing
        return []
    params: dict[str, object] = {"q": match, "n": limit, "doc": document, "flag": flag,
                                 **{f"e{i}": f'%"{e}"%' for i, e in enumerate(ids)}}
    kept = _claim_filters(len(ids), bool(flag))
    if match:
        documents = text(
            "SELECT d.id, d.title, snippet(documents_fts, 1, char(2), char(3), ' … ', 12) FROM documents_fts "
            "JOIN documents d ON d.rowid = documents_fts.rowid WHERE documents_fts MATCH :q "
            "AND (:doc IS NULL OR d.id = :doc) ORDER BY bm25(documents_fts, 5.0, 1.0) LIMIT :n")
        claims = text(
            "SELECT c.id, c.document_id, d.title, snippet(claims_fts, 0, char(2), char(3), ' … ', 16) "
            "FROM claims_fts JOIN claims c ON c.rowid = claims_fts.rowid JOIN documents d ON d.id = c.document_id "
            f"WHERE claims_fts MATCH :q AND (:doc IS NULL OR c.document_id = :doc) {kept}"
            "ORDER BY bm25(claims_fts) LIMIT :n")
    else:  # no full-text match to rank by: the filters' claims, their words as the snippet
        documents = text("SELECT d.id, d.title, substr(d.text, 1, 400) FROM documents d WHERE d.id = :doc")
        claims = text(
            "SELECT c.id, c.document_id, d.title, c.text FROM claims c JOIN documents d ON d.id = c.document_id "
            f"WHERE (:doc IS NULL OR c.document_id = :doc) {kept}"
            "ORDER BY c.checkworthiness DESC, c.document_id, c.start LIMIT :n")
    with store.engine.connect() as conn:
        hits = [] if ids or flag else [_hit("document", i, title, snip if match else clipped(snip), i)
                                       for i, title, snip in conn.execute(documents, params)]
        hits += [_hit("claim", doc, title, snip if match else clipped(snip), cid)
                 for cid, doc, title, snip in conn.execute(claims, params)]
    return hits


def search_cut(store: Store, query: str, limit: int, **filters: Any) -> tuple[list[Hit], list[str]]:
    """``search`` for a list a reader sees: at most ``limit`` hits of each kind, documents first, and the kinds
    ("document", "claim") that had more (one more of each is asked for, to know)."""
    found = search(store, query, limit=limit + 1, **filters)
    by_kind = {kind: [h for h in found if h.kind == kind] for kind in ("document", "claim")}
    return ([h for hits in by_kind.values() for h in hits[:limit]],
            [kind for kind, hits in by_kind.items() if len(hits) > limit])


def _claim_filters(entities: int, flag: bool) -> str:
    """The SQL that keeps the claims naming one of ``entities`` ids (:e0, :e1 ...) and carrying a flag of a kind
    (:flag) inside their span."""
    named = " OR ".join(f"c.entities LIKE :e{i}" for i in range(entities))
    return ((f"AND ({named}) " if entities else "")
            + ("AND EXISTS (SELECT 1 FROM flags f WHERE f.document_id = c.document_id AND f.kind = :flag "
               "AND f.start >= c.start AND f.\"end\" <= c.\"end\") " if flag else ""))


def clipped(words: str, most: int = SNIPPET_WORDS) -> str:
    """The first ``most`` words of a text, with an ellipsis if there are more (a snippet without a match)."""
    split = words.split()
    return " ".join(split[:most]) + (" …" if len(split) > most else "")


def entities_named(value: str, names: Mapping[str, str], pack: Pack | None) -> list[str]:
    """The ids of the dossier's entities (``names``: id -> name) that ``value`` stands for: its id, its name, or
    any name of the pack entity it is a name or an alias of ("MKO": the MEK, named otherwise). [] if none;
    AmbiguousName for an alias two pack entities share, rather than one of them picked."""
    if value in names:
        return [value]
    wanted = {name_key(n) for n in (pack.names_of(value) if pack else ()) or (value,)}
    return sorted(i for i, name in names.items() if name_key(name) in wanted)
