"""The one service layer: the CLI (and later the web app) call these; they never re-implement analysis."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import BinaryIO

from sqlalchemy.exc import DatabaseError

from claimscope.analyse import analyse, analysis_version, with_side
from claimscope.errors import ClaimscopeError, InputError, UnsupportedType
from claimscope.ingest import EXTENSIONS, is_url, read_source
from claimscope.ingest.text import first_words, guess_title
from claimscope.link import index as link_index
from claimscope.model import Audit, Document
from claimscope.pack import Pack, bundled_pack_dir, load_pack, resolve_pack_dir
from claimscope.settings import Settings
from claimscope.store import SaveStatus, Store
from claimscope.store.repository import METADATA
from claimscope.store.review import refuse_invisible

log = logging.getLogger(__name__)


@dataclass
class IngestReport:
    added: list[str] = field(default_factory=list)
    # (source, the document it made, documents read from the same place before: earlier versions of it)
    versions: list[tuple[str, str, list[str]]] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    refused: list[tuple[str, str]] = field(default_factory=list)  # (source, one-line reason)

    @property
    def exit_code(self) -> int:
        """0 if every source went in, 1 if some were refused, 2 if none went in."""
        if not self.refused:
            return 0
        return 2 if not (self.added or self.updated or self.unchanged) else 1


def dossier_pack(store: Store, choice: str | None, remember: bool = True) -> Pack | None:
    """The pack to analyse with: ``choice`` (a folder or a bundled pack's name), which the dossier then
    remembers (unless ``remember`` is false: reading never writes); else the pack the dossier remembers; else
    none ("none" forgets it)."""
    if choice is not None:
        if choice.lower() == "none":
            if remember:
                store.set_setting("pack", None)
            return None
        directory = resolve_pack_dir(choice)
        pack = load_pack(directory)
        bundled = directory == bundled_pack_dir(choice)
        if remember:
            store.set_setting("pack", choice if bundled else str(directory.resolve()))
        return pack
    remembered = store.setting("pack")
    if not remembered:
        return None
    directory = resolve_pack_dir(remembered)
    try:
        return load_pack(directory)
    except InputError as exc:  # the user did not name this pack in the command: say where it comes from
        problem = ("is no longer there" if not directory.exists() else
                   f"cannot be used: {exc.problem if exc.subject == str(directory) else exc}")
        raise InputError(str(directory), f"the pack this dossier remembers {problem}",
                         "choose another with --pack DIR, or --pack none to forget it") from None


def outdated(store: Store, pack: Pack | None, document: str | None = None) -> str | None:
    """Which stored audits (of the dossier, or of ``document``) another analysis made, and how, in words ("2 of 9
    documents were analysed with another pack"), or None: the CLI and the web say it alike, since those audits are
    shown as stored until `claimscope reanalyse`."""
    current = analysis_version(pack)
    stale = [v for d, v in store.outdated(current).items() if document in (None, d)]
    if not stale:
        return None
    which = "this document was" if document else \
        f"{len(stale)} of {len(store.documents())} documents {'was' if len(stale) == 1 else 'were'}"
    # the pack's digest ends the version: the same start means the same claimscope
    how = sorted({"with another pack" if v.partition("+pack.")[0] == current.partition("+pack.")[0]
                  else "by another version of claimscope" for v in stale})
    return f"{which} analysed {' or '.join(how)}"


def audit_source(source: str, store: Store, settings: Settings, pack: Pack | None = None,
                 stdin: BinaryIO | None = None, read_back: bool = True) -> tuple[Audit | None, SaveStatus]:
    """Ingest, analyse and store one source; return its audit as stored (if ``read_back``)."""
    document = read_source(source, settings, stdin=stdin)
    status = store_analysed(document, store, pack)
    return (store.audit(document.id) if read_back else None), status


def earlier_versions(store: Store, doc_id: str) -> list[str]:
    """The dossier's other documents read from the same file or address as ``doc_id``: earlier versions of it (a
    document is known by its text, so an edited file goes in as a new one). Not for stdin or pasted texts."""
    return store.read_from_same_place(doc_id, unless=("-", PASTED))


def utf8(text: str, name: str) -> bytes:
    """Text given to the web app as UTF-8 bytes; a lone surrogate (JSON allows "\\ud800") is bad input."""
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise InputError(name, f"is not valid Unicode ({exc.reason} at character {exc.start})") from exc


def audit_url(url: str, store: Store, settings: Settings, pack: Pack | None = None) -> tuple[Audit, SaveStatus]:
    """Audit a web address given by a client of the web app: http(s) only, through the guarded fetcher, never a
    path or stdin on the server."""
    if not is_url(url):
        raise InputError(url or "url", "is not an http(s) URL")
    audit, status = audit_source(url, store, settings, pack)
    assert audit is not None
    return audit, status


def store_analysed(document: Document, store: Store, pack: Pack | None) -> SaveStatus:
    """Analyse, save and link a document, unless the store holds it already from this analysis (and pack)."""
    status = store.stored_status(document.id, analysis_version(pack))
    if status == "unchanged":
        # the same text: new metadata (front matter edited, another title given) is taken, and the rest kept
        stored = store.metadata_as_read(document.id)
        read = with_side(document, pack)
        guessed = guess_title(document.text, document.breadcrumbs)  # a title guessed from the text is not given
        if not any(getattr(read, name) and getattr(read, name) != stored[name]
                   and not (name == "title" and read.title == guessed) for name in METADATA):
            return status
        document = replace(document, **{name: stored[name] for name in METADATA if not getattr(document, name)})
        return save_linked(store, analyse(document, pack), pack, replace=True)  # readers' corrections still win
    return save_linked(store, analyse(document, pack), pack)


def save_linked(store: Store, audit: Audit, pack: Pack | None, replace: bool = False) -> SaveStatus:
    """Save an audit and store the links its claims make with the dossier's (only its own pairs are scored)."""
    status = store.save(audit, replace=replace)
    link_index.update(store, audit.document.id, pack, audit)
    return status


PASTED = "pasted.txt"  # the name a pasted text is read under


def audit_upload(content: bytes, name: str, store: Store, settings: Settings, pack: Pack | None = None,
                 title: str | None = None) -> tuple[Audit, SaveStatus]:
    """Audit bytes given directly (pasted text, an uploaded file), typed by the name's extension. ``title``, when
    given, is the document's title; a document that has none is called by its first words (pasted text, which has
    no name) or by its file name."""
    from claimscope.ingest import EXTENSIONS, read_bytes

    suffix = Path(name).suffix.lower()
    if suffix not in EXTENSIONS:
        raise UnsupportedType(name, f"unsupported file type {suffix!r}", "upload a .txt, .md, .html or .pdf file")
    document = read_bytes(content, name, settings, kind=EXTENSIONS[suffix])
    if title:
        refuse_invisible("title", title)
        document = replace(document, title=title)
    elif not document.title and store.stored_status(document.id, analysis_version(pack)) == "added":
        # a name for a new document only: given again without a title, a stored one keeps the title it has
        document = replace(document, title=first_words(document.text) if name == PASTED else Path(name).stem)
    status = store_analysed(document, store, pack)
    return store.audit(document.id), status


def reanalyse(store: Store, pack: Pack | None, force: bool = False,
              progress: Callable[[str], None] | None = None) -> IngestReport:
    """Bring stored audits up to date with the current analysis (and pack); each document in its own
    transaction. Notes and review decisions (later) are anchored by quote and position, so they survive."""
    report = IngestReport()
    version = analysis_version(pack)
    for summary in store.documents():
        try:
            if force or store.stored_status(summary.id, version) != "unchanged":
                save_linked(store, analyse(store.audit(summary.id).document, pack), pack, replace=force)
                report.updated.append(summary.id)
            else:
                report.unchanged.append(summary.id)
        except ClaimscopeError as exc:
            report.refused.append((summary.id, str(exc)))
        if progress:
            progress(summary.title or summary.id)
    return report


# a folder's own notes (README.md, LICENSE.txt), not documents of the dossier: left out when a folder is walked
FOLDER_NOTES = re.compile(r"(readme|licen[cs]e|copying|changelog|contributing|authors)([._-].*)?", re.IGNORECASE)


def expand_sources(sources: Iterable[str], recursive: bool,
                   skipped: dict[str, list[str]] | None = None) -> Iterator[str]:
    """Sources as given, with folders replaced by the readable files below them (with ``recursive``). Files a
    folder walk leaves out are added to ``skipped`` under the reason: the folder's own notes (README, LICENSE ...),
    or a kind claimscope does not read (including files without an extension: Makefile, LICENSE). Named on their
    own, files of either kind are read. A source named twice (a file in a folder walked and named alone, stdin as
    "- -") is read once."""
    seen: set[str] = set()

    def once(source: str) -> Iterator[str]:
        key = source if source == "-" or is_url(source) else str(Path(source).resolve())
        if key not in seen:
            seen.add(key)
            yield source

    for source in sources:
        path = Path(source)
        if source != "-" and not is_url(source) and path.is_dir() and recursive:
            files = sorted(p for p in path.rglob("*") if p.is_file()
                           and not any(part.startswith(".") for part in p.relative_to(path).parts))
            for file in files:
                reason = ("describes its folder" if FOLDER_NOTES.fullmatch(file.name) else
                          "not a kind of file claimscope reads" if not file.suffix
                          or file.suffix.lower() not in EXTENSIONS else None)
                if reason is None:
                    yield from once(str(file))
                elif skipped is not None:
                    skipped.setdefault(reason, []).append(str(file))
        else:
            yield from once(source)


def ingest_sources(sources: Iterable[str], store: Store, settings: Settings, *, pack: Pack | None = None,
                   progress: Callable[[str], None] | None = None) -> IngestReport:
    """Ingest each source in its own transaction; a refused source never spoils the others."""
    report = IngestReport()
    for source in sources:
        try:
            document = read_source(source, settings)
            status = store_analysed(document, store, pack)
            earlier = earlier_versions(store, document.id) if status == "added" else []
        except ClaimscopeError as exc:
            report.refused.append((source, str(exc)))
        except DatabaseError:
            raise  # the dossier itself (read-only, damaged): no other source would go in either
        except Exception as exc:  # a bug, not bad input: record it with its traceback and go on
            log.exception("ingesting %s failed", source)
            first_line = str(exc).strip().splitlines()[0][:200] if str(exc).strip() else ""
            report.refused.append((source, str(InputError(source, f"internal error ({type(exc).__name__}: "
                                                                  f"{first_line})", "please report it"))))
        else:
            getattr(report, status).append(source)
            if earlier:
                report.versions.append((source, document.id, earlier))
        if progress:
            progress(source)
    return report
