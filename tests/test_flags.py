"""Flags (words to watch): hand-written sentences per kind, the lexicon's mechanics and overrides, and a measured
test on documents that were kept unseen while the lexicon was written (annotations in docs/flags.md)."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from claimscope.analyse.flags import find_flags, kind_label, load_lexicon, to_regex
from claimscope.errors import InputError
from claimscope.model import make_id
from conftest import EXAMPLE, ROOT, SHARED, need

KINDS = ["unsupported-attribution", "weasel", "hedge", "unverifiable-source", "loaded-label", "editorializing"]

POSITIVE = [  # (kind, sentence, the words flagged)
    ("unsupported-attribution", "The movement is widely viewed as a spent force.", "is widely viewed as"),
    ("unsupported-attribution", "Critics say the vote was rigged.", "Critics say"),
    ("unsupported-attribution", "It is believed that the archive burned in 1953.", "It is believed that"),
    ("unsupported-attribution", "Many people think the treaty was a mistake.", "Many people think"),
    ("unsupported-attribution", "The prince is considered a reformer.", "is considered"),
    ("unsupported-attribution", "The militia is said to have 4,000 fighters.", "is said to have"),
    ("unsupported-attribution", "The ruling has been criticized as hasty.", "has been criticized"),
    ("unsupported-attribution", "By most accounts the siege ended in May.", "By most accounts"),
    ("weasel", "Various Western governments support the plan.", "Various Western governments"),
    ("weasel", "Many experts doubt the figures.", "Many experts"),
    ("weasel", "A number of sources confirmed the meeting.", "A number of sources"),
    ("weasel", "Testimony was gathered by human rights organizations.", "human rights organizations"),
    ("weasel", "The plan was welcomed by the international community.", "the international community"),
    ("weasel", "Studies show the policy failed.", "Studies show"),
    ("weasel", "Accounts by former prisoners describe the camp.", "Accounts by former prisoners"),
    ("weasel", "Statements from Iraqi officials confirmed the transfer.", "Statements from Iraqi officials"),
    ("weasel", "Independent researchers dated the letter to 1986.", "Independent researchers"),
    ("hedge", "The old port is perceived as a smuggling hub.", "perceived as"),
    ("hedge", "The general may have ordered the retreat.", "may have"),
    ("hedge", "The minister reportedly resigned.", "reportedly"),
    ("hedge", "The envoy allegedly carried cash.", "allegedly"),
    ("hedge", "The strike apparently failed.", "apparently"),
    ("hedge", "The count seems to be inflated.", "seems to"),
    ("hedge", "The so-called reforms changed little.", "so-called"),
    ("unverifiable-source", "The records are not always publicly available.", "not always publicly available"),
    ("unverifiable-source", "Classified documents describe the raid.", "Classified documents"),
    ("unverifiable-source", "Sources who asked not to be named said the deal collapsed.",
     "Sources who asked not to be named"),
    ("unverifiable-source", "According to intelligence reports, the camp was empty.",
     "According to intelligence reports"),
    ("unverifiable-source", "Documents seen by the paper show the payments.", "Documents seen by"),
    ("unverifiable-source", "An official spoke on condition of anonymity.", "on condition of anonymity"),
    ("loaded-label", "The rebels called the ministers traitors.", "traitors"),
    ("loaded-label", "The government called the rebels terrorists.", "terrorists"),
    ("loaded-label", "Exiles describe the sect as a cult.", "cult"),
    ("loaded-label", "The regime's answer came the next day.", "regime"),
    ("loaded-label", "Both sides accused the other of propaganda.", "propaganda"),
    ("loaded-label", "The village massacre is still disputed.", "massacre"),
    ("loaded-label", "Foreign mercenaries guarded the mine.", "mercenaries"),
    ("editorializing", "Clearly, the count was wrong.", "Clearly"),
    ("editorializing", "Notably, the envoy stayed home.", "Notably"),
    ("editorializing", "Of course, the treaty was never signed.", "Of course"),
    ("editorializing", "The infamous decree was repealed.", "infamous"),
    ("editorializing", "It should be noted that the vote was close.", "It should be noted"),
    ("editorializing", "The party rewrote its charter in an effort to win votes.", "in an effort to"),
    ("editorializing", "The party hired advisers to rehabilitate its image.", "rehabilitate its image"),
]

NEGATIVE = [  # (kind, sentence): no flag of that kind
    ("unsupported-attribution", "The State Department considers the group a threat."),
    ("unsupported-attribution", "The camp is commonly known as Camp Nine."),
    ("unsupported-attribution", "The proposal was considered by the committee."),
    ("unsupported-attribution", "Several options were considered."),
    ("weasel", "Some 70 officials attended the funeral."),
    ("weasel", "Some seventy officials attended the funeral."),
    ("weasel", "The most senior officials met in Geneva."),
    ("weasel", "Many members were killed in the raid."),
    ("weasel", "Statements from officials such as Tariq Aziz confirmed the transfer."),  # named right after
    ("weasel", "Statements from members of the Iraqi cabinet confirmed the transfer."),  # of a named body
    ("weasel", "The statements of the members were read in court."),  # a group already known
    ("weasel", "The human rights organizations Amnesty International and Human Rights Watch objected."),
    ("hedge", "Visitors are supposed to register."),
    ("hedge", "The military might of the empire declined."),
    ("hedge", 'The envoy said: "perhaps we were wrong, and it may have been a mistake."'),
    ("hedge", "Members may engage in transactions without a licence."),
    ("unverifiable-source", "According to a report by the United Nations, the camp held 3,000 people."),
    ("unverifiable-source", "The group was classified as a terrorist organization."),
    ("unverifiable-source", "The report was published in 2004 and is available online."),
    ("loaded-label", "The Secretary revoked its designation as a Foreign Terrorist Organization."),
    ("loaded-label", "It was listed in Country Reports on Terrorism 2004."),
    ("loaded-label", "Washington called for regime change."),
    ("loaded-label", "The sanctions regime was tightened."),
    ("loaded-label", "The Martyr Abu Talib Camp lies north of the city."),
    ("loaded-label", "The bill strengthened anti-terrorist legislation."),
    ("loaded-label", "The film became a cult classic."),
    ("editorializing", "Naturally occurring salt deposits line the shore."),
    ("editorializing", "The commission went on a fact-finding mission."),
    ("editorializing", 'The minister said the result was "clearly a victory".'),
    ("editorializing", "The documents were released in 2005."),
]


def _found(text: str, kind: str) -> list[str]:
    return [f.text for f in find_flags("doc", text) if f.kind == kind]


@pytest.mark.parametrize(("kind", "sentence", "words"), POSITIVE)
def test_positive(kind: str, sentence: str, words: str) -> None:
    flags = [f for f in find_flags("doc", sentence) if f.kind == kind]
    assert [f.text for f in flags] == [words]
    flag = flags[0]
    assert (flag.start, flag.end) == (sentence.index(words), sentence.index(words) + len(words))
    assert sentence[flag.start:flag.end] == flag.text
    assert flag.id == make_id("f", "doc", flag.start, flag.end, kind)
    assert flag.note


@pytest.mark.parametrize(("kind", "sentence"), NEGATIVE)
def test_negative(kind: str, sentence: str) -> None:
    assert _found(sentence, kind) == []


def test_every_kind_has_enough_cases() -> None:
    for kind in KINDS:
        assert sum(k == kind for k, *_ in POSITIVE) >= 4
        assert sum(k == kind for k, *_ in NEGATIVE) >= 3
    assert {k.name for k in load_lexicon().kinds} == set(KINDS)


def test_case_apostrophes_and_line_breaks() -> None:
    assert _found("WIDELY REGARDED AS a hero", "unsupported-attribution") == ["WIDELY REGARDED AS"]
    assert _found("It\u2019s well known that they left.", "unsupported-attribution") == ["It\u2019s well known"]
    assert _found("It's well known that they left.", "unsupported-attribution") == ["It's well known"]
    assert _found("The plan is widely\nviewed as dead.", "unsupported-attribution") == ["is widely\nviewed as"]
    assert _found("The plan is widely\n\nviewed as dead.", "unsupported-attribution") == []
    assert _found("Not a cult; the occult shop; a cultivated field.", "loaded-label") == ["cult"]
    assert _found("some regime officials said so", "loaded-label") == ["regime"]  # a label is kept inside others


def test_sorted_without_same_kind_overlap() -> None:
    text = ("Many experts believe, according to some reports seen by few, that the regime is widely believed "
            "to be a so-called puppet, and clearly, it is said, the so-called massacre was propaganda.")
    flags = find_flags("d", text)
    assert [f.start for f in flags] == sorted(f.start for f in flags)
    for a, b in zip(flags, flags[1:], strict=False):
        for f in flags:
            assert f.text == text[f.start:f.end]
        if a.kind == b.kind:
            assert a.end <= b.start
    assert "Many experts believe" in [f.text for f in flags]  # "Many experts" (weasel) is inside it, dropped
    assert "Many experts" not in [f.text for f in flags]


def test_mini_syntax() -> None:
    assert re.fullmatch(to_regex("widely [viewed|seen] as"), "widely as", re.I)
    assert re.fullmatch(to_regex("widely [viewed|seen] as"), "widely seen as", re.I)
    assert re.fullmatch(to_regex("[most|very] likely"), "very likely", re.I)
    assert re.fullmatch(to_regex("regime[s]"), "regimes", re.I)
    assert re.fullmatch(to_regex("so-called"), "so called", re.I)
    assert re.fullmatch(to_regex("it's"), "it\u2019s", re.I)
    assert re.fullmatch(to_regex("some _ officials"), "some Iraqi officials", re.I)
    assert not re.fullmatch(to_regex("some _ officials"), "some 70 officials", re.I)
    assert re.fullmatch(to_regex("about #"), "about 1,200", re.I)
    assert re.match(to_regex("considered !by") + r"\b", "considered a threat", re.I)
    assert not re.match(to_regex("considered !by"), "considered by many", re.I)


def test_overrides_add_remove_and_switch_off() -> None:
    text = "The junta, reportedly backed by the colonels, is a gang of bandits."
    assert "bandits" not in [f.text for f in find_flags("d", text)]
    lexicon = load_lexicon({"kinds": {
        "loaded-label": {"entries": ["bandit[s]", {"pattern": "junta", "note": "Label for a military government."}]},
        "hedge": {"remove": ["reportedly"]},
    }})
    flags = {f.text: f for f in find_flags("d", text, lexicon)}
    assert flags["bandits"].kind == "loaded-label"
    assert flags["junta"].note == "Label for a military government."
    assert "reportedly" not in flags
    assert load_lexicon({"kinds": {"hedge": None}}).kinds != load_lexicon().kinds
    assert not [f for f in find_flags("d", text, load_lexicon({"kinds": {"hedge": None}})) if f.kind == "hedge"]
    exempt = load_lexicon({"kinds": {"loaded-label": {"exceptions": ["gang of bandits"], "entries": ["bandits"]}}})
    assert "bandits" not in [f.text for f in find_flags("d", text, exempt)]
    renamed = load_lexicon({"kinds": {"hedge": {"note": "Doubt."}}})
    assert [f.note for f in find_flags("d", text, renamed) if f.kind == "hedge"] == ["Doubt."]
    assert load_lexicon() is load_lexicon(None)  # compiled once, cached


@pytest.mark.parametrize("bad", [
    {"words": []},
    {"kinds": {"hedge": {"entriez": ["x"]}}},
    {"kinds": {"euphemism": {"note": "A softer word.", "entries": ["x"]}}},  # the audit schema lists the kinds
    {"kinds": {"hedge": {"entries": ["(unclosed"]}}},
    {"kinds": {"hedge": {"entries": ["re:(capturing)"]}}},
])
def test_bad_overrides_are_refused(bad: dict) -> None:
    with pytest.raises(InputError):
        load_lexicon(bad)


def test_fast_on_a_large_text() -> None:
    sentence = ("The delegation, which had travelled from the coast, met the council on Tuesday and discussed "
                "the harbour, the grain prices and the reportedly widely viewed so-called reforms. ")
    text = sentence * 10_000  # about 250,000 words
    started = time.perf_counter()
    flags = find_flags("big", text)
    assert len(flags) == 30_000
    assert time.perf_counter() - started < 5


# --- measured on documents kept unseen while the lexicon was written (docs/flags.md has the annotations) ---

UNSEEN = {"02": ("corpus", "02-state-dept-crt-2004-mek.txt"), "15": ("corpus", "15-wikipedia-massoud-rajavi.txt"),
          "000": ("example", EXAMPLE.name)}
ROW = re.compile(r"^\| (\w+) \| ([a-z-]+) \| (.+?) \|$", re.M)


def _path(doc: str) -> Path:
    where, name = UNSEEN[doc]
    return need(EXAMPLE) if where == "example" else need(SHARED / "corpus" / "mek-iraq" / name)


def _body(path: Path) -> str:
    """The document's text after its YAML front matter, if any."""
    text = path.read_text(encoding="utf-8")
    front = re.match(r"---\n.*?\n---\n", text, re.S)
    return text[front.end():] if front else text


