"""Readers: turn files, directories, JSON Lines, HTML pages and stdin into Article objects."""

from eventwire.sources.readers import read_inputs

__all__ = ["read_inputs"]
