"""`search`, `export --out` and `documents` as a reader meets them: ids to go on with, a path that says what it holds,
a list in an order one can find things in."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import EXAMPLE, run_cli

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def example_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A dossier of the example document (16 claims), made once for this module; no test changes it."""
    db = tmp_path_factory.mktemp("example") / "dossier.sqlite"
    done = run_cli("ingest", str(EXAMPLE), db=db)
    assert done.returncode == 0, done.stderr
    return db


def test_search_shows_each_claims_id_and_says_when_the_list_is_cut(cli, example_db: Path) -> None:
    found = json.loads(cli("search", "Saddam", "--limit", "1", "--format", "json", db=example_db).stdout)
    # the JSON keeps its shape and its limit: one hit of each kind, although one more was asked for
    assert [h["kind"] for h in found] == ["document", "claim"]
    claim = found[1]
    text = cli("search", "Saddam", "--limit", "1", db=example_db)
    assert text.returncode == 0, text.stderr
    assert claim["id"] in text.stdout  # what `claimscope proposition ID --add CLAIM_ID` takes
    assert claim["document_id"] in text.stdout  # what `claimscope show` takes
    assert "more claims match than the 1 shown: give --limit 2" in text.stdout
    whole = cli("search", "Saddam", "--limit", "200", db=example_db)
    assert "more claims match" not in whole.stdout and "more documents match" not in whole.stdout


@pytest.mark.parametrize("query", ["", "   ", '""', "“ ”"])
def test_a_search_without_words_is_refused_in_one_line(cli, example_db: Path, query: str) -> None:
    before = example_db.read_bytes()
    done = cli("search", query, db=example_db)
    assert done.returncode == 1 and done.stdout == ""
    assert done.stderr == (f"error: search {query!r}: no words to search for "
                           '(give words, e.g. claimscope search "Camp Ashraf")\n')
    assert example_db.read_bytes() == before


def test_export_refuses_a_csv_path_for_the_zipped_tables(cli, example_db: Path, tmp_path: Path) -> None:
    done = cli("export", "-f", "csv", "--out", str(tmp_path / "tables.csv"), db=example_db)
    assert done.returncode == 1
    assert done.stderr == (f"error: {tmp_path / 'tables.csv'}: --format csv writes a zip archive, not CSV "
                           f"(give --out {tmp_path / 'tables.zip'})\n")
    assert list(tmp_path.iterdir()) == []  # nothing written
    fits = cli("export", "-f", "ftm", "--out", str(tmp_path / "entities.ftm.json"), db=example_db)
    assert fits.returncode == 0, fits.stderr
    assert (tmp_path / "entities.ftm.json").stat().st_size > 0


@pytest.mark.parametrize(("fmt", "path", "said"), [
    ("json", "audits.md", "Markdown"), ("md", "report.pdf", "PDF"), ("pdf", "report.html", "HTML"),
    ("ftm", "entities.zip", "a zip archive"), ("html", "report.JSON", "JSON"), ("csv", "tables.tsv", "CSV"),
    # a suffix of the same kind, or one that names no kind, is the user's to choose
    # a suffix of two parts is read whole; archives, office files and BibTeX are other kinds
    ("json", "audits.tar.gz", "a tar archive"), ("json", "audits.json.gz", "a gzip file"),
    ("csv", "tables.xlsx", "an Excel workbook"), ("md", "report.docx", "a Word document"),
    ("csl", "refs.bib", "BibTeX"),
    ("csv", "tables.zip", None), ("csl", "refs.json", None), ("annotations", "notes.json", None),
    ("claimreview", "reviews.jsonld", None), ("ftm", "entities.jsonl", None), ("md", "report.txt", None),
    ("json", "audits", None), ("pdf", "report.PDF", None),
])
def test_each_format_refuses_only_a_suffix_that_names_another_kind(fmt: str, path: str, said: str | None) -> None:
    from claimscope.export import FORMATS

    assert FORMATS[fmt].clash(Path(path)) == said


