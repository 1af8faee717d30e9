"""Reading an untrusted unit template: every problem named by its JSON path, nothing trusted on the way.

The limits keep a hostile file small: a few hundred rows, texts of model length, no deep nesting.
"""

from django.utils.translation import gettext as _

from performance.models import Indicator, StrategicObjective
from placement.models import Competency
from replication.checks import Reader, at

FORMAT = "orbit.unit-template"
VERSION = 1
SMALL = 32767  # PositiveSmallIntegerField
MAX_FUNCTIONS = 200
MAX_POKJA = 200
MAX_TASKS = 100
MAX_COMPETENCIES = 500
MAX_NEEDS = 100
MAX_OBJECTIVES = 100
MAX_INDICATORS = 500
MIN_YEAR, MAX_YEAR = 2000, 2100


def read_document(document, read: Reader) -> dict | None:
    """The checked content of a decoded template document, or None when ``read.problems`` holds why."""
    problems = read.problems
    if not isinstance(document, dict):
        problems.add("", _("The file must hold one JSON object ({…}), as an exported template does."))
        return None
    if document.get("format") != FORMAT:
        problems.add("format", _('this is not an Orbit unit template (expected "%(format)s").') % {"format": FORMAT})
        return None
    if isinstance(document.get("version"), bool) or document.get("version") != VERSION:
        problems.add("version", _("version %(version)s is not supported; this Orbit reads version %(supported)d.") % {
            "version": str(document.get("version"))[:20], "supported": VERSION,
        })  # fmt: skip
        return None
    read.obj(
        document,
        "",
        required=("format", "version", "unit", "functions", "pokja"),
        optional=("exported_at", "source", "competencies", "performance"),
    )
    source = {}
    if document.get("source") is not None:
        raw_source = read.obj(document["source"], "source", required=(), optional=("unit", "agency"))
        if raw_source is not None:
            source = {key: read.text(raw_source, key, "source", max_length=200, blank=True) for key in raw_source}
    unit = _read_unit(document.get("unit"), read)
    functions = _read_functions(document, read)
    competencies = _read_competencies(document, read)
    performance = _read_performance(document.get("performance"), read)
    pokja = _read_pokja(document, read, functions, competencies, performance)
    if problems:
        return None
    return {
        "source": source,
        "unit": unit,
        "functions": functions,
        "pokja": pokja,
        "competencies": competencies,
        "performance": performance,
    }


def _read_unit(raw, read: Reader) -> dict | None:
    if raw is None:
        return None
    data = read.obj(raw, "unit", required=("name",), optional=("min_pokja_per_employee", "max_pokja_per_employee"))
    if data is None:
        return None
    unit = {
        "name": read.text(data, "name", "unit", max_length=200),
        "min_pokja_per_employee": read.integer(data, "min_pokja_per_employee", "unit", minimum=0, maximum=SMALL,
                                               default=2),
        "max_pokja_per_employee": read.integer(data, "max_pokja_per_employee", "unit", minimum=0, maximum=SMALL,
                                               default=4),
    }  # fmt: skip
    low, high = unit["min_pokja_per_employee"], unit["max_pokja_per_employee"]
    if low is not None and high is not None and high < low:
        read.problems.add("unit.max_pokja_per_employee", _("must not be below min_pokja_per_employee (%(low)d).") % {
            "low": low
        })  # fmt: skip
    return unit


def _read_functions(document: dict, read: Reader) -> list[dict]:
    functions = []
    numbers: set[int] = set()
    for index, raw in enumerate(read.items(document, "functions", "", max_items=MAX_FUNCTIONS)):
        path = at("functions", index)
        data = read.obj(raw, path, required=("number", "description"), optional=("legal_basis",))
        if data is None:
            continue
        number = read.integer(data, "number", path, minimum=1, maximum=SMALL)
        if number is not None and number in numbers:
            read.problems.add(at(path, "number"), _("function %(number)d is listed twice.") % {"number": number})
        elif number is not None:
            numbers.add(number)
        functions.append({
            "number": number,
            "description": read.text(data, "description", path),
            "legal_basis": read.text(data, "legal_basis", path, max_length=255, blank=True),
        })  # fmt: skip
    return functions


def _read_competencies(document: dict, read: Reader) -> list[dict]:
    competencies = []
    codes: set[str] = set()
    for index, raw in enumerate(read.items(document, "competencies", "", max_items=MAX_COMPETENCIES)):
        path = at("competencies", index)
        data = read.obj(raw, path, required=("code", "name"), optional=("kind", "description"))
        if data is None:
            continue
        code = _slug_code(read, data, path)
        if code is not None and code in codes:
            read.problems.add(at(path, "code"), _('competency "%(code)s" is listed twice.') % {"code": code})
        elif code is not None:
            codes.add(code)
        competencies.append({
            "code": code,
            "name": read.text(data, "name", path, max_length=120),
            "kind": read.choice(data, "kind", path, Competency.Kind.values, default=Competency.Kind.TECHNICAL),
            "description": read.text(data, "description", path, blank=True),
        })  # fmt: skip
    return competencies


