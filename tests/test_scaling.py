"""Wordfish, the correspondence map, feature blocks and the test for any grouping."""

from __future__ import annotations

import numpy as np
import pytest

from framing.compare.blocks import BLOCKS, parse_feature_weights
from framing.compare.grouping import cluster_index, grouping_test
from framing.compare.scaling import check_direction, correspondence_map, scale_groups
from framing.compare.wordfish import (
    BETA_PRIOR_SD,
    THETA_PRIOR_SD,
    fit_wordfish,
    parametric_bootstrap,
)
from framing.compare.wordmatrix import WordMatrix
from framing.errors import UsageError
from framing.settings import CompareSettings

# Five documents x eight words, written by hand: the first words rise from the first document
# to the last, the last words fall, and two words are flat.
SMALL = np.array(
    [
        [12, 9, 7, 3, 5, 6, 2, 1],
        [10, 8, 6, 4, 5, 5, 3, 2],
        [7, 7, 5, 5, 6, 5, 5, 4],
        [5, 4, 4, 7, 5, 6, 7, 6],
        [2, 3, 2, 9, 6, 5, 10, 9],
    ],
    dtype=np.float64,
)


def direct_maximum(y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Positions and weights maximizing the same log posterior, all parameters at once with
    scipy's BFGS and an analytic gradient: an independent computation of the estimate."""
    from scipy.optimize import minimize

    documents, words = y.shape

    def unpack(p: np.ndarray) -> tuple[np.ndarray, ...]:
        alpha = np.concatenate([[0.0], p[: documents - 1]])
        theta = p[documents - 1 : 2 * documents - 1]
        psi = p[2 * documents - 1 : 2 * documents - 1 + words]
        beta = p[2 * documents - 1 + words :]
        return alpha, theta, psi, beta

    def negative(p: np.ndarray) -> tuple[float, np.ndarray]:
        alpha, theta, psi, beta = unpack(p)
        eta = alpha[:, None] + psi[None, :] + np.outer(theta, beta)
        rate = np.exp(eta)
        value = (y * eta - rate).sum() - (beta**2).sum() / (2 * BETA_PRIOR_SD**2)
        value -= (theta**2).sum() / (2 * THETA_PRIOR_SD**2)
        r = y - rate
        gradient = np.concatenate(
            [
                r.sum(axis=1)[1:],
                r @ beta - theta / THETA_PRIOR_SD**2,
                r.sum(axis=0),
                theta @ r - beta / BETA_PRIOR_SD**2,
            ]
        )
        return -float(value), -gradient

    parts = [np.zeros(documents - 1), np.linspace(-1, 1, documents), np.log(y.mean(axis=0))]
    start = np.concatenate([*parts, np.zeros(words)])
    result = minimize(negative, start, jac=True, method="BFGS", options={"gtol": 1e-9})
    _alpha, theta, _psi, beta = unpack(result.x)
    spread = theta.std()
    return (theta - theta.mean()) / spread, beta * spread


def test_wordfish_matches_a_direct_maximization_with_scipy() -> None:
    fit = fit_wordfish(SMALL)
    theta, beta = direct_maximum(SMALL)
    if theta @ fit.theta < 0:
        theta, beta = -theta, -beta
    assert fit.converged
    assert fit.theta == pytest.approx(theta, abs=1e-4)
    assert fit.beta == pytest.approx(beta, abs=1e-3)
    assert fit.theta.mean() == pytest.approx(0, abs=1e-12)
    assert fit.theta.std() == pytest.approx(1)
    assert fit.alpha[0] == 0
    # The hand-made gradient: the first document at one end, the last at the other.
    assert np.argsort(fit.theta).tolist() in ([0, 1, 2, 3, 4], [4, 3, 2, 1, 0])


def test_wordfish_recovers_positions_simulated_from_the_model() -> None:
    rng = np.random.default_rng(5)
    theta = np.linspace(-1.5, 1.5, 8)
    beta = rng.normal(0, 0.5, 400)
    psi = rng.normal(0.5, 1.0, 400)
    y = rng.poisson(np.exp(psi[None, :] + np.outer(theta, beta))).astype(np.float64)
    y = y[:, y.sum(axis=0) > 0]
    fit = fit_wordfish(y)
    assert abs(np.corrcoef(fit.theta, theta)[0, 1]) > 0.98


def test_the_bootstrap_is_seeded_and_covers_the_estimate() -> None:
    first = parametric_bootstrap(SMALL, 30, seed=4)
    assert np.array_equal(first, parametric_bootstrap(SMALL, 30, seed=4))
    assert not np.array_equal(first, parametric_bootstrap(SMALL, 30, seed=5))
    fit = fit_wordfish(SMALL)
    low, high = np.percentile(first, [2.5, 97.5], axis=0)
    assert np.all((low <= fit.theta + 1e-9) & (fit.theta - 1e-9 <= high))


def matrix(groups: int, words: int, seed: int = 1) -> WordMatrix:
    rng = np.random.default_rng(seed)
    counts = rng.poisson(20, (groups, words)).astype(np.float64)
    names = tuple(f"Outlet {i}" for i in range(groups))
    return WordMatrix(names, tuple(f"w{j:03d}" for j in range(words)), counts)


def test_scaling_says_why_when_there_are_too_few_groups_or_words() -> None:
    two = scale_groups(matrix(2, 200), CompareSettings(scaling_replicates=5))
    assert two.positions == () and two.terms == ()
    assert two.note.startswith("not estimated: at least 3 groups are needed")
    few = scale_groups(matrix(4, 20), CompareSettings(scaling_replicates=5))
    assert few.positions == ()
    assert "only 20 words" in few.note and "at least 50 are needed" in few.note
    assert correspondence_map(matrix(2, 200)).points == ()


def test_direction_puts_the_named_outlet_left() -> None:
    words = matrix(5, 120)
    for left, right in (("Outlet 1", "Outlet 3"), ("Outlet 3", "Outlet 1")):
        settings = CompareSettings(direction=(left, right), scaling_replicates=5)
        scaling = scale_groups(words, settings)
        position = {p.group: p.position for p in scaling.positions}
        assert position[left] < position[right]
        assert scaling.direction.startswith(f"{left} is placed left of {right}")
        assert [t.weight for t in scaling.terms] == sorted(t.weight for t in scaling.terms)
    with pytest.raises(UsageError, match=r"--direction Outlet 1,Nowhere: no group 'Nowhere'"):
        check_direction(("Outlet 1", "Nowhere"), words.groups)
    with pytest.raises(UsageError, match="name two different groups"):
        check_direction(("Outlet 1", "Outlet 1"), words.groups)


def test_correspondence_map_puts_outlets_near_the_words_they_use_more() -> None:
    words = matrix(6, 100)
    counts = words.counts.copy()
    counts[:3, :10] += 60  # the first three outlets favour the first ten words
    favoured = WordMatrix(words.groups, words.terms, counts)
    ca = correspondence_map(favoured, terms_shown=10)
    outlets = [p for p in ca.points if p.kind == "outlet"]
    terms = [p for p in ca.points if p.kind == "term"]
    assert {p.label for p in terms} == {f"w{j:03d}" for j in range(10)}
    side = np.sign(terms[0].x)
    assert all(np.sign(p.x) == side for p in outlets[:3])
    assert all(np.sign(p.x) == -side for p in outlets[3:])
    assert ca.inertia[0] > 0.5 and sum(ca.inertia) <= 1 + 1e-12


def test_feature_weights_are_parsed_and_checked() -> None:
    assert parse_feature_weights("vocabulary=2, readability=0") == (
        ("readability", 0.0),
        ("vocabulary", 2.0),
    )
    errors = {
        "colour=1": "--features 'colour=1': no block 'colour'; valid: terminology, connotation, "
        "frames, tone, actors, readability, vocabulary",
        "tone": "--features 'tone': 'tone' is not BLOCK=WEIGHT, e.g. tone=2",
        "tone=loud": "--features 'tone=loud': weight 'loud' of tone is not a number",
        "tone=-1": "--features 'tone=-1': weight of tone must be 0 or more",
    }
    for text, message in errors.items():
        with pytest.raises(UsageError) as caught:
            parse_feature_weights(text)
        assert str(caught.value) == message
    everything_off = ",".join(f"{block}=0" for block in BLOCKS)
    with pytest.raises(UsageError, match="at least one block needs a weight above 0"):
        parse_feature_weights(everything_off)


def test_the_grouping_test_tells_two_clouds_from_one() -> None:
    rng = np.random.default_rng(11)
    one_cloud = rng.normal(size=(12, 6))
    two_clouds = one_cloud * 0.3 + np.repeat([[2.0] * 6, [-2.0] * 6], 6, axis=0)
    assert cluster_index(two_clouds) < cluster_index(one_cloud)
    clear = grouping_test(two_clouds, 200, seed=1)
    assert clear.clear and clear.p_value is not None and clear.p_value < 0.05
    cloud = grouping_test(one_cloud, 200, seed=1)
    assert not cloud.clear
    assert grouping_test(one_cloud[:2], 200, seed=1).note.startswith("not tested")


def test_the_chart_draws_an_interval_that_does_not_contain_its_position() -> None:
    """A parametric bootstrap interval can miss the estimate; the chart must still draw."""
    from framing.compare.model import OutletPosition, Scaling, ScalingTerm
    from framing.render.charts import scaling_chart

    positions = (
        OutletPosition("A", -1.2, -1.0, -0.4),  # interval entirely to the right of the position
        OutletPosition("B", 0.1, -0.3, 0.5),
        OutletPosition("C", 1.1, 0.2, 1.0),  # and entirely to the left
    )
    terms = (ScalingTerm("calm", -1.5, 40, 0.2), ScalingTerm("chaos", 1.7, 35, 0.1))
    scaling = Scaling(positions, terms, words=2, tokens=75, direction="A left", replicates=100)
    svg = scaling_chart(scaling, terms[:1], terms[1:])
    assert svg.startswith("<svg") and "calm" in svg


def test_the_word_matrix_from_sparse_counts_is_the_one_from_dictionaries() -> None:
    from scipy.sparse import csr_matrix

    from framing.compare.vocabulary import VocabularyProfile
    from framing.compare.wordmatrix import (
        group_word_counts,
        vocabulary_word_matrix,
        word_matrix,
    )

    rng = np.random.default_rng(8)
    terms = tuple(sorted({f"w{j:03d}" for j in range(150)} | {"ceasefire talks", "aid"}))
    counts = rng.poisson(rng.gamma(0.4, 6.0, len(terms)), (5, len(terms)))
    counts[:, rng.random(len(terms)) < 0.2] = 0
    counts[1:, :5] = 0  # words only one outlet uses
    profile = VocabularyProfile(
        groups=("Alpha", "Beta", "Delta", "Gamma", "Kappa"),
        terms=terms,
        words=np.array([t.count(" ") + 1 for t in terms], dtype=np.int64),
        counts=csr_matrix(counts),
        articles=csr_matrix((counts > 0).astype(np.int64)),
        group_articles=(10, 12, 9, 11, 8),
        left_out=(),
        min_phrase_articles=2,
        pruned_below=0,
    )
    for groups in (profile.groups, ("Beta", "Gamma", "Nowhere")):
        for most in (20, 2000):
            expected = word_matrix(group_word_counts(profile, groups), groups, most)
            got = vocabulary_word_matrix(profile, groups, most)
            assert got.terms == expected.terms and len(got.terms) > 0
            assert np.array_equal(got.counts, expected.counts)
            assert got.groups == groups
