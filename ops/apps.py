from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpsConfig(AppConfig):
    """Operations: backup and restore, and the audit history. May read every app; nobody imports ops."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "ops"
    verbose_name = _("operations")
