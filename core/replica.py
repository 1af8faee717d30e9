"""Read-only monitoring and report views may read from a PostgreSQL replica (see orbit/routers.py).

``@reads_from_replica`` marks such a view for the duration of its request; the router then answers reads with
the "replica" database unless a transaction is open on the primary. Put it directly above the view function,
below ``@login_required``/``@api_view``, so that signing in and authentication still read the primary.
"""

import contextvars
from functools import wraps

_replica_reads = contextvars.ContextVar("orbit_replica_reads", default=False)


def replica_reads_allowed() -> bool:
    """True while a view marked with ``@reads_from_replica`` runs."""
    return _replica_reads.get()


def reads_from_replica(view):
    """Lets the database router send this read-only view's queries to the replica, if one is configured."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        token = _replica_reads.set(True)
        try:
            return view(request, *args, **kwargs)
        finally:
            _replica_reads.reset(token)

    return wrapped
