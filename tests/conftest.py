"""Shared fixtures. Third-party documents are read from ../shared (beside the repository): tests that need
them skip when it is absent, except under CI=true, where a missing folder fails the run instead."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from claimscope.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("CLAIMSCOPE_SHARED", ROOT.parent / "shared"))
EXAMPLE = ROOT / "examples" / "000-collaboration-with-saddam.txt"
EXAMPLE_TITLE = "Collaboration with Saddam: A Criminal Record That Rajavi Denies"
IN_CI = os.environ.get("CI", "").lower() == "true"


def need(path: Path) -> Path:
    """``path`` if it exists; otherwise skip (or fail under CI=true)."""
    if not path.exists():
        message = f"{path} is missing (the shared corpus and data sit beside the repository)"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    return path


@pytest.fixture
def corpus() -> Path:
    return need(SHARED / "corpus" / "mek-iraq")


@pytest.fixture(scope="session")
def corpus_dossier(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A dossier (SQLite file) of the corpus documents analysed with the bundled pack, made once per run.
    Tests that change it put it back as it was."""
    from claimscope.analyse import analyse
    from claimscope.ingest import read_source
    from claimscope.link import index
    from claimscope.pack import bundled_pack_dir, load_pack
    from claimscope.store import Store

    pack = load_pack(bundled_pack_dir())
    store = Store(tmp_path_factory.mktemp("corpus") / "dossier.sqlite")
    store.set_setting("pack", "mek-iraq")  # remembered, as `claimscope ingest --pack mek-iraq` does
    for path in sorted(need(SHARED / "corpus" / "mek-iraq").glob("*.txt")):
        store.save(analyse(read_source(str(path), Settings()), pack))
    index.ensure(store, pack)  # linked, as ingest links each document: a read-only server cannot store links
    store.engine.dispose()
    return store.path


@pytest.fixture(scope="module")
def corpus_client(corpus_dossier: Path, tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """The web app on a copy of the corpus dossier, one per test module (its tests may change the copy)."""
    import shutil

    from fastapi.testclient import TestClient

    from claimscope.web import WebSettings, create_app

    db = Path(shutil.copy(corpus_dossier, tmp_path_factory.mktemp("web") / "dossier.sqlite"))
    with TestClient(create_app(WebSettings(settings=Settings(db=db), pack="mek-iraq"))) as client:
        yield client


def results(html: str) -> int:
    """How many results a search page says it shows."""
    import re

    found = re.search(r"(\d+) results? for", html)
    assert found, html
    return int(found.group(1))


@pytest.fixture(scope="session")
def published_site(corpus_dossier: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The corpus dossier published as a static site (`claimscope publish`), made once per run."""
    from claimscope.web.publish import publish

    site = tmp_path_factory.mktemp("site") / "site"
    publish(Settings(db=corpus_dossier), None, site)
    return site


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "dossier.sqlite"


@pytest.fixture
def settings(db: Path) -> Settings:
    return Settings(db=db)


def run_cli(*args: str, db: Path | None = None, stdin: bytes | None = None,
            env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run the installed ``claimscope`` command as a user would, in a subprocess."""
    full_env = {**os.environ, **(env or {})}
    if db is not None:
        full_env["CLAIMSCOPE_DB"] = str(db)
    done = subprocess.run([sys.executable, "-m", "claimscope", *args], input=stdin or b"", capture_output=True,
                          env=full_env, cwd=ROOT, timeout=300, check=False)
    return subprocess.CompletedProcess(done.args, done.returncode, done.stdout.decode("utf-8", "replace"),
                                       done.stderr.decode("utf-8", "replace"))


@pytest.fixture
def cli():
    return run_cli
