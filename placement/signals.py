"""Every new agency starts with the ASN competency standard in its catalogue."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from organisation.models import Agency


@receiver(post_save, sender=Agency, dispatch_uid="placement_seed_asn_standard")
def seed_asn_standard(sender, instance: Agency, created: bool, raw: bool = False, **kwargs):
    if created and not raw:
        from placement.catalogue import ensure_asn_standard

        ensure_asn_standard(instance)
