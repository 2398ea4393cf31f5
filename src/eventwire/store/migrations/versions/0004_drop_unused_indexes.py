"""Indexes no query reads (issue 13: store speed): the reports' (type, match day) and (type group, match day)
indexes, replaced by report_codes in 0003; the participants' name index (names are searched with a substring
LIKE, which no B-tree serves); the articles' content hash, language and publication indexes (articles are read
by id). Each cost every insert its maintenance: dropping them made `benchmarks/store.py`'s SQLite writes about
8% faster (median of six alternated runs).

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-07
"""

from alembic import op

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None

DROPPED = [
    ('reports', 'ix_reports_match', ['type', 'match_day']),
    ('reports', 'ix_reports_group_day', ['type_group', 'match_day']),
    ('participants', 'ix_participants_name', ['name']),
    ('articles', 'ix_articles_content_hash', ['content_hash']),
    ('articles', 'ix_articles_lang', ['lang']),
    ('articles', 'ix_articles_published', ['published']),
]


def upgrade() -> None:
    for table, name, _cols in DROPPED:
        op.drop_index(name, table_name=table)


def downgrade() -> None:
    for table, name, cols in DROPPED:
        op.create_index(name, table, cols, unique=False)