def _slug_code(read: Reader, data: dict, path: str) -> str | None:
    code = read.text(data, "code", path, max_length=40)
    if code is not None and not all(ch.isascii() and (ch.isalnum() or ch in "-_") for ch in code):
        read.problems.add(at(path, "code"), _("may hold only letters, digits, hyphens and underscores."))
        return None
    return code


def _read_performance(raw, read: Reader) -> dict | None:
    if raw is None:
        return None
    data = read.obj(raw, "performance", required=("objectives", "indicators"), optional=("year",))
    if data is None:
        return None
    objectives = []
    objective_codes: set[str] = set()
    for index, item in enumerate(read.items(data, "objectives", "performance", max_items=MAX_OBJECTIVES)):
        path = at("performance.objectives", index)
        entry = read.obj(item, path, required=("code", "name", "perspective"))
        if entry is None:
            continue
        code = read.text(entry, "code", path, max_length=20)
        if code is not None and code in objective_codes:
            read.problems.add(at(path, "code"), _('objective "%(code)s" is listed twice.') % {"code": code})
        elif code is not None:
            objective_codes.add(code)
        objectives.append({
            "code": code,
            "name": read.text(entry, "name", path),
            "perspective": read.choice(entry, "perspective", path, StrategicObjective.Perspective.values),
        })  # fmt: skip
    indicators = _read_indicators(data, read, objective_codes)
    return {
        "year": read.integer(data, "year", "performance", minimum=MIN_YEAR, maximum=MAX_YEAR),
        "objectives": objectives,
        "indicators": indicators,
    }


def _read_indicators(data: dict, read: Reader, objective_codes: set[str]) -> list[dict]:
    indicators, paths = [], {}
    for index, item in enumerate(read.items(data, "indicators", "performance", max_items=MAX_INDICATORS)):
        path = at("performance.indicators", index)
        entry = read.obj(
            item,
            path,
            required=("code", "name", "objective", "unit_of_measure", "target"),
            optional=("parent", "target_upper", "polarity", "aggregation", "periodicity"),
        )
        if entry is None:
            continue
        code = read.text(entry, "code", path, max_length=20)
        if code is not None and code in paths:
            read.problems.add(at(path, "code"), _('indicator "%(code)s" is listed twice.') % {"code": code})
        elif code is not None:
            paths[code] = path
        objective = read.text(entry, "objective", path, max_length=20)
        if objective is not None and objective not in objective_codes:
            read.problems.add(at(path, "objective"), _('objective "%(code)s" is not in the template.') % {
                "code": objective
            })  # fmt: skip
        parent = None if entry.get("parent") is None else read.text(entry, "parent", path, max_length=20)
        indicator = {
            "code": code,
            "name": read.text(entry, "name", path),
            "objective": objective,
            "parent": parent,
            "unit_of_measure": read.text(entry, "unit_of_measure", path, max_length=40),
            "target": read.decimal(entry, "target", path),
            "target_upper": read.decimal(entry, "target_upper", path, null=True),
            "polarity": read.choice(entry, "polarity", path, Indicator.Polarity.values,
                                    default=Indicator.Polarity.HIGHER_IS_BETTER),
            "aggregation": read.choice(entry, "aggregation", path, Indicator.Aggregation.values,
                                       default=Indicator.Aggregation.SUM),
            "periodicity": read.choice(entry, "periodicity", path, Indicator.Periodicity.values,
                                       default=Indicator.Periodicity.QUARTERLY),
        }  # fmt: skip
        if indicator["polarity"] == Indicator.Polarity.RANGE and indicator["target_upper"] is None:
            read.problems.add(at(path, "target_upper"), _("a range target needs an upper bound."))
        target, upper = indicator["target"], indicator["target_upper"]
        if target is not None and upper is not None and upper < target:
            read.problems.add(at(path, "target_upper"), _("must not be below the target."))
        indicators.append(indicator)
    _check_parents(indicators, paths, read)
    return indicators


def _check_parents(indicators: list[dict], paths: dict[str, str], read: Reader) -> None:
    parent_of = {i["code"]: i["parent"] for i in indicators if i["code"] is not None}
    in_cycle: set[str] = set()
    for indicator in indicators:
        code, parent = indicator["code"], indicator["parent"]
        if code is None or parent is None:
            continue
        if parent not in parent_of:
            read.problems.add(at(paths[code], "parent"), _('indicator "%(code)s" is not in the template.') % {
                "code": parent
            })  # fmt: skip
            continue
        chain, current = [code], parent
        while current is not None and current in parent_of and current not in chain:
            chain.append(current)
            current = parent_of[current]
        if current == code and code not in in_cycle:
            in_cycle.update(chain)
            read.problems.add(at(paths[code], "parent"), _("the parents form a cycle: %(chain)s.") % {
                "chain": " → ".join([*chain, code])
            })  # fmt: skip


