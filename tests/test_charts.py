"""The report's charts: accessible, deterministic, scalable SVG in which every outlet is told
apart by shape as well as colour, and every name is written as text."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

import framing
from framing.compare.engine import compare
from framing.compare.model import (
    Clustering,
    Comparison,
    CorrespondenceMap,
    CorrespondencePoint,
    Estimate,
)
from framing.lexicon.loader import read_lexicon, read_stopwords
from framing.lexicon.model import Lexicon
from framing.render import charts

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def seeds() -> tuple[Comparison, Lexicon]:
    lexicon = read_lexicon()
    scored = framing.score_corpus(framing.read_corpus([SEEDS]), lexicon)
    return compare(scored, lexicon, read_stopwords()), lexicon


def texts(svg: str) -> list[str]:
    root = ET.fromstring(svg)
    return ["".join(t.itertext()) for t in root.iter(f"{SVG}text")]


def clustering(groups: tuple[str, ...], labels: tuple[int, ...]) -> Clustering:
    return Clustering(
        groups=groups,
        labels=labels,
        clusters=len(set(labels)),
        chosen_by="given",
        silhouette=(),
        similarity=(),
        map_coordinates=tuple((float(i), float(i % 2)) for i in range(len(groups))),
        features=(),
        fingerprints=(),
        stability=Estimate(None, None, None, 0),
        linkage=((0.0, 1.0, 0.5, 2.0), (2.0, 3.0, 0.8, 2.0), (4.0, 5.0, 2.5, 4.0)),
    )


def test_the_seed_charts_are_accessible_deterministic_and_scale(
    seeds: tuple[Comparison, Lexicon],
) -> None:
    comparison, lexicon = seeds
    drawn = {
        "Sentiment toward each actor by outlet": charts.actor_chart(comparison, lexicon),
        "Connotation balance toward each target by outlet": charts.stance_chart(
            comparison, lexicon
        ),
        "Flesch-Kincaid grade by outlet": charts.readability_chart(comparison),
        "Map of outlets by framing profile": charts.map_chart(comparison.clustering),
    }
    assert drawn["Sentiment toward each actor by outlet"] == charts.actor_chart(comparison, lexicon)
    for label, svg in drawn.items():
        root = ET.fromstring(svg)  # well-formed
        assert root.get("role") == "img" and root.get("aria-label") == label
        assert root.get("class") == "chart" and root.get("viewBox")
        assert root.get("width") is None and root.get("height") is None
        written = " ".join(texts(svg))
        assert all(group in written for group in comparison.groups), label
    assert "Khalifa Haftar" in texts(drawn["Sentiment toward each actor by outlet"])


def test_outlets_differ_by_marker_shape_as_well_as_colour(
    seeds: tuple[Comparison, Lexicon],
) -> None:
    comparison, lexicon = seeds
    svg = charts.actor_chart(comparison, lexicon)
    # The legend: a marker (its position, then its shape) and the outlet's name.
    legend = re.findall(r'<path d="M[-\d.]+ [-\d.]+(m[^"M]*)" fill="(#\w+)"/><text[^>]*>([^<]*)<',
                        svg)  # fmt: skip
    assert [name for _shape, _colour, name in legend] == list(comparison.groups)
    assert len({shape for shape, _colour, _name in legend}) == len(comparison.groups)
    assert len({colour for _shape, colour, _name in legend}) == len(comparison.groups)


def test_the_dendrogram_draws_every_merge_and_names_each_leaf_with_its_cluster() -> None:
    svg = charts.dendrogram_chart(clustering(("Ash", "Birch", "Cedar", "Dogwood"), (1, 1, 2, 2)))
    assert texts(svg)[:4] == ["Ash (cluster 1)", "Birch (cluster 1)", "Cedar (cluster 2)",
                              "Dogwood (cluster 2)"]  # fmt: skip
    brackets = re.search(r'<path d="([^"]*)" fill="none" stroke="#0072B2"', svg)
    assert brackets is not None and brackets.group(1).count("M") == 3


def test_map_names_are_text_even_when_they_look_like_markup() -> None:
    name = '<script>alert("x")</script> & Co'
    svg = charts.map_chart(clustering((name, "Plain", "Third", "Fourth"), (1, 1, 2, 2)))
    assert name in texts(svg) and "<script>" not in svg


def test_outlets_at_one_spot_share_a_label_and_words_at_one_spot_are_listed_together() -> None:
    points = (
        CorrespondencePoint("outlet", "North Star", 0.5, 0.5),
        CorrespondencePoint("outlet", "South Wind", 0.5, 0.5),
        CorrespondencePoint("outlet", "East Gazette", -0.8, 0.1),
        CorrespondencePoint("term", "harbour", 1.0, -0.5),
        CorrespondencePoint("term", "ferry", 1.0, -0.5),
        CorrespondencePoint("term", "tariff", -1.0, -0.9),
    )
    written = texts(charts.correspondence_chart(CorrespondenceMap(points, (0.4, 0.2))))
    assert "North Star, South Wind" in written and "East Gazette" in written
    assert "harbour, ferry" in written and "tariff" in written
    assert "dimension 1 (40% of the inertia)" in written


def test_an_interval_is_drawn_only_when_its_ends_fall_on_different_points_of_the_drawing() -> None:
    # A group whose articles all give one value has bounds that can differ in the last bits
    # of a float: that interval is a point (its marker), not a bar with caps at one place.
    value = -0.5
    assert not charts._visible(value, value + 1e-15)
    assert not charts._visible(value, value)
    assert not charts._visible(2.0, 1.0)  # ends in the wrong order: nothing to draw
    assert charts._visible(100.0, 100.2)
