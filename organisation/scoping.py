"""Tenant scoping in one place: every model's queryset knows the path to its agency, and every tenant row
carries its agency itself (so that scoping is one filter and the tables could be sharded by agency)."""

from django.db import models


def fill_agency(model, objs) -> None:
    """Sets ``agency_id`` on each of ``objs`` that lacks it, from the parent named by ``model.agency_source``.

    A loaded parent is used as it is; the others cost one query for all of them together.
    """
    source = getattr(model, "agency_source", None)
    if source is None:
        return
    field = model._meta.get_field(source)
    missing = {}
    for obj in objs:
        if obj.agency_id is not None:
            continue
        parent = field.get_cached_value(obj, default=None) if field.is_cached(obj) else None
        if parent is not None and getattr(parent, "pk", None) is not None:
            obj.agency_id = parent.agency_id
        elif getattr(obj, field.attname) is not None:
            missing.setdefault(getattr(obj, field.attname), []).append(obj)
    if missing:
        # order_by(): a parent's Meta.ordering (e.g. an activity's by indicator) would join tables for nothing.
        agencies = dict(
            field.related_model._base_manager.filter(pk__in=missing).order_by().values_list("pk", "agency_id")
        )
        for parent_id, children in missing.items():
            for obj in children:
                obj.agency_id = agencies.get(parent_id)


class AgencyFromParent(models.Model):
    """A tenant row that belongs to a parent row: it carries the parent's agency in its own column.

    The model names the foreign key to copy from in ``agency_source`` (the parent has an ``agency``
    column). ``save()`` fills the agency from the parent; ``ScopedQuerySet.bulk_create`` does the same for
    many rows with one query per call. A loaded parent always wins, so moving a row to another parent
    object moves its agency along.
    """

    agency = models.ForeignKey("organisation.Agency", on_delete=models.CASCADE, related_name="+", editable=False)

    agency_source: str

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        field = self._meta.get_field(self.agency_source)
        if field.is_cached(self):
            parent = field.get_cached_value(self, default=None)
            if parent is not None and parent.pk is not None and parent.agency_id != self.agency_id:
                self.agency_id = parent.agency_id
                if kwargs.get("update_fields") is not None:
                    kwargs["update_fields"] = {*kwargs["update_fields"], "agency"}
        fill_agency(type(self), [self])
        super().save(*args, **kwargs)


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

    def bulk_create(self, objs, *args, **kwargs):
        """Like Django's, and rows that copy their agency from a parent get it filled first."""
        objs = list(objs)
        fill_agency(self.model, objs)
        return super().bulk_create(objs, *args, **kwargs)


class AgencyLink(AgencyFromParent):
    """A row of a many-to-many link table: the two ids, plus the agency of the side named in ``agency_source``.

    The link table keeps Django's name, columns and unique pair. ``.add()``/``.set()`` insert links with the
    through model's default manager's ``bulk_create``, which fills the agency: no call site passes
    ``through_defaults``. The admin edits these fields like plain many-to-many fields (organisation/admin.py).
    """

    objects = ScopedQuerySet.as_manager()

    class Meta:
        abstract = True
