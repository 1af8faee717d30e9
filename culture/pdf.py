"""Printable documents drawn by WeasyPrint from HTML templates: award certificates and signed pacts."""

from django.template.loader import render_to_string
from django.utils import timezone
from weasyprint import HTML

from culture.models import Nomination, PactSignature


def certificate_pdf(nomination: Nomination) -> bytes:
    """An A4 landscape certificate of an awarded nomination."""
    context = {
        "nomination": nomination,
        "unit": nomination.period.unit,
        "period": nomination.period,
        "decided_on": timezone.localdate(nomination.decided_at),
        "values": list(nomination.values.all()),
    }
    return HTML(string=render_to_string("culture/pdf/certificate.html", context)).write_pdf()


def signed_pact_pdf(signature: PactSignature) -> bytes:
    """The pact text as signed, with the signature record (who, when, version, digest of the text)."""
    version = signature.version
    context = {
        "signature": signature,
        "version": version,
        "pact": version.pact,
        "unit": version.pact.unit,
        "signed_at": timezone.localtime(signature.signed_at),
    }
    return HTML(string=render_to_string("culture/pdf/signed_pact.html", context)).write_pdf()
