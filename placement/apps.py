from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlacementConfig(AppConfig):
    name = "placement"
    verbose_name = _("Placement")

    def ready(self):
        from placement import signals  # noqa: F401
