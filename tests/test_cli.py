"""The command line as a user meets it: a real subprocess, a real SQLite file, real documents."""

from __future__ import annotations

import json
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from claimscope.store import Store
from conftest import EXAMPLE, EXAMPLE_TITLE, SHARED, need

pytestmark = pytest.mark.slow


def document_count(db: Path) -> int:
    if not db.exists():
        return 0
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT count(*) FROM documents").fetchone()[0]


def test_audit_prints_a_readable_report_and_stores_it(cli, db: Path) -> None:
    done = cli("audit", str(EXAMPLE), db=db)
    assert done.returncode == 0, done.stderr
    assert EXAMPLE_TITLE in done.stdout
    assert "Home » Mujahedin Khalq as an Opposition Group" in done.stdout
    assert "Saddam Hussein" in done.stdout and "Person" in done.stdout
    assert document_count(db) == 1
    listed = cli("documents", "--format", "json", db=db)
    [doc] = json.loads(listed.stdout)
    assert doc["title"] == EXAMPLE_TITLE
    narrow = cli("documents", db=db, env={"COLUMNS": "80"})  # the id the other commands take is printed whole
    assert doc["id"] in narrow.stdout and "Collaboration" in narrow.stdout, narrow.stdout
    assert "perspective" in narrow.stdout  # a header is not broken inside a word ("perspecti/ve")
    assert "1 document — dossier" in narrow.stdout  # not "1 documents"
    shown = cli("show", doc["id"][:6], "--format", "json", db=db)
    assert json.loads(shown.stdout)["document"]["id"] == doc["id"]
    found = cli("search", "vehemently denies", db=db)
    assert doc["id"] in found.stdout and "vehemently" in found.stdout
    removed = cli("remove", doc["id"][:8], db=db)
    assert removed.returncode == 0 and "removed" in removed.stdout
    assert document_count(db) == 0


def test_audit_from_stdin(cli, db: Path) -> None:
    done = cli("audit", "-", "--format", "json", db=db, stdin=EXAMPLE.read_bytes())
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["document"]["title"] == EXAMPLE_TITLE


def test_ingest_the_whole_corpus_twice_adds_nothing_the_second_time(cli, db: Path, corpus: Path) -> None:
    files = sorted(p for p in corpus.parent.rglob("*") if p.is_file() and p.name != "README.md")
    first = cli("ingest", "--recursive", str(corpus.parent), db=db)
    assert first.returncode == 0, first.stderr
    assert f"{len(files)} added" in first.stdout and "0 refused" in first.stdout
    assert "left out 1 file(s) of the folder (describes its folder)" in first.stdout  # the corpus's README
    n = document_count(db)
    assert n == len(files)
    second = cli("ingest", "--recursive", str(corpus.parent), db=db)
    assert second.returncode == 0
    assert "0 added" in second.stdout and f"{len(files)} already in the dossier" in second.stdout
    assert document_count(db) == n


def test_a_folders_readme_is_not_taken_for_a_document(cli, db: Path, tmp_path: Path) -> None:
    folder = tmp_path / "dossier"
    (folder / "sub").mkdir(parents=True)
    (folder / "sub" / "article.txt").write_bytes(EXAMPLE.read_bytes())
    (folder / "README.md").write_text("# About these documents\n\nThey come from the web.\n", encoding="utf-8")
    (folder / "sub" / "LICENSE.txt").write_text("Public domain.\n", encoding="utf-8")
    (folder / "Makefile").write_text("all:\n\techo build the site\n", encoding="utf-8")
    (folder / "notes.docx").write_bytes(b"PK\x03\x04")
    walked = cli("ingest", "--recursive", str(folder), db=db)
    assert walked.returncode == 0, walked.stderr
    assert "1 added" in walked.stdout and document_count(db) == 1
    assert "left out 2 file(s) of the folder (describes its folder)" in walked.stdout and "README.md" in walked.stdout
    assert "left out 2 file(s) of the folder (not a kind of file claimscope reads)" in walked.stdout
    named = cli("ingest", str(folder / "README.md"), db=db)  # named on its own, it is read
    assert "1 added" in named.stdout and document_count(db) == 2


