"""The audit JSON (``claimscope.audit/1``): the real CLI's output against schemas/audit.schema.json and against the
text it describes (every offset quotes the exact words), on the example and on every file of the shared corpus."""

from __future__ import annotations

import copy
import hashlib
import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from edtf import parse_edtf
from edtf.parser.edtf_exceptions import EDTFParseException
from jsonschema import Draft202012Validator, FormatChecker

from claimscope.model import (
    Audit,
    Claim,
    Document,
    Entity,
    Flag,
    Mention,
    Reference,
    Sentence,
    Source,
    Span,
    Stance,
    TimeExpression,
    make_id,
)
from conftest import EXAMPLE, EXAMPLE_TITLE, ROOT, run_cli

SCHEMA_PATH = ROOT / "schemas" / "audit.schema.json"
SADDAM_SENTENCE = ("They also assisted Saddam Hussein in suppressing Kurdish and Shia uprisings in Iraq in 1991, "
                   "although the MEK vehemently denies it.")
EXAMPLE_REFERENCES = ["1. Country Reports on Terrorism, US department of State",
                      "2. Reports of Human Rights Watch on the MEK, Human Rights Watch"]

Json = dict[str, Any]

# The schema names the format "edtf"; jsonschema only checks formats it is given a checker for.
FORMATS = FormatChecker(formats=())


@FORMATS.checks("edtf", raises=EDTFParseException)
def is_edtf(value: object) -> bool:
    return not isinstance(value, str) or parse_edtf(value) is not None


