"""Database router: monitoring and report views read from the replica, everything else uses the primary.

Active when ``DATABASE_REPLICA_URL`` is set (orbit/settings.py). A read goes to "replica" only inside a view
marked with ``core.replica.reads_from_replica`` and only while no transaction is open on the primary, so a
service's reads inside its own ``transaction.atomic`` always see its writes. Writes and migrations: primary.
"""

from django.db import DEFAULT_DB_ALIAS, connections

from core.replica import replica_reads_allowed

REPLICA = "replica"


class ReportsToReplica:
    def db_for_read(self, model, **hints):
        if replica_reads_allowed() and not connections[DEFAULT_DB_ALIAS].in_atomic_block:
            return REPLICA
        return DEFAULT_DB_ALIAS

    def db_for_write(self, model, **hints):
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints):
        # Both databases hold the same rows: an object read from the replica may point to one from the primary.
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == DEFAULT_DB_ALIAS
