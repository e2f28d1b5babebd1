"""Grades: how well a proposition is supported in the dossier, with the reasons written out.

Two parts, after the Admiralty (NATO) system: reliability of the best supporting source (A-F) and credibility of
the information (1-6). The rubric is data (``data/grades.yaml``); this module computes the facts it reads and
writes the reasons. A grade describes support, never truth.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import Any

from claimscope.model import Claim, Stance

SPECIFICITY_RANK = {"specific": 3, "partial": 2, "vague": 1, "none": 0}
STANCES = ("asserts", "testifies", "reports", "disputes", "denies")  # the order they are listed in, support first
SUPPORTING = ("asserts", "reports", "testifies")
OPPOSING = ("denies", "disputes")


def supports(stances: list[Stance]) -> bool:
    """Whether a claim supports what it states: someone asserts or testifies to it, or its author reports it and
    no one in it denies it ("The MEK denies that ..." is reported, but supports nothing)."""
    return any(s.stance in ("asserts", "testifies") for s in stances) or (
        any(s.stance == "reports" for s in stances) and not any(s.stance in OPPOSING for s in stances))


def judgement(claim: Claim) -> bool:
    """An assessment (a judgement or an imputed motive): it joins propositions, so that the denials in it count
    ("The MEK leaders deny their cooperation with Saddam Hussein primarily because ..."), but what it asserts is
    never counted as support for a fact."""
    return claim.kind == "assessment"


def stance_label(claim: Claim, stance: Stance) -> str:
    """A stance as readers see it: what the holder of a judgement asserts is marked as such (it is not counted as
    support)."""
    return f"{stance.stance}, as a judgement" if judgement(claim) and stance.stance in SUPPORTING else stance.stance


def only_reports(stances: list[Stance]) -> bool:
    """A claim whose author only relays another's word ("According to the State Department, ...")."""
    return any(s.holder == "author" and s.stance == "reports" for s in stances) and not any(
        s.holder == "author" and s.stance in ("asserts", "testifies") for s in stances)


@dataclass
class Facts:
    best_specificity: str = "none"
    best_public: bool | None = None
    best_independent: bool | None = None  # None: unknown (no pack names the parties, or no publisher)
    best_source: str = ""
    supporting_sources: int = 0
    independent_sources: int = 0  # of those, the ones independent of each other: one party's count once
    one_party: list[tuple[str, int]] = field(default_factory=list)  # (party, its sources) where it has two or more
    unplaced_sources: int = 0  # sources whose publisher the pack neither places nor vouches for, where 2 or more:
    # they count once among the independent ones
    parties_known: bool = True  # a pack names the dispute's parties (without one, no source is tied to a party)
    supporting_sides: int = 0
    asserting: int = 0  # documents that support it, reporting ones included
    reporting: int = 0  # of those, the documents that only relay another's word
    judging: int = 0  # documents that state it only as a judgement (an assessment): not support
    denying: int = 0
    unknown_sides: int = 0
    underlying: list[str] = field(default_factory=list)
    deniers: list[str] = field(default_factory=list)  # who denies, and in whose document
    publishers: int = 0  # known publishers of the supporting documents
    unknown_publishers: int = 0  # supporting documents that name no publisher
    copies: list[tuple[str, str, str]] = field(default_factory=list)  # (supporting document, who copied it, party)
    may_rest_on: list[tuple[str, str]] = field(default_factory=list)  # (document, source): its uncited claim may
    # rest on a source it cites elsewhere, which supports the proposition too: the two count once
    figures_differ: int = 0  # things the supporting claims count with different figures ("13 countries" / "3")
    figures: list[list[tuple[str, list[str]]]] = field(default_factory=list)  # for each: (figure as written, the
    # documents that give it), the figure most documents give first
    dates_differ: int = 0  # 1 when two supporting documents date it differently ("in 1992" / "in 1993")
    dates: list[tuple[str, list[str]]] = field(default_factory=list)  # (date as written, the documents that give it)


@dataclass(frozen=True)
class Grade:
    reliability: str
    credibility: int
    reasons: list[str]
    note: str = "A grade of the support this proposition has in the dossier, not a verdict on its truth."
    meanings: tuple[str, str] = ("", "")  # the rubric rows' meanings of the letter and the number, for a badge

    @property
    def label(self) -> str:
        """The badge's tooltip: what this letter and this number mean, and what a grade is not."""
        letter, number = self.meanings
        return (f"grade of the support in this dossier, never a verdict on its truth: reliability "
                f"{self.reliability} ({letter}), credibility {self.credibility} ({number})")

    def to_json(self) -> dict[str, Any]:
        return {"reliability": self.reliability, "credibility": self.credibility, "reasons": self.reasons,
                "note": self.note}


@functools.cache
def rubric() -> dict[str, Any]:
    from claimscope.analyse import lexicon  # here: the analysis package loads spaCy, which the CLI starts without

    return lexicon.load("grades")