@pytest.fixture(scope="module")
def schema() -> Json:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def validator(schema: Json) -> Draft202012Validator:
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=FORMATS)


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> Json:
    """The example's audit, printed once by the real CLI for all the tests of this module (``run_cli`` is what the
    ``cli`` fixture returns; module scope keeps it to one spaCy load)."""
    db = tmp_path_factory.mktemp("example") / "dossier.sqlite"
    done = run_cli("audit", str(EXAMPLE), "--format", "json", db=db)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def schema_errors(validator: Draft202012Validator, audit: Json) -> list[str]:
    return [f"/{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(audit)]


# --- invariants the schema cannot express: each returns a list of problems, empty when all is well ------------------

def span_problem(what: str, start: int, end: int, text: str, *, empty_ok: bool = False) -> str | None:
    if not (0 <= start <= end <= len(text)) or (start == end and not empty_ok):
        return f"{what} [{start}:{end}] is not a {'' if empty_ok else 'non-empty '}span of a {len(text)}-char text"
    return None


def quote_problems(what: str, items: list[Json], text: str) -> list[str]:
    """Each item's ``text`` is exactly ``text[start:end]`` and is not empty."""
    found = []
    for i, item in enumerate(items):
        problem = span_problem(f"{what}[{i}]", item["start"], item["end"], text)
        if problem is None and text[item["start"]:item["end"]] != item["text"]:
            problem = f"{what}[{i}] text[{item['start']}:{item['end']}] is {text[item['start']:item['end']]!r}, " \
                      f"not {item['text']!r}"
        if problem:
            found.append(problem)
    return found


def mention_problems(audit: Json) -> list[str]:
    text = audit["document"]["text"]
    return [p for e in audit["entities"] for p in quote_problems(f"mention of {e['name']!r}", e["mentions"], text)]


def reference_problems(audit: Json) -> list[str]:
    return quote_problems("reference", audit["document"]["references"], audit["document"]["text"])


def segment_problems(audit: Json) -> list[str]:
    """Paragraphs and sentences: non-empty, trimmed, inside the text, in order without overlap; each sentence inside
    the paragraph it names."""
    text, found = audit["document"]["text"], []
    for what, spans in (("paragraph", audit["paragraphs"]), ("sentence", audit["sentences"])):
        previous_end = 0
        for i, span in enumerate(spans):
            start, end = span["start"], span["end"]
            problem = span_problem(f"{what}[{i}]", start, end, text)
            if problem:
                found.append(problem)
                continue
            if text[start:end] != text[start:end].strip():
                found.append(f"{what}[{i}] {text[start:end]!r} has leading or trailing whitespace")
            if start < previous_end:
                found.append(f"{what}[{i}] starts at {start}, before the previous one ends ({previous_end})")
            previous_end = end
    paragraphs = audit["paragraphs"]
    for i, sentence in enumerate(audit["sentences"]):
        p = sentence["paragraph"]
        if not 0 <= p < len(paragraphs):
            found.append(f"sentence[{i}] names paragraph {p}, but there are {len(paragraphs)}")
        elif not paragraphs[p]["start"] <= sentence["start"] <= sentence["end"] <= paragraphs[p]["end"]:
            found.append(f"sentence[{i}] [{sentence['start']}:{sentence['end']}] is not inside paragraph {p} "
                         f"[{paragraphs[p]['start']}:{paragraphs[p]['end']}]")
    return found


def finding_problems(audit: Json) -> list[str]:
    """Claims, flags and time expressions quote their words; stances, source mentions and pages lie in the text."""
    text = audit["document"]["text"]
    found = quote_problems("claim", audit["claims"], text) + quote_problems("flag", audit["flags"], text) \
        + quote_problems("time expression", audit["timeline"], text)
    for claim in audit["claims"]:
        found += [p for j, s in enumerate(claim["stances"])
                  if (p := span_problem(f"claim {claim['id']} stance[{j}]", s["start"], s["end"], text, empty_ok=True))]
    for source in audit["sources"]:
        found += [p for j, m in enumerate(source["mentions"])
                  if (p := span_problem(f"source {source['id']} mention[{j}]", m["start"], m["end"], text))]
    found += [p for i, (start, end) in enumerate(audit["document"]["pages"])
              if (p := span_problem(f"page[{i}]", start, end, text, empty_ok=True))]
    return found


def link_problems(audit: Json) -> list[str]:
    """Ids are unique in their list, and every id a claim or time expression points to exists."""
    found, ids = [], {}
    for key in ("claims", "entities", "sources", "flags"):
        counts = Counter(item["id"] for item in audit[key])
        found += [f"{key}: id {i!r} is used {n} times" for i, n in counts.items() if n > 1]
        ids[key] = set(counts)
    for claim in audit["claims"]:
        for key, target in (("entities", "entities"), ("citations", "sources"), ("flags", "flags")):
            found += [f"claim {claim['id']} {key}: no {target[:-1]} {i!r}" for i in claim[key] if i not in ids[target]]
        found += [f"claim {claim['id']}: stance holder {s['holder']!r} is neither an entity id nor 'author'"
                  for s in claim["stances"] if s["holder"] != "author" and s["holder"] not in ids["entities"]]
    for t in audit["timeline"]:
        found += [f"time expression {t['text']!r}: no entity {i!r}" for i in t["entities"] if i not in ids["entities"]]
    return found


def summary_problems(audit: Json) -> list[str]:
    summary = audit["summary"]
    expected = {key: len(audit[key]) for key in ("paragraphs", "sentences", "claims", "entities", "sources")}
    expected["words"] = len(audit["document"]["text"].split())
    expected["mentions"] = sum(len(e["mentions"]) for e in audit["entities"])
    expected["flags"] = dict(Counter(f["kind"] for f in audit["flags"]))
    return [f"summary.{key} is {summary[key]!r}, but the audit has {value!r}"
            for key, value in expected.items() if summary[key] != value]


def all_problems(audit: Json) -> list[str]:
    return (mention_problems(audit) + reference_problems(audit) + segment_problems(audit) + finding_problems(audit)
            + link_problems(audit) + summary_problems(audit))


def sentence_texts(audit: Json) -> list[str]:
    text = audit["document"]["text"]
    return [text[s["start"]:s["end"]] for s in audit["sentences"]]


# --- the schema itself -----------------------------------------------------------------------------------------------

def test_schema_is_a_valid_draft_2020_12_schema(schema: Json) -> None:
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["properties"]["schema"]["const"] == "claimscope.audit/1"
    assert schema["additionalProperties"] is False
    assert schema["$defs"]["document"]["additionalProperties"] is False


def full_audit() -> Audit:
    """An audit with one of everything (claims, stances, sources, flags, timeline, pages), built from the model so
    the schema is checked against every field ``Audit.to_json`` emits, not only those the analysis fills today."""
    text = "Rajavi and Saddam\n\nIn 1991 the MEK helped crush the uprisings, critics say; the MEK vehemently denies it."
    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    doc = Document(id=sha[:16], sha256=sha, text=text, title="Rajavi and Saddam", url="https://example.org/a",
                   publisher="Example", published="2019-09", perspective="critical-of-MEK", license="CC BY-SA 4.0",
                   language="en", breadcrumbs=["Home", "Rajavi and Saddam"], links=["https://example.org/b"],
                   pages=[(0, 17), (19, len(text))], references=[Reference(0, 17, "Rajavi and Saddam")],
                   source_kind="pdf")
    body = text.index("In 1991")
    mek, denies, critics = text.index("MEK"), text.index("vehemently denies"), text.index("critics say")
    entity = Entity(id=make_id("e", "Organization", "mek"), name="MEK", type="Organization", aliases=["PMOI"],
                    wikidata="Q273651", mentions=[Mention(mek, mek + 3, "MEK", "ORG")])
    flag = Flag(id=make_id("f", doc.id, critics), kind="unsupported-attribution", text="critics say", start=critics,
                end=critics + 11, note="who?")
    source = Source(id=make_id("s", doc.id, critics), text="critics", kind="testimony", specificity="vague",
                    public=None, mentions=[Span(critics, critics + 7)])
    claim = Claim(id=make_id("cl", doc.id, body), text=text[body:], start=body, end=len(text), checkworthiness=0.9,
                  kind="event", when="1991", entities=[entity.id], citations=[source.id], flags=[flag.id],
                  stances=[Stance("author", "the author", "asserts", "", body, body),
                           Stance(entity.id, "the MEK", "denies", "vehemently denies", denies, denies + 17)])
    when = TimeExpression(text="1991", when="1991", start=body + 3, end=body + 7, entities=[entity.id])
    return Audit(document=doc, analysis_version="0.1+test", paragraphs=[Span(0, 17), Span(body, len(text))],
                 sentences=[Sentence(0, 17, 0), Sentence(body, len(text), 1)], claims=[claim], entities=[entity],
                 sources=[source], flags=[flag], timeline=[when], notes=["a note"])


def test_a_fully_populated_audit_is_valid(validator: Draft202012Validator) -> None:
    audit = full_audit().to_json()
    assert schema_errors(validator, audit) == []
    assert all_problems(audit) == []


DELETE = object()
DRIFT = [  # (path into the audit JSON, new value or DELETE)
    (("claims",), DELETE),
    (("schema",), "x"),
    (("claim",), []),  # an unknown top-level key
    (("document", "titel"), "x"),  # an unknown document key
    (("document", "license"), DELETE),
    (("document", "published"), "2019-09 (reprint)"),
    (("document", "published"), "2019-13"),  # EDTF characters, but not a date: caught by the "edtf" format
    (("document", "sha256"), "F" * 64),
    (("document", "pages"), [[0, 17, 30]]),
    (("document", "references", 0, "label"), "x"),
    (("paragraphs", 0, "start"), -1),
    (("sentences", 0, "paragraph"), DELETE),
    (("claims", 0, "entities"), DELETE),  # e.g. renamed "entity": items are open, but every named key is required
    (("claims", 0, "start"), "3"),
    (("claims", 0, "checkworthiness"), 1.5),
    (("claims", 0, "kind"), "opinion"),
    (("claims", 0, "stances", 0, "stance"), "believes"),
    (("entities", 0, "type"), "person"),
    (("entities", 0, "wikidata"), "273651"),
    (("entities", 0, "mentions", 0, "label"), DELETE),
    (("sources", 0, "specificity"), "precise"),
    (("sources", 0, "public"), "yes"),
    (("flags", 0, "kind"), "spin"),
    (("timeline", 0, "when"), None),
    (("summary", "notes"), DELETE),
    (("summary", "flags"), {"spin": 1}),
]


def mutate(audit: Json, path: tuple[str | int, ...], value: object) -> Json:
    changed = copy.deepcopy(audit)
    *parents, last = path
    target = changed
    for key in parents:
        target = target[key]
    if value is DELETE:
        del target[last]
    else:
        target[last] = value
    return changed


@pytest.mark.parametrize(("path", "value"), DRIFT, ids=["/".join(map(str, p)) + ("-deleted" if v is DELETE else "")
                                                        for p, v in DRIFT])
def test_the_schema_catches_drift(validator: Draft202012Validator, path: tuple[str | int, ...], value: object) -> None:
    audit = full_audit().to_json()
    assert schema_errors(validator, mutate(audit, path, value)) != []


# --- the example, through the real CLI -------------------------------------------------------------------------------

@pytest.mark.slow
def test_example_audit_matches_the_schema(example: Json, validator: Draft202012Validator) -> None:
    assert schema_errors(validator, example) == []


@pytest.mark.slow
@pytest.mark.parametrize("drift", ["claims deleted", "schema renamed"])
def test_the_schema_rejects_a_drifted_cli_output(example: Json, validator: Draft202012Validator, drift: str) -> None:
    audit = copy.deepcopy(example)
    if drift == "claims deleted":
        del audit["claims"]
    else:
        audit["schema"] = "x"
    assert schema_errors(validator, example) == []
    assert schema_errors(validator, audit) != []
    assert not validator.is_valid(audit)


@pytest.mark.slow
def test_example_document(example: Json) -> None:
    doc = example["document"]
    assert doc["title"] == EXAMPLE_TITLE
    assert doc["breadcrumbs"] == ["Home", "Mujahedin Khalq as an Opposition Group", EXAMPLE_TITLE]
    assert doc["language"] == "en"
    assert doc["sha256"] == hashlib.sha256(doc["text"].encode("utf-8")).hexdigest()
    assert doc["id"] == doc["sha256"][:16]


@pytest.mark.slow
def test_example_mentions_quote_the_text(example: Json) -> None:
    assert example["entities"]
    assert mention_problems(example) == []


@pytest.mark.slow
def test_example_paragraphs_and_sentences(example: Json) -> None:
    assert example["paragraphs"] and example["sentences"]
    assert segment_problems(example) == []
    sentences = sentence_texts(example)
    assert SADDAM_SENTENCE in sentences
    assert "Rajavi and Saddam" in sentences  # the heading stands alone, not glued to the next paragraph


@pytest.mark.slow
def test_example_references_are_its_sources_list(example: Json) -> None:
    doc = example["document"]
    assert reference_problems(example) == []
    assert [r["text"] for r in doc["references"]] == EXAMPLE_REFERENCES
    assert all(r["start"] > doc["text"].index("Sources:") for r in doc["references"])


@pytest.mark.slow
def test_example_entities(example: Json) -> None:
    assert any(e["type"] == "Person" and "Saddam Hussein" in {m["text"] for m in e["mentions"]}
               for e in example["entities"])
    assert any(e["name"] == "MEK" and e["type"] == "Organization" for e in example["entities"])


@pytest.mark.slow
def test_example_findings_links_and_summary_agree(example: Json) -> None:
    assert finding_problems(example) == []
    assert link_problems(example) == []
    assert summary_problems(example) == []


# --- the shared corpus, in one dossier -------------------------------------------------------------------------------

@pytest.mark.slow
def test_every_corpus_file_gives_a_valid_audit(cli, db: Path, corpus: Path, validator: Draft202012Validator) -> None:
    files = sorted(corpus.glob("*.txt"))
    assert files, f"{corpus} holds no .txt files"
    problems: dict[str, list[str]] = {}
    ids = set()
    for path in files:
        done = cli("audit", str(path), "--format", "json", db=db)
        if done.returncode != 0:
            problems[path.name] = [f"exit {done.returncode}: {done.stderr.strip()}"]
            continue
        audit = json.loads(done.stdout)
        ids.add(audit["document"]["id"])
        found = schema_errors(validator, audit)
        if not found:  # the invariants assume the shape the schema guarantees
            found = all_problems(audit)
        if found:
            problems[path.name] = found
    assert problems == {}
    assert len(ids) == len(files), "two corpus files were taken for the same document"