@pytest.mark.parametrize(("fmt", "path", "fits"), [
    ("json", "audits.json.zip", "audits.json"), ("csv", "tables.csv", "tables.zip"),
    ("csv", "tables.tar.gz", "tables.zip"), ("ftm", "entities.ftm.zip", "entities.ftm.json"),
    ("ftm", "entities.zip", "entities.ftm.json"), ("md", "report.v2.pdf", "report.v2.md"),
])
def test_the_path_offered_instead_drops_every_suffix_of_another_kind(fmt: str, path: str, fits: str) -> None:
    from claimscope.export import FORMATS

    assert FORMATS[fmt].fitting(Path("out") / path) == Path("out") / fits


def test_export_offers_the_right_path_and_refuses_an_empty_one(cli, example_db: Path, tmp_path: Path) -> None:
    zipped = cli("export", "-f", "json", "--out", str(tmp_path / "audits.json.zip"), db=example_db)
    assert zipped.returncode == 1
    assert zipped.stderr == (f"error: {tmp_path / 'audits.json.zip'}: --format json writes JSON, not a zip archive "
                             f"(give --out {tmp_path / 'audits.json'})\n")  # not audits.json.json
    for blank in ("", " "):  # "" is not the current folder
        done = cli("export", "-f", "json", "--out", blank, db=example_db)
        assert done.returncode == 1 and done.stdout == ""
        assert done.stderr == (f"error: --out {blank!r}: needs a file name "
                               "(give --out FILE.json, or --out - for stdout)\n")
    # a trailing space or slash was written away silently, a bare suffix became a hidden file
    for name, problem in ((f"{tmp_path}/x.json ", "starts or ends with a space"),
                          (f"{tmp_path}/x.json/", "is a folder, not a file"),
                          (str(tmp_path), "is a folder, not a file"),
                          (f"{tmp_path}/.json", "names only a suffix (it would be a hidden file)")):
        done = cli("export", "-f", "json", "--out", name, db=example_db)
        assert done.returncode == 1 and done.stderr.startswith(f"error: --out {name!r}: {problem} "), done.stderr
    assert list(tmp_path.iterdir()) == []


def test_a_binary_export_is_not_dumped_on_a_terminal(example_db: Path) -> None:
    import os
    import pty
    import subprocess
    import sys

    from conftest import ROOT

    leader, follower = pty.openpty()
    try:
        done = subprocess.run([sys.executable, "-m", "claimscope", "export", "-f", "pdf", "--out", "-"], cwd=ROOT,
                              stdout=follower, stderr=subprocess.PIPE, timeout=300, check=False,
                              env={**os.environ, "CLAIMSCOPE_DB": str(example_db)})
    finally:
        os.close(follower)
        os.close(leader)
    assert done.returncode == 1
    assert done.stderr.decode() == ("error: --format pdf: writes a binary file, not for a terminal (add --out "
                                    "FILE.pdf, or pipe it (--out - | ...))\n")


def write_documents(folder: Path) -> None:
    """Three short documents, named so that the order of their files, of their ids and of their titles differ."""
    folder.mkdir()
    for name, title, publisher in (("a.txt", "Zebra crossings in Baghdad", "Alpha Press"),
                                   ("b.txt", "apples of Diyala", "Mango Gazette"),
                                   ("c.txt", "Market prices in Basra", None)):
        front = f'---\ntitle: "{title}"\n' + (f'publisher: "{publisher}"\n' if publisher else "") + "---\n"
        body = (f"{title}\n\nThe ministry said on Monday that the {title.lower()} report was accurate. "
                "Officials in the city denied the figures, according to a local newspaper.\n")
        (folder / name).write_text(front + body, encoding="utf-8")


