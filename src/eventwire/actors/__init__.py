"""Actors: the knowledge base (data files), the precompiled matcher, and resolution by date."""
