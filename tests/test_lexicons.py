"""The data files are read as their authors meant: YAML 1.1 reads a bare yes, no, on or off as a boolean, so a word
list holding one silently loses the word ("yes" was no stop word of link.yaml, "on" no preposition of grades.yaml)."""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Any

import pytest
import yaml

DATA = Path(str(resources.files("claimscope") / "data"))
PACKS = Path(str(resources.files("claimscope") / "packs"))
FILES = sorted([*DATA.glob("*.yaml"), *PACKS.rglob("*.yaml")])


def word_lists(value: Any, path: str = "") -> list[tuple[str, list]]:
    if isinstance(value, dict):
        return [found for k, v in value.items() for found in word_lists(v, f"{path}/{k}")]
    if isinstance(value, list):
        own = [(path, value)] if any(isinstance(v, str) for v in value) else []
        return own + [found for v in value for found in word_lists(v, path)]
    return []


def test_there_are_data_files() -> None:
    assert {"link.yaml", "grades.yaml", "stances.yaml"} <= {f.name for f in FILES}


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_no_word_list_holds_a_boolean(path: Path) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    bad = [(where, v) for where, words in word_lists(data) for v in words if isinstance(v, bool)]
    assert not bad, f"{path.name}: quote these words, YAML read them as booleans: {bad}"
