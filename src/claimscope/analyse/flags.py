"""Flags: spans whose wording stands in for evidence ("widely viewed", "critics say", "reportedly", "regime").

The words to watch are data: ``claimscope/data/flags.yaml`` (its header documents the kinds, the pattern
mini-syntax and pack overrides). Pure: the packaged YAML is read once. Each pattern is filed under the first
letters of the words it can start with; a text is read once, and at a word start only the regexes filed under its
first letters are tried. Per kind: the first entry matching at a word start (longest pattern first) is a candidate;
candidates overlapping an exception ("Foreign Terrorist Organization", "some 70 officials") or, for kinds that
``skip_in_quotes``, inside a direct quotation are dropped; of overlapping candidates the longer is kept. Across
kinds, a flag inside a longer flag of another kind is dropped ("many experts" in "many experts believe") unless
its kind is ``keep_inside_others`` (labels).
"""

from __future__ import annotations

import copy
import functools
import json
import re
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from claimscope.analyse import lexicon as lexicons
from claimscope.errors import InputError
from claimscope.model import Flag, make_id

SUBJECT = "lexicon flags"
SEP = r"(?:[^\S\n]+\n?[^\S\n]*|\n[^\S\n]*)"  # spaces and tabs with at most one line break
SYNTAX = {" ": SEP, "(": "(?:", ")": ")", "[": "(?:", "]": ")?", "|": "|", "'": "['\u2019\u2018]",
          "-": r"(?:[-\u2010\u2011]|[^\S\n]+)?", "_": r"[^\W\d_][\w'\u2019.\-\u2010\u2011]*",
          "#": r"\d+(?:[.,]\d+)*"}
START = r"(?<![\w\-\u2010\u2011])"  # a word start, not the inside of "anti-terrorist"
FIRST_LETTERS = re.compile(r"\b[^\W\d_]{1,3}")  # how a word start is looked up in FlagLexicon.by_word
LETTERS = re.compile(r"[^\W\d_]*")
QUOTES = re.compile(r"\u201c(?:[^\u201c\u201d\n]|\n(?![^\S\n]*\n)){1,3000}\u201d"
                    r'|"(?:[^"\n]|\n(?![^\S\n]*\n)){1,3000}"|\u00ab[^\u00ab\u00bb]{1,3000}\u00bb')
KIND_KEYS = {"note", "skip_in_quotes", "keep_inside_others", "entries", "exceptions", "remove"}
Spans = list[tuple[int, int, int]]  # (start, end, entry index)


def to_regex(pattern: str) -> str:
    """The Python regex for one PATTERN of the mini-syntax (see flags.yaml)."""
    if pattern.startswith("re:"):
        return pattern[3:]
    body, _, negative = re.sub(r"\s+", " ", pattern.strip()).partition(" !")
    body = re.sub(r" \[([^\]]*)\]", r"[ (\1)]", body)  # a space before an optional part belongs to it
    body = re.sub(r"(^|[(|])\[([^\] ][^\]]*)\] ", r"\1[(\2) ]", body)  # ... and so does one after a leading one
    regex = "".join(SYNTAX.get(c, re.escape(c)) for c in body)
    return regex + (rf"(?!\w)(?!(?:{SEP})?(?:{to_regex(negative)})(?!\w))" if negative else "")


def _keys(pattern: str) -> set[str] | None:
    """The first (up to) three letters, lower-cased, of each word ``pattern`` can start with; None: any word."""
    raw = pattern.startswith("re:")
    if raw:
        pattern = pattern[3:]
    elif pattern[:1] in "([":  # alternatives, or an optional part: each alternative followed by the rest
        depth, alternatives = 0, [""]
        for i, c in enumerate(pattern):
            depth += (c in "([") - (c in ")]")
            if depth == 0:
                break
            if depth == 1 and c == "|":
                alternatives.append("")
            elif i:
                alternatives[-1] += c
        rest = pattern[i + 1:]
        keys = [_keys(a + rest) for a in alternatives] + ([_keys(rest.lstrip())] if c == "]" else [])
        return None if None in keys else set().union(*keys)  # type: ignore[arg-type]
    letters = LETTERS.match(pattern).group()  # type: ignore[union-attr]
    after = pattern[len(letters):len(letters) + 1]
    if raw and after and after in "?*+{":
        letters = letters[:-1]
    if len(letters) >= 3:
        return {letters[:3].lower()}
    if raw or not letters or (after and after in "([_#"):
        return None
    more = _keys(letters + pattern[len(letters) + 1:]) if after == "-" else set()  # "so-called", "socalled"
    return None if more is None else {letters.lower()} | more


