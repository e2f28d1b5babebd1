"""The command line: ``claimscope audit``, ``ingest``, ``documents``, ``show``, ``remove``, ``search``, ``demo``.

Thin by design: each command parses its options, calls the service layer or the store, and renders.
Errors are one line on stderr (``error: INPUT: PROBLEM (HINT)``) with a non-zero exit, never a traceback.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import shlex
import socket
import sys
from collections.abc import Callable, Iterator
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn, TimeElapsedColumn
from sqlalchemy.exc import DatabaseError

from claimscope import __version__
from claimscope.cli import report
from claimscope.errors import ClaimscopeError
from claimscope.grade import counted
from claimscope.pack import Pack
from claimscope.settings import SETTINGS, Settings
from claimscope.store import Store
from claimscope.store.search import has_words, search_cut

app = typer.Typer(help="Audit what a text claims and how well it is sourced.", no_args_is_help=True,
                  pretty_exceptions_enable=False, rich_markup_mode=None)
from claimscope.cli.score import score, train_app  # noqa: E402  (the commands register on `app` below)

app.command("score")(score)
app.add_typer(train_app, name="train")
out = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)
EXAMPLES = Path("examples")


class Format(StrEnum):
    text = "text"
    json = "json"


DbOption = Annotated[Path | None, typer.Option(
    "--db", help=f"{SETTINGS['db'].metadata['help']} Default: ${SETTINGS['db'].metadata['env']}, "
                 "else a file in your user data folder (see --version).", show_default=False)]
MaxBytesOption = Annotated[int | None, typer.Option(
    "--max-bytes", min=1, help=f"{SETTINGS['max_bytes'].metadata['help']} "
                        f"[default: ${SETTINGS['max_bytes'].metadata['env']} or 25 MiB]", show_default=False)]
PackOption = Annotated[str | None, typer.Option(
    "--pack", help="A dossier pack: a folder with pack.yaml, or the name of a bundled pack (mek-iraq). "
                   "The dossier remembers it; 'none' forgets it. Default: the dossier's pack, else none.",
    show_default=False)]


def format_option(json: str) -> Any:  # noqa: ANN401 - a type alias built at import, for Typer
    """The --format option, its help naming what this command's JSON is."""
    return Annotated[Format, typer.Option("--format", "-f", help=f"text: a readable report; json: {json}.")]


FormatOption = format_option("the audit as claimscope.audit/1")
PropositionsFormat = format_option("the propositions as claimscope.propositions/1")
DocumentsFormat = format_option("a list with one object for each document")
HitsFormat = format_option("a list with one object for each hit")


def settings_for(db: Path | None, max_bytes: int | None = None) -> Settings:
    return Settings.from_env(db=db, max_bytes=max_bytes)


OPENED: list[Path] = []  # the dossiers this command opened, to name one when SQLite refuses it


def open_store(settings: Settings, create: bool = False) -> Store:
    """The dossier; a missing one is made only by the commands that add documents (``create``), so a mistyped
    --db is never taken for an empty dossier."""
    from claimscope.store.database import check_path

    OPENED.append(settings.db)
    check_path(settings.db, create)
    return Store(settings.db)


@contextlib.contextmanager
def adding(settings: Settings, pack: str | None) -> Iterator[tuple[Store, Pack | None, list[str]]]:
    """The dossier documents are added to, the pack to analyse them with, and a list for the caller to fill with
    what went in. Only if something did is the pack remembered, and a dossier made for it kept: a refused input
    leaves the dossier as it was, or no file where there was none. An interrupted ingest keeps what it committed
    (the list is filled only at its end, so the dossier is asked), and says how far it got."""
    from claimscope.service import dossier_pack

    existed = settings.db.exists()
    store = open_store(settings, create=True)
    before = store.document_count()
    went_in: list[str] = []
    try:
        yield store, dossier_pack(store, pack, remember=False), went_in
    except (KeyboardInterrupt, typer.Abort):
        added = store.document_count() - before
        if added:  # kept, and said; with none added, a dossier made for it goes, unnamed
            went_in.append(f"{added} documents")
            INTERRUPTED.append(f"{counted(added, 'document')} added before the interruption — dossier: "
                               f"{store.path}")
        raise
    finally:
        if went_in and pack is not None:
            remember_pack_choice(store, pack, existed, stale_note=True)
        elif not went_in and not existed:
            store.engine.dispose()
            for leftover in (settings.db, settings.db.with_name(settings.db.name + "-journal")):
                leftover.unlink(missing_ok=True)


INTERRUPTED: list[str] = []  # what an interrupted command had done, said with "interrupted"


