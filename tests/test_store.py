"""The store on a real SQLite file: idempotent saves, one transaction per document, migrations, search."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, event

from claimscope.analyse import analyse
from claimscope.errors import ClaimscopeError, NotFound
from claimscope.ingest import read_source
from claimscope.model import Audit, Claim, Flag, Source, Span, Stance, make_id
from claimscope.settings import Settings
from claimscope.store import Store, search
from claimscope.store.database import alembic_config, include_name
from claimscope.store.schema import Base
from conftest import EXAMPLE

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def example_audit() -> Audit:
    return analyse(read_source(str(EXAMPLE), Settings()))


def counts(db: Path) -> dict[str, int]:
    with sqlite3.connect(db) as conn:
        tables = ("documents", "originals", "entities", "mentions", "claims", "stances", "sources", "citations",
                  "flags", "time_expressions")
        return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}


def with_findings(audit: Audit) -> Audit:
    """The example audit plus one claim with a stance, a cited source and a flag, as the next analysis
    will produce them (so the store's tables for them are exercised now)."""
    text = audit.document.text
    sentence = "They also assisted Saddam Hussein in suppressing Kurdish and Shia uprisings in Iraq in 1991"
    start = text.index(sentence)
    cue = text.index("vehemently denies")
    ref = audit.document.references[0]
    source = Source(id=make_id("s", audit.document.id, ref.start), text=ref.text, kind="report",
                    specificity="partial", mentions=[Span(ref.start, ref.end)])
    flag = Flag(id=make_id("f", audit.document.id, cue), kind="hedge", text="vehemently denies", start=cue,
                end=cue + 17, note="example")
    claim = Claim(id=make_id("cl", audit.document.id, start), text=sentence, start=start, end=start + len(sentence),
                  checkworthiness=0.9, kind="event", when="1991", citations=[source.id], flags=[flag.id],
                  stances=[Stance("author", "the author", "asserts", "", start, start),
                           Stance("e-mek", "the MEK", "denies", "vehemently denies", cue, cue + 17)])
    audit.claims, audit.sources, audit.flags = [claim], [source], [flag]
    return audit


def test_saving_twice_adds_nothing_and_reads_back_the_same_audit(db: Path, example_audit: Audit) -> None:
    store = Store(db)
    assert store.save(example_audit) == "added"
    before = counts(db)
    assert store.save(example_audit) == "unchanged"
    assert counts(db) == before and before["documents"] == 1 and before["mentions"] > 20
    assert store.audit(example_audit.document.id).to_json() == example_audit.to_json()


def test_the_same_document_saved_at_once_by_many_writers_goes_in_once(db: Path, example_audit: Audit) -> None:
    from concurrent.futures import ThreadPoolExecutor
    from threading import Barrier

    for attempt in range(3):  # each writer reads "not stored" before any of them writes, as web requests can
        path = db.with_name(f"race{attempt}.sqlite")
        Store(path).engine.dispose()  # made and migrated before the race
        start = Barrier(6)

        def save(_: int, path: Path = path, start: Barrier = start) -> str:
            store = Store(path)
            start.wait()
            try:
                return store.save(example_audit)
            finally:
                store.engine.dispose()

        with ThreadPoolExecutor(6) as pool:
            statuses = list(pool.map(save, range(6)))
        assert sorted(statuses) == ["added"] + ["unchanged"] * 5
        assert len(Store(path).documents()) == 1


def test_claims_stances_sources_and_flags_round_trip(db: Path, example_audit: Audit) -> None:
    audit = with_findings(analyse(example_audit.document))
    store = Store(db)
    store.save(audit)
    back = store.audit(audit.document.id)
    assert back.to_json() == audit.to_json()
    assert counts(db)["citations"] == 1
    hits = search(store, "Kurdish uprisings")
    assert {h.kind for h in hits} == {"document", "claim"}


def test_newer_analysis_replaces_the_old_rows(db: Path, example_audit: Audit) -> None:
    store = Store(db)
    store.save(example_audit)
    newer = with_findings(analyse(example_audit.document))
    newer.analysis_version = example_audit.analysis_version + "-next"
    assert store.save(newer) == "updated"
    assert counts(db)["claims"] == 1 and counts(db)["documents"] == 1
    assert store.audit(newer.document.id).analysis_version == newer.analysis_version


def test_a_failure_half_way_leaves_nothing_behind(db: Path, example_audit: Audit) -> None:
    store = Store(db)

    def fail_on_mentions(_conn, _cursor, statement, *_args):  # type: ignore[no-untyped-def]
        if statement.startswith("INSERT INTO mentions"):  # after the document and its original were written
            raise sqlite3.OperationalError("database or disk is full")

    event.listen(store.engine, "before_cursor_execute", fail_on_mentions)
    with pytest.raises(Exception, match="disk is full"):
        store.save(example_audit)
    event.remove(store.engine, "before_cursor_execute", fail_on_mentions)
    assert all(n == 0 for n in counts(db).values())
    assert search(store, "Saddam") == []
    assert store.save(example_audit) == "added"


def test_remove_takes_the_documents_rows_and_orphan_entities(db: Path, example_audit: Audit, tmp_path: Path) -> None:
    store = Store(db)
    store.save(example_audit)
    other = tmp_path / "other.txt"
    other.write_text("Saddam Hussein ruled Iraq until 2003. Camp Ashraf lies north of Baghdad.")
    store.save(analyse(read_source(str(other), Settings(db=db))))
    removed = store.remove(example_audit.document.id[:6])
    assert removed.id == example_audit.document.id
    left = counts(db)
    assert left["documents"] == 1 and left["originals"] == 1
    with sqlite3.connect(db) as conn:
        names = {row[0] for row in conn.execute("SELECT name FROM entities")}
    assert "Saddam Hussein" in names and "Foad Basri" not in names
    assert search(store, "vehemently") == []
    with pytest.raises(NotFound):
        store.audit(example_audit.document.id)


def test_ids_resolve_by_prefix_only_when_unambiguous(db: Path, example_audit: Audit) -> None:
    store = Store(db)
    store.save(example_audit)
    assert store.resolve(example_audit.document.id[:5].upper()) == example_audit.document.id
    with pytest.raises(NotFound):
        store.resolve("ab")
    with pytest.raises(NotFound):
        store.resolve("ffffffffff")
    for wild in (example_audit.document.id[:3] + "%", "_" + example_audit.document.id[1:4]):
        with pytest.raises(NotFound):  # SQL's LIKE wildcards are characters here (`remove 9e9%` removed one)
            store.resolve(wild)


def test_search_handles_punctuation_prefixes_and_other_scripts(db: Path, example_audit: Audit,
                                                               tmp_path: Path) -> None:
    store = Store(db)
    store.save(example_audit)
    persian = tmp_path / "fa.txt"
    persian.write_text("سازمان مجاهدین خلق ایران در عراق مستقر بود و از حمایت دولت عراق برخوردار بود.")
    audit = analyse(read_source(str(persian), Settings(db=db)))
    assert audit.entities == [] and "English only" in audit.notes[0]
    store.save(audit)
    assert [h.document_id for h in search(store, "مجاهدین")] == [audit.document.id]
    for query in ('Iran-Iraq', "Saddam's", 'Saddam"', "Rajav*", "AND", "(", "Camp OR nowhere"):
        search(store, query)  # never an FTS syntax error
    hit = search(store, "Rajav*")[0]
    assert hit.document_id == example_audit.document.id
    assert all(hit.snippet[a:b].lower().startswith("rajav") for a, b in hit.highlights)


def test_a_name_with_other_words_searches_all_its_names(db: Path, example_audit: Audit) -> None:
    store = Store(db)
    store.save(example_audit)
    names = {"mek": ("MEK", "PMOI", "Mujahedin Khalq"), "pmoi": ("MEK", "PMOI", "Mujahedin Khalq")}
    # a name's group followed by a word was an FTS5 syntax error in SQLite 3.40 (an internal error, 500 on the web)
    for query in ("MEK Iraq", "the MEK", "Saddam and MEK", "MEK +", "MEK OR OR Iraq", "PMOI Saddam*"):
        found = search(store, query, names=names)
        assert found and found[0].document_id == example_audit.document.id, query
    assert search(store, "MEK nowhereword", names=names) == []  # the words must all be there


def test_migrations_match_the_models(db: Path) -> None:
    store = Store(db)
    with store.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn, opts={"include_name": include_name}), Base.metadata)
    assert diff == []
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == head


