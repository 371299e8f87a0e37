"""The SVG primitives behind the report's charts: ticks, numbers, markers, labels, escaping."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from framing.render.svg import (
    MARKERS,
    Canvas,
    Scale,
    clumps,
    marker_path,
    number,
    place_labels,
    text_width,
    tick_label,
    ticks,
    x_axis,
)


def test_ticks_are_round_and_cover_the_range() -> None:
    values, decimals = ticks(-1.0, 1.0)
    assert values == [-1.0, -0.75, -0.5, -0.25, 0.0, 0.25, 0.5, 0.75, 1.0]
    assert [tick_label(v, decimals) for v in values[:2]] == ["\u22121.00", "\u22120.75"]
    values, decimals = ticks(0.0, 24.3, most=6)
    assert values == [0.0, 5.0, 10.0, 15.0, 20.0] and decimals == 0
    assert ticks(3.0, 3.0) == ([3.0], 0)  # an empty range still gets one tick


def test_numbers_are_short_and_never_negative_zero() -> None:
    assert [number(2.0), number(-0.04), number(1.25), number(-3.96)] == ["2", "0", "1.2", "-4"]
    assert tick_label(-0.0001, 2) == "0.00"


def test_scale_maps_linearly_and_an_empty_range_to_the_middle() -> None:
    assert Scale(-1, 1, 100, 300)(0.5) == 250
    assert Scale(2, 2, 100, 300)(2) == 200


def test_every_marker_is_a_distinct_closed_shape() -> None:
    shapes = [marker_path(m, 3.5) for m in MARKERS]
    assert len(set(shapes)) == len(MARKERS)
    assert all(s.startswith("m") and s.endswith("z") for s in shapes)


def test_text_and_label_are_escaped_and_the_drawing_has_no_fixed_size() -> None:
    canvas = Canvas(200)
    name = '<b onmouseover="x()">Tom & Jerry</b>'
    canvas.text(10, 10, name)
    canvas.text(10, 40, ["first line", name], anchor="end")
    svg = canvas.svg(60, f"chart of {name}")
    root = ET.fromstring(svg)
    assert root.get("role") == "img" and root.get("aria-label") == f"chart of {name}"
    assert root.get("viewBox") == "0 0 200 60"
    assert root.get("width") is None and root.get("height") is None
    assert next(t.text for t in root.iter("{http://www.w3.org/2000/svg}text")) == name
    assert "<b" not in svg


def test_a_label_near_the_right_edge_is_written_to_the_left_of_its_point() -> None:
    bounds = (0.0, 0.0, 300.0, 200.0)
    (x, _y, anchor), (x2, _y2, anchor2) = place_labels(
        [(290.0, 100.0, ["A long outlet name"]), (50.0, 100.0, ["Short"])], bounds
    )
    assert anchor == "end" and x < 290 and anchor2 == "start" and x2 > 50


def test_a_label_avoids_boxes_already_taken() -> None:
    bounds = (0.0, 0.0, 300.0, 200.0)
    taken = [(100.0, 90.0, 200.0, 110.0)]  # right of the point, where a label would go first
    ((x, _y, anchor),) = place_labels([(95.0, 100.0, ["Name"])], bounds, taken)
    assert anchor != "start" or x > 200


def test_points_within_reach_form_one_clump() -> None:
    points = [(0.0, 0.0), (50.0, 50.0), (5.0, 3.0), (9.0, 6.0), (50.0, 57.0)]
    assert clumps(points, 5.0) == [[0, 2, 3], [1], [4]]
    assert clumps(points, 8.0) == [[0, 2, 3], [1, 4]]


def test_an_axis_label_stays_on_the_drawing() -> None:
    canvas = Canvas(300)
    label = "a long axis label that is wider than the plot it sits under"
    x_axis(canvas, Scale(-1, 1, 200, 290), 100, label)
    (written,) = [p for p in canvas.parts if label in p]
    middle = float(written.split('x="')[1].split('"')[0])
    assert middle - text_width(label) / 2 >= 0 and middle + text_width(label) / 2 <= 300
