"""Fast settings for the test suite: the database still comes from DATABASE_URL."""

from orbit.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
# Client.login() calls authenticate() without a request, which django-axes refuses: the suite runs with axes
# off, and orbit/tests/test_security_axes.py switches it on with override_settings(AXES_ENABLED=True).
AXES_ENABLED = False
# A "replica" alias that is the test database itself (MIRROR), without a router: orbit/tests/test_read_replica.py
# switches the router on with override_settings(DATABASE_ROUTERS=...) and sees which alias each query used.
DATABASES["replica"] = {**DATABASES["default"], "TEST": {"MIRROR": "default"}}  # noqa: F405
