"""A fixed-window counter in Django's cache: enough to stop a flood from one address."""

from django.core.cache import cache

from core.client_ip import client_ip


def client_address(request) -> str:
    # The same address django-axes uses: behind ORBIT_PROXY_COUNT proxies, from X-Forwarded-For.
    return client_ip(request) or "unknown"


def allow(scope: str, key: str, limit: int, window_seconds: int) -> bool:
    """Counts one hit for ``key``; False once it has had more than ``limit`` in the current window."""
    name = f"helpdesk:rate:{scope}:{key}"
    cache.add(name, 0, window_seconds)
    try:
        count = cache.incr(name)
    except ValueError:  # expired between add and incr
        cache.set(name, 1, window_seconds)
        count = 1
    return count <= limit