PACK_TO_REMEMBER: list[tuple[Store, str]] = []  # a read command's --pack, remembered once the command succeeds


def reading(store: Store, choice: str | None, remember: bool = True, document: str | None = None) -> Pack | None:
    """The pack a command reads the dossier with (``service.dossier_pack``); --pack is remembered only when the
    command succeeds (``remember_pack``): a refused command leaves the dossier as it was. On stderr it says when
    stored audits (of the dossier, or of ``document``) were made by another analysis: they are shown as stored
    until `claimscope reanalyse`."""
    from claimscope.service import dossier_pack, outdated

    pack = dossier_pack(store, choice, remember=False)
    if remember and choice is not None:
        PACK_TO_REMEMBER.append((store, choice))
    stale = outdated(store, pack, document)
    if stale:
        err.print(f"note: {stale}: shown as stored (`claimscope reanalyse` brings the dossier up to date)",
                  markup=False, highlight=False)
    return pack


def remember_pack_choice(store: Store, choice: str, existed: bool = True, stale_note: bool = False) -> Pack | None:
    """The dossier remembers the --pack it was given, and says so if it changed (of a dossier made now, nothing
    to say); with ``stale_note``, also which documents were analysed with another pack, for `claimscope
    reanalyse` (a read command has said it already, and reanalyse is doing it)."""
    from claimscope.service import dossier_pack, outdated

    before = store.setting("pack")
    chosen = dossier_pack(store, choice)
    after = store.setting("pack")
    if after != before and existed:
        stale = outdated(store, chosen) if stale_note else None
        err.print(f"note: this dossier's pack is now {after or 'none'} (it was {before or 'none'})"
                  + (f"; {stale} (`claimscope reanalyse` brings the dossier up to date)" if stale else ""),
                  markup=False, highlight=False)
    return chosen


def remember_pack() -> None:
    """After a read command succeeded: the dossier remembers the --pack it was given, and says so if it changed."""
    for store, choice in PACK_TO_REMEMBER:
        remember_pack_choice(store, choice)
    PACK_TO_REMEMBER.clear()


def version_callback(value: bool) -> None:
    if value:
        out.print(f"claimscope {__version__}")
        out.print(f"dossier: {Settings.from_env().db}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[bool, typer.Option("--version", callback=version_callback, is_eager=True,
                                          help="Show the version and the default dossier file.")] = False,
) -> None:
    """Audit what a text claims and how well it is sourced."""


@app.command()
def audit(
    source: Annotated[str, typer.Argument(help="A file (.txt, .md, .html, .pdf), an http(s) URL, or - for stdin.")],
    fmt: FormatOption = Format.text,
    pack: PackOption = None,
    db: DbOption = None,
    max_bytes: MaxBytesOption = None,
) -> None:
    """Ingest, analyse and store one source, and print its audit."""
    from claimscope.service import audit_source, earlier_versions

    settings = settings_for(db, max_bytes)
    with adding(settings, pack) as (store, chosen, went_in), err.status(f"reading and analysing {source} …"):
        result, status = audit_source(source, store, settings, chosen)
        went_in.append(source)
    assert result is not None
    earlier = earlier_versions(store, result.document.id) if status == "added" else []
    if earlier:  # on stderr: the JSON on stdout stays the audit alone
        err.print(report.version_note(source, result.document.id, earlier), highlight=False)
    if fmt is Format.json:
        print_json(result.to_json())
    else:
        from claimscope.analyse.entities import pack_names

        report.audit(out, result, status=status, known=pack_names(chosen))


@app.command()
def ingest(
    sources: Annotated[list[str], typer.Argument(help="Files, folders (with --recursive), URLs, or -.")],
    recursive: Annotated[bool, typer.Option("--recursive", "-r", help="Read the files below each folder.")]
    = False,
    pack: PackOption = None,
    db: DbOption = None,
    max_bytes: MaxBytesOption = None,
) -> None:
    """Ingest many sources, each committed on its own. Exit 0 if all went in, 1 if some were refused,
    2 if none."""
    from claimscope.service import expand_sources, ingest_sources

    settings = settings_for(db, max_bytes)
    skipped: dict[str, list[str]] = {}
    todo = list(expand_sources(sources, recursive, skipped))
    if not todo:  # an empty folder, or one of notes and kinds it does not read: no dossier is touched
        report.left_out(out, skipped)
        why = "its files were all left out, as listed above" if skipped else "no file of a kind claimscope reads"
        err.print(f"error: {' '.join(sources)}: nothing to read ({why})", markup=False, highlight=False)
        raise typer.Exit(2)
    with adding(settings, pack) as (store, chosen, went_in):
        with progress_bar() as (bar, advance):
            task = bar.add_task("ingesting", total=len(todo), current="")
            result = ingest_sources(todo, store, settings, pack=chosen, progress=advance(task, todo))
        went_in.extend(result.added + result.updated + result.unchanged)
    report.ingest(out, err, result, store.path, skipped)
    raise typer.Exit(result.exit_code)


