"""`claimscope export`: the findings of the dossier, a document or a proposition in one format, to a file or to
standard output; a file name that cannot be right is refused before any work."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from claimscope.cli import DbOption, PackOption, app, err, open_store, reading, settings_for
from claimscope.errors import ClaimscopeError


@app.command()
def export(
    fmt: Annotated[str, typer.Option("--format", "-f", help="json, csv, annotations, csl, claimreview, ftm, md, "
                                                             "html or pdf.")],
    document: Annotated[str | None, typer.Option("--document", help="One document (its id or first characters).")]
    = None,
    proposition_id: Annotated[str | None, typer.Option(
        "--proposition", help="One proposition (its id or first characters) and the documents it appears in.")]
    = None,
    all_documents: Annotated[bool, typer.Option("--all", help="The whole dossier (the default).")] = False,
    out_file: Annotated[str | None, typer.Option("--out", help="File to write ('-': stdout); default: stdout (text "
                                                          "formats).", show_default=False)]
    = None,
    pack: PackOption = None,
    db: DbOption = None,
) -> None:
    """Export the findings for other tools and readers (see --format). Items a reviewer rejected are left out."""
    from claimscope.export import FORMATS, Scope

    exporter = FORMATS.get(fmt)
    if exporter is None:
        raise ClaimscopeError(f"--format {fmt}", "unknown format", f"choose one of {', '.join(FORMATS)}")
    if sum(map(bool, (document, proposition_id, all_documents))) > 1:
        raise ClaimscopeError("--document/--proposition/--all", "give only one of them")
    # as a Path, "" is "." and "x.json/" is "x.json": say what is wrong before the work, not after it or never
    if out_file is not None and out_file != "-" and (problem := _not_a_file_name(out_file)):
        raise ClaimscopeError(f"--out {out_file!r}", problem,
                              f"give --out FILE{exporter.suffix}, or --out - for stdout")
    out_path = Path(out_file) if out_file is not None else None
    to_stdout = out_file is None or out_file == "-"  # "-": stdout, as for `audit -`, also for a binary file
    if to_stdout and exporter.binary and sys.stdout.isatty():
        raise ClaimscopeError(f"--format {fmt}", "writes a binary file, not for a terminal",
                              f"add --out FILE{exporter.suffix}, or pipe it (--out - | ...)")
    if out_path and (said := exporter.clash(out_path)):  # refused before anything is read or written
        raise ClaimscopeError(str(out_path), f"--format {fmt} writes {exporter.kind}, not {said}",
                              f"give --out {exporter.fitting(out_path)}")
    if out_path is None and exporter.binary:
        raise ClaimscopeError(f"--format {fmt}", "writes a binary file",
                              f"add --out FILE{exporter.suffix}, or --out - to pipe it")
    store = open_store(settings_for(db))
    data = exporter.write(Scope.of(store, reading(store, pack), document, proposition_id))
    if to_stdout:
        if isinstance(data, bytes):
            sys.stdout.buffer.write(data)
        else:
            sys.stdout.write(data)
        return
    assert out_path is not None
    try:
        if isinstance(data, bytes):
            out_path.write_bytes(data)
        else:
            out_path.write_text(data, encoding="utf-8")
    except OSError as exc:
        raise ClaimscopeError(str(out_path), f"cannot be written ({exc.strerror})") from None
    err.print(f"wrote {out_path} ({exporter.describe})", highlight=False)


def _not_a_file_name(name: str) -> str | None:
    """What is wrong with ``name`` as the file an export writes, or None."""
    if not name.strip():
        return "needs a file name"
    if name != name.strip():
        return "starts or ends with a space"
    if name.endswith(("/", "\\")) or Path(name).is_dir():
        return "is a folder, not a file"
    if Path(name).name.startswith(".") and Path(name).name.count(".") == 1:
        return "names only a suffix (it would be a hidden file)"
    return None
