"""Lexicons are data: YAML files in ``claimscope/data/``, read once, overridable by a dossier pack.

A pack's ``lexicon: {NAME: {key: value}}`` replaces the top-level keys it names in ``NAME.yaml``; to extend
a list, repeat it with the additions.
"""

from __future__ import annotations

import copy
import functools
import hashlib
import json
from importlib import resources
from typing import Any

import yaml


@functools.cache
def _packaged(name: str) -> dict[str, Any]:
    text = (resources.files("claimscope") / "data" / f"{name}.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text) or {}


def load(name: str, overrides: dict[str, Any] | None = None) -> dict[str, Any]:
    """The lexicon ``name`` with a pack's overrides applied (a fresh copy: callers may keep it)."""
    data = copy.deepcopy(_packaged(name))
    data.update(copy.deepcopy((overrides or {}).get(name) or {}))
    return data


# Read after analysis, never by it: a change to them must not mark every stored audit as made by another version
# (linking has its own version, link/index.py; grades are computed when read)
NOT_ANALYSIS = frozenset({"link", "grades"})


def analysis_lexicons() -> list[str]:
    """The packaged lexicons analysis reads (every one but ``NOT_ANALYSIS``), by name."""
    folder = resources.files("claimscope") / "data"
    return sorted(f.name.removesuffix(".yaml") for f in folder.iterdir()
                  if f.name.endswith(".yaml") and f.name.removesuffix(".yaml") not in NOT_ANALYSIS)


@functools.cache
def digest() -> str:
    """A short digest of the packaged lexicons analysis reads, part of the analysis version."""
    folder = resources.files("claimscope") / "data"
    return hashlib.sha256(b"".join((folder / f"{name}.yaml").read_bytes()
                                   for name in analysis_lexicons())).hexdigest()[:10]


def fingerprint(overrides: dict[str, Any] | None) -> str:
    return json.dumps(overrides or {}, sort_keys=True)
