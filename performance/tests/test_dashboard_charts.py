"""The inline SVG trend chart: plotted values readable from data-* attributes, deterministic, escaped."""

from decimal import Decimal as D

import tinyhtml5
from django.utils import translation

from performance.trend_chart import HEIGHT, trend_svg

SVG = "{http://www.w3.org/2000/svg}"


def parse(svg: str):
    root = tinyhtml5.parse(str(svg), namespace_html_elements=False)
    return root.find(f".//{SVG}svg")


def test_it_plots_realisasi_as_bars_and_targets_as_a_line():
    chart = parse(trend_svg("IKU.1", [1, 2, 3, 4], [D(10), D("12.5"), None, D(20)], [D(9), None, D(3), D(22)]))
    assert chart.get("data-targets") == "10.00,12.50,,20.00"
    assert chart.get("data-realisasi") == "9.00,,3.00,22.00"
    bars = chart.findall(f"{SVG}rect[@data-series='realisasi']")
    assert [(bar.get("data-period"), bar.get("data-value")) for bar in bars] == [
        ("1", "9.00"),
        ("3", "3.00"),
        ("4", "22.00"),
    ]
    heights = [float(bar.get("height")) for bar in bars]
    assert heights[2] > heights[0] > heights[1] > 0  # taller bar, larger value
    dots = chart.findall(f"{SVG}circle[@data-series='target']")
    assert [dot.get("data-period") for dot in dots] == ["1", "2", "4"]
    assert [float(dot.get("cy")) for dot in dots] == sorted((float(dot.get("cy")) for dot in dots), reverse=True)
    assert len(chart.find(f"{SVG}polyline").get("points").split()) == 3


def test_it_is_deterministic_and_has_no_script():
    args = ("IKU.1", list(range(1, 13)), [D(m) for m in range(12)], [D(m * 2) for m in range(12)])
    assert trend_svg(*args) == trend_svg(*args)
    assert "<script" not in trend_svg(*args) and " on" not in trend_svg(*args).replace(" one", "")


def test_it_escapes_the_title():
    svg = trend_svg('<script>alert("x")</script>', [1], [D(1)], [D(1)])
    assert "<script>" not in svg
    assert parse(svg).find(f"{SVG}title").text == '<script>alert("x")</script>'


def test_an_empty_chart_draws_axes_without_marks():
    chart = parse(trend_svg("IKU.1", [1, 2, 3, 4], [None] * 4, [None] * 4))
    assert chart.findall(f".//{SVG}rect[@data-series]") == []
    assert chart.find(f"{SVG}polyline") is None
    assert chart.get("viewBox").endswith(str(HEIGHT))


def test_quarters_are_labelled_in_the_active_language():
    with translation.override("en"):
        chart = parse(trend_svg("IKU.1", [1, 2, 3, 4], [D(1)] * 4, [D(1)] * 4, period_count=4))
    labels = [text.text for text in chart.findall(f"{SVG}text[@class='tick']")]
    assert labels[-4:] == ["Q1", "Q2", "Q3", "Q4"]