@dataclass(frozen=True, slots=True)
class FlagKind:
    name: str
    note: str
    skip_in_quotes: bool
    keep_inside_others: bool
    notes: tuple[str | None, ...]  # per entry, in the order tried (longest pattern first)


@dataclass(frozen=True, slots=True, eq=False)
class FlagLexicon:
    """Compiled words to watch. Slot ``2k`` holds kind ``k``'s entries, slot ``2k + 1`` its exceptions."""

    kinds: tuple[FlagKind, ...]
    by_word: dict[str, tuple[tuple[int, re.Pattern[str]], ...]]  # first letters of a word -> what may start there
    anywhere: tuple[tuple[int, re.Pattern[str]], ...]  # patterns without a literal first word: searched throughout


def _check(kind: str, entry: Any) -> str:
    pattern = entry.get("pattern") if isinstance(entry, dict) else entry
    if not isinstance(pattern, str) or not pattern.strip():
        raise InputError(SUBJECT, f"kind {kind!r}: an entry is not a pattern: {pattern!r}")
    try:
        groups = re.compile(to_regex(pattern), re.IGNORECASE).groups
    except re.error as error:
        raise InputError(SUBJECT, f"kind {kind!r}: pattern {pattern!r} is not valid ({error})",
                         "see the mini-syntax at the top of claimscope/data/flags.yaml") from None
    if groups:
        raise InputError(SUBJECT, f"kind {kind!r}: pattern {pattern!r} has a capturing group",
                         "write (?:...) in a raw re: pattern")
    return pattern


def _merge(base: dict[str, Any], overrides: dict[str, Any] | None) -> dict[str, dict[str, Any]]:
    kinds: dict[str, dict[str, Any]] = copy.deepcopy(base.get("kinds") or {})
    if overrides and (not isinstance(overrides, dict) or set(overrides) - {"kinds"}):
        raise InputError(SUBJECT, f"unexpected override {overrides!r}",
                         "write `flags: {kinds: {KIND: {entries: [...], exceptions: [...], remove: [...]}}}`")
    known = list(kinds)  # the audit schema lists the kinds: a pack may change them, not add one
    for name, spec in ((overrides or {}).get("kinds") or {}).items():
        if name not in known:
            raise InputError(SUBJECT, f"unknown kind {name!r}", f"the kinds are: {', '.join(known)}")
        if spec is None:  # `KIND: null` switches the kind off
            kinds.pop(name, None)
            continue
        if not isinstance(spec, dict) or set(spec) - KIND_KEYS:
            raise InputError(SUBJECT, f"kind {name!r}: unexpected override {spec!r}",
                             f"its keys can be: {', '.join(sorted(KIND_KEYS))}")
        kind = kinds[name]
        removed = set(spec.get("remove") or [])
        for key in ("entries", "exceptions"):
            kind[key] = [e for e in kind.get(key) or [] if (e.get("pattern") if isinstance(e, dict) else e)
                         not in removed] + list(spec.get(key) or [])
        kind.update({k: spec[k] for k in ("note", "skip_in_quotes", "keep_inside_others") if k in spec})
    return kinds


@functools.lru_cache(maxsize=32)
def _compiled(key: str) -> FlagLexicon:
    kinds: list[FlagKind] = []
    by_word: dict[str, list[tuple[int, re.Pattern[str]]]] = defaultdict(list)
    anywhere: list[tuple[int, re.Pattern[str]]] = []
    for name, spec in _merge(lexicons.load("flags"), json.loads(key)).items():
        entries = sorted(spec.get("entries") or [], key=lambda e: -len(_check(name, e)))
        notes = tuple(e.get("note") if isinstance(e, dict) else None for e in entries)
        kinds.append(FlagKind(name, spec["note"], bool(spec.get("skip_in_quotes")),
                              bool(spec.get("keep_inside_others")), notes))
        lists = [_check(name, e) for e in entries], [_check(name, e) for e in spec.get("exceptions") or []]
        for slot, patterns in enumerate(lists, start=2 * len(kinds) - 2):
            filed: dict[str | None, list[int]] = defaultdict(list)
            for i, pattern in enumerate(patterns):
                for word in _keys(pattern) or [None]:
                    filed[word].append(i)
            for word, indexes in filed.items():
                parts = "|".join(rf"(?P<e{i}>{to_regex(patterns[i])})(?!\w)" for i in indexes)
                if word is None:  # searched throughout, so a zero-width look-ahead finds overlapping ones too
                    anywhere.append((slot, re.compile(f"{START}(?=(?:{parts}))", re.IGNORECASE)))
                else:
                    by_word[word].append((slot, re.compile(f"{START}(?:{parts})", re.IGNORECASE)))
    return FlagLexicon(tuple(kinds), {w: tuple(v) for w, v in by_word.items()}, tuple(anywhere))


