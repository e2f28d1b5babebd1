"""claimscope: audit what a text claims and how well it is sourced."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("claimscope")
except PackageNotFoundError:  # running from a source tree that was not installed
    __version__ = "0+unknown"
