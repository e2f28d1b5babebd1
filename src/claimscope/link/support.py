"""What a proposition's support rests on, for its grade: each document's side, the source an uncited claim rests
on, the organisation behind a publisher and who copied a document, the party a source belongs to and whether it is
independent, and the facts (``grade.Facts``) the rubric reads."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from claimscope import grade as grading
from claimscope.analyse import lexicon
from claimscope.analyse.entities import pack_entity_id
from claimscope.dates import UNPLACED, bounds, overlap, readable
from claimscope.grade import OPPOSING, SPECIFICITY_RANK, SUPPORTING, Facts, only_reports, supports
from claimscope.link.figures import differences
from claimscope.model import Audit, Claim, Source, Stance
from claimscope.pack import Pack

if TYPE_CHECKING:
    from claimscope.link.propositions import Member


def holder_name(stance: Stance, names: dict[str, str]) -> str:
    """Who holds a stance, as every view of the stance map names them: "the author", or the dossier's name of
    the entity (reviewers' merges applied), or the words of the text."""
    return "the author" if stance.holder == "author" else names.get(stance.holder, stance.holder_text)


def side_of(audit: Audit, pack: Pack | None) -> str:
    """A document's side: its perspective (front matter, a reader's correction) or, failing that, the side the
    dossier's pack gives its publisher; otherwise "unknown" (said, never guessed)."""
    doc = audit.document
    if pack:
        party = pack.side_of_publisher(doc.publisher, doc.url)
        if party:
            return party
    return doc.perspective or "unknown"


def side_label(side: str, pack: Pack | None) -> str:
    """A side as the stance map shows it: the pack's name for a party, "unknown", or a document's perspective,
    marked as one (a perspective is not one of the parties)."""
    party = next((p.name for p in pack.parties if p.id == side), None) if pack else None
    if party:
        return party
    return side if side == "unknown" else f"{side} (perspective, not a party)"


def tertiary(audit: Audit) -> bool:
    """Whether the document is a tertiary work (an encyclopedia), by a word of ``tertiary`` in grades.yaml in its
    perspective or its publisher."""
    doc = audit.document
    said = f"{doc.perspective or ''} {doc.publisher or ''}".lower()
    return any(re.search(rf"\b{re.escape(word)}\b", said) for word in grading.rubric()["tertiary"])


def document_as_source(audit: Audit) -> Source | None:
    """A claim that cites nothing rests on its own document: retrievable (it is in the dossier) as far as its
    title and publisher say, public when it has an address. A tertiary work is no source for what it states
    uncited (None): an uncited encyclopedia sentence rests on no source the dossier can name."""
    doc = audit.document
    if tertiary(audit):
        return None
    specificity = "specific" if doc.title and doc.publisher else "partial" if doc.title or doc.publisher else "vague"
    return Source(id=f"document:{doc.id}", text=doc.title or doc.id, kind="document", title=doc.title,
                  publisher=doc.publisher, date=doc.published, specificity=specificity,  # type: ignore[arg-type]
                  public=True if doc.url else None)


def publisher_of(publisher: str | None, pack: Pack | None) -> str | None:
    """The organisation behind a publisher label, so that its documents count as one publisher: the pack's name for
    it, else the words before any parenthesis or comma ("U.S. Department of State (media note), as reproduced by
    ..." -> "U.S. Department of State")."""
    if not publisher:
        return None
    named = pack.publisher_name(publisher, None) if pack else None
    return named or re.split(r"[(,;]", publisher)[0].strip() or publisher


def reprinter(publisher: str | None) -> str | None:
    """Who copied a document, when its publisher label says so (``reprint_markers`` in sources.yaml): "U.S.
    Department of State (...), as reproduced by Nejat Society (nejatngo.org)" -> "Nejat Society (nejatngo.org)"."""
    found = _reprinted().search(publisher) if publisher else None
    return found.group(1).strip(" .;,") if found else None


@functools.cache
def _reprinted() -> re.Pattern[str]:
    markers = sorted(lexicon.load("sources")["reprint_markers"], key=len, reverse=True)
    return re.compile(rf"(?i)\b(?:{'|'.join(map(re.escape, markers))})\s+(.+)$")


def attributed(claim: Claim, names: dict[str, str]) -> list[Source]:
    """A claim its author only reports rests on the word of those it reports ("According to the U.S. State
    Department, ..."), not on the reporting document: each as a source that names no document (partial when the
    holder is a known entity, else vague), whose publisher is the holder itself."""
    if not any(s.holder == "author" and s.stance == "reports" for s in claim.stances):
        return []
    return [Source(id=f"holder:{s.holder}", text=holder_name(s, names), kind="attribution",
                   specificity="partial" if s.holder in names else "vague", publisher=holder_name(s, names))
            for s in claim.stances if s.holder != "author" and s.stance in SUPPORTING]


def underlying(source: Source, pack: Pack | None = None) -> tuple[str, str]:
    """What a source rests on, so that copies count once (a key and how to name it): its title, else its publisher,
    else its words. A document standing for its uncited claims rests on its publisher's word, and a reported
    holder on its own word, so one publisher's documents and the reports of what it said count once."""
    if source.kind in ("document", "attribution") and source.publisher:
        name = publisher_of(source.publisher, pack) or source.publisher
        return "publisher " + re.sub(r"\W+", " ", name.lower()).strip(), name
    key = source.title or source.publisher or source.text
    return re.sub(r"\W+", " ", key.lower()).strip(), source.title or source.text


def _named(name: str, titles: set[str]) -> str:
    """A publisher's word as the reasons name it: with its document's title, or how many documents carry it."""
    if len(titles) > 1:
        return f"{name} ({len(titles)} documents)"
    title = next(iter(titles), None)
    return f"{name}, “{title}”" if title and title != name else name


def party_of(source: Source, pack: Pack | None) -> str | None:
    """The party (of the pack) a source's publisher or reported holder belongs to, if the pack places it: a reported
    holder by its entity or its name (the MEK, the State Department), any source by the pack's publishers."""
    if not pack or not source.publisher:
        return None
    if source.kind == "attribution":
        holder = source.id.removeprefix("holder:")
        named = re.sub(r"^the\s+", "", source.publisher.strip(), flags=re.IGNORECASE).lower()
        by_entity = {e.id: e for e in pack.entities}
        for party in pack.parties:
            for e in party.entities:
                names = (by_entity[e].name, *by_entity[e].aliases) if e in by_entity else ()
                if pack_entity_id(e) == holder or named in {n.lower() for n in names}:
                    return party.id
    return pack.side_of_publisher(source.publisher, None)


def independent(source: Source, pack: Pack | None) -> bool | None:
    """Whether a source's publisher is independent of the dispute's parties: False when the pack places it with a
    party, True when the pack vouches for it (``independent: true``), else None: unknown is said, never guessed. Not
    being placed is no evidence of independence (an unknown blog would otherwise earn an A)."""
    if not pack or not pack.parties or not source.publisher:
        return None
    if party_of(source, pack):
        return False
    return True if source.kind != "attribution" and pack.independent_publisher(source.publisher, None) else None


def _denier(member: Member, stance: Stance, names: dict[str, str]) -> str:
    """Who denies, and whose word it is: a denial a document reports of someone else is that document's word, not
    the denier's own statement ("the MEK vehemently denies it", in an article of unknown side)."""
    title = f"“{member.title or member.document}”"
    return f"the author of {title}" if stance.holder == "author" else \
        f"{holder_name(stance, names)}, as {title} reports it"


def _may_rest_on(asserting: list[Member], sources: dict[str, tuple[str, Source]], pack: Pack | None
                 ) -> list[tuple[str, str]]:
    """An uncited claim rests on its document; when that document cites, elsewhere in it, a publisher whose source
    also supports the proposition, the claim may rest on that source, so the two count once (the document's key
    leaves ``sources``). Each such document's title and the publisher it cites, for the reasons."""
    found = []
    for m in asserting:
        if not m.elsewhere or [s.kind for s in m.sources] != ["document"]:
            continue
        own = underlying(m.sources[0], pack)[0]
        cited = {publisher_of(s.publisher, pack) for s in m.elsewhere if s.publisher}
        other = next((publisher_of(s.publisher, pack) for key, (_, s) in sources.items()
                      if key != own and publisher_of(s.publisher, pack) in cited), None)
        if other and own in sources:
            del sources[own]
            found.append((m.title or m.document, other))
    return found


YEAR = re.compile(r"(?<![\d,.])(1[5-9]\d\d|20\d\d)(?!\d|[,.]\d|s\b)")  # "1986", not "1,986", "1980s" or "19860"


def _dated(when: str | None) -> bool:
    """A time a claim gives as one year, month or day ("1992", "1992-04"): not a decade, an interval or open."""
    return bool(when) and not any(mark in when for mark in ("/", "X", "..", "[", "{")) \
        and bounds(when)[0] != UNPLACED  # type: ignore[arg-type]


def date_differences(claims: Iterable[tuple[str, Claim]]) -> list[tuple[str, set[str], int]]:
    """Where claims (document, claim) date what they state differently ("in 1992" / "in 1993", "founded in 1986" /
    "established in 1987"): each date given, the documents that give it and how many documents give a date that
    agrees with it ("April 1992" and "1992" agree), the best agreed first; [] when every two documents that date it
    have dates that agree."""
    given: dict[str, set[str]] = {}
    dates_of: dict[str, set[str]] = {}  # every time a document's claims name: its date may be any of them
    for document, claim in claims:
        if _dated(claim.when):
            given.setdefault(claim.when, set()).add(document)  # type: ignore[arg-type]
            # a claim is dated by its first time, which may be another part's ("In 1981 he fled to Paris, and he
            # met Saddam in 1986") or a side remark's ("..., a 2005 report says"): any year it names may be its own
            dates_of.setdefault(document, set()).update({claim.when, *YEAR.findall(claim.text)})  # type: ignore[arg-type]
    dated = list(dates_of.values())
    if all(any(overlap(a, b) for a in x for b in y) for i, x in enumerate(dated) for y in dated[i + 1:]):
        return []
    agreed = {when: len({d for other, docs in given.items() if overlap(when, other) for d in docs}) for when in given}
    return sorted(((when, docs, agreed[when]) for when, docs in given.items()), key=lambda g: (-g[2], bounds(g[0])))


def date_outnumbered(claim: Claim, differing: list[tuple[str, set[str], int]]) -> bool:
    """Whether a claim gives a date that fewer documents agree with than another, where the claims differ on it."""
    agreed = {when: n for when, _, n in differing}
    return claim.when in agreed and agreed[claim.when] < differing[0][2]


def facts_of(members: list[Member], pack: Pack | None, names: dict[str, str]) -> Facts:
    facts = Facts(parties_known=bool(pack and pack.parties))
    parties = {p.id for p in pack.parties} if pack else set()
    party_names = {p.id: p.name for p in pack.parties} if pack else {}
    stating = [m for m in members if supports(m.claim.stances)]
    asserting = [m for m in stating if not grading.judgement(m.claim)]  # a judgement is never support for a fact
    denying = [m for m in members if any(s.stance in OPPOSING for s in m.claim.stances)]
    facts.asserting = len({m.document for m in asserting})
    facts.judging = len({m.document for m in stating} - {m.document for m in asserting})
    own = {m.document for m in asserting if not only_reports(m.claim.stances)}
    facts.reporting = len({m.document for m in asserting} - own)
    facts.denying = len({m.document for m in denying})
    facts.deniers = sorted({_denier(m, s, names) for m in denying for s in m.claim.stances if s.stance in OPPOSING})
    publishers = {m.document: publisher_of(m.publisher, pack) for m in asserting}
    facts.publishers = len({p.lower() for p in publishers.values() if p})
    facts.unknown_publishers = sum(1 for p in publishers.values() if not p)
    facts.supporting_sides = len({m.side for m in asserting if m.side in parties})  # a perspective is not a side
    facts.unknown_sides = len({m.document for m in members if m.side == "unknown"})
    def rank(s: Source) -> tuple[int, bool, bool]:  # ties go to the independent source, not to the first
        return SPECIFICITY_RANK[s.specificity], s.public is True, independent(s, pack) is True

    sources: dict[str, tuple[str, Source]] = {}  # one per underlying source, the best of its copies
    titles: dict[str, set[str]] = {}  # the documents that stand for a publisher's word
    for s in (s for m in asserting for s in m.sources):
        key, name = underlying(s, pack)
        if s.kind == "document":
            titles.setdefault(key, set()).add(s.title or s.id)
        if key not in sources or rank(s) > rank(sources[key][1]):
            sources[key] = (name, s)
    facts.may_rest_on = _may_rest_on(asserting, sources, pack)
    facts.copies = sorted({(m.title or m.document, by, party_names.get(pack.side_of_publisher(by, None) or "", "")
                            if pack else "") for m in asserting for by in [reprinter(m.publisher)] if by})
    titles_of = {m.document: m.title or m.document for m in asserting}
    facts.figures = [[(written, sorted(titles_of[doc] for doc in docs)) for _, written, docs in d.figures]
                     for d in differences((m.document, m.claim.text) for m in asserting)]
    facts.figures_differ = len(facts.figures)
    facts.dates = [(readable(when), sorted(titles_of[doc] for doc in docs))
                   for when, docs, _ in date_differences((m.document, m.claim) for m in asserting)]
    facts.dates_differ = int(bool(facts.dates))
    facts.underlying = sorted(_named(name, titles.get(key, set())) for key, (name, _) in sources.items())
    facts.supporting_sources = len(sources)
    shared: dict[str, int] = {}  # a party's sources are not independent of each other: they count once
    for _, s in sources.values():
        party = party_of(s, pack)
        if party:
            shared[party] = shared.get(party, 0) + 1
    # sources the pack neither places nor vouches for may be one party's outlets: unknown is never counted as
    # independent, so together they count once
    unplaced = sum(1 for _, s in sources.values() if facts.parties_known and independent(s, pack) is None)
    facts.unplaced_sources = unplaced if unplaced > 1 else 0
    facts.independent_sources = facts.supporting_sources - sum(n - 1 for n in shared.values()) - max(unplaced - 1, 0)
    facts.one_party = sorted((party_names[p], n) for p, n in shared.items() if n > 1)
    if sources:
        best = max((s for _, s in sources.values()), key=rank)
        facts.best_specificity, facts.best_public = best.specificity, best.public
        facts.best_source = best.title or best.text
        facts.best_independent = independent(best, pack)
    return facts
