"""`claimscope propositions` and `claimscope proposition`: the claims the dossier's documents share, gathered into
propositions with their stance maps and grades, and the reviewer's merge, detach and add decisions."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.text import Text

from claimscope.cli import (
    DbOption,
    Format,
    PackOption,
    PropositionsFormat,
    app,
    err,
    open_store,
    out,
    print_json,
    reading,
    report,
    settings_for,
)
from claimscope.errors import ClaimscopeError
from claimscope.pack import AmbiguousName, Pack
from claimscope.store import Store


def _propositions(db: Path | None, pack: str | None):  # type: ignore[no-untyped-def]
    """The dossier, the pack it is read with (noted on stderr as ``reading`` does, once) and its propositions."""
    store = open_store(settings_for(db))
    chosen = reading(store, pack)
    return store, chosen, _build(store, chosen)


def _build(store: Store, pack: Pack | None):  # type: ignore[no-untyped-def]
    from claimscope.link.propositions import build

    with err.status("linking claims across documents …"):
        return build(store, pack)


@app.command()
def propositions(
    contested: Annotated[bool, typer.Option("--contested", help="Only propositions someone denies or disputes.")]
    = False,
    entity: Annotated[str | None, typer.Option(help="Only propositions naming this entity (its id, or part of a "
                                                    "name).")]
    = None,
    fmt: PropositionsFormat = Format.text,
    pack: PackOption = None,
    db: DbOption = None,
) -> None:
    """The claims the dossier's documents share, gathered into propositions, with who asserts or denies them
    and the grade of their support (never a verdict of truth)."""
    from claimscope.link.propositions import SCHEMA

    if entity is not None and not entity.strip():  # a blank name is part of every name: refused, not "all"
        raise ClaimscopeError(f"--entity {entity!r}", "needs an entity's id or name",
                              "see `claimscope entities` for their names and ids")
    store, chosen, found = _propositions(db, pack)
    shared = bool(found)
    if contested:
        found = [p for p in found if p.contested]
    if entity:
        ids = _entity_ids(store, entity.strip())
        if ids:  # an id, as `claimscope entities` and `claimscope search` show them
            found = [p for p in found if any(e in ids for m in p.members for e in m.claim.entities)]
        else:
            needles = _needles(store, chosen, entity)
            matched = _entity_matches(store, needles)
            if not matched:
                raise ClaimscopeError(f"--entity {entity}", "no entity of this dossier matches it",
                                      "see `claimscope entities` for their names and ids")
            if len(matched) > 1:  # "Iran" is part of many names: say which, or the filter looks like none
                shown = ", ".join(matched[:6]) + (f" and {len(matched) - 6} more" if len(matched) > 6 else "")
                err.print(f"note: --entity {entity.strip()!r} matches {len(matched)} entities: {shown} (an id "
                          "from `claimscope entities` names one)", markup=False, highlight=False)
            found = [p for p in found if any(n in p.names.get(e, "").lower() for m in p.members
                                             for e in m.claim.entities for n in needles)]
    if fmt is Format.json:
        print_json({"schema": SCHEMA, "propositions": [p.to_json() for p in found]})
    elif not found and shared:  # the filters, not the dossier, left nothing: say which
        out.print(f"no {'contested ' if contested else ''}proposition"
                  f"{f' names an entity matching {entity.strip()!r}' if entity else ' yet'}", highlight=False)
    else:
        report.propositions(out, found)


def _entity_ids(store: Store, value: str) -> set[str]:
    """The ids ``value`` stands for if it is an entity's id: that entity and those a reviewer merged with it (as
    `claimscope entities` lists it); none if it is not an id."""
    from claimscope.link.entities import entity_map
    from claimscope.store.queries import entity_names

    if not entity_names(store, [value]):
        return set()
    merged = entity_map(store)[0]
    return set(merged.members(merged.of(value)))


def _needles(store: Store, pack: Pack | None, entity: str) -> set[str]:
    """What ``--entity`` looks for (lower case): the part of a name given and, for a name the pack knows, all its
    entity's names ("MKO" finds the MEK, whose name is another). An alias two entities share adds none: the part
    of a name it is may find both, never one picked; if it finds neither, the error says it is shared."""
    needle = entity.strip().lower()
    try:
        others = pack.names_of(entity) if pack and needle else ()
    except AmbiguousName as exc:
        if not _entity_matches(store, {needle}):
            raise ClaimscopeError(f"--entity {entity}", exc.problem, exc.hint) from None
        others = ()
    return {needle, *(n.lower() for n in others)}


def _entity_matches(store: Store, needles: set[str]) -> list[str]:
    """The names of the dossier's entities that have one of ``needles`` (lower case) in them, sorted."""
    from sqlalchemy import select

    from claimscope.store import schema as t

    with store.session() as s:  # in Python: SQLite's lower() leaves non-ASCII letters as they are
        names = set(s.scalars(select(t.EntityRow.name)))
    return sorted(name for name in names if any(n in name.lower() for n in needles))


