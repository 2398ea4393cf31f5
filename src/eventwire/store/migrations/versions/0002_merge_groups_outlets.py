"""Merging without chaining (issue 12): reports carry the group of types they may merge with (type_group, and an
index on it with the match day); events count the outlets that report them.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-07
"""

import sqlalchemy as sa
from alembic import op

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    from eventwire.store.cluster import type_group

    with op.batch_alter_table('reports', schema=None) as batch_op:
        batch_op.add_column(sa.Column('type_group', sa.String(length=80), nullable=True))
    bind = op.get_bind()
    types = [r[0] for r in bind.execute(sa.text("SELECT DISTINCT type FROM reports"))]
    for t in types:
        bind.execute(sa.text("UPDATE reports SET type_group = :g WHERE type = :t"), {"g": type_group(t), "t": t})
    with op.batch_alter_table('reports', schema=None) as batch_op:
        batch_op.create_index('ix_reports_group_day', ['type_group', 'match_day'], unique=False)
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.add_column(sa.Column('n_outlets', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('outlets', sa.Text(), nullable=True))
    bind.execute(sa.text(
        "UPDATE events SET n_outlets = (SELECT count(DISTINCT coalesce(a.outlet, a.id)) FROM reports r "
        "JOIN articles a ON a.id = r.article_id WHERE r.event_id = events.id)"))


def downgrade() -> None:
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.drop_column('outlets')
        batch_op.drop_column('n_outlets')
    with op.batch_alter_table('reports', schema=None) as batch_op:
        batch_op.drop_index('ix_reports_group_day')
        batch_op.drop_column('type_group')
