"""Speaker turns of a transcript: "CLINTON: ...", "MR. CARTER: ...", "EDWIN NEWMAN, MODERATOR: ...".

In a debate, a hearing or a court session the words are the speaker's, not the author's: the publisher of the
transcript only reports them. A turn runs from its label to the next label, over any paragraphs without one.
A document is read as a transcript only when at least two speakers take the floor at least twice each, so that an
article's "UPDATE: ..." line or an infobox's "KDP: Est. 15,000" lines are not turns.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass, replace

from claimscope.model import Stance

# A label is a name in capitals (a title such as "Mr." may be in any case; "McGEE"), optionally followed by a role
# after a comma ("EDWIN NEWMAN, MODERATOR"), then a colon and the turn's words on the same line.
_WORD = r"(?:Mc|Mac)?[A-Z][A-Z'’\-]*\.?"
_TITLE = r"(?:(?:MR|MRS|MS|DR|Mr|Mrs|Ms|Dr)\.\s+)"
LABEL = re.compile(rf"(?m)^[ \t]*(?P<name>{_TITLE}?{_WORD}(?:[ \t]+{_WORD}){{0,3}})"
                   rf"(?:,[ \t]*(?P<role>[A-Z][A-Z \t]*))?[ \t]*:[ \t]+(?=\S)")
_TITLES = {"MR.": "Mr.", "MRS.": "Mrs.", "MS.": "Ms.", "DR.": "Dr."}


@dataclass(frozen=True, slots=True)
class Turn:
    start: int  # the label's first character
    end: int  # the start of the next turn, or the end of the text
    label_end: int  # the end of the label's name (before the role and the colon)
    name: str  # the label as a name: "Mr. Carter", "Clinton", "Edwin Newman"

    @property
    def last_name(self) -> str:
        return self.name.split()[-1].lower()


def display(label: str) -> str:
    """ "MR. CARTER" -> "Mr. Carter", "McGEE" -> "McGee", "O'NEILL" -> "O'Neill"."""
    def word(w: str) -> str:
        if w.upper() in _TITLES:
            return _TITLES[w.upper()]
        prefix = next((p for p in ("Mc", "Mac") if w.startswith(p) and w[len(p):].isupper()), "")
        return prefix + re.sub(r"[A-Za-z]+", lambda m: m.group(0).capitalize(), w[len(prefix):])
    return " ".join(map(word, label.split()))


class Transcript:
    """The speaker turns of a text, in order; none when it does not read as a transcript."""

    def __init__(self, text: str) -> None:
        found = list(LABEL.finditer(text))
        if sum(n >= 2 for n in Counter(m.group("name").upper() for m in found).values()) < 2:
            found = []  # not a conversation: an infobox's "KDP: Est. 15,000" lines name each party once
        ends = [m.start("name") for m in found[1:]] + [len(text)] * bool(found)
        self.turns = [Turn(m.start("name"), end, m.end("name"), display(m.group("name")))
                      for m, end in zip(found, ends, strict=True)]
        self._starts = [t.start for t in self.turns]

    def at(self, position: int) -> Turn | None:
        """The turn whose words include ``position``, if any (the text before the first label is in none)."""
        i = bisect.bisect_right(self._starts, position) - 1
        return self.turns[i] if i >= 0 and position < self.turns[i].end else None


def spoken(stances: list[Stance], holder: str, turn: Turn) -> list[Stance]:
    """A sentence's stances when a speaker says it: what the author held (the sentence's own stance, "I said ...")
    is the speaker's, marked by the label when it has no words of its own, and the author reports it."""
    author = next((s for s in stances if s.holder == "author"), None)
    if author is None:
        return stances
    mine = [replace(s, holder=holder, holder_text=turn.name, cue=s.cue or turn.name,
                    start=s.start if s.cue else turn.start, end=s.end if s.cue else turn.label_end)
            if s.holder == "author" else s for s in stances]
    return [Stance("author", "the author", "reports", "", author.start, author.start), *mine]