def test_an_edited_file_read_again_is_named_as_a_new_version(cli, db: Path, tmp_path: Path) -> None:
    path = tmp_path / "article.txt"
    path.write_bytes(EXAMPLE.read_bytes())
    assert "1 added" in cli("ingest", str(path), db=db).stdout
    old = json.loads(cli("documents", "--format", "json", db=db).stdout)[0]["id"]
    path.write_text(EXAMPLE.read_text(encoding="utf-8").replace("vehemently", "strongly"), encoding="utf-8")
    again = cli("ingest", str(path), db=db)
    assert "1 added" in again.stdout and document_count(db) == 2  # a document is known by its text
    assert f"note: {path} was read before, with another text, as document {old}" in again.stdout
    assert f"claimscope remove {old}" in again.stdout
    second = json.loads(cli("documents", "--format", "json", db=db).stdout)
    path.write_text(EXAMPLE.read_text(encoding="utf-8").replace("vehemently", "firmly"), encoding="utf-8")
    third = cli("ingest", str(path), db=db)  # two old versions: the note does not tell to remove only one
    assert "as documents " in third.stdout and all(d["id"] in third.stdout for d in second)
    assert "remove each old one with `claimscope remove ID`" in third.stdout


def test_the_progress_bar_names_the_file_in_hand() -> None:
    from claimscope.cli import progress_bar

    with progress_bar() as (bar, advance):
        task = bar.add_task("ingesting", total=2, current="")
        step = advance(task, ["/a/first.txt", "/b/second.pdf"])
        assert bar.tasks[0].fields["current"] == "first.txt"  # before any is done
        step("/a/first.txt")
        assert bar.tasks[0].fields["current"] == "second.pdf"  # not the one just done
        step("/b/second.pdf")
        assert bar.tasks[0].fields["current"] == "" and bar.tasks[0].completed == 2


def test_a_source_named_twice_is_read_once(cli, db: Path, tmp_path: Path) -> None:
    copy = tmp_path / "article.txt"
    copy.write_bytes(EXAMPLE.read_bytes())
    done = cli("ingest", "-", "-", str(copy), str(tmp_path / "." / "article.txt"), "--recursive", str(tmp_path),
               db=db, stdin=b"The MEK was based in Iraq from 1986 to 2003, according to the State Department.")
    assert done.returncode == 0 and "refused" not in done.stderr  # the second "-" was an empty stdin
    assert "2 added, 0 re-analysed, 0 already in the dossier, 0 refused" in done.stdout