def _read_pokja(document, read: Reader, functions, competencies, performance) -> list[dict]:
    function_numbers = {f["number"] for f in functions}
    competency_codes = {c["code"] for c in competencies}
    indicator_codes = {i["code"] for i in performance["indicators"]} if performance else set()
    result = []
    codes: set[str] = set()
    for index, raw in enumerate(read.items(document, "pokja", "", max_items=MAX_POKJA)):
        path = at("pokja", index)
        data = read.obj(
            raw,
            path,
            required=("code", "name"),
            optional=("aliases", "purpose", "order", "tasks", "functions", "indicators", "requirement"),
        )
        if data is None:
            continue
        code = read.text(data, "code", path, max_length=12)
        if code is not None and "/" in code:
            read.problems.add(at(path, "code"), _('must not contain "/".'))
        elif code is not None and code.upper() in codes:
            read.problems.add(at(path, "code"), _('pokja "%(code)s" is listed twice.') % {"code": code})
        elif code is not None:
            codes.add(code.upper())
        tasks = []
        for number, task in enumerate(read.items(data, "tasks", path, max_items=MAX_TASKS)):
            tasks.append(read.text_value(task, at(at(path, "tasks"), number)))
        linked = _references(read, data, "functions", path, function_numbers, MAX_FUNCTIONS, kind="function")
        indicators = _references(read, data, "indicators", path, indicator_codes, MAX_INDICATORS, kind="indicator")
        result.append({
            "code": code,
            "name": read.text(data, "name", path, max_length=200),
            "aliases": read.text(data, "aliases", path, max_length=100, blank=True),
            "purpose": read.text(data, "purpose", path, blank=True),
            "order": read.integer(data, "order", path, minimum=0, maximum=SMALL, default=index + 1),
            "tasks": tasks,
            "functions": linked,
            "indicators": indicators,
            "requirement": _read_requirement(data.get("requirement"), at(path, "requirement"), read, competency_codes),
        })  # fmt: skip
    return result


def _references(read: Reader, data: dict, key: str, path: str, known: set, limit: int, *, kind: str) -> list:
    """A list of function numbers or indicator codes, each in the template and listed once."""
    result = []
    for index, value in enumerate(read.items(data, key, path, max_items=limit)):
        where = at(at(path, key), index)
        wrong_type = isinstance(value, bool) or not isinstance(value, int if kind == "function" else str)
        if wrong_type:
            read.problems.add(where, _("must be a function number.") if kind == "function" else _("must be a text."))
        elif value in result:
            read.problems.add(where, _("%(value)s is listed twice.") % {"value": str(value)[:40]})
        elif value not in known:
            message = (
                _("function %(value)s is not in the template.")
                if kind == "function"
                else _('indicator "%(value)s" is not in the template.')
            )
            read.problems.add(where, message % {"value": str(value)[:40]})
        else:
            result.append(value)
    return result


def _read_requirement(raw, path: str, read: Reader, competency_codes: set[str]) -> dict | None:
    if raw is None:
        return None
    data = read.obj(raw, path, required=("min_members", "max_members"), optional=("competencies",))
    if data is None:
        return None
    low = read.integer(data, "min_members", path, minimum=2, maximum=SMALL)
    high = read.integer(data, "max_members", path, minimum=2, maximum=SMALL)
    if low is not None and high is not None and high < low:
        read.problems.add(at(path, "max_members"), _("must not be below min_members (%(low)d).") % {"low": low})
    needs, seen = [], set()
    for index, item in enumerate(read.items(data, "competencies", path, max_items=MAX_NEEDS)):
        where = at(at(path, "competencies"), index)
        entry = read.obj(item, where, required=("code",), optional=("weight", "critical"))
        if entry is None:
            continue
        code = read.text(entry, "code", where, max_length=40)
        if code is not None and code in seen:
            read.problems.add(at(where, "code"), _('competency "%(code)s" is listed twice.') % {"code": code})
        elif code is not None and code not in competency_codes:
            read.problems.add(at(where, "code"), _('competency "%(code)s" is not in the template.') % {"code": code})
        elif code is not None:
            seen.add(code)
        needs.append({
            "code": code,
            "weight": read.integer(entry, "weight", where, minimum=1, maximum=5, default=1),
            "critical": read.boolean(entry, "critical", where),
        })  # fmt: skip
    return {"min_members": low, "max_members": high, "competencies": needs}