def holds(condition: dict[str, Any], facts: Facts) -> bool:
    for name, expected in condition.items():
        value = getattr(facts, name)
        if isinstance(expected, dict):
            if "min" in expected and value < expected["min"]:
                return False
            if "max" in expected and value > expected["max"]:
                return False
            if "max_than" in expected and not value < getattr(facts, expected["max_than"]):
                return False
        elif isinstance(expected, list):
            if value not in expected:
                return False
        elif value != expected:
            return False
    return True


def first_row(rows: list[dict[str, Any]], facts: Facts) -> dict[str, Any]:
    return next(row for row in rows if holds(row.get("when") or {}, facts))


def grade(facts: Facts) -> Grade:
    rows = rubric()
    reliability = first_row(rows["reliability"], facts)
    credibility = first_row(rows["credibility"], facts)
    meanings = str(reliability["meaning"]), str(credibility["meaning"])
    return Grade(str(reliability["grade"]), int(credibility["grade"]), reasons(facts, *meanings), meanings=meanings)


def legend() -> str:
    """What the two parts of a grade mean, from the ends of the rubric's scales (data/grades.yaml)."""
    rows = rubric()
    rel, cred = rows["reliability"], rows["credibility"]
    by_grade = {str(r["grade"]): r["meaning"] for r in cred}
    return (f"A grade is a letter and a number. The letter is how reliable the best supporting source is, from A "
            f"({rel[0]['meaning']}) to F ({rel[-1]['meaning']}); the number is how credible the information is "
            f"from the agreement of independent sources, from 1 ({by_grade['1']}) to 6 ({by_grade['6']}).")


def counted(n: int, word: str, words: str | None = None) -> str:
    """"1 document", "3 documents" ("1 entity", "2 entities" with ``words``): a count and its word, for the
    sentences claimscope writes."""
    return f"{n} {word if n == 1 else words or word + 's'}"


def reasons(facts: Facts, reliability: str, credibility: str) -> list[str]:
    own = facts.asserting - facts.reporting
    known = "known " if facts.unknown_publishers else ""
    said = [" and ".join(([f"Asserted by {counted(own, 'document')}"] if own else [])
                         + ([f"{'r' if own else 'R'}eported as another's word by "
                             f"{counted(facts.reporting, 'document')}"] if facts.reporting else []))
            + (f" from {counted(facts.publishers, known + 'publisher')}" if facts.publishers else "")
            + (f" on {counted(facts.supporting_sides, 'known side')}" if facts.supporting_sides else "") + "."
            if facts.asserting else "No document asserts it as a fact."]
    if facts.judging:
        said.append(f"Stated only as a judgement in {counted(facts.judging, 'document')}: not counted as support.")
    if facts.underlying:
        listed = "; ".join(facts.underlying[:3]) + ("; ..." if len(facts.underlying) > 3 else "")
        said.append(f"The supporting claims rest on {counted(facts.supporting_sources, 'distinct source')}: {listed}.")
        said += [f"“{document}” cites {source} elsewhere in it: its uncited claim may rest on that source, so the two "
                 "count once." for document, source in facts.may_rest_on]
        said += [f"{n} of them come from one party ({party}): not independent of each other, they count once."
                 for party, n in facts.one_party]
        if facts.unplaced_sources:
            said.append(f"{facts.unplaced_sources} of them come from publishers the pack does not place: whether they "
                        "are independent of each other is unknown, so they count once.")
        if not facts.parties_known and facts.independent_sources > 1:
            said.append(f"No pack names the dispute's parties: the {facts.independent_sources} sources count as "
                        "independent of each other because nothing in the dossier ties them to one party.")
    elif facts.asserting:
        said.append("No supporting claim cites a source.")
    said += [f"The supporting claims give different figures: {_figures(given)}. They do not confirm each other on "
             "it." for given in facts.figures]
    if facts.dates:
        said.append(f"The supporting claims give different dates: {_figures(facts.dates)}. They do not confirm each "
                    "other on it.")
    said += [f"“{title}” is a copy, reproduced by {by}" + (f" (a party: {party})" if party else "")
             + ": the dossier holds the copy, not the original." for title, by, party in facts.copies]
    if facts.denying:
        said.append(f"Denied or disputed in {counted(facts.denying, 'document')}"
                    + (f": by {'; '.join(facts.deniers)}" if facts.deniers else "") + ".")
    if facts.unknown_publishers:
        said.append(f"The publisher of {counted(facts.unknown_publishers, 'supporting document')} is unknown.")
    if facts.unknown_sides:
        said.append(f"The side of {counted(facts.unknown_sides, 'document')} is unknown.")
    said.append(f"Reliability: {reliability}. Credibility: {credibility}.")
    return said


def _figures(given: list[tuple[str, list[str]]]) -> str:
    """“13 countries” in 2 documents, “3 countries” in “Title”."""
    return ", ".join(f"“{written}” in " + (f"“{documents[0]}”" if len(documents) == 1 else
                                            counted(len(documents), "document")) for written, documents in given)
