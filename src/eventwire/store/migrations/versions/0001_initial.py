"""Initial schema: articles, events (happenings), reports, mentions, participants, entities, dyads, quotes,
learned actors, rejects.


Revision ID: 0001
Revises: (none)
Create Date: 2026-11-29 03:34:54.723374
"""

import sqlalchemy as sa
from alembic import op

revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('articles',
    sa.Column('id', sa.String(), nullable=False),
    sa.Column('content_hash', sa.String(length=64), nullable=False),
    sa.Column('path', sa.Text(), nullable=True),
    sa.Column('url', sa.Text(), nullable=True),
    sa.Column('outlet', sa.Text(), nullable=True),
    sa.Column('title', sa.Text(), nullable=True),
    sa.Column('lang', sa.String(length=8), nullable=True),
    sa.Column('published', sa.String(length=10), nullable=True),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('pipeline', sa.String(), nullable=True),
    sa.Column('diagnostics', sa.Text(), nullable=True),
    sa.Column('coded_at', sa.String(length=32), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('articles', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_articles_content_hash'), ['content_hash'], unique=False)
        batch_op.create_index(batch_op.f('ix_articles_lang'), ['lang'], unique=False)
        batch_op.create_index(batch_op.f('ix_articles_published'), ['published'], unique=False)

    op.create_table('entities',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('key', sa.String(), nullable=False),
    sa.Column('code', sa.String(length=16), nullable=True),
    sa.Column('name', sa.String(), nullable=True),
    sa.Column('kind', sa.String(length=16), nullable=True),
    sa.Column('sector', sa.String(length=8), nullable=True),
    sa.Column('wikidata', sa.String(length=16), nullable=True),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('key')
    )
    with op.batch_alter_table('entities', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_entities_code'), ['code'], unique=False)
        batch_op.create_index(batch_op.f('ix_entities_name'), ['name'], unique=False)

    op.create_table('events',
    sa.Column('id', sa.String(length=40), nullable=False),
    sa.Column('type', sa.String(length=16), nullable=False),
    sa.Column('mode', sa.String(length=32), nullable=True),
    sa.Column('cameo', sa.String(length=8), nullable=True),
    sa.Column('score', sa.Float(), nullable=True),
    sa.Column('quad_class', sa.Integer(), nullable=True),
    sa.Column('date', sa.String(length=10), nullable=True),
    sa.Column('date_precise', sa.Boolean(), nullable=False),
    sa.Column('symmetric', sa.Boolean(), nullable=False),
    sa.Column('actor_codes', sa.String(), nullable=True),
    sa.Column('recipient_codes', sa.String(), nullable=True),
    sa.Column('initiator', sa.String(length=16), nullable=True),
    sa.Column('context', sa.String(), nullable=True),
    sa.Column('negated', sa.Boolean(), nullable=False),
    sa.Column('hypothetical', sa.Boolean(), nullable=False),
    sa.Column('n_reports', sa.Integer(), nullable=False),
    sa.Column('n_articles', sa.Integer(), nullable=False),
    sa.Column('n_mentions', sa.Integer(), nullable=False),
    sa.Column('langs', sa.String(), nullable=True),
    sa.Column('json', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.create_index('ix_events_date', ['date'], unique=False)
        batch_op.create_index('ix_events_type_date', ['type', 'date'], unique=False)

    op.create_table('learned_actors',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('name', sa.String(), nullable=False),
    sa.Column('code', sa.String(length=16), nullable=True),
    sa.Column('role', sa.String(), nullable=True),
    sa.Column('sector', sa.String(length=8), nullable=True),
    sa.Column('lang', sa.String(length=8), nullable=True),
    sa.Column('date', sa.String(length=10), nullable=True),
    sa.Column('article_id', sa.String(), nullable=False),
    sa.Column('evidence', sa.Text(), nullable=True),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('name', 'code', 'role', 'article_id', name='uq_learned')
    )
    with op.batch_alter_table('learned_actors', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_learned_actors_name'), ['name'], unique=False)

    op.create_table('rejects',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('source', sa.Text(), nullable=False),
    sa.Column('code', sa.String(length=8), nullable=False),
    sa.Column('message', sa.Text(), nullable=True),
    sa.Column('article_id', sa.String(), nullable=True),
    sa.Column('at', sa.String(length=32), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('dyads',
    sa.Column('event_id', sa.String(length=40), nullable=False),
    sa.Column('a', sa.String(length=16), nullable=False),
    sa.Column('b', sa.String(length=16), nullable=False),
    sa.Column('date', sa.String(length=10), nullable=True),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], ondelete='CASCADE')
    )
    with op.batch_alter_table('dyads', schema=None) as batch_op:
        batch_op.create_index('ix_dyads_a_b_date', ['a', 'b', 'date'], unique=False)
        batch_op.create_index('ix_dyads_event', ['event_id'], unique=False)

    op.create_table('participants',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('event_id', sa.String(length=40), nullable=False),
    sa.Column('role', sa.String(length=10), nullable=False),
    sa.Column('code', sa.String(length=16), nullable=True),
    sa.Column('name', sa.String(), nullable=True),
    sa.Column('sector', sa.String(length=8), nullable=True),
    sa.Column('office', sa.String(), nullable=True),
    sa.Column('entity_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['entity_id'], ['entities.id'], ),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('participants', schema=None) as batch_op:
        batch_op.create_index('ix_participants_code', ['code', 'event_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_participants_event_id'), ['event_id'], unique=False)
        batch_op.create_index('ix_participants_name', ['name'], unique=False)

    op.create_table('quotes',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('article_id', sa.String(), nullable=False),
    sa.Column('speaker_name', sa.String(), nullable=True),
    sa.Column('speaker_code', sa.String(length=16), nullable=True),
    sa.Column('text', sa.Text(), nullable=True),
    sa.Column('start', sa.Integer(), nullable=True),
    sa.Column('end', sa.Integer(), nullable=True),
    sa.Column('attribution', sa.String(), nullable=True),
    sa.ForeignKeyConstraint(['article_id'], ['articles.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('quotes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_quotes_article_id'), ['article_id'], unique=False)

    op.create_table('reports',
    sa.Column('id', sa.String(length=40), nullable=False),
    sa.Column('event_id', sa.String(length=40), nullable=False),
    sa.Column('article_id', sa.String(), nullable=False),
    sa.Column('type', sa.String(length=16), nullable=False),
    sa.Column('mode', sa.String(length=32), nullable=True),
    sa.Column('date', sa.String(length=10), nullable=True),
    sa.Column('match_date', sa.String(length=10), nullable=True),
    sa.Column('match_day', sa.Integer(), nullable=True),
    sa.Column('date_precise', sa.Boolean(), nullable=False),
    sa.Column('symmetric', sa.Boolean(), nullable=False),
    sa.Column('negated', sa.Boolean(), nullable=False),
    sa.Column('hypothetical', sa.Boolean(), nullable=False),
    sa.Column('actor_codes', sa.String(), nullable=True),
    sa.Column('recipient_codes', sa.String(), nullable=True),
    sa.Column('persons', sa.Text(), nullable=True),
    sa.Column('lang', sa.String(length=8), nullable=True),
    sa.Column('json', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['article_id'], ['articles.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('reports', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_reports_article_id'), ['article_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_reports_event_id'), ['event_id'], unique=False)
        batch_op.create_index('ix_reports_match', ['type', 'match_day'], unique=False)

    op.create_table('mentions',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('report_id', sa.String(length=40), nullable=False),
    sa.Column('event_id', sa.String(length=40), nullable=False),
    sa.Column('article_id', sa.String(), nullable=False),
    sa.Column('field', sa.String(length=8), nullable=True),
    sa.Column('start', sa.Integer(), nullable=True),
    sa.Column('end', sa.Integer(), nullable=True),
    sa.Column('text', sa.Text(), nullable=True),
    sa.Column('trigger', sa.String(), nullable=True),
    sa.Column('rule', sa.String(), nullable=True),
    sa.Column('source', sa.Text(), nullable=True),
    sa.Column('attribution', sa.Text(), nullable=True),
    sa.Column('lang', sa.String(length=8), nullable=True),
    sa.ForeignKeyConstraint(['report_id'], ['reports.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('mentions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_mentions_article_id'), ['article_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_mentions_event_id'), ['event_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_mentions_report_id'), ['report_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('mentions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_mentions_report_id'))
        batch_op.drop_index(batch_op.f('ix_mentions_event_id'))
        batch_op.drop_index(batch_op.f('ix_mentions_article_id'))

    op.drop_table('mentions')
    with op.batch_alter_table('reports', schema=None) as batch_op:
        batch_op.drop_index('ix_reports_match')
        batch_op.drop_index(batch_op.f('ix_reports_event_id'))
        batch_op.drop_index(batch_op.f('ix_reports_article_id'))

    op.drop_table('reports')
    with op.batch_alter_table('quotes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_quotes_article_id'))

    op.drop_table('quotes')
    with op.batch_alter_table('participants', schema=None) as batch_op:
        batch_op.drop_index('ix_participants_name')
        batch_op.drop_index(batch_op.f('ix_participants_event_id'))
        batch_op.drop_index('ix_participants_code')

    op.drop_table('participants')
    with op.batch_alter_table('dyads', schema=None) as batch_op:
        batch_op.drop_index('ix_dyads_event')
        batch_op.drop_index('ix_dyads_a_b_date')

    op.drop_table('dyads')
    op.drop_table('rejects')
    with op.batch_alter_table('learned_actors', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_learned_actors_name'))

    op.drop_table('learned_actors')
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.drop_index('ix_events_type_date')
        batch_op.drop_index('ix_events_date')

    op.drop_table('events')
    with op.batch_alter_table('entities', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_entities_name'))
        batch_op.drop_index(batch_op.f('ix_entities_code'))

    op.drop_table('entities')
    with op.batch_alter_table('articles', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_articles_published'))
        batch_op.drop_index(batch_op.f('ix_articles_lang'))
        batch_op.drop_index(batch_op.f('ix_articles_content_hash'))

    op.drop_table('articles')
