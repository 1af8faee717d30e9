"""Settings read from the environment for a multi-server deployment: a read replica, reverse proxies and a
shared cache; each absent by default, each wrong value refused at start-up with a message naming it."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SHOW = """
import json, django
django.setup()
from django.conf import settings
print(json.dumps({
    "databases": {alias: {"NAME": db["NAME"], "TEST": db.get("TEST", {})} for alias, db in settings.DATABASES.items()},
    "routers": settings.DATABASE_ROUTERS,
    "cache": settings.CACHES["default"],
    "proxies": settings.ORBIT_PROXY_COUNT,
    "axes_ip": settings.AXES_CLIENT_IP_CALLABLE,
}))
"""


def run(**env: str) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    for name in ("DATABASE_REPLICA_URL", "CACHE_URL", "ORBIT_PROXY_COUNT"):
        environment.pop(name, None)
    environment.update(env, DJANGO_SETTINGS_MODULE="orbit.settings")
    return subprocess.run(
        [sys.executable, "-c", SHOW], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120
    )


def settings_with(**env: str) -> dict:
    result = run(**env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_by_default_one_database_a_memory_cache_and_no_proxy():
    shown = settings_with()

    assert list(shown["databases"]) == ["default"]
    assert shown["routers"] == []
    assert shown["cache"]["BACKEND"] == "django.core.cache.backends.locmem.LocMemCache"
    assert shown["proxies"] == 0
    assert shown["axes_ip"] == "core.client_ip.client_ip"


def test_a_replica_url_adds_the_replica_and_its_router():
    shown = settings_with(
        DATABASE_URL="postgres://orbit@db-primary:5432/orbit",
        DATABASE_REPLICA_URL="postgres://orbit@db-replica:5432/orbit",
    )

    replica = shown["databases"]["replica"]
    assert replica["NAME"] == "orbit" and replica["TEST"]["MIRROR"] == "default"  # tests read the test primary
    assert shown["routers"] == ["orbit.routers.ReportsToReplica"]


def test_a_cache_url_shares_redis_and_a_proxy_count_is_read():
    shown = settings_with(CACHE_URL="redis://cache.internal:6379/0", ORBIT_PROXY_COUNT="1")

    assert shown["cache"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    assert shown["cache"]["LOCATION"] == "redis://cache.internal:6379/0"
    assert shown["proxies"] == 1


def test_it_refuses_a_cache_url_that_is_not_redis():
    result = run(CACHE_URL="memcached://127.0.0.1:11211")

    assert result.returncode != 0
    assert "CACHE_URL must be a Redis URL" in result.stderr


def test_it_refuses_a_negative_proxy_count():
    result = run(ORBIT_PROXY_COUNT="-1")

    assert result.returncode != 0
    assert "ORBIT_PROXY_COUNT" in result.stderr
