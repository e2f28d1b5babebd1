"""Dossier packs: the subject of a dossier as data (YAML), never as code.

A pack is a folder with a ``pack.yaml``::

    name: mek-iraq
    description: ...
    entities:            # the gazetteer
      - id: mek
        name: People's Mojahedin Organization of Iran
        type: Organization            # Person | Organization | Place | Event | Group | Other
        aliases: [MEK, MKO, PMOI]     # matched case-sensitively when all capitals, else case-insensitively
        pejorative: [Monafeqin]       # names one side uses to disparage it: matched like aliases, and marked so
        wikidata: null
        context: [he, founder]        # words near a shared alias that point to this entity
    groups:              # one name for several entities at once ("the Rajavis")
      - alias: Rajavis
        members: [massoud-rajavi, maryam-rajavi]
    periods:             # named periods, with their EDTF interval; each is also an Event entity
      - id: iran-iraq-war
        name: Iran–Iraq War
        edtf: 1980-09-22/1988-08-20
        aliases: [Iran-Iraq War]
    parties:             # the sides of the dispute
      - id: mek-side
        name: The MEK and its supporters
        entities: [mek]
    publishers:          # publisher (name or web domain) -> party id, and optionally the organisation's one
      - match: nejatngo.org  # name, so that its labels ("... (media note)", "State Dept ...") count as one publisher
        party: critics
        name: Nejat Society
      - match: example-monitor.org  # or `independent: true` instead of a party: the pack's author vouches that it is
        independent: true           # independent of every party; a publisher the pack does not place is unknown
    lexicon: {}          # overrides of the analysis lexicons by name: `flags` adds and removes entries (see
                         # data/flags.yaml); the others replace the top-level keys they name

An alias that two entities share ("Rajavi") is ambiguous: the analysis resolves it from context or marks it
ambiguous, never guesses. ``load_pack`` checks the whole file and reports every problem at once.
"""

from __future__ import annotations

import functools
import hashlib
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from claimscope.dates import parse as parse_edtf
from claimscope.errors import InputError

ENTITY_TYPES = {"Person", "Organization", "Place", "Event", "Group", "Other"}
BUNDLED = "mek-iraq"  # the example dossier's pack, shipped inside the package


@dataclass(frozen=True, slots=True)
class PackEntity:
    id: str
    name: str
    type: str
    aliases: tuple[str, ...] = ()  # the pejorative names too, so they are matched like the others
    wikidata: str | None = None
    context: tuple[str, ...] = ()
    pejorative: tuple[str, ...] = ()  # names one side uses to disparage it ("Monafeqin"): shown as such


@dataclass(frozen=True, slots=True)
class Group:
    alias: str
    members: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Period:
    id: str
    name: str
    edtf: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Party:
    id: str
    name: str
    entities: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Pack:
    name: str
    digest: str  # of pack.yaml: part of the analysis version, so a changed pack means re-analysis
    path: str | None = None
    description: str = ""
    entities: tuple[PackEntity, ...] = ()
    groups: tuple[Group, ...] = ()
    periods: tuple[Period, ...] = ()
    parties: tuple[Party, ...] = ()
    publishers: tuple[tuple[str, str | None], ...] = ()  # (match, party id, or None for an independent publisher)
    publisher_names: tuple[tuple[str, str], ...] = ()  # (match, the organisation's one name), where the pack gives it
    lexicon: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)

    def entity(self, entity_id: str) -> PackEntity | None:
        return next((e for e in self.entities if e.id == entity_id), None)

    def pejorative_names(self) -> frozenset[str]:
        """The names (lowercased) that one side uses to disparage an entity of the pack."""
        return frozenset(n.lower() for e in self.entities for n in e.pejorative)

    def other_names(self) -> dict[str, tuple[str, ...]]:
        """Each name or alias of the pack's entities (lowercased) -> every name of its entity, for search: "MKO"
        finds the texts that say "PMOI". An alias two entities share is left out (it names neither for sure)."""
        owners: dict[str, set[str]] = {}
        for e in self.entities:
            for name in (e.name, *e.aliases):
                owners.setdefault(name.lower(), set()).add(e.id)
        return {name.lower(): (e.name, *e.aliases) for e in self.entities for name in (e.name, *e.aliases)
                if len(owners[name.lower()]) == 1}

    def names_of(self, name: str) -> tuple[str, ...]:
        """Every name of the pack's entity (or period) that ``name`` is a name or an alias of, in any case, its own
        name first; () if it is none of theirs. An alias two of them share names neither for sure: AmbiguousName,
        naming them, so that a filter says so rather than pick one."""
        key = name_key(name)
        owners = [x for x in (*self.entities, *self.periods) if key in {name_key(n) for n in (x.name, *x.aliases)}]
        if len(owners) > 1:
            raise AmbiguousName(name, f"names more than one entity of the pack ({', '.join(x.name for x in owners)})",
                                "give the full name of the one you mean")
        return (owners[0].name, *owners[0].aliases) if owners else ()

    def side_of_publisher(self, publisher: str | None, url: str | None) -> str | None:
        """The party a publisher belongs to, from its name or its web address; None if unknown.
        The first listed match wins, so a pack lists the more specific matches first."""
        first = self._first_match(publisher, url)
        return dict(self.publishers).get(first) if first else None

    def independent_publisher(self, publisher: str | None, url: str | None) -> bool:
        """Whether the pack vouches that a publisher is independent of every party (``independent: true``)."""
        first = self._first_match(publisher, url)
        return first is not None and dict(self.publishers).get(first) is None

    def publisher_name(self, publisher: str | None, url: str | None) -> str | None:
        """The one name the pack gives the organisation behind a publisher label, if the first match has one."""
        first = self._first_match(publisher, url)
        return dict(self.publisher_names).get(first) if first else None

    def _first_match(self, publisher: str | None, url: str | None) -> str | None:
        """The first of the pack's publisher matches in the label or the address, not counting one a hedge leads
        ("in the style of State Dept 'Patterns of Global Terrorism'" says who it imitates, not who published it)."""
        haystack = " ".join(x.lower() for x in (publisher, url) if x)
        return next((match for match, _ in self.publishers if _unhedged(match.lower(), haystack)), None)