@app.command()
def proposition(prop_id: Annotated[str, typer.Argument(help="A proposition id (or its first characters).")],
                merge: Annotated[str | None, typer.Option(help="Merge it with this other proposition (its id).")]
                = None,
                detach: Annotated[str | None, typer.Option(help="Take this claim (its id) out of it.")] = None,
                add: Annotated[str | None, typer.Option(help="Add this claim (its id) to it: one of the claims it "
                                                             "lists as may state it too, or any other.")] = None,
                author: Annotated[str | None, typer.Option(help="Your name, for --merge, --detach and --add.")]
                = None,
                fmt: PropositionsFormat = Format.text,
                pack: PackOption = None, db: DbOption = None) -> None:
    """One proposition: its stance map (each document and holder with its stance and side), its grade, and the
    claims that may state it too. --merge, --detach and --add record a reviewer's decision, which later
    clustering respects."""
    from claimscope.link.propositions import SCHEMA, decide, holding, one, suggested
    from claimscope.store.queries import claim_ids

    for option, value, hint in (("--merge", merge, "another proposition's id (see `claimscope propositions`)"),
                                ("--detach", detach, "the id of one of its claims (see `claimscope proposition "
                                                     "ID --format json`)"),
                                ("--add", add, "a claim's id (those that may state it too are listed by "
                                               "`claimscope proposition ID`)")):
        if value is not None and not value.strip():  # an empty id names nothing: say so before looking it up
            raise ClaimscopeError(f"{option} {value!r}", "needs an id", f"give {hint}")
    store, read_with, everything = _propositions(db, pack)
    chosen = one(everything, prop_id, claim_ids(store))
    asked = [option for option, value in (("--merge", merge), ("--detach", detach), ("--add", add))
             if value is not None]
    if asked:
        # everything is checked before anything is written: a refused decision leaves the dossier as it was
        if len(asked) > 1:
            raise ClaimscopeError("/".join(asked), "one decision at a time", "run the command once for each")
        if not author:
            raise ClaimscopeError("--author", "a decision needs your name", "add --author NAME")
        if merge is not None:
            other = one(everything, merge)
            if other.id == chosen.id:
                raise ClaimscopeError(merge, "is the same proposition: nothing to merge")
            decision = ("merge", chosen.members[0].claim.id, other.members[0].claim.id)
        elif add is not None:
            if any(m.claim.id == add for m in chosen.members):
                raise ClaimscopeError(add, f"is a claim of proposition {chosen.id} already")
            decision = ("merge", chosen.members[0].claim.id, add.strip())
        else:
            if not any(m.claim.id == detach for m in chosen.members):
                raise ClaimscopeError(detach or "--detach", f"is not a claim of proposition {chosen.id}")
            decision = ("detach", detach, None)
        decide(store, *decision, author)
        now = _build(store, read_with)
        if fmt is Format.json:
            print_json({"schema": SCHEMA, "propositions": [p.to_json() for p in now]})
            return
        # say where the claims went: taking out a proposition's first claim, or merging, renames it
        if detach is not None:
            rest = holding(now, {m.claim.id for m in chosen.members} - {detach})
            outcome = f"{detach} taken out of {chosen.id}; " + (
                f"the other claims are now {rest.id}" if rest else
                "the other claims form no proposition now (a proposition needs claims of two documents)")
        else:
            joined = holding(now, {chosen.members[0].claim.id})
            outcome = f"the claims are now {joined.id}" if joined else "no proposition holds them now"
        out.print(Text(f"decision recorded: {outcome}. The propositions are now:"))
        report.propositions(out, now)
        return
    offered = suggested(store, read_with, chosen, everything)
    if fmt is Format.json:
        print_json({"schema": SCHEMA, "propositions": [
            {**chosen.to_json(), "suggested": [s.to_json() for s in offered]}]})
    else:
        report.proposition(out, chosen, offered)
