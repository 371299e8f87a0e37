"""Charts for the HTML report as inline SVG, written directly (see :mod:`framing.render.svg`).

Text stays text, so charts are small, searchable and read by screen readers; each chart has
``role="img"`` and an ``aria-label``, no fixed size (it scales with the page), and the same
input gives the same bytes. Every series has both a colour from the Okabe-Ito palette (safe for
colour-blind readers) and a marker shape, so colour is never the only cue.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Iterable, Mapping, Sequence

from framing.compare.model import (
    Clustering,
    Comparison,
    CorrespondenceMap,
    Estimate,
    Scaling,
    ScalingTerm,
)
from framing.compare.stance import UNTARGETED, target_label
from framing.lexicon.model import Lexicon
from framing.render.svg import (
    AXIS_HEIGHT,
    GREY,
    INK,
    LIGHT,
    MARKERS,
    Canvas,
    Scale,
    clumps,
    interval_bars,
    labels_width,
    legend,
    legend_height,
    markers,
    number,
    padded,
    place_labels,
    row_labels,
    text_width,
    x_axis,
    y_axis,
)

# Okabe & Ito (2008), "Color Universal Design".
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#D55E00", "#56B4E9", "#000000",
           "#F0E442")  # fmt: skip
WIDE = 576.0  # 8 inches at 72 units per inch
NARROW = 540.0
MARGIN = 8.0
RIGHT = 16.0  # room for the last tick value past the plot's right edge


def _style(index: int) -> tuple[str, str]:
    return PALETTE[index % len(PALETTE)], MARKERS[index % len(MARKERS)]


def _bounds(estimate: Estimate) -> tuple[float, float]:
    """The interval to draw around a value. A percentile bootstrap interval need not contain
    the estimate; the bar then stops at the value on that side (the CSVs keep the interval as
    computed)."""
    value = float(estimate.value or 0.0)
    low = min(value, estimate.low) if estimate.low is not None else value
    high = max(value, estimate.high) if estimate.high is not None else value
    return low, high


def _dot_rows(
    groups: Sequence[str],
    names: Sequence[str],
    points: Callable[[str], list[tuple[Estimate, int]]],
    limit: float,
    axis: str,
    label: str,
) -> str:
    """Dot plot on -``limit``..``limit``: one row per name, one marker per group on each row it
    has a value for (``points(group)`` gives ``(estimate, row)`` pairs), groups offset within a
    row so they do not hide each other, with bootstrap intervals where they exist."""
    canvas = Canvas(WIDE)
    wrapped = [textwrap.wrap(name, 26) or [""] for name in names]
    left = MARGIN + labels_width(wrapped)
    legend_top = MARGIN
    legend_width = WIDE - 2 * MARGIN
    top = legend_top + legend_height(groups, legend_width) + 10
    band = 36.0
    bottom = top + band * max(1, len(names))
    x = Scale(-limit, limit, left, WIDE - RIGHT)
    canvas.line(x(0), top, x(0), bottom, GREY)
    count = len(groups)
    for index, group in enumerate(groups):
        colour, marker = _style(index)
        offset = (index - (count - 1) / 2) * (0.6 / max(count, 1)) * band
        rows = [(_bounds(e), float(e.value or 0.0), top + band * (row + 0.5) + offset)
                for e, row in points(group)]  # fmt: skip
        if not rows:
            continue
        bars = [(x(low), x(high), y) for (low, high), _value, y in rows
                if _visible(x(low), x(high))]  # fmt: skip
        with canvas.titled(group):  # a pointer over any of its marks shows the outlet's name
            if bars:
                canvas.path(interval_bars(bars, 2.0), stroke=colour)
            canvas.path(markers([(x(value), y) for _b, value, y in rows], marker), fill=colour)
    row_labels(canvas, left, top, bottom,
               [(top + band * (r + 0.5), lines) for r, lines in enumerate(wrapped)])  # fmt: skip
    x_axis(canvas, x, bottom, axis)
    legend(canvas, [(g, *_style(i)) for i, g in enumerate(groups)], MARGIN, legend_top,
           legend_width)  # fmt: skip
    return canvas.svg(bottom + AXIS_HEIGHT, label)


def _points_by_group(
    groups: Sequence[str], rows: Mapping[str, int], points: Iterable[tuple[str, str, Estimate]]
) -> dict[str, list[tuple[Estimate, int]]]:
    """Each group's (estimate, row) markers from (group, row key, estimate) points, keeping
    only the groups and rows shown and the estimates that have a value."""
    by_group: dict[str, list[tuple[Estimate, int]]] = {group: [] for group in groups}
    for group, key, estimate in points:
        if estimate.value is not None and group in by_group and key in rows:
            by_group[group].append((estimate, rows[key]))
    return by_group


def actor_chart(comparison: Comparison, lexicon: Lexicon) -> str:
    """Dot plot: one row per actor, one marker per outlet at its tone toward the actor, with
    bootstrap intervals where they exist."""
    labels = {actor.id: actor.label for actor in lexicon.actors}
    actors = [a.id for a in lexicon.actors if any(p.actor == a.id for p in comparison.actors)]
    rows = {actor: index for index, actor in enumerate(actors)}
    by_group = _points_by_group(
        comparison.groups, rows, ((p.group, p.actor, p.compound) for p in comparison.actors)
    )
    return _dot_rows(
        comparison.groups,
        [labels.get(a, a) for a in actors],
        lambda group: by_group[group],
        1.0,
        "tone toward the actor: the words tied to it (\u22121 to +1)",
        "Sentiment toward each actor by outlet",
    )


def stance_chart(comparison: Comparison, lexicon: Lexicon) -> str:
    """Dot plot: one row per target (the untargeted group last, labelled as such), one marker
    per outlet at its connotation balance toward that target only, with bootstrap intervals
    where they exist."""
    labels = {actor.id: actor.label for actor in lexicon.actors}
    order = {actor.id: index for index, actor in enumerate(lexicon.actors)}
    targets = sorted(
        {s.target for s in comparison.stances if s.balance.value is not None},
        key=lambda t: (t == UNTARGETED, order.get(t, len(order)), t),
    )
    rows = {target: index for index, target in enumerate(targets)}
    by_group = _points_by_group(
        comparison.groups, rows, ((s.group, s.target, s.balance) for s in comparison.stances)
    )
    return _dot_rows(
        comparison.groups,
        [target_label(t, labels) for t in targets],
        lambda group: by_group[group],
        1.05,
        "connotation balance of the words aimed at the target "
        "(\u22121 delegitimizing to +1 legitimizing)",
        "Connotation balance toward each target by outlet",
    )


def readability_chart(comparison: Comparison) -> str:
    """Bars: Flesch-Kincaid grade per outlet, with bootstrap intervals where they exist, and
    the grade written past the end of each interval."""
    grades = [dict(p.readability)["flesch_kincaid_grade"] for p in comparison.profiles]
    names = [[g] for g in comparison.groups]
    canvas = Canvas(NARROW)
    left = MARGIN + labels_width(names)
    band = 28.8
    top, bottom = MARGIN, MARGIN + band * max(1, len(grades))
    bounds = [_bounds(g) for g in grades]
    right = max([*(high for _low, high in bounds), 4.0])
    # The axis leaves room past the longest interval for its label, so no line strikes it.
    x = Scale(0.0, right * 1.22, left, NARROW - RIGHT)
    for index, grade in enumerate(grades):
        colour = _style(index)[0]  # each bar is named on the axis: colour is decoration
        y = top + band * (index + 0.5)
        value = float(grade.value or 0.0)
        canvas.rect((x(0), y - 0.4 * band, x(value), y + 0.4 * band), colour)
        low, high = bounds[index]
        if _visible(x(low), x(high)):
            canvas.path(interval_bars([(x(low), x(high), y)], 3.0), stroke=INK, css="interval")
        text = "n/a" if grade.value is None else f"{grade.value:.1f}"
        canvas.text(x(high) + (x.end - x.start) * 0.03 / 1.22, y, text, css="value")
    row_labels(canvas, left, top, bottom,
               [(top + band * (i + 0.5), n) for i, n in enumerate(names)])  # fmt: skip
    x_axis(canvas, x, bottom, "Flesch-Kincaid grade (US school years needed)")
    return canvas.svg(bottom + AXIS_HEIGHT, "Flesch-Kincaid grade by outlet")


Merge = tuple[float, float, float, float, float]  # left y, right y, height, their heights


def _tree(linkage: Sequence[Sequence[float]], leaves: int) -> tuple[list[int], list[Merge]]:
    """The leaf order of a merge tree in SciPy's linkage format (each merge's first branch
    above its second) and, per merge, the rows and heights of its two branches and its own
    height, to draw it as a bracket."""
    order: list[int] = []
    stack = [leaves + len(linkage) - 1] if linkage else list(range(leaves))[::-1]
    while stack:
        node = stack.pop()
        if node < leaves:
            order.append(node)
        else:
            first, second = linkage[node - leaves][:2]
            stack += [int(second), int(first)]
    row = {leaf: float(index) for index, leaf in enumerate(order)}
    height = dict.fromkeys(order, 0.0)
    merges = []
    for index, (first, second, distance, *_size) in enumerate(linkage):
        a, b = int(first), int(second)
        merges.append((row[a], row[b], float(distance), height[a], height[b]))
        row[leaves + index] = (row[a] + row[b]) / 2
        height[leaves + index] = float(distance)
    return order, merges


def dendrogram_chart(clustering: Clustering) -> str:
    """The Ward merge tree of the outlets, leaves on the left labelled with their cluster,
    merge heights (Ward distances) growing to the right."""
    names = [[f"{g} (cluster {c})"] for g, c in zip(clustering.groups, clustering.labels,
                                                    strict=True)]  # fmt: skip
    order, merges = _tree(clustering.linkage, len(names))
    canvas = Canvas(NARROW)
    left = MARGIN + labels_width(names)
    band = 25.2
    top, bottom = MARGIN, MARGIN + band * max(1, len(names))
    highest = max([m[2] for m in merges], default=1.0) or 1.0
    x = Scale(0.0, highest * 1.05, left, NARROW - RIGHT)

    def y(row: float) -> float:
        return top + band * (row + 0.5)

    brackets = "".join(
        f"M{number(x(h1))} {number(y(y1))}H{number(x(d))}V{number(y(y2))}H{number(x(h2))}"
        for y1, y2, d, h1, h2 in merges
    )
    canvas.path(brackets, stroke=PALETTE[0], width=1.2)
    row_labels(canvas, left, top, bottom, [(y(i), names[leaf]) for i, leaf in enumerate(order)])
    x_axis(canvas, x, bottom, "Ward distance between standardized feature profiles")
    return canvas.svg(bottom + AXIS_HEIGHT, "Dendrogram of outlets")


def _scatter_axes(canvas: Canvas, xs: Sequence[float], ys: Sequence[float], margin: float,
                  height: float, labels: tuple[str, str]) -> tuple[Scale, Scale]:  # fmt: skip
    """Scales for a scatter of ``xs`` and ``ys`` (each range widened by ``margin`` of its span
    on both sides), drawn with a left and a bottom axis named by ``labels``."""
    left, bottom = 58.0, height - AXIS_HEIGHT
    x = Scale(*padded(xs, margin), left, canvas.width - RIGHT)
    y = Scale(*padded(ys, margin), bottom, MARGIN)
    x_axis(canvas, x, bottom, labels[0])
    y_axis(canvas, y, left, labels[1])
    return x, y


def map_chart(clustering: Clustering) -> str:
    """The outlets on the first two principal components, marked by cluster (colour and
    shape), each named beside its marker."""
    height = 324.0
    canvas = Canvas(NARROW)
    points = clustering.map_coordinates
    x, y = _scatter_axes(canvas, [p[0] for p in points], [p[1] for p in points], 0.25, height,
                         ("first principal component", "second principal component"))  # fmt: skip
    labels = clustering.labels or tuple(1 for _ in clustering.groups)
    spots = [(x(px), y(py)) for px, py in points]
    for (sx, sy), group, cluster in zip(spots, clustering.groups, labels, strict=True):
        colour, marker = _style(cluster - 1)
        canvas.path(markers([(sx, sy)], marker, 4.0), fill=colour, title=group)
    _names(canvas, [(sx, sy, g) for (sx, sy), g in zip(spots, clustering.groups, strict=True)],
           (x.start, y.end, x.end, y.start))  # fmt: skip
    return canvas.svg(height, "Map of outlets by framing profile")


def _names(canvas: Canvas, anchors: Sequence[tuple[float, float, str]],
           bounds: tuple[float, float, float, float],
           taken: Sequence[tuple[float, float, float, float]] = ()) -> None:  # fmt: skip
    """Each outlet's name beside its marker, clear of the markers and other names where the
    plot leaves room; outlets whose markers touch share one label listing their names."""
    labels = []
    for clump in clumps([(sx, sy) for sx, sy, _name in anchors], 8.0):
        names = ", ".join(anchors[i][2] for i in clump)
        sx = sum(anchors[i][0] for i in clump) / len(clump)
        sy = sum(anchors[i][1] for i in clump) / len(clump)
        labels.append((sx, sy, textwrap.wrap(names, 40) if len(clump) > 1 else [names]))
    obstacles = [*taken, *((sx - 4, sy - 4, sx + 4, sy + 4) for sx, sy, _name in anchors)]
    for (tx, ty, anchor), (_x, _y, lines) in zip(place_labels(labels, bounds, obstacles),
                                                 labels, strict=True):  # fmt: skip
        canvas.text(tx, ty, lines, anchor=anchor)


def correspondence_chart(ca: CorrespondenceMap) -> str:
    """Outlets (marked) and their most contributing words (grey text) on the first two
    dimensions of a correspondence analysis."""
    height = 396.0
    canvas = Canvas(NARROW)
    outlets = [p for p in ca.points if p.kind == "outlet"]
    terms = [p for p in ca.points if p.kind == "term"]
    x, y = _scatter_axes(
        canvas, [p.x for p in ca.points], [p.y for p in ca.points], 0.15, height,
        (f"dimension 1 ({100 * ca.inertia[0]:.0f}% of the inertia)",
         f"dimension 2 ({100 * ca.inertia[1]:.0f}% of the inertia)"),
    )  # fmt: skip
    canvas.line(x.start, y(0), x.end, y(0), LIGHT, 0.6)
    canvas.line(x(0), y.start, x(0), y.end, LIGHT, 0.6)
    words = []
    places = [(x(p.x), y(p.y)) for p in terms]
    for clump in clumps(places, 4.0):  # words at one spot are listed together
        lines = textwrap.wrap(", ".join(terms[i].label for i in clump), 30)
        wx = sum(places[i][0] for i in clump) / len(clump)
        wy = sum(places[i][1] for i in clump) / len(clump)
        canvas.text(wx, wy, lines, anchor="middle", size=8, colour="#555555")
        half = max(text_width(line, 8) for line in lines) / 2
        extent = 5 + (len(lines) - 1) * 6
        words.append((wx - half, wy - extent, wx + half, wy + extent))
    spots = [(x(p.x), y(p.y)) for p in outlets]
    for index, (p, (sx, sy)) in enumerate(zip(outlets, spots, strict=True)):
        colour, marker = _style(index)
        canvas.path(markers([(sx, sy)], marker, 4.0), fill=colour, title=p.label)
    _names(canvas, [(sx, sy, p.label) for (sx, sy), p in zip(spots, outlets, strict=True)],
           (x.start, y.end, x.end, y.start), words)  # fmt: skip
    return canvas.svg(height, "Map of outlets and words by correspondence analysis")


def scaling_chart(
    scaling: Scaling, left: Sequence[ScalingTerm], right: Sequence[ScalingTerm]
) -> str:
    """Two panels on one left-right reading: the outlets' Wordfish positions with their
    intervals, and the words with the strongest weights at either end."""
    ordered = sorted(scaling.positions, key=lambda p: (p.position, p.group))
    words = [*left, *reversed(right)]
    canvas = Canvas(WIDE)
    start = MARGIN + labels_width([[p.group] for p in ordered] + [[t.term] for t in words])
    band = 23.0
    top, middle = MARGIN, MARGIN + band * max(1, len(ordered))
    x = Scale(*padded([v for p in ordered for v in (p.position, p.lower, p.upper)], 0.05),
              start, WIDE - RIGHT)  # fmt: skip
    canvas.line(x(0), top, x(0), middle, GREY)
    rows = [top + band * (i + 0.5) for i in range(len(ordered))]
    # A bootstrap interval need not contain the estimate: bars stop at the position.
    canvas.path(interval_bars([(x(min(p.lower, p.position)), x(max(p.upper, p.position)), r)
                               for p, r in zip(ordered, rows, strict=True)], 3.0),
                stroke=PALETTE[0])  # fmt: skip
    canvas.path(markers([(x(p.position), r) for p, r in zip(ordered, rows, strict=True)], "o"),
                fill=PALETTE[0])  # fmt: skip
    row_labels(canvas, start, top, middle,
               [(r, [p.group]) for p, r in zip(ordered, rows, strict=True)])  # fmt: skip
    x_axis(canvas, x, middle, "position (mean 0, standard deviation 1; bars: 95% intervals)")
    band = 18.7
    top = middle + AXIS_HEIGHT + 16
    bottom = top + band * max(1, len(words))
    w = Scale(*padded([0.0, *(t.weight for t in words)], 0.05), start, WIDE - RIGHT)
    for index, term in enumerate(words):
        r = top + band * (index + 0.5)
        colour = PALETTE[4] if term.weight < 0 else PALETTE[0]
        low, high = sorted((w(0), w(term.weight)))
        canvas.rect((low, r - 0.4 * band, high, r + 0.4 * band), colour, term.term)
    canvas.line(w(0), top, w(0), bottom, GREY)
    row_labels(canvas, start, top, bottom,
               [(top + band * (i + 0.5), [t.term]) for i, t in enumerate(words)])  # fmt: skip
    x_axis(canvas, w, bottom, "word weight: negative pulls to the left, positive to the right")
    return canvas.svg(
        bottom + AXIS_HEIGHT, "Where the outlets sit, and the words that put them there"
    )


def _visible(start: float, end: float) -> bool:
    """Whether an interval bar from ``start`` to ``end`` (drawing units) has any length once
    written: an interval whose ends differ only in the last bits of a float (a group whose
    articles all give one value) is a point, already shown by its marker."""
    return end > start and number(end) != number(start)
