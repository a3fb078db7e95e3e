"""Sign-in with each organisation's own accounts: its OpenID Connect provider, the people linked to it,
its SCIM token (hashed) and the people its directory provisioned.

Revision ID: 8b4f2d6a1c37
Revises: 9c1e7a3d5b64
Create Date: 2026-12-06 10:10:00

"""
from alembic import op
import sqlalchemy as sa


revision = '8b4f2d6a1c37'
down_revision = '9c1e7a3d5b64'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('identity_providers',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('issuer', sa.String(length=500), nullable=False),
    sa.Column('client_id', sa.String(length=255), nullable=False),
    sa.Column('client_secret_env', sa.String(length=100), nullable=False),
    sa.Column('scopes', sa.String(length=255), nullable=False),
    sa.Column('email_claim', sa.String(length=100), nullable=False),
    sa.Column('name_claim', sa.String(length=100), nullable=False),
    sa.Column('verified_claim', sa.String(length=100), nullable=False),
    sa.Column('role_claim', sa.String(length=100), nullable=False),
    sa.Column('team_claim', sa.String(length=100), nullable=True),
    sa.Column('role_map', sa.JSON(), nullable=False),
    sa.Column('team_map', sa.JSON(), nullable=False),
    sa.Column('authoritative', sa.Boolean(), nullable=False),
    sa.Column('password_sign_in', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], name=op.f('fk_identity_providers_organisation_id_organisations')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_identity_providers')),
    sa.UniqueConstraint('organisation_id', name=op.f('uq_identity_providers_organisation_id'))
    )
    op.create_table('external_identities',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('provider_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('subject', sa.String(length=255), nullable=False),
    sa.Column('last_sid', sa.String(length=255), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('last_sign_in_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['provider_id'], ['identity_providers.id'], name=op.f('fk_external_identities_provider_id_identity_providers')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_external_identities_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_external_identities')),
    sa.UniqueConstraint('provider_id', 'subject', name=op.f('uq_external_identities_provider_id_subject'))
    )
    op.create_index('ix_external_identities_user', 'external_identities', ['user_id'])
    op.create_table('scim_tokens',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], name=op.f('fk_scim_tokens_organisation_id_organisations')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_scim_tokens')),
    sa.UniqueConstraint('organisation_id', name=op.f('uq_scim_tokens_organisation_id')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_scim_tokens_token_hash'))
    )
    op.create_table('scim_users',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('user_name', sa.String(length=254), nullable=False),
    sa.Column('external_id', sa.String(length=255), nullable=True),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], name=op.f('fk_scim_users_organisation_id_organisations')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_scim_users_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_scim_users')),
    sa.UniqueConstraint('organisation_id', 'user_name', name=op.f('uq_scim_users_organisation_id_user_name')),
    sa.UniqueConstraint('user_id', name=op.f('uq_scim_users_user_id'))
    )


def downgrade():
    op.drop_table('scim_users')
    op.drop_table('scim_tokens')
    op.drop_index('ix_external_identities_user', table_name='external_identities')
    op.drop_table('external_identities')
    op.drop_table('identity_providers')
