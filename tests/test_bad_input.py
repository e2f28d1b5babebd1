"""Bad option values, settings and dossier paths on the command line, as a user meets them (a real subprocess):
each gets one line naming the input and the problem, a non-zero exit, and leaves the dossier as it was."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import socket
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from claimscope.errors import InputError
from claimscope.settings import Settings
from conftest import EXAMPLE

pytestmark = pytest.mark.slow


def fingerprint(path: Path) -> str | None:
    """The dossier file's bytes (None if there is no file): any write to it changes this."""
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else None


def error_line(done: subprocess.CompletedProcess[str]) -> str:
    """The one line a refused command prints, checked to be one line with exit 1 and no traceback."""
    lines = done.stderr.strip().splitlines()
    assert done.returncode == 1 and len(lines) == 1 and "Traceback" not in done.stderr, done.stderr
    return lines[0]


def usage_error(done: subprocess.CompletedProcess[str], option: str) -> None:
    """A mistyped option's value: exit 2, as Click's own, but one line like every other refusal."""
    assert done.returncode == 2 and "Traceback" not in done.stderr, done.stderr
    [line] = done.stderr.strip().splitlines()
    assert line.startswith("error: claimscope ") and f"Invalid value for '{option}'" in line, line


@pytest.fixture
def dossier(corpus_dossier: Path, tmp_path: Path) -> Path:
    """A copy of the corpus dossier (analysed with the bundled pack), for tests that may change it."""
    return Path(shutil.copy(corpus_dossier, tmp_path / "dossier.sqlite"))


def test_a_mistyped_command_option_or_value_is_one_line(cli, db: Path) -> None:
    for args, words in ((("nosuch",), "No such command 'nosuch'"), (("documents", "--bogus"), "No such option"),
                        (("show", "abcd1234", "--format", "xml"), "Invalid value for '--format'"),
                        (("show",), "Missing argument")):
        done = cli(*args, db=db)
        assert done.returncode == 2 and done.stderr.count("\n") == 1 and words in done.stderr, (args, done.stderr)
        assert done.stderr.startswith("error: claimscope") and "--help`)" in done.stderr
    assert cli("documents", "--help").returncode == 0
    assert not db.exists()  # nothing was opened, let alone made


def test_search_limit_has_an_upper_bound(cli, dossier: Path) -> None:
    before = fingerprint(dossier)
    usage_error(cli("search", "MEK", "--limit", "99999999999999999999", db=dossier), "--limit")
    assert cli("search", "MEK", "--limit", "200", db=dossier).returncode == 0
    assert fingerprint(dossier) == before


@pytest.mark.parametrize("value", ["-5", "0"])
def test_max_bytes_must_be_positive(cli, db: Path, value: str) -> None:
    usage_error(cli("audit", str(EXAMPLE), "--max-bytes", value, db=db), "--max-bytes")
    assert not db.exists()


@pytest.mark.parametrize(("name", "raw", "problem"), [
    ("fetch_timeout", "-3", "must be positive"),
    ("fetch_timeout", "0", "must be positive"),
    ("fetch_timeout", "nan", "must be positive"),
    ("fetch_timeout", "inf", "must be a finite number of seconds"),
    ("max_bytes", "0", "must be positive"),
    ("max_bytes", "-1", "must not be negative"),
    ("max_bytes", "abc", "not a whole number"),  # was int()'s "invalid literal for int() with base 10"
    ("max_bytes", "²", "not a whole number"),
    ("fetch_timeout", "soon", "not a number of seconds"),
])
def test_settings_out_of_range_are_refused(name: str, raw: str, problem: str) -> None:
    with pytest.raises(InputError) as info:
        Settings.from_env({f"CLAIMSCOPE_{name.upper()}": raw})
    # named as the user set it, not by the field's name ("setting max_bytes")
    assert str(info.value) == f"CLAIMSCOPE_{name.upper()}: invalid value {raw!r}: {problem}"


def test_zero_redirects_is_a_valid_setting() -> None:
    assert Settings.from_env({"CLAIMSCOPE_MAX_REDIRECTS": "0"}).max_redirects == 0