def test_a_dossier_made_at_the_first_schema_opens_and_keeps_its_data(db: Path, example_audit: Audit) -> None:
    engine = create_engine(f"sqlite:///{db}")
    config = alembic_config()
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "0001")  # the schema of claimscope 0.1's first release
        conn.exec_driver_sql("INSERT INTO entities (id, name, type, aliases) VALUES ('e-old', 'Old', 'Person', '[]')")
    engine.dispose()
    store = Store(db)  # migrates to the newest schema
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT name, ambiguous FROM entities").fetchall() == [("Old", "[]")]
    assert store.save(example_audit) == "added"


def test_a_dossier_from_a_newer_claimscope_is_refused(db: Path) -> None:
    Store(db)
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    with pytest.raises(ClaimscopeError, match="newer claimscope"):
        Store(db)


def test_an_unrelated_sqlite_file_is_refused_and_left_alone(tmp_path: Path) -> None:
    other = tmp_path / "other.sqlite"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE foo (x)")
        conn.execute("INSERT INTO foo VALUES (1)")
    with pytest.raises(ClaimscopeError) as info:
        Store(other)
    assert str(info.value) == f"{other}: is a SQLite database but not a claimscope dossier (it has table foo)"
    with sqlite3.connect(other) as conn:
        assert conn.execute("SELECT name FROM sqlite_master").fetchall() == [("foo",)]
    empty = tmp_path / "empty.sqlite"
    empty.touch()
    assert Store(empty).documents() == []  # an empty file becomes a dossier


