"""The client's IP address: one rule for login throttling (django-axes) and the helpdesk rate limiter.

Without a reverse proxy (``ORBIT_PROXY_COUNT`` 0, the default) it is ``REMOTE_ADDR``, and ``X-Forwarded-For`` is
ignored: any client can send that header. Behind N proxies that each append the address they were reached from
(nginx: ``proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for``), the last N entries were written by our
own proxies, so the N-th entry from the right is the client; whatever stands left of it came from the client and
is never trusted. django-ipware (an optional extra of django-axes) is not installed, so axes is pointed to this
function through ``AXES_CLIENT_IP_CALLABLE`` instead of its ipware settings.
"""

import ipaddress

from django.conf import settings


def _is_address(value: str) -> bool:
    try:
        ipaddress.ip_address(value)
    except ValueError:
        return False
    return True


def client_ip(request) -> str | None:
    """The address the request came from, as far as our own proxies vouch for it."""
    remote = request.META.get("REMOTE_ADDR") or None
    proxies = getattr(settings, "ORBIT_PROXY_COUNT", 0)
    if proxies <= 0:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if len(forwarded) < proxies:
        return remote  # did not pass through all our proxies (e.g. a health check from inside)
    candidate = forwarded[-proxies]
    return candidate if _is_address(candidate) else remote
