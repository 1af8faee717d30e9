"""Checks of untrusted JSON values that name where a problem is ("pokja[2].functions[0]: ...").

Each check reports into a ``Problems`` list and returns a clean value (or None), so that one pass over a file
finds every problem instead of stopping at the first.
"""

import json
import re
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

MAX_SHOWN = 50  # a hostile file can have thousands of problems: the first ones say enough
MAX_TEXT = 5000  # texts of TextFields (descriptions, purposes, tasks, indicator names)
# Control characters other than tab and line breaks; PostgreSQL also refuses NUL in text.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class Problems:
    """The problems found so far, each prefixed with its JSON path."""

    def __init__(self):
        self.messages: list[str] = []
        self.count = 0

    def add(self, path: str, message: str) -> None:
        self.count += 1
        if len(self.messages) < MAX_SHOWN:
            self.messages.append(f"{path}: {message}" if path else message)

    def __bool__(self) -> bool:
        return self.count > 0

    def summary(self) -> list[str]:
        hidden = self.count - len(self.messages)
        if hidden <= 0:
            return list(self.messages)
        more = ngettext("… and %(count)d more problem.", "… and %(count)d more problems.", hidden) % {"count": hidden}
        return [*self.messages, more]


def at(path: str, key: str | int) -> str:
    """The path of a key or list index below ``path``."""
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else key


class DuplicateKey(ValueError):
    pass


def _no_duplicate_keys(pairs):
    result = {}
    for key, value in pairs:
        if key in result:
            raise DuplicateKey(key)
        result[key] = value
    return result


def _no_constants(name):
    raise ValueError(name)


def load_json(raw: bytes, max_bytes: int, problems: Problems):
    """The decoded JSON document, or None with the reason in ``problems``."""
    if len(raw) > max_bytes:
        problems.add("", _("The file is too large (%(size)d bytes; at most %(limit)d).") % {
            "size": len(raw), "limit": max_bytes,
        })  # fmt: skip
        return None
    if not raw.strip():
        problems.add("", _("The file is empty."))
        return None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        problems.add("", _("The file is not UTF-8 text (byte %(position)d).") % {"position": error.start + 1})
        return None
    try:
        return json.loads(text, object_pairs_hook=_no_duplicate_keys, parse_constant=_no_constants)
    except DuplicateKey as error:
        problems.add("", _('The key "%(key)s" appears twice in one object.') % {"key": str(error)[:100]})
    except json.JSONDecodeError as error:
        problems.add("", _("The file is not valid JSON: %(reason)s (line %(line)d, column %(column)d).") % {
            "reason": error.msg, "line": error.lineno, "column": error.colno,
        })  # fmt: skip
    except RecursionError:
        problems.add("", _("The file nests lists or objects too deeply."))
    except ValueError:  # NaN/Infinity, or an integer with thousands of digits
        problems.add("", _("The file holds a number JSON does not allow or that is too large."))
    return None


class Reader:
    """Typed reads of one JSON object's keys, reporting what is wrong into ``problems``."""

    def __init__(self, problems: Problems):
        self.problems = problems

    def obj(self, value, path: str, required: tuple[str, ...], optional: tuple[str, ...] = ()) -> dict | None:
        """The object at ``path`` if it is one, with every required key and no unknown key."""
        if not isinstance(value, dict):
            self.problems.add(path, _("must be an object ({…})."))
            return None
        for key in required:
            if key not in value:
                self.problems.add(path, _('the required key "%(key)s" is missing.') % {"key": key})
        known = set(required) | set(optional)
        for key in value:
            if key not in known:
                self.problems.add(path, _('the key "%(key)s" is not part of the format.') % {"key": key[:100]})
        return value

    def text(self, data: dict, key: str, path: str, *, max_length: int = MAX_TEXT, blank: bool = False) -> str | None:
        """A string of at most ``max_length`` characters (after trimming spaces); absent is "" when blank."""
        if key not in data:
            return "" if blank else None  # a missing required key is reported by obj()
        if data[key] is None and blank:
            return ""
        return self.text_value(data[key], at(path, key), max_length=max_length, blank=blank)

    def text_value(self, value, where: str, *, max_length: int = MAX_TEXT, blank: bool = False) -> str | None:
        if not isinstance(value, str):
            self.problems.add(where, _("must be a text."))
            return None
        value = value.strip()
        if not value and not blank:
            self.problems.add(where, _("must not be empty."))
            return None
        if len(value) > max_length:
            self.problems.add(where, _("is too long (%(length)d characters; at most %(limit)d).") % {
                "length": len(value), "limit": max_length,
            })  # fmt: skip
            return None
        if CONTROL.search(value):
            self.problems.add(where, _("contains control characters."))
            return None
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:  # a lone surrogate such as "\ud800"
            self.problems.add(where, _("contains characters that are not valid Unicode."))
            return None
        return value

    def integer(self, data: dict, key: str, path: str, *, minimum: int, maximum: int, default=None) -> int | None:
        where = at(path, key)
        if key not in data:
            return default
        value = data[key]
        if isinstance(value, bool) or not isinstance(value, int):
            self.problems.add(where, _("must be a whole number."))
            return None
        if not minimum <= value <= maximum:
            self.problems.add(where, _("must be between %(minimum)d and %(maximum)d.") % {
                "minimum": minimum, "maximum": maximum,
            })  # fmt: skip
            return None
        return value

    def boolean(self, data: dict, key: str, path: str, *, default: bool = False) -> bool | None:
        if key not in data:
            return default
        if not isinstance(data[key], bool):
            self.problems.add(at(path, key), _("must be true or false."))
            return None
        return data[key]

    def choice(self, data: dict, key: str, path: str, choices, *, default=None) -> str | None:
        if key not in data:
            return default
        allowed = [str(value) for value in choices]
        if data[key] not in allowed:
            self.problems.add(at(path, key), _("must be one of: %(choices)s.") % {"choices": ", ".join(allowed)})
            return None
        return data[key]

    def decimal(self, data: dict, key: str, path: str, *, digits: int = 14, places: int = 2, null: bool = False):
        """A number (or a text holding one) with at most ``places`` decimals and ``digits`` digits in all."""
        where = at(path, key)
        if key not in data or (null and data[key] is None):
            return None
        value = data[key]
        if isinstance(value, bool) or not isinstance(value, int | float | str) or len(str(value)) > 40:
            self.problems.add(where, _("must be a number."))
            return None
        try:
            number = Decimal(str(value).strip())
        except InvalidOperation:
            self.problems.add(where, _("must be a number."))
            return None
        if not number.is_finite():
            self.problems.add(where, _("must be a number."))
            return None
        step = Decimal(1).scaleb(-places)
        if abs(number) >= Decimal(10) ** (digits - places) or number != number.quantize(step):
            self.problems.add(where, _("must have at most %(places)d decimals and %(whole)d digits before them.") % {
                "places": places, "whole": digits - places,
            })  # fmt: skip
            return None
        number = number.quantize(step)
        return number

    def items(self, data: dict, key: str, path: str, *, max_items: int) -> list:
        """The list at ``key`` (absent is empty), or an empty list after reporting what is wrong."""
        value = data.get(key, [])
        if value is None:
            return []
        if not isinstance(value, list):
            self.problems.add(at(path, key), _("must be a list ([…])."))
            return []
        if len(value) > max_items:
            self.problems.add(at(path, key), _("has too many entries (%(count)d; at most %(limit)d).") % {
                "count": len(value), "limit": max_items,
            })  # fmt: skip
            return []
        return value