@app.command()
def reanalyse(
    force: Annotated[bool, typer.Option("--force", help="Re-analyse every document, even those up to date.")]
    = False,
    pack: PackOption = None,
    db: DbOption = None,
) -> None:
    """Bring the stored audits up to date with this version's analysis (and the dossier's pack)."""
    from claimscope.service import dossier_pack
    from claimscope.service import reanalyse as run

    store = open_store(settings_for(db))
    chosen = remember_pack_choice(store, pack) if pack is not None else dossier_pack(store, None)
    with progress_bar() as (bar, advance):
        task = bar.add_task("re-analysing", total=len(store.documents()), current="")
        result = run(store, chosen, force=force, progress=advance(task))
    out.print(f"{len(result.updated)} re-analysed, {len(result.unchanged)} already up to date, "
              f"{len(result.refused)} failed — dossier: {store.path}", highlight=False)
    for _doc, reason in result.refused:
        err.print(f"failed: {reason}", markup=False, highlight=False)
    raise typer.Exit(1 if result.refused else 0)


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Address to listen on; the default serves this machine only.")]
    = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.", min=1, max=65535)] = 8000,
    read_only: Annotated[bool, typer.Option("--read-only", help="Serve the dossier with no way to change it.")]
    = False,
    pack: PackOption = None,
    db: DbOption = None,
    max_bytes: MaxBytesOption = None,
) -> None:
    """Serve the web app: read audited documents, follow entities and sources, leave notes, review."""
    import uvicorn

    from claimscope.web import WebSettings, create_app

    settings = settings_for(db, max_bytes)
    web = WebSettings(settings=settings, read_only=read_only, pack=pack)
    sock = listening_socket(host, port)  # a busy port or a bad host is refused before the dossier is touched
    with sock:
        open_store(settings, create=not read_only)  # a read-only server of a missing dossier would serve nothing
        app_ = create_app(web)  # opens the dossier: a bad one is refused before "serving" is said
        err.print(f"serving {settings.db} on http://{host}:{port}/ {'(read-only) ' if read_only else ''}"
                  "— Ctrl-C stops", highlight=False)
        server = uvicorn.Server(uvicorn.Config(app_, host=host, port=port, log_level="warning"))
        with contextlib.suppress(KeyboardInterrupt):  # Ctrl-C is how it stops, not an error
            server.run(sockets=[sock])
    if not server.started:  # the app failed to start (uvicorn has said why)
        raise typer.Exit(3)


def listening_socket(host: str, port: int) -> socket.socket:
    """A socket bound to ``host``:``port`` for the server to listen on (as uvicorn would bind it)."""
    sock = socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:  # also socket.gaierror: a host name that does not resolve
        sock.close()
        busy = exc.errno in (errno.EADDRINUSE, errno.EACCES)
        raise ClaimscopeError(f"{host}:{port}", f"cannot listen there ({exc.strerror or exc})",
                              "choose another --port" if busy else "give --host an address of this machine, "
                                                                   "e.g. 127.0.0.1") from None
    sock.set_inheritable(True)
    return sock


@app.command()
def publish(
    out_dir: Annotated[Path, typer.Option("--out", help="Folder to write the site to (new, empty, or an earlier "
                                                        "site of claimscope publish, which is replaced).")],
    pack: PackOption = None,
    db: DbOption = None,
) -> None:
    """Publish the dossier as a static website: every page of the web app, read-only, with relative links, so it
    works from any static host or straight from disk; the dossier's exports are in its export/ folder."""
    from claimscope.web.publish import check_target
    from claimscope.web.publish import publish as run

    settings = settings_for(db)
    if not settings.db.exists():  # publishing would otherwise make an empty dossier and an empty site
        raise ClaimscopeError(str(settings.db), "no such dossier", "audit or ingest documents first")
    with open_store(settings).engine.connect() as conn:  # an unreadable or damaged dossier fails here, in one line
        damage = conn.exec_driver_sql("PRAGMA quick_check").scalar()
    if damage != "ok":
        raise ClaimscopeError(str(settings.db), "cannot be used as a claimscope dossier (damaged: "
                              + " ".join(str(damage).replace("*** in database main ***", "").split())[:160] + ")")
    check_target(out_dir)  # before the progress bar, so that a refusal is one line
    with progress_bar() as (bar, _):
        task = bar.add_task("publishing", total=None, current="")
        files = run(settings, pack, out_dir,
                    progress=lambda url, done, known: bar.update(task, completed=done, total=known, current=url[:60]))
    err.print(f"published {files} files to {out_dir.resolve()} — open {out_dir / 'index.html'}", highlight=False)


