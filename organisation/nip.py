"""The 18-digit civil-servant number (NIP): parsing and validation as a pure function.

Layout: YYYYMMDD birth date, YYYYMM TMT CPNS (start of candidacy), 1 sex digit (1 male, 2 female),
3 digits sequence (001-999).
"""

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MALE = "L"
FEMALE = "P"


@dataclass(frozen=True)
class NipInfo:
    nip: str
    birth_date: datetime.date
    tmt_cpns: datetime.date  # first day of the TMT month
    sex: str  # "L" or "P"
    sequence: int


def normalise(raw: str) -> str:
    """Drops the spaces people type between the NIP's parts (``19800101 200501 1 001``)."""
    return "".join(str(raw).split())


def nip_errors(raw: str, today: datetime.date | None = None) -> list[str]:
    """Every rule the NIP breaks, one message per part; an empty list means valid."""
    today = today or datetime.date.today()
    nip = normalise(raw)
    if not nip.isdigit() or not nip.isascii() or len(nip) != 18:
        return [_("NIP must be exactly 18 digits (found %(count)d characters).") % {"count": len(nip)}]

    errors = []
    birth = _date_or_none(int(nip[0:4]), int(nip[4:6]), int(nip[6:8]))
    if birth is None:
        errors.append(
            _("Digits 1-8 of the NIP (birth date, YYYYMMDD) are not a real date: %(part)s.") % {"part": nip[0:8]}
        )
    elif birth > today:
        errors.append(_("Digits 1-8 of the NIP (birth date) lie in the future: %(part)s.") % {"part": nip[0:8]})

    tmt = _date_or_none(int(nip[8:12]), int(nip[12:14]), 1)
    if tmt is None:
        errors.append(
            _("Digits 9-14 of the NIP (TMT CPNS, YYYYMM) are not a real month: %(part)s.") % {"part": nip[8:14]}
        )
    else:
        if (tmt.year, tmt.month) > (today.year, today.month):
            errors.append(_("Digits 9-14 of the NIP (TMT CPNS) lie in the future: %(part)s.") % {"part": nip[8:14]})
        if birth is not None and (tmt.year, tmt.month) < (birth.year + 18, birth.month):
            errors.append(
                _("Digits 9-14 of the NIP (TMT CPNS %(part)s) fall before the 18th birthday (born %(birth)s).")
                % {"part": nip[8:14], "birth": birth.isoformat()}
            )

    if nip[14] not in "12":
        errors.append(_("Digit 15 of the NIP (sex) must be 1 or 2, not %(part)s.") % {"part": nip[14]})
    if nip[15:18] == "000":
        errors.append(_("Digits 16-18 of the NIP (sequence number) must be 001-999, not 000."))
    return errors


def validate_nip(raw: str, today: datetime.date | None = None) -> None:
    errors = nip_errors(raw, today)
    if errors:
        raise ValidationError(errors, code="invalid_nip")


def parse_nip(raw: str, today: datetime.date | None = None) -> NipInfo:
    """The facts a valid NIP carries; raises ValidationError listing every broken rule."""
    validate_nip(raw, today)
    nip = normalise(raw)
    return NipInfo(
        nip=nip,
        birth_date=datetime.date(int(nip[0:4]), int(nip[4:6]), int(nip[6:8])),
        tmt_cpns=datetime.date(int(nip[8:12]), int(nip[12:14]), 1),
        sex=MALE if nip[14] == "1" else FEMALE,
        sequence=int(nip[15:18]),
    )


def _date_or_none(year: int, month: int, day: int) -> datetime.date | None:
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None
