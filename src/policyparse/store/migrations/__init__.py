"""Alembic environment of the store (``script_location = policyparse.store:migrations``).

Migrations run programmatically when a store is opened (:func:`policyparse.store.engine.upgrade`);
there is no ``alembic.ini``: the configuration is built in code by
:func:`policyparse.store.engine.alembic_config`. To add a revision, write
``versions/NNNN_<slug>.py`` with ``revision = "NNNN"`` and ``down_revision`` = the previous one
(or run ``alembic revision`` with that config), and change :mod:`policyparse.store.schema` to
match: a test compares the migrated database with the metadata.
"""