@contextlib.contextmanager
def progress_bar() -> Iterator[tuple[Progress, Callable[..., Callable[[str], None]]]]:
    """A progress bar on stderr; ``advance(task)`` makes the per-item callback the service layer calls after each
    item. Given the items in order (``advance(task, todo)``), the bar names the one in hand, not the one done."""
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
               TextColumn("{task.fields[current]}"))
    # not a terminal (a log, a pipe): no bar, not even the blank line a stopped one leaves
    with Progress(*columns, console=err, transient=True, disable=not err.is_terminal) as bar:
        def advance(task: TaskID, items: list[str] | None = None) -> Callable[[str], None]:
            upcoming = iter(items[1:]) if items else None
            if items:
                bar.update(task, current=Path(items[0]).name[:60])

            def step(item: str) -> None:
                shown = item if upcoming is None else next(upcoming, "")
                bar.update(task, advance=1, current=Path(shown).name[:60] if shown else "")

            return step

        yield bar, advance


@app.command()
def documents(db: DbOption = None, fmt: DocumentsFormat = Format.text) -> None:
    """List the documents of the dossier, by title."""
    from claimscope.store.queries import title_key

    store = open_store(settings_for(db))
    # by title, as the web app lists them within a topic: the order they were added in is no order to a reader
    # (one ingest adds a folder's files in the same second, in no order of theirs); the id breaks a tie
    docs = sorted(store.documents(), key=lambda d: (d.title is None, title_key(d.title or ""), d.id))
    if fmt is Format.json:
        print_json([d.__dict__ if hasattr(d, "__dict__") else _asdict(d) for d in docs])
    else:
        report.documents(out, docs, store.path)


@app.command()
def show(doc_id: Annotated[str, typer.Argument(help="A document id (or its first characters).")],
         fmt: FormatOption = Format.text, db: DbOption = None) -> None:
    """Print the stored audit of a document, without the items reviewers rejected."""
    from claimscope.analyse.entities import pack_names
    from claimscope.store.review import Review

    store = open_store(settings_for(db))
    result = Review(store).reviewed(store.audit(doc_id))
    pack = reading(store, None, remember=False, document=result.document.id)
    if fmt is Format.json:
        print_json(result.to_json())
    else:
        report.audit(out, result, known=pack_names(pack))


@app.command()
def remove(doc_id: Annotated[str, typer.Argument(help="A document id (or its first characters).")],
           db: DbOption = None) -> None:
    """Remove a document and everything found in it from the dossier, with its readers' notes and review
    decisions."""
    removed = open_store(settings_for(db)).remove(doc_id)
    out.print(f"removed {removed.id}  {removed.title or ''}")


@app.command("search")
def search_command(query: Annotated[str, typer.Argument(help="Words to find (prefix* and OR work).")],
                   limit: Annotated[int, typer.Option(help="Most hits of each kind.", min=1, max=report.MAX_HITS)]
                   = 20,
                   fmt: HitsFormat = Format.text,
                   db: DbOption = None) -> None:
    """Full-text search over the documents and claims of the dossier; a name of one of the dossier pack's entities
    also finds its other names (MKO finds PMOI)."""
    from claimscope.service import dossier_pack

    if not has_words(query):  # "" or '""' would find nothing, and say so as if it were a search
        raise ClaimscopeError(f"search {query!r}", "no words to search for", 'give words, e.g. claimscope search '
                              '"Camp Ashraf"')
    store = open_store(settings_for(db))
    pack = dossier_pack(store, None, remember=False)
    hits, cut = search_cut(store, query, limit, names=pack.other_names() if pack else None)
    if fmt is Format.json:
        print_json([_asdict(h) for h in hits])
    else:
        report.hits(out, hits, query, cut, limit)


