"""Tenant scoping in one place: every model's queryset knows the path to its agency."""

from django.db import models


class ScopedQuerySet(models.QuerySet):
    """A queryset that can narrow itself to what a user may see.

    A model names the lookup to its agency in ``agency_path`` (default ``"agency"``).
    """

    def _agency_path(self) -> str:
        return getattr(self.model, "agency_path", "agency")

    def for_agency(self, agency_id: int):
        path = self._agency_path()
        return self.filter(**{"pk" if path == "id" else f"{path}_id": agency_id})

    def visible_to(self, user):
        """Rows of the user's agency; everything for an operator; nothing for anyone else."""
        if user is None or not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self.all()
        # External stakeholders (helpdesk requesters) see no internal structure.
        if user.agency_id is None or getattr(user, "role", None) == "stakeholder":
            return self.none()
        return self.for_agency(user.agency_id)