def _annotations(doc: str, text: str) -> list[tuple[str, int, int]]:
    """(kind, start, end) of each annotated span of ``doc``, located by its context in ``text``."""
    found = []
    for row_doc, kind, context in ROW.findall((ROOT / "docs" / "flags.md").read_text(encoding="utf-8")):
        if row_doc != doc:
            continue
        before, marked, after = re.fullmatch(r"(.*)\[\[(.+)\]\](.*)", context).groups()
        words = [r"\s+".join(map(re.escape, part.split())) for part in (before, marked, after)]
        regex = (words[0] + r"\s*" if words[0] else "") + f"({words[1]})" + (r"\s*" + words[2] if words[2] else "")
        matches = list(re.finditer(regex, text))
        assert len(matches) == 1, f"{doc}: annotation {context!r} found {len(matches)} times"
        found.append((kind, *matches[0].span(1)))
    return found


def _score(doc: str, same_kind: bool = True) -> tuple[int, int, int, int]:
    """(flags matching an annotation, flags, annotations matched, annotations): one-to-one, by overlap."""
    text = _body(_path(doc))
    gold = _annotations(doc, text)
    flags = find_flags(doc, text)
    used: set[int] = set()
    for flag in flags:
        for i, (kind, start, end) in enumerate(gold):
            if i not in used and start < flag.end and flag.start < end and (kind == flag.kind or not same_kind):
                used.add(i)
                break
    return len(used), len(flags), len(used), len(gold)


