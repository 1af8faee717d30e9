"""Records every change of the pokja ↔ function (tusi) links for the audit page, whoever makes it.

The links are a plain many-to-many (``Pokja.functions``), changed by the API, the admin and the demo loader;
``m2m_changed`` sees them all. Before a change the affected pokja's function numbers are read, after it again,
and each pokja whose numbers differ gets one ``PokjaFunctionChange`` (who: the acting user set by a service as
``_history_user``, else the signed-in user of the request, as simple-history does).
"""

from django.db.models.signals import m2m_changed, post_save
from simple_history.models import HistoricalRecords

from ops.models import PokjaFunctionChange
from organisation.models import Pokja

Links = Pokja.functions.through
BEFORE = "_ops_pokja_functions_before"
LOADED = "_ops_loaded_raw"


def function_numbers(pokja_ids) -> dict[int, str]:
    """``{pokja id: "1, 4, 7"}``: the numbers of the functions each pokja is linked to, in one query."""
    numbers: dict[int, list[str]] = {pk: [] for pk in pokja_ids}
    rows = Links.objects.filter(pokja_id__in=numbers).order_by("function__number")
    for pokja_id, number in rows.values_list("pokja_id", "function__number"):
        numbers[pokja_id].append(str(number))
    return {pk: ", ".join(values) for pk, values in numbers.items()}


def _actor(instance):
    user = getattr(instance, "_history_user", None)
    if user is None:
        request = getattr(HistoricalRecords.context, "request", None)
        user = getattr(request, "user", None)
    return user if user is not None and user.is_authenticated else None


def _affected(instance, reverse: bool, pk_set) -> list[int]:
    if not reverse:
        return [instance.pk]
    if pk_set is None:  # function.pokja.clear()
        return list(instance.pokja.values_list("pk", flat=True))
    return list(pk_set)


def remember_raw_save(sender, instance, raw=False, **kwargs) -> None:
    # loaddata (and so `manage.py restore`) saves a pokja raw, then sets its functions: that restores rows, it
    # changes nothing, and the backup brings the PokjaFunctionChange rows of its own.
    setattr(instance, LOADED, raw)


def record_change(sender, instance, action, reverse, pk_set, **kwargs) -> None:
    if not reverse and getattr(instance, LOADED, False):
        return
    if action.startswith("pre_"):
        setattr(instance, BEFORE, function_numbers(_affected(instance, reverse, pk_set)))
        return
    before = instance.__dict__.pop(BEFORE, None)
    if not before:
        return
    after = function_numbers(before)
    changed = [pk for pk in before if before[pk] != after[pk]]
    if not changed:
        return
    pokja = {instance.pk: instance} if not reverse else Pokja.objects.in_bulk(changed)
    actor = _actor(instance)
    PokjaFunctionChange.objects.bulk_create(
        PokjaFunctionChange(
            agency_id=pokja[pk].agency_id,
            unit_id=pokja[pk].unit_id,
            pokja_id=pk,
            pokja_code=pokja[pk].code,
            before=before[pk],
            after=after[pk],
            changed_by=actor,
        )
        for pk in changed
        if pk in pokja
    )


def connect() -> None:
    post_save.connect(remember_raw_save, sender=Pokja, dispatch_uid="ops.pokja_functions.remember_raw_save")
    m2m_changed.connect(record_change, sender=Links, dispatch_uid="ops.pokja_functions.record_change")
