"""The dossier's database: an engine for a SQLite file, brought up to the newest schema with Alembic."""

from __future__ import annotations

import os
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event

from claimscope.errors import ClaimscopeError, InputError, NotFound
from claimscope.settings import default_db_path

MIGRATIONS = Path(__file__).with_name("migrations")


def include_name(name: str | None, type_: str, _parent: object) -> bool:
    """Autogenerate leaves alone the full-text tables, which migrations create by hand (FTS5)."""
    return not (type_ == "table" and name is not None and "_fts" in name)


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def check_path(path: Path, create: bool = True) -> None:
    """Refuse a dossier path that would silently become a new, empty dossier: one in a folder that does not
    exist (a typo), or, unless ``create``, a missing file. Only the default dossier's folder (in the user data
    folder) is made here."""
    if path.is_dir():  # SQLite would say only "unable to open database file"
        raise InputError(str(path), "is a folder, not a dossier file", "give --db or CLAIMSCOPE_DB a file, e.g. "
                                                                       f"{path / 'dossier.sqlite'}")
    if path.exists():
        if not create and path.is_file() and path.stat().st_size == 0:  # a read would make it a new, empty dossier
            raise NotFound(str(path), "is an empty file, not a dossier", "audit or ingest documents to make one, "
                                                                          "or choose an existing dossier")
        return
    folder = path.parent
    if not folder.is_dir():
        if folder.exists():
            raise NotFound(str(path), f"{folder} is not a folder", "give --db a file in a folder")
        if path != default_db_path():
            raise NotFound(str(path), f"folder {folder} does not exist", "create it first, or give another --db")
    if not create:
        raise NotFound(str(path), "no dossier there", "audit or ingest documents to make one, or choose an "
                                                      "existing dossier with --db or CLAIMSCOPE_DB")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ClaimscopeError(str(path), f"cannot create the dossier's folder ({exc.strerror})") from None
    if not os.access(folder, os.W_OK | os.X_OK):  # SQLite would say only "unable to open database file"
        raise ClaimscopeError(str(path), f"cannot be created: folder {folder} is not writable",
                              "give another --db or CLAIMSCOPE_DB")


def connect(path: Path) -> Engine:
    """An engine on the SQLite file ``path`` (created if missing, see ``check_path``), migrated to head."""
    check_path(path)
    engine = create_engine(f"sqlite:///{path}")

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_connection, _record):  # type: ignore[no-untyped-def]
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys = ON")  # cascades remove a document's rows with it
        cursor.execute("PRAGMA busy_timeout = 10000")
        cursor.close()

    migrate(engine)
    return engine


def migrate(engine: Engine) -> None:
    config = alembic_config()
    head = ScriptDirectory.from_config(config).get_current_head()
    with engine.begin() as connection:
        current = MigrationContext.configure(connection).get_current_revision()
        if current == head:
            return
        if current is None:  # a new dossier is an empty file; a file with tables of its own is someone else's
            tables = connection.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'table' AND "
                                                "name NOT LIKE 'sqlite^_%' ESCAPE '^' ORDER BY name").scalars().all()
            if tables:
                named = ", ".join(tables[:5]) + (f" and {len(tables) - 5} more" if len(tables) > 5 else "")
                raise ClaimscopeError(str(engine.url.database), "is a SQLite database but not a claimscope dossier "
                                      f"(it has table{'s' if len(tables) > 1 else ''} {named})")
        known = {s.revision for s in ScriptDirectory.from_config(config).walk_revisions()}
        if current is not None and current not in known:
            raise ClaimscopeError(str(engine.url.database), f"made by a newer claimscope (schema {current})",
                                  "upgrade claimscope to open it")
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