def test_ingest_exit_codes_and_refusals(cli, db: Path, tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    some = cli("ingest", str(EXAMPLE), str(empty), db=db)
    assert some.returncode == 1
    assert "1 added" in some.stdout and f"refused: {empty}: is empty" in some.stderr
    none = cli("ingest", str(empty), str(tmp_path / "missing.txt"), db=db)
    assert none.returncode == 2
    assert "no such file" in none.stderr
    assert document_count(db) == 1


BAD_INPUTS = {
    "missing": (None, "no such file"),
    "empty.txt": (b"", "is empty"),
    "binary.txt": (b"\x00\x01\x02\x03", "binary file"),
    "corrupt.pdf": (b"%PDF-1.7\n%garbage", "not a readable PDF"),
    "scan.png": (b"\x89PNG\r\n\x1a\n", "unsupported file type"),
    "cyrillic.txt": ("Организация моджахедов".encode("cp1251"), "not valid utf-8"),  # no Western reading either
    "big.txt": (b"word " * 3000, "over the limit"),
}


@pytest.mark.parametrize("name", list(BAD_INPUTS))
def test_bad_input_gets_one_line_error_and_leaves_the_dossier_as_it_was(cli, db: Path, tmp_path: Path,
                                                                        name: str) -> None:
    assert cli("audit", str(EXAMPLE), db=db).returncode == 0
    content, words = BAD_INPUTS[name]
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    done = cli("audit", str(path), "--max-bytes", "10000", db=db)
    assert done.returncode == 1
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in done.stderr
    assert lines[0].startswith(f"error: {path}") and words.lower() in lines[0].lower()
    assert document_count(db) == 1


@pytest.mark.parametrize(("url", "words"), [
    ("http://127.0.0.1:9/x", "refused address 127.0.0.1"),
    ("http://169.254.169.254/latest/meta-data/", "refused address"),
    ("file:///etc/passwd", "scheme"),
])
def test_refused_urls_from_the_command_line(cli, db: Path, url: str, words: str) -> None:
    done = cli("audit", url, db=db)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert done.stderr.startswith(f"error: {url}") and words in done.stderr
    assert document_count(db) == 0


def test_version_names_the_default_dossier(cli, tmp_path: Path) -> None:
    done = cli("--version", env={"CLAIMSCOPE_DB": str(tmp_path / "x.sqlite")})
    assert done.returncode == 0 and str(tmp_path / "x.sqlite") in done.stdout


def test_every_command_has_help(cli) -> None:
    for command in ("audit", "ingest", "documents", "show", "remove", "search", "demo"):
        done = cli(command, "--help")
        assert done.returncode == 0 and "Usage" in done.stdout, command


def test_each_format_option_names_its_own_json(cli) -> None:
    expected = {"audit": "claimscope.audit/1", "show": "claimscope.audit/1",
                "propositions": "claimscope.propositions/1", "proposition": "claimscope.propositions/1",
                "documents": "one object for each document", "search": "one object for each hit",
                "entities": '{"entities": [...]}'}
    for command, json_is in expected.items():
        text = " ".join(cli(command, "--help").stdout.split())  # the help is wrapped to the terminal
        said = re.search(r"--format <text\|json> (.*?)\[default: text\]", text)
        assert said and json_is in said.group(1), (command, text)


def test_unknown_document_id(cli, db: Path) -> None:
    Store(db).engine.dispose()  # an empty dossier (a missing one or an empty file is refused as such: test_bad_input)
    done = cli("show", "abcdef12", db=db)
    assert done.returncode == 1 and done.stderr.startswith("error: abcdef12: no such document")


def test_a_dossier_that_is_not_one_gets_one_line(cli, tmp_path: Path) -> None:
    text = tmp_path / "notes.sqlite"
    text.write_text("not a database\n")
    for db, error in ((tmp_path, f"is a folder, not a dossier file (give --db or CLAIMSCOPE_DB a file, e.g. "
                                f"{tmp_path}/dossier.sqlite)"),
                      (text, "cannot be used as a claimscope dossier (file is not a database)")):
        for command in (("documents",), ("search", "MEK"), ("ingest", str(EXAMPLE))):
            done = cli(*command, db=db)  # a folder was "unable to open database file", SQLite's words
            assert done.returncode != 0 and done.stderr.strip().splitlines() == [f"error: {db}: {error}"], (
                command, done.stderr)
    assert text.read_text() == "not a database\n"


def test_demo_builds_the_dossier_from_a_folder(cli, db: Path, corpus: Path) -> None:
    done = cli("demo", "--corpus", str(need(SHARED / "corpus" / "mek-iraq")), db=db)
    assert done.returncode == 0, done.stderr
    assert "dossier file:" in done.stdout and str(db) in done.stdout
    assert document_count(db) == len(list(corpus.glob("*.txt")))


def test_demo_hints_name_the_dossier_given_and_its_exit_says_what_was_refused(cli, tmp_path: Path) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "a.txt").write_bytes(b"\x00\x01\x02")  # binary: refused
    db = tmp_path / "given.sqlite"
    done = cli("demo", "--corpus", str(folder), "--db", str(db))
    assert done.returncode == 2 and "a.txt: is a binary file" in done.stderr
    hints = done.stdout.split("next")[-1]
    # every command it suggests reads the dossier given by --db, not the default one
    assert hints.count(f"--db {db}") == 9, hints
    (folder / "b.txt").write_text("The MEK moved its fighters to Camp Ashraf in Iraq in 1986.\n")
    assert cli("demo", "--corpus", str(folder), "--db", str(db)).returncode == 1  # some refused, as `ingest`
    with_env = cli("demo", "--corpus", str(folder), db=db)  # the dossier of $CLAIMSCOPE_DB: no --db
    assert "--db" not in with_env.stdout.split("next")[-1]


