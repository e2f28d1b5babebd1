"""The dossier's database: an engine for a SQLite file, brought up to the newest schema with Alembic."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event

from claimscope.errors import ClaimscopeError

MIGRATIONS = Path(__file__).with_name("migrations")


def include_name(name: str | None, type_: str, _parent: object) -> bool:
    """Autogenerate leaves alone the full-text tables, which migrations create by hand (FTS5)."""
    return not (type_ == "table" and name is not None and "_fts" in name)


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def connect(path: Path) -> Engine:
    """An engine on the SQLite file ``path`` (created with its folder if missing), migrated to head."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ClaimscopeError(str(path), f"cannot create the dossier's folder ({exc.strerror})") from None
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
        known = {s.revision for s in ScriptDirectory.from_config(config).walk_revisions()}
        if current is not None and current not in known:
            raise ClaimscopeError(str(engine.url.database), f"made by a newer claimscope (schema {current})",
                                  "upgrade claimscope to open it")
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
