"""`claimscope entities` and `claimscope entity`: the dossier's entities across documents, the merges proposed
for names that may mean the same entity, and the reviewer's merge or keep-apart decisions."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from claimscope.cli import (
    DbOption,
    Format,
    PackOption,
    app,
    format_option,
    open_store,
    out,
    print_json,
    reading,
    settings_for,
)
from claimscope.errors import ClaimscopeError


def _review(db, pack):  # type: ignore[no-untyped-def]
    from claimscope.link import entities

    store = open_store(settings_for(db))
    return store, entities.review(store, reading(store, pack))


EntitiesFormat = format_option('{"entities": [...]}, or {"proposals": [...]} with --proposed')


@app.command("entities")
def list_entities(
    proposed: Annotated[bool, typer.Option("--proposed", help="Only the merges proposed for a reviewer.")] = False,
    fmt: EntitiesFormat = Format.text,
    pack: PackOption = None, db: DbOption = None,
) -> None:
    """The dossier's entities (reviewers' merges applied), or with --proposed the names that may be the same
    entity, each with its reason. Nothing is merged until a reviewer says so (`claimscope entity`)."""
    store, review = _review(db, pack)
    names = {e.id: e.name for e in review.entities}
    if proposed:
        rows = [p.to_json(names) for p in review.proposals]
        if fmt is Format.json:
            print_json({"proposals": rows})
            return
        table = Table("entity", "may be", "strength", "why", title=f"{len(rows)} proposed merges (ids to give "
                      "`claimscope entity ID --merge-into ID` or `--keep-apart ID`)")
        for r in rows:
            table.add_row(f"{r['entity_name']}\n[dim]{r['entity']}[/]", f"{r['into_name']}\n[dim]{r['into']}[/]",
                          r["strength"], r["reason"])
        out.print(table)
        return
    from claimscope.link.entities import overview
    from claimscope.store.queries import entity_index

    rows = overview(review.entities, review.merged, entity_index(store, review.merged.canonical)[0])
    if fmt is Format.json:
        print_json({"entities": rows})
        return
    table = Table("entity", "type", "documents", "mentions", title=f"{len(rows)} entities")
    table.add_column("id", no_wrap=True, min_width=18)
    for r in rows:
        merged_names = ", ".join(names.get(m, m) for m in r["merged"])  # type: ignore[attr-defined]
        table.add_row(str(r["name"]) + (f" [dim](with {merged_names})[/]" if merged_names else ""), str(r["type"]),
                      str(r["documents"]), str(r["mentions"]), r["id"])
    out.print(table)


@app.command("entity")
def entity_decision(
    entity_id: Annotated[str, typer.Argument(help="An entity id (see `claimscope entities`).")],
    merge_into: Annotated[str | None, typer.Option("--merge-into", help="Merge it into this entity (its id).")]
    = None,
    keep_apart: Annotated[str | None, typer.Option("--keep-apart", help="Record that it is not this entity (its "
                                                                        "id); undoes a merge of the two.")] = None,
    author: Annotated[str | None, typer.Option(help="Your name, for the record.")] = None,
    pack: PackOption = None, db: DbOption = None,
) -> None:
    """Merge two entities of the dossier, or keep them apart. Decisions are kept through re-analysis."""
    from claimscope.link.entities import decide, entity_map
    from claimscope.store.queries import entity_names

    if (merge_into is None) == (keep_apart is None):
        raise ClaimscopeError("claimscope entity", "give one of --merge-into ID or --keep-apart ID")
    if not author:
        raise ClaimscopeError("--author", "a decision needs your name", "add --author NAME")
    if keep_apart is not None and keep_apart.strip() == entity_id.strip():
        raise ClaimscopeError(f"--keep-apart {keep_apart}", "an entity cannot be kept apart from itself")
    store = open_store(settings_for(db))
    reading(store, pack)  # --pack is remembered, as by the other commands that take it
    decide(store, "merge" if merge_into else "keep-apart", entity_id, merge_into or keep_apart or "", author)
    merged, _ = entity_map(store)
    root = merged.of(entity_id)
    names = entity_names(store, sorted({entity_id, keep_apart or root, *merged.members(root)}))
    members = [names.get(m, m) for m in merged.members(root)]
    out.print(f"recorded: {names.get(entity_id, entity_id)} is now part of {names.get(root, root)} "
              f"({', '.join(members)})" if merge_into else
              f"recorded: {names.get(entity_id, entity_id)} and {names.get(keep_apart or '', keep_apart)} are kept "
              "apart", highlight=False)
