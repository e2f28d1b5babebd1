"""Store: Audits in a database (SQLite by default), migrated with Alembic; full-text search."""

from claimscope.store.repository import DocumentSummary, SaveStatus, Store
from claimscope.store.search import Hit, search

__all__ = ["DocumentSummary", "Hit", "SaveStatus", "Store", "search"]
