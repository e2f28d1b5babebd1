"""The one service layer: the CLI (and later the web app) call these; they never re-implement analysis."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from claimscope.analyse import analyse, analysis_version
from claimscope.errors import ClaimscopeError, InputError
from claimscope.ingest import EXTENSIONS, is_url, read_source
from claimscope.model import Audit
from claimscope.settings import Settings
from claimscope.store import SaveStatus, Store

log = logging.getLogger(__name__)


@dataclass
class IngestReport:
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    refused: list[tuple[str, str]] = field(default_factory=list)  # (source, one-line reason)

    @property
    def exit_code(self) -> int:
        """0 if every source went in, 1 if some were refused, 2 if none went in."""
        if not self.refused:
            return 0
        return 2 if not (self.added or self.updated or self.unchanged) else 1


def audit_source(source: str, store: Store, settings: Settings, stdin: BinaryIO | None = None,
                 ) -> tuple[Audit, SaveStatus]:
    """Ingest, analyse and store one source; return its audit as stored."""
    document = read_source(source, settings, stdin=stdin)
    status = store.stored_status(document.id, analysis_version())
    if status != "unchanged":
        status = store.save(analyse(document))
    return store.audit(document.id), status


def expand_sources(sources: Iterable[str], recursive: bool) -> Iterator[str]:
    """Sources as given, with folders replaced by the readable files below them (with ``recursive``)."""
    for source in sources:
        path = Path(source)
        if source != "-" and not is_url(source) and path.is_dir() and recursive:
            files = sorted(p for p in path.rglob("*") if p.is_file()
                           and not any(part.startswith(".") for part in p.relative_to(path).parts)
                           and p.suffix.lower() in EXTENSIONS)
            yield from (str(p) for p in files)
        else:
            yield source


def ingest_sources(sources: Iterable[str], store: Store, settings: Settings, *, recursive: bool = False,
                   progress: Callable[[str], None] | None = None) -> IngestReport:
    """Ingest each source in its own transaction; a refused source never spoils the others."""
    report = IngestReport()
    for source in sources:
        try:
            _audit, status = audit_source(source, store, settings)
        except ClaimscopeError as exc:
            report.refused.append((source, str(exc)))
        except Exception as exc:  # a bug, not bad input: record it with its traceback and go on
            log.exception("ingesting %s failed", source)
            report.refused.append((source, str(InputError(source, f"internal error ({type(exc).__name__}: "
                                                                  f"{exc})", "please report it"))))
        else:
            getattr(report, status).append(source)
        if progress:
            progress(source)
    return report