class AmbiguousName(InputError):
    """A name that two or more of a pack's entities share ("Rajavi": Massoud or Maryam)."""


def name_key(name: str) -> str:
    """A name as compared with a pack's names: any case, any spacing, either apostrophe ("People’s", "People's")."""
    return " ".join(name.replace("’", "'").split()).lower()


@functools.cache
def _hedges() -> tuple[str, ...]:
    from claimscope.analyse import lexicon  # here: analysis imports the pack

    return tuple(lexicon.load("sources")["publisher_hedges"])


def _unhedged(match: str, haystack: str) -> bool:
    """Whether ``match`` is in ``haystack`` once at least without a hedge before it (``publisher_hedges``)."""
    hedges = _hedges()
    start = haystack.find(match)
    while start >= 0:
        if not haystack[:start].rstrip(" '\"(").endswith(hedges):
            return True
        start = haystack.find(match, start + 1)
    return False


def bundled_pack_dir(name: str = BUNDLED) -> Path:
    return Path(str(resources.files("claimscope") / "packs" / name))


def resolve_pack_dir(value: str) -> Path:
    """``--pack`` takes a folder, or the name of a pack shipped with claimscope."""
    path = Path(value).expanduser()
    if path.is_dir() or "/" in value or value.startswith("."):
        return path
    bundled = bundled_pack_dir(value)
    return bundled if bundled.is_dir() else path


def load_pack(directory: Path) -> Pack:
    subject = str(directory)
    file = directory / "pack.yaml"
    if not directory.exists():  # a mistyped name: not "a folder without pack.yaml"
        bundled = sorted(p.name for p in bundled_pack_dir().parent.iterdir() if (p / "pack.yaml").is_file())
        raise InputError(subject, "no such pack", f"give a folder with a pack.yaml, or a bundled pack: "
                                                   f"{', '.join(bundled)}")
    if not file.is_file():
        raise InputError(subject, "is not a dossier pack (no pack.yaml in it)")
    raw = file.read_bytes()
    key = (str(directory.resolve()), hashlib.sha256(raw).hexdigest())
    if key in _LOADED:  # the web app asks for the dossier's pack on every request: parse each version once
        return _LOADED[key]
    try:
        data = yaml.safe_load(raw) or {}
    except yaml.YAMLError as exc:
        raise InputError(str(file), f"is not valid YAML ({str(exc).splitlines()[0]})") from None
    problems: list[str] = []
    pack = _build(data, problems, hashlib.sha256(raw).hexdigest()[:12], str(directory))
    if problems:
        raise InputError(str(file), "; ".join(problems[:8]) + (f" (and {len(problems) - 8} more)"
                                                                 if len(problems) > 8 else ""))
    _LOADED[key] = pack
    return pack


_LOADED: dict[tuple[str, str], Pack] = {}


KNOWN_KEYS = {"name", "description", "entities", "groups", "periods", "parties", "publishers", "lexicon"}


def _strings(value: Any) -> tuple[str, ...]:
    """A list of non-empty strings; a lone string is a list of one (``aliases: MEK``)."""
    if isinstance(value, str):
        value = [value]
    return tuple(str(v).strip() for v in value or () if v is not None and str(v).strip())