def test_documents_are_listed_by_title_with_the_publisher_beside_it(cli, tmp_path: Path) -> None:
    db = tmp_path / "dossier.sqlite"
    write_documents(tmp_path / "docs")
    assert cli("ingest", "--recursive", str(tmp_path / "docs"), db=db).returncode == 0
    listed = json.loads(cli("documents", "--format", "json", db=db).stdout)
    titles = ["apples of Diyala", "Market prices in Basra", "Zebra crossings in Baghdad"]
    assert [d["title"] for d in listed] == titles  # by title, whatever the case; not by id or by the second added
    assert [d["id"] for d in listed] != sorted(d["id"] for d in listed)  # (the order the store gives ties in)
    wide = cli("documents", db=db, env={"COLUMNS": "140"}).stdout
    assert "publisher" in wide.splitlines()[0]
    rows = [line for line in wide.splitlines() if "Zebra" in line or "apples" in line]
    assert "Alpha Press" in rows[1] and "Mango Gazette" in rows[0]  # on the title's line, in a column of its own
    assert [wide.index(t) for t in titles] == sorted(wide.index(t) for t in titles)
    narrow = cli("documents", db=db, env={"COLUMNS": "80"}).stdout
    assert "by Alpha Press" in narrow and "by Mango Gazette" in narrow  # under the title, marked as a publisher


def test_export_to_dash_pipes_any_format_and_a_binary_one_needs_a_path(cli, example_db: Path,
                                                                       tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    from conftest import ROOT

    piped = subprocess.run([sys.executable, "-m", "claimscope", "export", "-f", "csv", "--out", "-"], cwd=tmp_path,
                           env={**os.environ, "CLAIMSCOPE_DB": str(example_db), "PYTHONPATH": str(ROOT / "src")},
                           capture_output=True, timeout=300, check=False)
    assert piped.returncode == 0 and piped.stdout.startswith(b"PK")  # the zip, on stdout
    assert list(tmp_path.iterdir()) == []  # not a file named "-"
    bare = cli("export", "-f", "csv", db=example_db)
    assert bare.returncode == 1 and bare.stderr == ("error: --format csv: writes a binary file (add --out FILE.zip, "
                                                    "or --out - to pipe it)\n")


def test_documents_are_listed_by_title_whatever_their_quotes_accents_and_case(cli, tmp_path: Path) -> None:
    db = tmp_path / "dossier.sqlite"
    folder = tmp_path / "docs"
    folder.mkdir()
    titles = ["“Baghdad” in 1991", "Camp Ashraf", "Émigrés in Paris", "eastern Iraq", "'Zagros' crossings"]
    for i, title in enumerate(titles):
        front = f"---\ntitle: {json.dumps(title, ensure_ascii=False)}\n---\n"
        body = f"{title}\n\nThe ministry said on Monday that the report was accurate.\n"
        (folder / f"{i}.txt").write_text(front + body, encoding="utf-8")
    assert cli("ingest", "--recursive", str(folder), db=db).returncode == 0
    listed = json.loads(cli("documents", "--format", "json", db=db).stdout)
    # the quotes are skipped and É files with E, as a reader looks them up (not after Z, not before A)
    assert [d["title"] for d in listed] == ["“Baghdad” in 1991", "Camp Ashraf", "eastern Iraq", "Émigrés in Paris",
                                            "'Zagros' crossings"]


def test_documents_stay_readable_in_a_narrow_terminal(cli, tmp_path: Path) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    for name, title, perspective in (("a.txt", "The People's Mojahedin Organization of Iran", "encyclopedic"),
                                     ("b.txt", "Country Reports on Terrorism 2004", "neutral/official")):
        (folder / name).write_text(f'---\ntitle: "{title}"\npublisher: "Example Press"\nperspective: "{perspective}"\n'
                                   f"---\n{title}\n\nThe ministry said on Monday that the report was accurate.\n",
                                   encoding="utf-8")
    db = tmp_path / "dossier.sqlite"
    assert cli("ingest", "--recursive", str(folder), db=db).returncode == 0
    for columns in ("80", "40"):  # at 80 "encyclopedi / c" was broken; at 40 the columns shrank to nothing
        shown = cli("documents", db=db, env={"COLUMNS": columns}).stdout
        words = shown.split()
        assert max(len(line) for line in shown.splitlines() if "dossier:" not in line) <= int(columns)
        for word in ("encyclopedic", "neutral/official", "Mojahedin", "Organization", "Terrorism", "Press"):
            assert any(word in w for w in words), (columns, word, shown)