def test_a_dossier_in_a_missing_folder_is_refused_and_no_folder_is_made(tmp_path: Path) -> None:
    with pytest.raises(NotFound, match=f"folder {tmp_path / 'nodir' / 'sub'} does not exist"):
        Store(tmp_path / "nodir" / "sub" / "d.sqlite")
    assert not (tmp_path / "nodir").exists()


def test_the_same_text_read_again_with_new_metadata_takes_it_and_keeps_readers_corrections(db: Path,
                                                                                          tmp_path: Path) -> None:
    from claimscope.service import audit_source
    from claimscope.store.review import Review

    path = tmp_path / "report.md"
    body = "The State Department said the MEK was armed by Iraq in 1986. The group denied it.\n"
    path.write_text(f"---\ntitle: First title\ndate: 2001-05-01\npublisher: A Desk\n---\n{body}")
    store, settings = Store(db), Settings()
    audit, status = audit_source(str(path), store, settings)
    assert status == "added" and audit is not None
    Review(store).correct(audit.document.id, {"publisher": "The Desk"}, "Ana")
    path.write_text(f"---\ntitle: Second title\n---\n{body}")  # the front matter edited, the date dropped
    again, status = audit_source(str(path), store, settings)
    assert status == "updated" and again is not None and again.document.id == audit.document.id
    assert (again.document.title, again.document.published, again.document.publisher) == \
        ("Second title", "2001-05-01", "The Desk")  # a field the read lacks is kept; the reader's correction wins
    assert audit_source(str(path), store, settings)[1] == "unchanged"
    assert [d.title for d in store.documents()] == ["Second title"]


def test_a_document_removed_by_another_request_meanwhile_is_not_found(db: Path, example_audit: Audit,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    store = Store(db)
    store.save(example_audit)
    summary = store.document(example_audit.document.id)  # this request reads it ...
    Store(db).remove(summary.id)  # ... another removes it ...
    monkeypatch.setattr(store, "document", lambda _doc_id: summary)
    with pytest.raises(NotFound, match="no such document"):  # ... and this one's delete finds nothing: not a 200
        store.remove(summary.id)
