"""SVG primitives for the report's charts: scales, ticks, marker shapes, axes, labels, legends.

Charts are written as SVG text directly, so their text stays text (drawn by the browser in its
own fonts, read by screen readers and found by search), the same input gives the same bytes, and
a chart costs milliseconds. Coordinates are in the drawing's own units, 72 to the inch as in
print (a 576-unit-wide chart is 8 inches); the ``viewBox`` lets the page scale it to any width.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from html import escape

FONT_SIZE = 10.0
LINE_HEIGHT = 12.0  # between the lines of a wrapped label
TICK = 3.5  # tick mark length
AXIS_HEIGHT = 34.0  # room a bottom axis takes below the plot: tick values and the axis label
INK = "#000000"
GREY = "#777777"
LIGHT = "#BBBBBB"
MARKERS = ("o", "s", "^", "D", "v", "P", "X", "*", "h", "<")
Box = tuple[float, float, float, float]  # left, top, right, bottom


def number(value: float) -> str:
    """A coordinate with one decimal (a tenth of a point is below what a screen shows), without
    a trailing ``.0`` and never ``-0``, so equal drawings give equal bytes."""
    text = f"{value:.1f}"
    if text.endswith(".0"):
        text = text[:-2]
    return "0" if text == "-0" else text


def text_width(text: str, size: float = FONT_SIZE) -> float:
    """Estimated width of ``text`` in drawing units at font ``size``, for a common sans-serif
    (erring wide, as DejaVu Sans is). The browser picks the real font; this only leaves room."""
    units = 0.0
    for char in text:
        if char in " .,:;'!|()[]iljtfrI":
            units += 0.34
        elif char in "mwMW@%":
            units += 0.9
        elif char.isdigit():
            units += 0.64
        elif char.isupper():
            units += 0.7
        else:
            units += 0.61
    return units * size


@dataclass(frozen=True)
class Scale:
    """A linear map from data values (``low`` to ``high``) to drawing positions (``start`` to
    ``end``); an empty data range maps to the middle."""

    low: float
    high: float
    start: float
    end: float

    def __call__(self, value: float) -> float:
        span = self.high - self.low
        if span <= 0:
            return (self.start + self.end) / 2
        return self.start + (value - self.low) / span * (self.end - self.start)


def padded(values: Iterable[float], share: float) -> tuple[float, float]:
    """The range of ``values`` widened by ``share`` of its span on each side (1 on each side
    when the values are all equal; (-1, 1) when there are none)."""
    finite = [v for v in values if math.isfinite(v)]
    if not finite:
        return -1.0, 1.0
    low, high = min(finite), max(finite)
    span = high - low
    if span <= 0:
        return low - 1.0, high + 1.0
    return low - share * span, high + share * span


def ticks(low: float, high: float, most: int = 9) -> tuple[list[float], int]:
    """Round tick values within ``low``..``high`` (a step of 1, 2, 2.5 or 5 times a power of
    ten, at most ``most`` ticks) and the decimals their labels need."""
    span = high - low
    if not span > 0 or not math.isfinite(span):
        return [low], 0
    power = 10.0 ** math.floor(math.log10(span / max(most - 1, 1)))
    step = 10 * power
    for factor in (1.0, 2.0, 2.5, 5.0):
        if span / (factor * power) <= most - 1 + 1e-9:
            step = factor * power
            break
    first, last = math.ceil(low / step - 1e-9), math.floor(high / step + 1e-9)
    decimals = next(d for d in range(12) if abs(round(step, d) - step) < 1e-9 * step)
    return [round(i * step, 12) for i in range(first, last + 1)], decimals


def tick_label(value: float, decimals: int) -> str:
    """A tick value as printed, with a true minus sign."""
    text = f"{value:.{decimals}f}"
    if float(text) == 0:
        text = text.lstrip("-")
    return text.replace("-", "\u2212")


def _polygon(points: Sequence[tuple[float, float]]) -> str:
    """A closed shape as relative path commands from its centre (the current point)."""
    moves = " ".join(f"{number(x1 - x0)} {number(y1 - y0)}" for (x0, y0), (x1, y1)
                     in itertools.pairwise(points))  # fmt: skip
    return f"m{number(points[0][0])} {number(points[0][1])}l{moves}z"


def _star(radius: float, inner: float, tips: int, turn: float = 0.0) -> list[tuple[float, float]]:
    points = []
    for index in range(2 * tips):
        r = radius if index % 2 == 0 else inner
        angle = math.pi * index / tips - math.pi / 2 + turn
        points.append((r * math.cos(angle), r * math.sin(angle)))
    return points


def _cross(radius: float, turn: float) -> list[tuple[float, float]]:
    arm = radius * 0.38
    corners = [(arm, -radius), (arm, -arm), (radius, -arm), (radius, arm), (arm, arm),
               (arm, radius), (-arm, radius), (-arm, arm), (-radius, arm), (-radius, -arm),
               (-arm, -arm), (-arm, -radius)]  # fmt: skip
    cos, sin = math.cos(turn), math.sin(turn)
    return [(x * cos - y * sin, x * sin + y * cos) for x, y in corners]


def marker_path(marker: str, radius: float) -> str:
    """Relative path commands drawing one of ``MARKERS`` (matplotlib's names: o circle,
    s square, ^ v < triangles, D diamond, P plus, X cross, * star, h hexagon) of about
    ``radius`` around the current point."""
    r = radius
    if marker == "o":
        half, whole = number(r), number(2 * r)
        return f"m-{half} 0a{half} {half} 0 1 0 {whole} 0a{half} {half} 0 1 0 -{whole} 0z"
    shapes: dict[str, list[tuple[float, float]]] = {
        "s": [(-0.85 * r, -0.85 * r), (0.85 * r, -0.85 * r), (0.85 * r, 0.85 * r),
              (-0.85 * r, 0.85 * r)],
        "^": [(0, -r), (r, 0.8 * r), (-r, 0.8 * r)],
        "v": [(0, r), (-r, -0.8 * r), (r, -0.8 * r)],
        "<": [(-r, 0), (0.8 * r, -r), (0.8 * r, r)],
        "D": [(0, -1.15 * r), (0.8 * r, 0), (0, 1.15 * r), (-0.8 * r, 0)],
        "P": _cross(r, 0.0),
        "X": _cross(r, math.pi / 4),
        "*": _star(1.2 * r, 0.5 * r, 5),
        "h": _star(r, r, 3),
    }  # fmt: skip
    return _polygon(shapes[marker])


def markers(points: Iterable[tuple[float, float]], marker: str, radius: float = 3.5) -> str:
    """Path data drawing ``marker`` at each ``(x, y)``: one path for a whole series."""
    shape = marker_path(marker, radius)
    return "".join(f"M{number(x)} {number(y)}{shape}" for x, y in points)


def interval_bars(rows: Iterable[tuple[float, float, float]], cap: float) -> str:
    """Path data for horizontal interval bars ``(low, high, y)`` with end caps ``cap`` high."""
    half = number(cap)
    size = number(2 * cap)
    return "".join(
        f"M{number(low)} {number(y)}H{number(high)}"
        + (f"M{number(low)} {number(y - cap)}v{size}M{number(high)} {number(y - cap)}v{size}"
           if cap and half != "0" else "")
        for low, high, y in rows
    )  # fmt: skip


class Canvas:
    """An SVG drawing built as text; :meth:`svg` closes it with its accessible name."""

    def __init__(self, width: float) -> None:
        self.width = width
        self.parts: list[str] = []

    def line(self, x1: float, y1: float, x2: float, y2: float, colour: str = INK,
             width: float = 0.8) -> None:  # fmt: skip
        self.parts.append(
            f'<path d="M{number(x1)} {number(y1)}L{number(x2)} {number(y2)}" '
            f'stroke="{colour}" stroke-width="{number(width)}"/>'
        )

    def path(self, d: str, *, fill: str = "none", stroke: str = "none", width: float = 1.0,
             css: str = "", title: str = "") -> None:  # fmt: skip
        """One path; ``title`` names it for a pointer hovering over it."""
        attributes = f' class="{css}"' if css else ""
        attributes += f' fill="{fill}"'
        if stroke != "none":
            attributes += f' stroke="{stroke}" stroke-width="{number(width)}"'
        if title:
            self.parts.append(f'<path d="{d}"{attributes}><title>{escape(title)}</title></path>')
        else:
            self.parts.append(f'<path d="{d}"{attributes}/>')

    @contextmanager
    def titled(self, title: str) -> Iterator[None]:
        """Group what is drawn inside the block under ``title``, shown on hovering any of it."""
        self.parts.append(f"<g><title>{escape(title)}</title>")
        yield
        self.parts.append("</g>")

    def rect(self, box: Box, fill: str, title: str = "") -> None:
        left, top, right, bottom = box
        inner = f"<title>{escape(title)}</title>" if title else ""
        self.parts.append(
            f'<rect x="{number(left)}" y="{number(top)}" width="{number(right - left)}" '
            f'height="{number(bottom - top)}" fill="{fill}">{inner}</rect>'
        )

    def text(self, x: float, y: float, lines: str | Sequence[str], *, anchor: str = "start",
             size: float = FONT_SIZE, colour: str = "", css: str = "",
             vertical: bool = False) -> None:  # fmt: skip
        """Text whose lines are centred, as a block, on ``y`` (on ``x`` when ``vertical``,
        read bottom to top); ``anchor`` is SVG's start, middle or end."""
        rows = [lines] if isinstance(lines, str) else list(lines)
        first = -(len(rows) - 1) * LINE_HEIGHT / 2 + 0.35 * size
        attributes = f' class="{css}"' if css else ""
        if anchor != "start":
            attributes += f' text-anchor="{anchor}"'
        if size != FONT_SIZE:
            attributes += f' font-size="{number(size)}"'
        if colour:
            attributes += f' fill="{colour}"'
        if vertical:
            position = f'x="{number(x + first)}" y="{number(y)}"'
            attributes += f' transform="rotate(-90 {number(x + first)} {number(y)})"'
        else:
            position = f'x="{number(x)}" y="{number(y + first)}"'
        if len(rows) == 1:
            self.parts.append(f"<text {position}{attributes}>{escape(rows[0])}</text>")
            return
        spans = "".join(
            f'<tspan x="{number(x)}" dy="{0 if index == 0 else number(LINE_HEIGHT)}">'
            f"{escape(row)}</tspan>"
            for index, row in enumerate(rows)
        )
        self.parts.append(f"<text {position}{attributes}>{spans}</text>")

    def svg(self, height: float, label: str) -> str:
        """The finished drawing, sized by the page (no fixed width or height), with
        ``role="img"`` and ``label`` as its accessible name."""
        return (
            f'<svg role="img" aria-label="{escape(label)}" class="chart" '
            f'viewBox="0 0 {number(self.width)} {number(height)}" '
            'xmlns="http://www.w3.org/2000/svg" '
            f'font-size="{number(FONT_SIZE)}">' + "".join(self.parts) + "</svg>"
        )


