"""Alembic environment: run by ``claimscope.store.migrate`` with an open connection, never from a CLI
config file, so the package carries its migrations wherever it is installed."""

from alembic import context

from claimscope.store.database import include_name
from claimscope.store.schema import Base

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True,
                  include_name=include_name)
with context.begin_transaction():
    context.run_migrations()
