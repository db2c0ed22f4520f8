"""supervision of the plan and coordination (issue 11): the plan's measures with their
responsible units, monthly progress reports, inspections, published bulletins (their figures
frozen as JSON), and projects' coordination items. New tables only: no trigger is touched.

Revision ID: 0007v
Revises: 0007a
Create Date: 2026-12-02 18:26:16.533385

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0007v'
down_revision = '0007a'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('measure',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=16), nullable=False),
    sa.Column('sort_key', sa.String(length=40), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('title_zh', sa.String(length=200), nullable=False),
    sa.Column('title_en', sa.String(length=200), nullable=False),
    sa.Column('text_zh', sa.Text(), nullable=False),
    sa.Column('text_en', sa.Text(), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=True),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('zones_to_pick', sa.Boolean(), nullable=False),
    sa.Column('metric', sa.String(length=40), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("status IN ('open', 'closed')", name=op.f('ck_measure_status')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_measure')),
    sa.UniqueConstraint('year', 'code', name='uq_measure_year_code')
    )
    with op.batch_alter_table('measure', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_measure_year'), ['year'], unique=False)

    op.create_table('bulletin',
    sa.Column('period', sa.String(length=7), nullable=False),
    sa.Column('published_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('by_id', sa.Integer(), nullable=True),
    sa.Column('snapshot', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['by_id'], ['user.id'], name=op.f('fk_bulletin_by_id_user'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('period', name=op.f('pk_bulletin'))
    )
    op.create_table('inspection',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('measure_id', sa.Integer(), nullable=False),
    sa.Column('unit', sa.String(length=200), nullable=False),
    sa.Column('inspected_on', sa.Date(), nullable=False),
    sa.Column('finding', sa.Text(), nullable=False),
    sa.Column('rectify_by', sa.Date(), nullable=True),
    sa.Column('rectified_on', sa.Date(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['measure_id'], ['measure.id'], name=op.f('fk_inspection_measure_id_measure'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_inspection'))
    )
    with op.batch_alter_table('inspection', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_inspection_measure_id'), ['measure_id'], unique=False)

    op.create_table('measure_unit',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('measure_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('zone_code', sa.String(length=16), nullable=True),
    sa.Column('department_zh', sa.String(length=200), nullable=False),
    sa.Column('department_en', sa.String(length=200), nullable=False),
    sa.CheckConstraint("(zone_code IS NOT NULL AND department_zh = '') OR (zone_code IS NULL AND department_zh <> '')", name=op.f('ck_measure_unit_zone_or_department')),
    sa.ForeignKeyConstraint(['measure_id'], ['measure.id'], name=op.f('fk_measure_unit_measure_id_measure'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['zone_code'], ['zone.code'], name=op.f('fk_measure_unit_zone_code_zone')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_measure_unit'))
    )
    with op.batch_alter_table('measure_unit', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_measure_unit_measure_id'), ['measure_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_measure_unit_zone_code'), ['zone_code'], unique=False)

    op.create_table('progress_report',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('measure_id', sa.Integer(), nullable=False),
    sa.Column('unit', sa.String(length=200), nullable=False),
    sa.Column('period', sa.String(length=7), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('by_id', sa.Integer(), nullable=True),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("status IN ('on_track', 'behind', 'done')", name=op.f('ck_progress_report_status')),
    sa.ForeignKeyConstraint(['by_id'], ['user.id'], name=op.f('fk_progress_report_by_id_user'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['measure_id'], ['measure.id'], name=op.f('fk_progress_report_measure_id_measure'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_progress_report')),
    sa.UniqueConstraint('measure_id', 'unit', 'period', name='uq_progress_report')
    )
    with op.batch_alter_table('progress_report', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_progress_report_measure_id'), ['measure_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_progress_report_period'), ['period'], unique=False)

    op.create_table('coordination_item',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('category', sa.String(length=16), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('department', sa.String(length=200), nullable=False),
    sa.Column('raised_on', sa.Date(), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=True),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('level', sa.String(length=16), nullable=False),
    sa.Column('resolution', sa.Text(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('deleted_at', sa.DateTime(timezone=True), nullable=True),
    sa.CheckConstraint("category IN ('land', 'energy', 'environment', 'approval', 'utilities', 'financing', 'labour', 'other')", name=op.f('ck_coordination_item_category')),
    sa.CheckConstraint("level IN ('zone', 'city')", name=op.f('ck_coordination_item_level')),
    sa.CheckConstraint("status IN ('open', 'in_progress', 'resolved')", name=op.f('ck_coordination_item_status')),
    sa.ForeignKeyConstraint(['project_id'], ['project.id'], name=op.f('fk_coordination_item_project_id_project')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_coordination_item'))
    )
    with op.batch_alter_table('coordination_item', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_coordination_item_project_id'), ['project_id'], unique=False)



def downgrade():
    with op.batch_alter_table('coordination_item', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_coordination_item_project_id'))

    op.drop_table('coordination_item')
    with op.batch_alter_table('progress_report', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_progress_report_period'))
        batch_op.drop_index(batch_op.f('ix_progress_report_measure_id'))

    op.drop_table('progress_report')
    with op.batch_alter_table('measure_unit', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_measure_unit_zone_code'))
        batch_op.drop_index(batch_op.f('ix_measure_unit_measure_id'))

    op.drop_table('measure_unit')
    with op.batch_alter_table('inspection', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_inspection_measure_id'))

    op.drop_table('inspection')
    op.drop_table('bulletin')
    with op.batch_alter_table('measure', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_measure_year'))

    op.drop_table('measure')
