"""Across documents: the same claim in many documents gathered into one proposition (``cluster``,
``similarity``), with its stance map and grade (``propositions``)."""

from claimscope.link.similarity import similarity

__all__ = ["similarity"]
