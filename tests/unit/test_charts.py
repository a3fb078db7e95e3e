"""The insights charts: month names, round axis marks, links on the marks, text alternatives."""

import re
from datetime import date

import pytest

from ideashub.insights import charts

MONTHS = [date(2025, m, 1) for m in range(4, 13)] + [date(2026, m, 1) for m in range(1, 4)]


@pytest.mark.parametrize(
    ("biggest", "marks"),
    [
        (0, [0, 1]),
        (1, [0, 1]),
        (4, [0, 1, 2, 3, 4]),
        (7, [0, 2, 4, 6, 8]),
        (118, [0, 50, 100, 150]),
        (1000, [0, 200, 400, 600, 800, 1000]),
        (1234, [0, 500, 1000, 1500]),
    ],
)
def test_axis_marks_are_round_and_reach_the_biggest_value(biggest, marks):
    assert charts.axis_marks(biggest) == marks


def _trend(links=None):
    values = list(range(12))
    return str(charts.monthly("t", "Per month", MONTHS, [("Ideas posted", values), ("Supports", [v * 10 for v in values])], links))


def test_months_are_named_with_the_year_where_it_changes():
    svg = _trend()
    ticks = re.findall(r'class="chart__tick[^"]*">([^<]+)</text>', svg)
    names = [t for t in ticks if t.isalpha() and len(t) == 3]
    assert names[:3] == ["Apr", "May", "Jun"] and names[-3:] == ["Jan", "Feb", "Mar"]
    assert ticks.count("2025") == 1 and ticks.count("2026") == 1  # under the first month and January
    assert not re.search(r">\d{4}-\d{2}<", svg)
    assert "March 2026: Ideas posted 11, Supports 110" in svg  # the text alternative names months in words


def test_the_axis_has_several_marks_not_only_the_top():
    svg = _trend()
    marks = re.findall(r'text-anchor="end" class="chart__tick">([\d,]+)</text>', svg)
    assert marks == ["0", "50", "100", "150"]
    assert svg.count('class="chart__grid"') == len(marks)


def test_each_months_bars_are_one_link_to_its_ideas_and_the_chart_is_a_group():
    links = [f"/ideas/?from={m.isoformat()}&to=x" for m in MONTHS]
    svg = _trend(links)
    assert svg.count('<a href="/ideas/?from=') == 12
    assert 'href="/ideas/?from=2026-02-01&amp;to=x"' in svg  # escaped
    assert 'aria-label="February 2026: Ideas posted 10, Supports 100. See the ideas posted that month"' in svg
    assert 'role="group"' in svg and 'role="img"' not in svg
    assert 'role="img"' in _trend()  # without links it stays one image


def test_funnel_bars_link_to_their_column():
    svg = str(charts.funnel("f", "Columns", [("being_heard", "Being heard", 4), ("parked", "Parked", 0)],
                            links={"being_heard": "/ideas/#col-being_heard", "parked": "/ideas/#col-parked"}))
    assert 'href="/ideas/#col-being_heard"' in svg and 'aria-label="Being heard: 4 ideas. See them on the board"' in svg
    assert 'href="/ideas/#col-parked"' in svg


def test_heat_map_column_names_lead_to_the_teams_ideas_and_labels_are_escaped():
    svg = str(charts.heat_map("h", "Matrix", ["Housing", "<b>Care</b>"], [[1, 2], [0, 3]], ["/ideas/?team=1", "/ideas/?team=2"]))
    assert 'href="/ideas/?team=2"' in svg and "<b>" not in svg and "&lt;b&gt;Care&lt;/b&gt;" in svg