def x_axis(canvas: Canvas, scale: Scale, y: float, label: str) -> None:
    """A bottom axis at ``y``: its line, ticks with their values, and ``label`` below; at most
    one tick per 45 units of axis, so the tick values never run into each other."""
    most = max(3, min(9, int(abs(scale.end - scale.start) // 45) + 1))
    values, decimals = ticks(scale.low, scale.high, most)
    marks = "".join(f"M{number(scale(v))} {number(y)}v{TICK}" for v in values)
    canvas.path(f"M{number(scale.start)} {number(y)}H{number(scale.end)}{marks}", stroke=INK,
                width=0.8)  # fmt: skip
    for value in values:
        canvas.text(scale(value), y + TICK + 7, tick_label(value, decimals), anchor="middle")
    # Centred under the plot unless that would push it off the drawing; smaller if it is
    # wider than the whole drawing.
    edge = 6.0
    size = min(FONT_SIZE, FONT_SIZE * (canvas.width - 2 * edge) / max(text_width(label), 1.0))
    half = text_width(label, size) / 2
    middle = min(max((scale.start + scale.end) / 2, edge + half), canvas.width - edge - half)
    canvas.text(middle, y + AXIS_HEIGHT - 8, label, anchor="middle", size=size)


def y_axis(canvas: Canvas, scale: Scale, x: float, label: str, most: int = 7) -> None:
    """A left axis at ``x``: its line, ticks with their values, and ``label`` read upward."""
    values, decimals = ticks(min(scale.low, scale.high), max(scale.low, scale.high), most)
    marks = "".join(f"M{number(x)} {number(scale(v))}h-{TICK}" for v in values)
    canvas.path(f"M{number(x)} {number(scale.start)}V{number(scale.end)}{marks}", stroke=INK,
                width=0.8)  # fmt: skip
    widest = 0.0
    for value in values:
        text = tick_label(value, decimals)
        widest = max(widest, text_width(text))
        canvas.text(x - TICK - 3, scale(value), text, anchor="end")
    middle = (scale.start + scale.end) / 2
    canvas.text(x - TICK - 10 - widest, middle, label, anchor="middle", vertical=True)


def row_labels(canvas: Canvas, x: float, top: float, bottom: float,
               rows: Sequence[tuple[float, Sequence[str]]]) -> None:  # fmt: skip
    """A left axis of named rows: the line from ``top`` to ``bottom``, a tick and a
    right-aligned (possibly wrapped) name at each row's ``y``."""
    marks = "".join(f"M{number(x)} {number(y)}h-{TICK}" for y, _lines in rows)
    canvas.path(f"M{number(x)} {number(top)}V{number(bottom)}{marks}", stroke=INK, width=0.8)
    for y, lines in rows:
        canvas.text(x - TICK - 3, y, lines, anchor="end")


def labels_width(rows: Iterable[Sequence[str]]) -> float:
    """The room the widest of these row names needs, its tick included."""
    return max((text_width(line) for lines in rows for line in lines), default=0.0) + TICK + 5


def legend_columns(names: Sequence[str], width: float) -> int:
    """How many legend columns of names fit side by side in ``width`` (1 to 4)."""
    widest = max((text_width(n) for n in names), default=0.0) + 24
    return max(1, min(len(names), 4, int(width // widest)))


def legend_height(names: Sequence[str], width: float) -> float:
    """The height :func:`legend` takes for these names in ``width``."""
    return -(-len(names) // legend_columns(names, width)) * 14.0


def legend(canvas: Canvas, entries: Sequence[tuple[str, str, str]], x: float, y: float,
           width: float) -> None:  # fmt: skip
    """Name, colour and marker of each series, row by row in columns from ``(x, y)``; each
    entry shows the marker shape as well as the colour."""
    names = [name for name, _colour, _marker in entries]
    columns = legend_columns(names, width)
    column = width / columns
    for index, (name, colour, marker) in enumerate(entries):
        left = x + (index % columns) * column
        middle = y + (index // columns) * 14.0 + 7
        canvas.path(markers([(left + 6, middle)], marker), fill=colour)
        canvas.text(left + 14, middle, name)


def place_labels(anchors: Sequence[tuple[float, float, Sequence[str]]], bounds: Box,
                 taken: Sequence[Box] = (), size: float = FONT_SIZE
                 ) -> list[tuple[float, float, str]]:  # fmt: skip
    """Where to write each label (one or more lines) beside its point ``(x, y, lines)``: right,
    left, above or below it, the first place that stays inside ``bounds`` and clear of the
    boxes already taken (the least crowded when none is). Returns ``(x, y, anchor)`` per label,
    for :meth:`Canvas.text`."""
    boxes = list(taken)
    placed = []
    for x, y, lines in anchors:
        width = max(text_width(line, size) for line in lines)
        half = (len(lines) - 1) * LINE_HEIGHT / 2 + size * 0.6
        best: tuple[float, tuple[float, float, str], Box] | None = None
        for dx, dy, anchor in _PLACES:
            if dy:
                dy = (dy / abs(dy)) * (half + 5)
            x0 = {"start": x + dx, "end": x + dx - width, "middle": x - width / 2}[anchor]
            box = (x0, y + dy - half, x0 + width, y + dy + half)
            outside = max(0.0, bounds[0] - box[0]) + max(0.0, box[2] - bounds[2])
            outside += max(0.0, bounds[1] - box[1]) + max(0.0, box[3] - bounds[3])
            crowding = sum(_overlap(box, other) for other in boxes) + 1000 * outside
            if best is None or crowding < best[0]:
                best = (crowding, (x + dx, y + dy, anchor), box)
            if crowding == 0:
                break
        assert best is not None
        placed.append(best[1])
        boxes.append(best[2])
    return placed


# Candidate places for a label, in order of preference: (dx, dy sign, text anchor).
_PLACES = ((7.0, 0.0, "start"), (6.0, -1.0, "start"), (6.0, 1.0, "start"), (-7.0, 0.0, "end"),
           (-6.0, -1.0, "end"), (-6.0, 1.0, "end"), (0.0, -1.0, "middle"),
           (0.0, 1.0, "middle"))  # fmt: skip


def clumps(points: Sequence[tuple[float, float]], within: float) -> list[list[int]]:
    """The points (by index) that lie in one clump: linked by steps of at most ``within``
    units, so their markers or labels would cover each other. Clumps come in order of their
    first point, points in their given order."""
    parent = list(range(len(points)))

    def root(index: int) -> int:
        while parent[index] != index:
            parent[index] = parent[parent[index]]
            index = parent[index]
        return index

    for i, (xi, yi) in enumerate(points):
        for j in range(i):
            xj, yj = points[j]
            if abs(xi - xj) <= within and abs(yi - yj) <= within:
                parent[max(root(i), root(j))] = min(root(i), root(j))
    groups: dict[int, list[int]] = {}
    for index in range(len(points)):
        groups.setdefault(root(index), []).append(index)
    return list(groups.values())


def _overlap(a: Box, b: Box) -> float:
    width = min(a[2], b[2]) - max(a[0], b[0])
    height = min(a[3], b[3]) - max(a[1], b[1])
    return width * height if width > 0 and height > 0 else 0.0