def test_demo_away_from_the_repository_says_where_its_example_is(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "claimscope", "demo", "--db", str(tmp_path / "d.sqlite")],
                          capture_output=True, text=True, cwd=tmp_path, check=False)
    assert done.returncode == 1 and done.stderr.strip().splitlines() == [
        "error: examples: no such folder (run it in the claimscope repository, whose examples/ it reads, or give"
        " --corpus a folder)"]


def test_reanalyse_brings_audits_up_to_date_and_the_dossier_remembers_its_pack(cli, db: Path) -> None:
    assert cli("audit", str(EXAMPLE), db=db).returncode == 0  # no pack yet
    before = json.loads(cli("show", "f9f37b1f", "--format", "json", db=db).stdout)
    assert "+pack." not in before["document"]["analysis_version"]
    done = cli("reanalyse", "--pack", "mek-iraq", db=db)
    assert done.returncode == 0 and "1 re-analysed" in done.stdout, done.stderr
    after = json.loads(cli("show", "f9f37b1f", "--format", "json", db=db).stdout)
    assert "+pack.mek-iraq." in after["document"]["analysis_version"]
    assert any(e["ambiguous"] for e in after["entities"])  # "Rajavi" needs the pack to be seen as shared
    again = cli("reanalyse", db=db)  # the dossier remembers its pack
    assert "0 re-analysed, 1 already up to date" in again.stdout
    assert not cli("show", "f9f37b1f", db=db).stderr  # up to date: nothing to say
    # a read command that changes the pack says so, and that the stored audits were made with the other one
    refused = cli("export", "-f", "json", "--pack", "none", "--document", "zzzz", db=db)
    assert refused.returncode == 1 and "pack is now" not in refused.stderr  # a refused command changes nothing
    assert refused.stderr.count("error:") == 1
    changed = cli("export", "-f", "json", "--pack", "none", db=db)
    assert changed.returncode == 0 and changed.stderr.splitlines() == [
        "note: 1 of 1 documents was analysed with another pack: shown as stored (`claimscope reanalyse` brings the "
        "dossier up to date)",
        "note: this dossier's pack is now none (it was mek-iraq)"]
    with sqlite3.connect(db) as conn:  # as an older claimscope would have stored it
        conn.execute("UPDATE documents SET analysis_version = '0.01+en_core_web_sm-3.0.0'")
    shown = cli("show", "f9f37b1f", db=db)
    assert shown.returncode == 0 and shown.stderr == "note: this document was analysed by another version of " \
        "claimscope: shown as stored (`claimscope reanalyse` brings the dossier up to date)\n"
    without = cli("audit", str(EXAMPLE), "--pack", "none", db=db)  # forgetting the pack re-analyses without it
    assert re.search(r"stored\s+updated", without.stdout)


def test_a_bad_pack_is_refused_in_one_line(cli, db: Path, tmp_path: Path) -> None:
    done = cli("audit", str(EXAMPLE), "--pack", str(tmp_path), db=db)
    assert done.returncode == 1 and done.stderr.strip() == f"error: {tmp_path}: is not a dossier pack " \
                                                          "(no pack.yaml in it)"
    mistyped = cli("audit", str(EXAMPLE), "--pack", "mek-irak", db=db)  # was "is not a dossier pack", as a folder
    assert mistyped.returncode == 1 and mistyped.stderr.strip() == "error: mek-irak: no such pack (give a folder " \
        "with a pack.yaml, or a bundled pack: mek-iraq)"
    assert document_count(db) == 0


def test_score_reads_one_sentence_a_line(cli) -> None:
    lines = "In 1986 the MEK moved its headquarters and 7,000 fighters from Paris to Baghdad.\nThank you very much.\n"
    done = cli("score", "-", "--format", "jsonl", stdin=lines.encode())
    assert done.returncode == 0, done.stderr
    rows = [json.loads(line) for line in done.stdout.splitlines()]
    assert [r["is_claim"] for r in rows] == [True, False]
    assert rows[0]["kind"] and rows[1]["kind"] is None and 0 <= rows[1]["checkworthiness"] < rows[0]["checkworthiness"]
    missing = cli("score", "nope.txt")
    assert missing.returncode == 1 and missing.stderr.startswith("error: nope.txt")


