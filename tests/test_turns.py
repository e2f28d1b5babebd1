"""Speaker turns: in a transcript the speaker holds what a turn says, and the author only reports it."""

from claimscope.analyse import analyse
from claimscope.analyse.turns import Transcript, display
from claimscope.model import Document

HEARING = (
    "Hearing of the committee, 12 March 2004\n\n"
    "CHAIRMAN SMITH: The witness will now answer the questions of the committee.\n\n"
    "MR. JONES: The militia received weapons from the Iraqi army in 1986.\n\n"
    "CHAIRMAN SMITH: Thank you.\n\n"
    "MR. JONES: I also saw the camp being built near the border in 1987.\n"
)


def audit(text: str):  # type: ignore[no-untyped-def]
    return analyse(Document(id="t" * 16, sha256="t" * 64, text=text, language="en"))


def test_a_speaker_holds_what_the_turn_says_and_the_author_reports_it() -> None:
    result = audit(HEARING)
    names = {e.id: e.name for e in result.entities}
    claim = next(c for c in result.claims if "received weapons" in c.text)
    by_holder = {names.get(s.holder, s.holder): s for s in claim.stances}
    assert by_holder["author"].stance == "reports"
    jones = by_holder["Mr. Jones"]
    assert jones.stance == "asserts" and HEARING[jones.start:jones.end] == "MR. JONES"
    assert [e.name for e in result.entities if e.name == "Mr. Jones"] == ["Mr. Jones"]  # one speaker, one entity


def test_labels_that_do_not_make_a_conversation_are_not_turns() -> None:
    infobox = "Strength\nSCIRI: Est. 4,000–8,000\nKDP: Est. 15,000–45,000\nPUK: Est. 4,000–12,000\n"
    assert Transcript(infobox).turns == []
    article = "UPDATE: The ministry confirmed the figures on Monday.\n\nThe militia received weapons in 1986.\n"
    assert Transcript(article).turns == []
    claim = next(c for c in audit(article).claims if "received weapons" in c.text)
    assert [s.holder for s in claim.stances] == ["author"] and claim.stances[0].stance == "asserts"


def test_a_label_reads_as_a_name() -> None:
    assert [display(x) for x in ("MR. CARTER", "McGEE", "O'NEILL", "EDWIN NEWMAN")] == \
        ["Mr. Carter", "McGee", "O'Neill", "Edwin Newman"]
    turns = Transcript("EDWIN NEWMAN, MODERATOR: Good evening.\nMR. FORD: Yes.\nEDWIN NEWMAN: Go on.\n"
                       "MR. FORD: No.\n").turns
    assert [t.name for t in turns] == ["Edwin Newman", "Mr. Ford", "Edwin Newman", "Mr. Ford"]


def test_a_speaker_who_says_i_say_holds_it_once() -> None:
    # "I say that ..." gave the speaker two stances, the turn's ("reports", at the label) and the cue's
    result = audit(HEARING.replace("I also saw the camp", "I say that they built the camp"))
    names = {e.id: e.name for e in result.entities}
    claim = next(c for c in result.claims if "built the camp" in c.text)
    assert [(names.get(s.holder, s.holder), s.stance, s.cue) for s in claim.stances] == [
        ("author", "reports", ""), ("Mr. Jones", "asserts", "say")]
    [plain] = audit("We reported in 2004 that the militia received weapons from the Iraqi army.").claims
    assert [(s.holder, s.stance, s.cue) for s in plain.stances] == [("author", "asserts", "reported")]
