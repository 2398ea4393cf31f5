from __future__ import annotations

import json
from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"
SHARED = Path(__file__).resolve().parents[2] / "shared"


@pytest.fixture(scope="session")
def pipeline():
    from eventwire.pipeline import Pipeline

    return Pipeline()


@pytest.fixture(scope="session")
def schema():
    return json.loads((DATA / "article-events.schema.json").read_text(encoding="utf-8"))


def article(text: str, lang: str, published: str | None = "2025-03-14", title: str | None = None, id: str = "t"):
    from eventwire.model import Article

    return Article(id=id, text=text, lang=lang, title=title, published=published)
