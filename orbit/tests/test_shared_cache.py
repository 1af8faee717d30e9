"""CACHE_URL=redis://... gives every gunicorn worker and server one cache, so the helpdesk rate limiter counts a
client's requests across all of them. Skipped when no Redis answers on 127.0.0.1:6379 (database 15 is used)."""

import uuid

import pytest
from django.core.cache import CacheHandler

from helpdesk import ratelimit

REDIS_URL = "redis://127.0.0.1:6379/15"
SETTINGS = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}


@pytest.fixture
def two_workers():
    """The caches of two separate workers: each has its own connection to Redis."""
    redis = pytest.importorskip("redis")
    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except redis.exceptions.ConnectionError:
        pytest.skip("no Redis on 127.0.0.1:6379")
    first, second = CacheHandler(SETTINGS)["default"], CacheHandler(SETTINGS)["default"]
    assert first is not second
    yield first, second
    first.close()
    second.close()


def test_two_workers_share_one_counter(two_workers):
    first, second = two_workers
    key = f"orbit-test:{uuid.uuid4()}"
    first.add(key, 0, 60)

    first.incr(key)
    second.incr(key)

    assert first.get(key) == second.get(key) == 2
    second.delete(key)


def test_the_rate_limit_holds_across_workers(two_workers, monkeypatch):
    first, second = two_workers
    address = f"test-{uuid.uuid4()}"

    answers = []
    for cache in (first, second, first, second):  # a load balancer alternates between two workers
        monkeypatch.setattr(ratelimit, "cache", cache)
        answers.append(ratelimit.allow("submit-ip", address, limit=3, window_seconds=60))

    assert answers == [True, True, True, False]
    first.delete(f"helpdesk:rate:submit-ip:{address}")
