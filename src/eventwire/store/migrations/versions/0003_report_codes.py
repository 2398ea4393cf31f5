"""An index of reports by code (issue 12: ingest speed must not fall as the store grows): one row per code of a
report, with its type group, match day and article, so that finding the stored reports a new one may be the same
happening as reads only reports that share a code with it, not every report of those days.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-07
"""

import sqlalchemy as sa
from alembic import op

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'report_codes',
        sa.Column('report_id', sa.String(length=40), nullable=False),
        sa.Column('code', sa.String(length=16), nullable=False),
        sa.Column('type_group', sa.String(length=80), nullable=False),
        sa.Column('match_day', sa.Integer(), nullable=False),
        sa.Column('article_id', sa.String(), nullable=False),
        sa.ForeignKeyConstraint(['report_id'], ['reports.id'], ondelete='CASCADE'),
    )
    op.create_index('ix_report_codes_report_id', 'report_codes', ['report_id'], unique=False)
    op.create_index('ix_report_codes_group_code_day', 'report_codes', ['type_group', 'code', 'match_day'],
                    unique=False)
    bind = op.get_bind()
    rows = bind.execute(sa.text(
        "SELECT id, article_id, type_group, match_day, actor_codes, recipient_codes FROM reports "
        "WHERE match_day IS NOT NULL AND type_group IS NOT NULL"))
    table = sa.table('report_codes', sa.column('report_id'), sa.column('code'), sa.column('type_group'),
                     sa.column('match_day'), sa.column('article_id'))
    batch = []
    for rid, aid, group, day, acodes, rcodes in rows.fetchall():
        codes = sorted(set((acodes or "").split()) | set((rcodes or "").split()))
        batch += [{"report_id": rid, "code": c, "type_group": group, "match_day": day, "article_id": aid}
                  for c in codes]
        if len(batch) >= 5000:
            bind.execute(table.insert(), batch)
            batch = []
    if batch:
        bind.execute(table.insert(), batch)


def downgrade() -> None:
    op.drop_index('ix_report_codes_group_code_day', table_name='report_codes')
    op.drop_index('ix_report_codes_report_id', table_name='report_codes')
    op.drop_table('report_codes')