def test_the_command_line_starts_without_importing_spacy() -> None:
    # importing spaCy takes 1-2 s: --version, --help and `documents` must not pay for it (they took 3 s)
    code = "import sys, claimscope.cli; sys.argv = ['claimscope', '--version']; print('spacy' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"


def test_ingest_and_reanalyse_say_when_they_change_the_dossiers_pack(cli, db: Path, tmp_path: Path) -> None:
    assert cli("audit", str(EXAMPLE), db=db).returncode == 0  # no pack yet
    other = tmp_path / "other.txt"
    other.write_text("Iraq armed the MEK with tanks in 1986, a report said.\n", encoding="utf-8")
    done = cli("ingest", str(other), "--pack", "mek-iraq", db=db)
    assert done.returncode == 0 and done.stderr.splitlines() == [  # it said nothing, and the pack had changed
        "note: this dossier's pack is now mek-iraq (it was none); 1 of 2 documents was analysed with another pack "
        "(`claimscope reanalyse` brings the dossier up to date)"]
    back = cli("reanalyse", "--pack", "none", db=db)
    assert back.returncode == 0 and back.stderr == "note: this dossier's pack is now none (it was mek-iraq)\n"
    # a new dossier has no pack to change from: nothing to say, and no stray blank line (a progress bar's)
    fresh = cli("ingest", str(other), "--pack", "mek-iraq", db=tmp_path / "new.sqlite")
    assert fresh.returncode == 0 and fresh.stderr == ""


def test_ingest_of_a_folder_with_nothing_to_read_fails(cli, db: Path, tmp_path: Path) -> None:
    folder = tmp_path / "empty"
    folder.mkdir()
    (folder / "README.md").write_text("# Notes\n", encoding="utf-8")  # a folder's own notes are left out
    done = cli("ingest", "--recursive", str(folder), db=db)
    assert done.returncode == 2 and done.stderr.splitlines() == [
        f"error: {folder}: nothing to read (its files were all left out, as listed above)"]
    assert f"left out 1 file(s) of the folder (describes its folder): {folder / 'README.md'}" in done.stdout
    assert "dossier" not in done.stdout and not db.exists()  # no summary naming a dossier that was never made
    (folder / "README.md").unlink()
    empty = cli("ingest", "--recursive", str(folder), db=db)
    assert empty.returncode == 2 and empty.stderr.splitlines() == [
        f"error: {folder}: nothing to read (no file of a kind claimscope reads)"]


def test_an_interrupted_ingest_keeps_what_went_in_and_says_so(db: Path, tmp_path: Path) -> None:
    import os
    import signal
    import time

    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(60):  # distinct texts, so each is a document of its own
        (folder / f"{i:02d}.txt").write_text(EXAMPLE.read_text(encoding="utf-8") + f"\n\nCopy {i}.\n",
                                             encoding="utf-8")
    env = {**os.environ, "CLAIMSCOPE_DB": str(db)}
    run = subprocess.Popen([sys.executable, "-m", "claimscope", "ingest", "-r", str(folder), "--pack", "mek-iraq"],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, text=True)
    def committed() -> int:
        try:
            return document_count(db)
        except sqlite3.OperationalError:  # the file is made a moment before its tables
            return 0

    deadline = time.monotonic() + 240
    try:
        while committed() < 2 and run.poll() is None and time.monotonic() < deadline:
            time.sleep(0.2)
        run.send_signal(signal.SIGINT)  # Ctrl-C, with some documents committed and most still to come
        _out, err = run.communicate(timeout=60)
    finally:
        run.kill()
    kept = document_count(db)
    # the new dossier was deleted as "made for nothing", with the documents already in it
    assert run.returncode == 130 and 2 <= kept < 60
    assert f"interrupted: {kept} documents added before the interruption — dossier: {db}" in err
    assert Store(db).setting("pack") == "mek-iraq"  # they were analysed with it
