"""Settings, declared once: each with its default, its environment variable and its help text.

The CLI builds its options' help from ``SETTINGS``; nothing else reads the environment.
"""

from __future__ import annotations

import ipaddress
import math
import os
from dataclasses import dataclass, field, fields
from pathlib import Path

import platformdirs

MB = 1024 * 1024


def default_db_path() -> Path:
    return Path(platformdirs.user_data_dir("claimscope")) / "dossier.sqlite"


@dataclass(frozen=True)
class Settings:
    db: Path = field(default_factory=default_db_path, metadata={
        "env": "CLAIMSCOPE_DB", "help": "The dossier's SQLite file."})
    max_bytes: int = field(default=25 * MB, metadata={
        "env": "CLAIMSCOPE_MAX_BYTES", "help": "Largest input read, in bytes (files, stdin and URLs)."})
    fetch_timeout: float = field(default=20.0, metadata={
        "env": "CLAIMSCOPE_FETCH_TIMEOUT", "help": "Seconds allowed for each URL request."})
    max_redirects: int = field(default=5, metadata={
        "env": "CLAIMSCOPE_MAX_REDIRECTS", "help": "Redirects followed when fetching a URL."})
    allow_networks: tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...] = field(default=(), metadata={
        "env": "CLAIMSCOPE_ALLOW_NETWORKS",
        "help": "Comma-separated address ranges a URL may reach although they are private or loopback "
                "(e.g. 127.0.0.1/32 for a local test server). Empty: only public addresses."})

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None, **overrides: object) -> Settings:
        env = os.environ if environ is None else environ
        values: dict[str, object] = {}
        for f in fields(cls):
            raw = env.get(f.metadata["env"])
            if raw not in (None, ""):
                values[f.name] = parse_setting(f.name, raw, f.metadata["env"])  # named as the user set it
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)  # type: ignore[arg-type]


def parse_setting(name: str, raw: str, where: str) -> object:
    """A setting's value from its text; ``where``: how the user gave it (an environment variable's name)."""
    from claimscope.errors import InputError

    try:
        if name == "db":
            return Path(raw).expanduser()
        if name in ("max_bytes", "max_redirects"):
            try:
                value = int(raw)
            except ValueError:  # int()'s own message names Python, not the setting
                raise ValueError("not a whole number") from None
            if value < 0:
                raise ValueError("must not be negative")
            if value == 0 and name == "max_bytes":  # no redirects is a choice; no bytes refuses every input
                raise ValueError("must be positive")
            return value
        if name == "fetch_timeout":
            try:
                seconds = float(raw)
            except ValueError:
                raise ValueError("not a number of seconds") from None
            if not seconds > 0:  # also nan; the HTTP client would fail later with a misleading message
                raise ValueError("must be positive")
            if math.isinf(seconds):
                raise ValueError("must be a finite number of seconds")
            return seconds
        if name == "allow_networks":
            return parse_networks(raw)
    except ValueError as exc:
        raise InputError(where, f"invalid value {raw!r}: {exc}") from None
    raise KeyError(name)


def parse_networks(raw: str) -> tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]:
    return tuple(ipaddress.ip_network(part.strip(), strict=False) for part in raw.split(",") if part.strip())


SETTINGS = {f.name: f for f in fields(Settings)}