@pytest.mark.parametrize("value", ["-3", "0"])
def test_a_bad_fetch_timeout_is_named_before_any_fetch(cli, db: Path, value: str) -> None:
    env = {"CLAIMSCOPE_FETCH_TIMEOUT": value, "CLAIMSCOPE_ALLOW_NETWORKS": "127.0.0.0/8"}
    done = cli("audit", "http://127.0.0.1:9/slow", db=db, env=env)
    assert error_line(done) == f"error: CLAIMSCOPE_FETCH_TIMEOUT: invalid value '{value}': must be positive"
    assert not db.exists()


def test_a_remembered_pack_that_is_gone_is_named_as_the_dossiers(cli, dossier: Path, tmp_path: Path) -> None:
    from claimscope.store import Store

    gone = tmp_path / "packs" / "mine"
    Store(dossier).set_setting("pack", str(gone))  # as `--pack packs/mine` leaves it, before the folder is deleted
    before = fingerprint(dossier)
    for command in (("propositions",), ("export", "--format", "json")):
        line = error_line(cli(*command, db=dossier))
        assert line == f"error: {gone}: the pack this dossier remembers is no longer there (choose another with " \
                       "--pack DIR, or --pack none to forget it)", command
    assert fingerprint(dossier) == before
    assert cli("propositions", "--pack", "none", db=dossier).returncode == 0  # the way out the message gives


def test_a_db_in_a_missing_folder_is_refused_not_created(cli, tmp_path: Path) -> None:
    typo = tmp_path / "nodir" / "sub" / "d.sqlite"
    for command in (("documents",), ("audit", str(EXAMPLE))):
        line = error_line(cli(*command, db=typo))
        assert line.startswith(f"error: {typo}: folder {typo.parent} does not exist"), command
    assert not (tmp_path / "nodir").exists()


def test_reading_a_missing_dossier_does_not_create_it(cli, db: Path) -> None:
    for command in (("documents",), ("show", "abcd1234"), ("propositions",)):
        assert error_line(cli(*command, db=db)).startswith(f"error: {db}: no dossier there"), command
    assert not db.exists()
    made = cli("audit", str(EXAMPLE), db=db)  # a command that adds documents still makes a new dossier
    assert made.returncode == 0 and db.exists(), made.stderr


def test_a_refused_input_leaves_the_dossier_as_it_was(cli, dossier: Path, tmp_path: Path) -> None:
    missing, empty = tmp_path / "missing.txt", tmp_path / "empty.txt"
    empty.write_bytes(b"")
    before = fingerprint(dossier)  # it remembers the mek-iraq pack
    assert error_line(cli("audit", str(missing), "--pack", "none", db=dossier)).endswith("no such file")
    assert cli("ingest", str(empty), "--pack", "none", db=dossier).returncode == 2
    assert fingerprint(dossier) == before  # the pack it remembers is unchanged: nothing went in with "none"
    new = tmp_path / "new.sqlite"
    assert error_line(cli("audit", str(missing), db=new)).endswith("no such file")
    assert cli("ingest", str(empty), db=new).returncode == 2
    assert not new.exists()  # no empty dossier left behind


def test_an_unrelated_sqlite_file_is_not_taken_over(cli, tmp_path: Path) -> None:
    other = tmp_path / "other.sqlite"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE foo (x)")
        conn.execute("CREATE TABLE bar (y)")
    before = fingerprint(other)
    for command in (("documents",), ("audit", str(EXAMPLE))):
        line = error_line(cli(*command, db=other))
        assert line == f"error: {other}: is a SQLite database but not a claimscope dossier (it has tables bar, foo)"
    assert fingerprint(other) == before
    empty = tmp_path / "empty.sqlite"
    empty.touch()  # an empty file is no dossier to read (reading it wrote a new dossier's tables into it) ...
    assert error_line(cli("documents", db=empty)) == f"error: {empty}: is an empty file, not a dossier (audit or " \
        "ingest documents to make one, or choose an existing dossier)"
    assert empty.stat().st_size == 0
    assert cli("audit", str(EXAMPLE), db=empty).returncode == 0  # ... but a command that adds documents makes one


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_a_full_disk_behind_stdout_is_one_line(dossier: Path) -> None:
    for command in (("export", "--format", "json"), ("documents", "--format", "json")):
        with open("/dev/full", "w") as full:
            done = subprocess.run([sys.executable, "-m", "claimscope", *command], stdout=full,
                                  stderr=subprocess.PIPE, text=True, timeout=300,
                                  env={**os.environ, "CLAIMSCOPE_DB": str(dossier)}, check=False)
        assert error_line(done) == "error: standard output: cannot be written (No space left on device)", command