def _mappings(data: dict[str, Any], key: str, problems: list[str]) -> list[tuple[str, dict[str, Any]]]:
    items = data.get(key) or []
    if not isinstance(items, list):
        problems.append(f"{key} must be a list")
        return []
    out = []
    for i, item in enumerate(items):
        if isinstance(item, dict):
            out.append((f"{key}[{i}]", item))
        else:
            problems.append(f"{key}[{i}] must be a mapping")
    return out


def _build(data: Any, problems: list[str], digest: str, path: str) -> Pack:
    if not isinstance(data, dict):
        problems.append("the file must hold a mapping (name:, entities:, ...)")
        return Pack(name="?", digest=digest)
    problems.extend(f"unknown key {k!r} (known: {', '.join(sorted(KNOWN_KEYS))})" for k in data if k not in KNOWN_KEYS)
    entities, ids = [], set()
    for where, e in _mappings(data, "entities", problems):
        if not e.get("id") or not e.get("name"):
            problems.append(f"{where} needs an id and a name")
            continue
        if e.get("type") not in ENTITY_TYPES:
            problems.append(f"{where} ({e['id']}): type must be one of {', '.join(sorted(ENTITY_TYPES))}")
        if e["id"] in ids:
            problems.append(f"{where}: duplicate id {e['id']!r}")
        wikidata = e.get("wikidata")
        if wikidata is not None and not (isinstance(wikidata, str) and wikidata[:1] == "Q" and wikidata[1:].isdigit()):
            problems.append(f"{where} ({e['id']}): wikidata must be an id like Q1316, or null")
        ids.add(str(e["id"]))
        pejorative = _strings(e.get("pejorative"))
        aliases = _strings(e.get("aliases"))
        entities.append(PackEntity(str(e["id"]), str(e["name"]), str(e.get("type")),
                                   aliases + tuple(n for n in pejorative if n not in aliases), wikidata,
                                   _strings(e.get("context")), pejorative))
    periods = []
    for where, p in _mappings(data, "periods", problems):
        if not p.get("id") or not p.get("name"):
            problems.append(f"{where} needs an id and a name")
            continue
        try:
            parsed = parse_edtf(str(p.get("edtf")))
        except ValueError:
            problems.append(f"{where}: edtf {p.get('edtf')!r} is not EDTF (e.g. 1980-09-22/1988-08-20)")
            continue
        if hasattr(parsed, "lower") and hasattr(parsed, "upper") and parsed.lower_strict() > parsed.upper_strict():
            problems.append(f"{where}: the interval {p['edtf']} ends before it starts")
        if p["id"] in ids:
            problems.append(f"{where}: duplicate id {p['id']!r} (ids are shared by entities and periods)")
        ids.add(str(p["id"]))
        periods.append(Period(str(p["id"]), str(p["name"]), str(p["edtf"]), _strings(p.get("aliases"))))
    groups = []
    for where, g in _mappings(data, "groups", problems):
        members = _strings(g.get("members"))
        missing = [m for m in members if m not in ids]
        if missing or not members or not g.get("alias"):
            problems.append(f"{where}: needs an alias and members that are entity ids (unknown: {missing})")
            continue
        groups.append(Group(str(g["alias"]), members))
    parties = []
    for where, p in _mappings(data, "parties", problems):
        unknown = [m for m in _strings(p.get("entities")) if m not in ids]
        if not p.get("id") or unknown or p["id"] in {x.id for x in parties}:
            problems.append(f"{where}: needs a unique id and entities that are entity ids (unknown: {unknown})")
            continue
        parties.append(Party(str(p["id"]), str(p.get("name", p["id"])), _strings(p.get("entities"))))
    party_ids = {p.id for p in parties}
    publishers, publisher_names = [], []
    for where, p in _mappings(data, "publishers", problems):
        independent = p.get("independent") is True
        both = "independent" in p and "party" in p
        if not p.get("match") or not (independent or p.get("party") in party_ids) or both:
            problems.append(f"{where}: needs a match, and either a party among the pack's parties or `independent: "
                            f"true` (got party {p.get('party')!r}, independent {p.get('independent')!r})")
            continue
        publishers.append((str(p["match"]), None if independent else str(p["party"])))
        if p.get("name"):
            publisher_names.append((str(p["match"]), str(p["name"])))
    lexicon = data.get("lexicon") or {}
    if not isinstance(lexicon, dict):
        problems.append("lexicon must be a mapping of lexicon name -> overrides")
        lexicon = {}
    return Pack(name=str(data.get("name") or Path(path).name), digest=digest, path=path,
                description=str(data.get("description") or ""), entities=tuple(entities), groups=tuple(groups),
                periods=tuple(periods), parties=tuple(parties), publishers=tuple(publishers),
                publisher_names=tuple(publisher_names), lexicon=dict(lexicon))
