"""Analysis: Document -> Audit. Pure: no database, no network, deterministic.

``analyse_many`` streams documents through one ``nlp.pipe`` call (the way spaCy batches), so a corpus is
parsed in batches while memory stays flat.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from claimscope.analyse import nlp as nlp_module
from claimscope.analyse.entities import collect
from claimscope.analyse.segment import paragraphs
from claimscope.model import Audit, Document, Sentence

ANALYSIS_RELEASE = "0.1"
ENGLISH_ONLY = "claimscope's analysis covers English only for now: this document ({lang}) is stored and " \
               "searchable, but its sentences, entities and claims are not analysed."


def analysis_version() -> str:
    return f"{ANALYSIS_RELEASE}+{nlp_module.model_version()}"


def analyse(document: Document) -> Audit:
    return next(analyse_many([document]))


def analyse_many(documents: Iterable[Document], batch_size: int = 64) -> Iterator[Audit]:
    """Audits in the order of ``documents``; each document's paragraphs go through spaCy as one batch."""
    nlp = nlp_module.load()
    version = analysis_version()
    for document in documents:
        audit = Audit(document=document, analysis_version=version, paragraphs=paragraphs(document.text))
        if document.language != "en":
            audit.notes.append(ENGLISH_ONLY.format(lang=document.language))
            yield audit
            continue
        texts = ((document.text[p.start:p.end], i) for i, p in enumerate(audit.paragraphs))
        ents = []
        for doc, i in nlp.pipe(texts, as_tuples=True, batch_size=batch_size):
            offset = audit.paragraphs[i].start
            for sent in doc.sents:
                text = sent.text.strip()
                if text:
                    start = offset + sent.start_char + (len(sent.text) - len(sent.text.lstrip()))
                    audit.sentences.append(Sentence(start, start + len(text), i))
            ents.extend((ent, offset) for ent in doc.ents)
        audit.entities = collect(ents, document.text)
        yield audit
