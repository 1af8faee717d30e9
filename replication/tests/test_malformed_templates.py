"""Malformed and hostile templates: each problem is named with its JSON path, and nothing is created."""

import copy
import io
import json

import pytest
from django.core.management import CommandError, call_command

from organisation.tests.factories import AgencyFactory
from replication.template import TemplateError, parse_template
from replication.tests.conftest import row_counts

pytestmark = pytest.mark.usefixtures("english_messages")

VALID = {
    "format": "orbit.unit-template",
    "version": 1,
    "unit": {"name": "Bidang Contoh", "min_pokja_per_employee": 2, "max_pokja_per_employee": 4},
    "functions": [{"number": 1, "description": "Pengelolaan data"}, {"number": 2, "description": "Pelayanan"}],
    "pokja": [
        {
            "code": "PAK",
            "name": "Pokja Arsip",
            "tasks": ["Mengelola arsip"],
            "functions": [1],
            "indicators": ["IKU.1"],
            "requirement": {
                "min_members": 3,
                "max_members": 8,
                "competencies": [{"code": "arsip", "weight": 3, "critical": True}],
            },
        },
        {"code": "PDK", "name": "Pokja Data", "functions": [1, 2], "indicators": ["IKU.1.1"]},
    ],
    "competencies": [{"code": "arsip", "name": "Pengelolaan Arsip", "kind": "technical"}],
    "performance": {
        "year": 2026,
        "objectives": [{"code": "SS.1", "name": "Data berkualitas", "perspective": "internal_process"}],
        "indicators": [
            {"code": "IKU.1", "name": "Data mutakhir", "objective": "SS.1", "unit_of_measure": "%", "target": 100},
            {
                "code": "IKU.1.1",
                "name": "Arsip tertata",
                "objective": "SS.1",
                "parent": "IKU.1",
                "unit_of_measure": "Dokumen",
                "target": "1200.50",
            },
        ],
    },
}


def changed(change) -> bytes:
    document = copy.deepcopy(VALID)
    change(document)
    return json.dumps(document).encode()


def pokja(index: int) -> dict:
    return {"code": f"P{index}", "name": f"Pokja {index}"}


def nested(depth: int) -> bytes:
    document = json.dumps({**VALID, "source": "@"})
    return document.replace('"@"', "[" * depth + "]" * depth).encode()


def parent_cycle(document):
    document["performance"]["indicators"][0]["parent"] = "IKU.1.1"