@app.command()
def demo(corpus: Annotated[Path, typer.Option(help="The folder to build the dossier from.")] = EXAMPLES,
         pack: Annotated[str, typer.Option(help="The dossier pack (a folder, a bundled pack's name, or none).")]
         = "mek-iraq",
         db: DbOption = None) -> None:
    """Build the dossier from the example in the repository's examples/ folder (or --corpus DIR) and print the
    example's audit. Exits as `ingest` does: 1 if some documents were refused, 2 if all were."""
    from claimscope.service import dossier_pack, expand_sources, ingest_sources

    if not corpus.is_dir():
        hint = "run it in the claimscope repository, whose examples/ it reads, or give --corpus a folder" \
            if corpus == EXAMPLES else "give --corpus a folder of documents"
        raise ClaimscopeError(str(corpus), "no such folder", hint)
    settings = settings_for(db)
    store = open_store(settings, create=True)
    chosen = dossier_pack(store, pack)
    skipped: dict[str, list[str]] = {}
    todo = list(expand_sources([str(corpus)], True, skipped))
    if not todo:
        raise ClaimscopeError(str(corpus), "holds no readable documents (.txt, .md, .html, .pdf)")
    with err.status(f"ingesting {len(todo)} document(s) from {corpus} …"):
        result = ingest_sources(todo, store, settings, pack=chosen)
    report.ingest(out, err, result, store.path, skipped)
    shown = next((s for s in todo if s not in dict(result.refused)), None)
    if shown is not None:
        from claimscope.analyse.entities import pack_names
        from claimscope.ingest import read_source

        report.audit(out, store.audit(read_source(shown, settings).id), known=pack_names(chosen))
    bare = Settings.from_env().db  # the dossier a command without --db opens
    report.next_steps(out, store.path, "" if settings.db == bare else f" --db {shlex.quote(str(store.path))}")
    if result.exit_code:
        raise typer.Exit(result.exit_code)  # as `ingest`: 1 if some documents were refused, 2 if all were


def print_json(data: object) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def _asdict(obj: object) -> dict[str, object]:
    return {name: getattr(obj, name) for name in obj.__slots__}  # type: ignore[attr-defined]


from claimscope.cli import entities as _entities  # noqa: E402, F401  (registers `entities` and `entity`)
from claimscope.cli import exports as _exports  # noqa: E402, F401  (registers `export`)
from claimscope.cli import propositions as _propositions  # noqa: E402, F401  (`propositions`, `proposition`)


def main() -> None:
    try:
        # standalone_mode off: Click's usage errors are ours to print, in one line like the others
        code = app(standalone_mode=False, prog_name="claimscope")
        sys.stdout.flush()  # a full disk behind stdout is met here, not as a traceback at exit
        if not code:
            remember_pack()
        elif code == 130:  # Ctrl-C: Typer turns KeyboardInterrupt into exit code 130, returned outside standalone
            raise KeyboardInterrupt  # mode, so it is said here, as one raised outside a command would be
    except typer.TyperException as exc:  # a mistyped command, option or value: exit 2, as Click would
        ctx = getattr(exc, "ctx", None)
        where = ctx.command_path if ctx is not None else "claimscope"
        message = exc.format_message() if hasattr(exc, "format_message") else str(exc)
        if "\n" in message:  # `claimscope` alone: the help, as Click shows it
            err.print(message, markup=False, highlight=False)
        else:
            err.print(f"error: {where}: {message} (see `{where} --help`)", markup=False, highlight=False)
        sys.exit(getattr(exc, "exit_code", 2))
    except ClaimscopeError as exc:
        err.print(f"error: {exc}", markup=False, highlight=False)
        sys.exit(1)
    except DatabaseError as exc:  # a folder, a file that is not SQLite, a damaged or read-only dossier
        reason = str(getattr(exc, "orig", None) or exc).splitlines()[0]
        where = OPENED[-1] if OPENED else "the dossier"
        use = "written" if "readonly" in reason else "used as a claimscope dossier"
        err.print(f"error: {where}: cannot be {use} ({reason})", markup=False, highlight=False)
        sys.exit(1)
    except BrokenPipeError:  # `claimscope ... | head`: stop quietly
        sys.stderr.close()
        sys.exit(0)
    except OSError as exc:  # stdout on a full disk (`> /dev/full`); other files' errors are ClaimscopeErrors
        if exc.errno not in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO):
            raise
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # nothing more to flush at exit
        err.print(f"error: {exc.filename or 'standard output'}: cannot be written ({exc.strerror})", markup=False,
                  highlight=False)
        sys.exit(1)
    except (KeyboardInterrupt, typer.Abort):  # Ctrl-C, and Click's Abort (end of input at a prompt)
        err.print("interrupted" + "".join(f": {done}" for done in INTERRUPTED[:1]), markup=False, highlight=False)
        sys.exit(130)
    sys.exit(code if isinstance(code, int) else 0)  # a command's typer.Exit(n) comes back as its return value