# Measured once, after the blind annotation and without tuning (docs/flags.md): a drop fails the run; raising or
# lowering a floor is an explicit edit here and in docs/flags.md.
FLOORS = {"02": (5 / 5, 5 / 6), "15": (1 / 1, 1 / 2), "000": (18 / 18, 18 / 28)}  # (precision, recall)


@pytest.mark.parametrize("doc", list(UNSEEN))
def test_quality_gate_on_unseen_documents(doc: str) -> None:
    matched_flags, flags, matched_gold, gold = _score(doc)
    precision, recall = FLOORS[doc]
    assert flags and matched_flags / flags >= precision - 1e-9
    assert matched_gold / gold >= recall - 1e-9


@pytest.mark.parametrize(("kind", "words"), [
    ("unsupported-attribution", "are widely viewed as"),
    ("loaded-label", "traitors"),
    ("editorializing", "rehabilitate their image"),
    ("weasel", "various Western governments"),
    ("unverifiable-source", "not always publicly available"),
    ("hedge", "perceived as"),
])
def test_flags_in_the_example_article(kind: str, words: str) -> None:
    text = need(EXAMPLE).read_text(encoding="utf-8")
    start = text.index(words)
    flags = [f for f in find_flags("example", text) if f.kind == kind and f.start == start]
    assert [(f.text, f.end) for f in flags] == [(words, start + len(words))]
    assert text[flags[0].start:flags[0].end] == words


def test_no_note_repeats_the_label_it_is_shown_after() -> None:
    from claimscope.analyse import lexicon

    # the pages show "Loaded label: <note>": a note that starts with its label read "Loaded label: Loaded label: ..."
    for kind, spec in lexicon.load("flags")["kinds"].items():
        entries = [e for e in spec.get("entries") or [] if isinstance(e, dict)]
        notes = [spec.get("note") or ""] + [e.get("note") or "" for e in entries]
        assert not [n for n in notes if n.lower().startswith(kind_label(kind).lower())], kind