CASES = [
    ("empty", lambda: b"  ", "The file is empty."),
    ("not-utf8", lambda: json.dumps(VALID).encode("utf-16"), "The file is not UTF-8 text"),
    ("latin1", lambda: changed(lambda d: None).replace(b"Pokja Arsip", "Pokja Arsip é".encode("latin-1")), "UTF-8"),
    ("not-json", lambda: b'{"format": "orbit.unit-template",', "The file is not valid JSON"),
    ("a-list", lambda: b"[1, 2]", "The file must hold one JSON object"),
    ("wrong-format", lambda: changed(lambda d: d.update(format="netbox.export")), "format: this is not an Orbit unit"),
    ("no-format", lambda: changed(lambda d: d.pop("format")), "format: this is not an Orbit unit"),
    ("version-2", lambda: changed(lambda d: d.update(version=2)), "version: version 2 is not supported"),
    ("version-text", lambda: changed(lambda d: d.update(version="1")), "version: version 1 is not supported"),
    ("missing-pokja", lambda: changed(lambda d: d.pop("pokja")), 'the required key "pokja" is missing'),
    (
        "missing-pokja-name",
        lambda: changed(lambda d: d["pokja"][1].pop("name")),
        'pokja[1]: the required key "name" is missing.',
    ),
    (
        "unknown-key",
        lambda: changed(lambda d: d["pokja"][0].update(members=["Siti"])),
        'pokja[0]: the key "members" is not part of the format.',
    ),
    ("name-not-text", lambda: changed(lambda d: d["pokja"][0].update(name=5)), "pokja[0].name: must be a text."),
    ("functions-not-list", lambda: changed(lambda d: d.update(functions={})), "functions: must be a list"),
    ("pokja-not-object", lambda: changed(lambda d: d["pokja"].append("PJD")), "pokja[2]: must be an object"),
    (
        "number-as-text",
        lambda: changed(lambda d: d["functions"][0].update(number="1")),
        "functions[0].number: must be a whole number.",
    ),
    (
        "unknown-function",
        lambda: changed(lambda d: d["pokja"][1]["functions"].append(14)),
        "pokja[1].functions[2]: function 14 is not in the template.",
    ),
    (
        "unknown-indicator",
        lambda: changed(lambda d: d["pokja"][0]["indicators"].append("IKU.9")),
        'pokja[0].indicators[1]: indicator "IKU.9" is not in the template.',
    ),
    (
        "indicator-without-pk",
        lambda: changed(lambda d: d.update(performance=None)),
        'pokja[0].indicators[0]: indicator "IKU.1" is not in the template.',
    ),
    (
        "unknown-competency",
        lambda: changed(lambda d: d["pokja"][0]["requirement"]["competencies"][0].update(code="sihir")),
        'pokja[0].requirement.competencies[0].code: competency "sihir" is not in the template.',
    ),
    (
        "unknown-objective",
        lambda: changed(lambda d: d["performance"]["indicators"][1].update(objective="SS.9")),
        'performance.indicators[1].objective: objective "SS.9" is not in the template.',
    ),
    (
        "unknown-parent",
        lambda: changed(lambda d: d["performance"]["indicators"][1].update(parent="IKU.X")),
        'performance.indicators[1].parent: indicator "IKU.X" is not in the template.',
    ),
    ("parent-cycle", lambda: changed(parent_cycle), "the parents form a cycle: IKU.1 → IKU.1.1 → IKU.1."),
    (
        "own-parent",
        lambda: changed(lambda d: d["performance"]["indicators"][0].update(parent="IKU.1")),
        "performance.indicators[0].parent: the parents form a cycle: IKU.1 → IKU.1.",
    ),
    (
        "duplicate-pokja",
        lambda: changed(lambda d: d["pokja"][1].update(code="pak")),
        'pokja[1].code: pokja "pak" is listed twice.',
    ),
    (
        "duplicate-function",
        lambda: changed(lambda d: d["functions"][1].update(number=1)),
        "functions[1].number: function 1 is listed twice.",
    ),
    (
        "duplicate-indicator",
        lambda: changed(lambda d: d["performance"]["indicators"][1].update(code="IKU.1")),
        'performance.indicators[1].code: indicator "IKU.1" is listed twice.',
    ),
    (
        "duplicate-link",
        lambda: changed(lambda d: d["pokja"][1]["functions"].append(2)),
        "pokja[1].functions[2]: 2 is listed twice.",
    ),
    (
        "duplicate-key",
        lambda: changed(lambda d: None).replace(b'"name": "Pokja Data"', b'"name": "Pokja Data", "name": "X"'),
        'The key "name" appears twice in one object.',
    ),
    (
        "name-too-long",
        lambda: changed(lambda d: d["pokja"][0].update(name="x" * 201)),
        "pokja[0].name: is too long (201 characters; at most 200).",
    ),
    (
        "code-too-long",
        lambda: changed(lambda d: d["pokja"][0].update(code="ABCDEFGHIJKLM")),
        "pokja[0].code: is too long (13 characters; at most 12).",
    ),
    (
        "huge-task",
        lambda: changed(lambda d: d["pokja"][0]["tasks"].append("x" * 100_000)),
        "pokja[0].tasks[1]: is too long (100000 characters; at most 5000).",
    ),
    (
        "slash-in-code",
        lambda: changed(lambda d: d["pokja"][0].update(code="P/AK")),
        'pokja[0].code: must not contain "/".',
    ),
    (
        "competency-code",
        lambda: changed(lambda d: d["competencies"][0].update(code="arsip digital")),
        "competencies[0].code: may hold only letters, digits, hyphens and underscores.",
    ),
    (
        "weight-out-of-range",
        lambda: changed(lambda d: d["pokja"][0]["requirement"]["competencies"][0].update(weight=9)),
        "pokja[0].requirement.competencies[0].weight: must be between 1 and 5.",
    ),
    (
        "one-member",
        lambda: changed(lambda d: d["pokja"][0]["requirement"].update(min_members=1)),
        "pokja[0].requirement.min_members: must be between 2 and 32767.",
    ),
    (
        "size-reversed",
        lambda: changed(lambda d: d["pokja"][0]["requirement"].update(max_members=2)),
        "pokja[0].requirement.max_members: must not be below min_members (3).",
    ),
    (
        "pokja-range-reversed",
        lambda: changed(lambda d: d["unit"].update(max_pokja_per_employee=1)),
        "unit.max_pokja_per_employee: must not be below min_pokja_per_employee (2).",
    ),
    ("order-negative", lambda: changed(lambda d: d["pokja"][0].update(order=-1)), "pokja[0].order: must be between"),
    ("function-zero", lambda: changed(lambda d: d["functions"][0].update(number=0)), "functions[0].number: must be"),
    (
        "critical-text",
        lambda: changed(lambda d: d["pokja"][0]["requirement"]["competencies"][0].update(critical="yes")),
        "pokja[0].requirement.competencies[0].critical: must be true or false.",
    ),
    (
        "perspective",
        lambda: changed(lambda d: d["performance"]["objectives"][0].update(perspective="finance")),
        "performance.objectives[0].perspective: must be one of: stakeholder, customer",
    ),
    (
        "target-decimals",
        lambda: changed(lambda d: d["performance"]["indicators"][0].update(target="99.999")),
        "performance.indicators[0].target: must have at most 2 decimals and 12 digits before them.",
    ),
    (
        "target-huge",
        lambda: changed(lambda d: d["performance"]["indicators"][0].update(target=1e300)),
        "performance.indicators[0].target: must have at most 2 decimals",
    ),
    (
        "target-text",
        lambda: changed(lambda d: d["performance"]["indicators"][0].update(target="banyak")),
        "performance.indicators[0].target: must be a number.",
    ),
    (
        "target-bool",
        lambda: changed(lambda d: d["performance"]["indicators"][0].update(target=True)),
        "performance.indicators[0].target: must be a number.",
    ),
    ("nan", lambda: changed(lambda d: None).replace(b'"target": 100', b'"target": NaN'), "a number JSON does not"),
    ("long-integer", lambda: changed(lambda d: None).replace(b'"version": 1', b'"version": ' + b"9" * 5000), "JSON"),
    (
        "range-without-upper",
        lambda: changed(lambda d: d["performance"]["indicators"][0].update(polarity="range")),
        "performance.indicators[0].target_upper: a range target needs an upper bound.",
    ),
    (
        "nul-character",
        lambda: changed(lambda d: d["pokja"][0].update(purpose="arsip\u0000")),
        "pokja[0].purpose: contains control characters.",
    ),
    (
        "lone-surrogate",
        lambda: changed(lambda d: None).replace(b"Pokja Arsip", b"Pokja \\ud800"),
        "pokja[0].name: contains characters that are not valid Unicode.",
    ),
    (
        "too-many-pokja",
        lambda: changed(lambda d: d.update(pokja=[pokja(i) for i in range(201)])),
        "pokja: has too many entries (201; at most 200).",
    ),
    (
        "too-many-tasks",
        lambda: changed(lambda d: d["pokja"][0].update(tasks=["tugas"] * 101)),
        "pokja[0].tasks: has too many entries (101; at most 100).",
    ),
    ("deep-nesting", lambda: nested(100_000), "The file nests lists or objects too deeply."),
]