def test_serve_refuses_a_busy_port_before_saying_it_serves(cli, db: Path) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        line = error_line(cli("serve", "--port", str(port), db=db))
    assert line.startswith(f"error: 127.0.0.1:{port}: cannot listen there (") and "--port" in line
    assert not db.exists()


def test_serve_refuses_a_host_that_is_not_an_address(cli, db: Path) -> None:
    line = error_line(cli("serve", "--host", "999.1.1.1", db=db))
    assert line.startswith("error: 999.1.1.1:8000: cannot listen there (") and "--host" in line
    assert not db.exists()


def test_serve_read_only_needs_an_existing_dossier(cli, db: Path) -> None:
    with socket.socket() as free:  # a port nothing listens on, so only the dossier can be refused
        free.bind(("127.0.0.1", 0))
        port = free.getsockname()[1]
    line = error_line(cli("serve", "--read-only", "--port", str(port), db=db))
    assert line.startswith(f"error: {db}: no dossier there")
    assert not db.exists()


def test_empty_ids_and_unmatched_filters_are_named(cli, dossier: Path) -> None:
    listed = cli("propositions", "--format", "json", db=dossier)
    prop_id = json.loads(listed.stdout)["propositions"][0]["id"]
    before = fingerprint(dossier)
    for option in ("--detach", "--merge"):
        line = error_line(cli("proposition", prop_id, option, "", "--author", "Ana", db=dossier))
        assert line.startswith(f"error: {option} '': needs an id"), line
    assert error_line(cli("propositions", "--entity", "zzzzqqq", db=dossier)) == ("error: --entity zzzzqqq: no entity "
                                                                                 "of this dossier matches it (see "
                                                                                 "`claimscope entities` for their "
                                                                                 "names and ids)")
    for blank in ("", "  "):  # part of every name, but no entity's: refused, not every proposition listed
        assert error_line(cli("propositions", "--entity", blank, db=dossier)) == (
            f"error: --entity {blank!r}: needs an entity's id or name (see `claimscope entities` for their names and "
            "ids)")
    # a name the pack knows finds its entity by any of its names ("MKO" and "MEK": the MEK, named otherwise)
    by_name = cli("propositions", "--entity", "Mojahedin", "--format", "json", db=dossier)
    for alias in ("MKO", "MEK"):
        found = cli("propositions", "--entity", alias, "--format", "json", db=dossier)
        assert found.returncode == 0 and json.loads(found.stdout) == json.loads(by_name.stdout), alias
    assert json.loads(by_name.stdout)["propositions"]
    # a part of several names says which it matched: the filter looked like none ("Iran" is in 17 names)
    several = cli("propositions", "--entity", "Rajavi", db=dossier)
    assert several.returncode == 0 and several.stderr.startswith("note: --entity 'Rajavi' matches ")
    assert "Massoud Rajavi" in several.stderr and "(an id from `claimscope entities` names one)" in several.stderr
    with sqlite3.connect(dossier) as conn:
        entity = conn.execute("SELECT id FROM entities ORDER BY id LIMIT 1").fetchone()[0]
    line = error_line(cli("entity", entity, "--keep-apart", entity, "--author", "Ana", db=dossier))
    assert line == f"error: --keep-apart {entity}: an entity cannot be kept apart from itself"
    assert fingerprint(dossier) == before
