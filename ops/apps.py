from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpsConfig(AppConfig):
    """Operations: backup and restore, the audit history, once-only e-mails. May read every app; the others import
    only ``ops.mail`` (the once-only sender for their tasks)."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "ops"
    verbose_name = _("operations")

    def ready(self):
        from ops import pokja_functions

        pokja_functions.connect()