@pytest.mark.parametrize(("make", "expected"), [case[1:] for case in CASES], ids=[case[0] for case in CASES])
def test_it_names_where_a_template_is_wrong(make, expected):
    with pytest.raises(TemplateError) as caught:
        parse_template(make())

    assert any(expected in message for message in caught.value.messages), caught.value.messages


@pytest.mark.parametrize(("make", "expected"), [case[1:] for case in CASES], ids=[case[0] for case in CASES])
def test_the_command_creates_nothing_from_a_wrong_template(db, tmp_path, make, expected):
    AgencyFactory(slug="kab-contoh")
    path = tmp_path / "template.json"
    path.write_bytes(make())
    before = row_counts()
    errors = io.StringIO()

    with pytest.raises(CommandError, match="nothing was created"):
        call_command(
            "create_unit_from_template", str(path), agency="kab-contoh", name="Bidang Baru", slug="baru", stderr=errors
        )

    assert expected in errors.getvalue()
    assert row_counts() == before


def test_the_valid_template_of_these_cases_is_accepted():
    template = parse_template(json.dumps(VALID).encode())

    assert [p["code"] for p in template.pokja] == ["PAK", "PDK"]
    assert str(template.performance["indicators"][1]["target"]) == "1200.50"


def test_it_refuses_a_file_above_the_size_limit(settings):
    settings.ORBIT_IMPORT_MAX_BYTES = 100

    with pytest.raises(TemplateError) as caught:
        parse_template(json.dumps(VALID).encode())

    assert caught.value.messages[0].startswith("The file is too large (")


def test_it_lists_the_first_fifty_problems_and_counts_the_rest():
    many = changed(lambda d: d.update(pokja=[{"code": f"P{i}", "name": 1} for i in range(120)]))

    with pytest.raises(TemplateError) as caught:
        parse_template(many)

    assert len(caught.value.messages) == 51
    assert caught.value.messages[0] == "pokja[0].name: must be a text."
    assert caught.value.messages[-1] == "… and 70 more problems."


def test_it_reports_every_problem_of_a_file_at_once():
    def two_problems(document):
        document["pokja"][0]["functions"] = [14]
        document["functions"][1]["description"] = ""

    with pytest.raises(TemplateError) as caught:
        parse_template(changed(two_problems))

    assert caught.value.messages == [
        "functions[1].description: must not be empty.",
        "pokja[0].functions[0]: function 14 is not in the template.",
    ]