@functools.cache
def kind_label(kind: str) -> str:
    """A kind's name as a reader sees it ("weasel" -> "Weasel words"); the audit JSON keeps the kind itself."""
    spec = (lexicons.load("flags").get("kinds") or {}).get(kind) or {}
    return str(spec.get("label") or kind.replace("-", " ").capitalize())


def load_lexicon(overrides: dict | None = None) -> FlagLexicon:
    """The packaged words to watch, with a dossier pack's ``lexicon: {flags: ...}`` applied; compiled, cached."""
    return _compiled(json.dumps(overrides or {}, sort_keys=True))


def _candidates(lexicon: FlagLexicon, text: str) -> list[Spans]:
    """Per slot, the (start, end, entry index) of the first entry matching at each word start, by start."""
    found: list[Spans] = [[] for _ in range(2 * len(lexicon.kinds))]
    by_word = lexicon.by_word
    for word in FIRST_LETTERS.finditer(text):
        for slot, regex in by_word.get(word.group().lower(), ()):
            m = regex.match(text, word.start())
            if m:
                found[slot].append((m.start(), m.end(), int(m.lastgroup[1:])))  # type: ignore[index]
    for slot, regex in lexicon.anywhere:
        found[slot].extend((*m.span(m.lastgroup), int(m.lastgroup[1:])) for m in regex.finditer(text))  # type: ignore
    for spans in found:
        spans.sort()
    return found


def _mask(spans: list[tuple[int, int]], size: int) -> bytearray:
    """1 at each position covered by ``spans``."""
    mask = bytearray(size)
    for start, end in spans:
        mask[start:end] = b"\x01" * (end - start)
    return mask


def find_flags(doc_id: str, text: str, lexicon: FlagLexicon | None = None) -> list[Flag]:
    """The flags in ``text``, sorted by start; ``text[flag.start:flag.end] == flag.text``."""
    lexicon = lexicon or load_lexicon()
    found = _candidates(lexicon, text)
    quoted = _mask([m.span() for m in QUOTES.finditer(text)], len(text)) \
        if any(k.skip_in_quotes for k in lexicon.kinds) else bytearray()
    flags: list[Flag] = []
    for k, kind in enumerate(lexicon.kinds):
        excluded = _mask([(s, e) for s, e, _ in found[2 * k + 1]], len(text)) if found[2 * k + 1] else None
        kept: Spans = []
        for start, end, entry in found[2 * k]:
            if (excluded and 1 in excluded[start:end]) or (kind.skip_in_quotes and 0 not in quoted[start:end]):
                continue
            if kept and start < kept[-1][1]:  # overlaps the previous one of this kind: keep the longer
                if end - start > kept[-1][1] - kept[-1][0]:
                    kept[-1] = (start, end, entry)
                continue
            kept.append((start, end, entry))
        flags.extend(Flag(make_id("f", doc_id, s, e, kind.name), kind.name, text[s:e], s, e,
                          kind.notes[i] or kind.note) for s, e, i in kept)
    flags.sort(key=lambda f: (f.start, f.start - f.end, f.kind))
    result: list[Flag] = []
    cover: Flag | None = None  # the kept flag reaching furthest so far
    keep = {kind.name for kind in lexicon.kinds if kind.keep_inside_others}
    for flag in flags:
        if cover and flag.end <= cover.end and cover.end - cover.start > flag.end - flag.start \
                and flag.kind not in keep:
            continue  # inside a longer flag of another kind
        result.append(flag)
        if cover is None or flag.end > cover.end:
            cover = flag
    return result
