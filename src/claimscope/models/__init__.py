"""Shipped model files (see docs/models.md)."""
