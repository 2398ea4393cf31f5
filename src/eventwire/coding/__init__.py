"""Triggers -> PLOVER events: lexicons, dependency rules, modality, dates, attribution, quotes, merging."""
