"""Newton's method for Wordfish: the blocked step against a dense solve, and warm starts that
reach the same maxima as cold ones."""

from __future__ import annotations

import numpy as np
import pytest

from framing.compare.wordfish import fit_wordfish, parametric_bootstrap, starting_values
from framing.compare.wordfish_newton import (
    BETA_PRIOR_SD,
    THETA_PRIOR_SD,
    Parameters,
    Workspace,
    log_posterior_of,
)


def simulated(documents: int, words: int, seed: int) -> np.ndarray:
    """Counts drawn from the model itself, with a few words close to one document's own."""
    rng = np.random.default_rng(seed)
    theta = np.linspace(-1.2, 1.2, documents)
    beta = rng.normal(0, 0.6, words)
    psi = rng.normal(1.0, 1.0, words)
    y = rng.poisson(np.exp(psi[None, :] + np.outer(theta, beta))).astype(np.float64)
    y[:-1, :3] = 0  # three words only the last document uses
    y[-1, :3] += 25
    return y[:, y.sum(axis=0) > 0]


def dense_step(y: np.ndarray, parameters: Parameters, exact: bool) -> np.ndarray | None:
    """Solve -H step = gradient with every parameter in one dense matrix, ordered (alpha
    without the first, theta, psi, beta); None unless -H is positive definite."""
    alpha, psi, beta, theta = parameters
    documents, words = y.shape
    rate = np.exp(alpha[:, None] + psi[None, :] + np.outer(theta, beta))
    residual = y - rate
    gradient = np.concatenate(
        [
            residual.sum(axis=1)[1:],
            residual @ beta - theta / THETA_PRIOR_SD**2,
            residual.sum(axis=0),
            theta @ residual - beta / BETA_PRIOR_SD**2,
        ]
    )
    # Derivatives of eta_ij with respect to every parameter, then -H = sum rate * d d' + priors.
    size = 2 * documents + 2 * words
    derivative = np.zeros((documents, words, size))
    for i in range(documents):
        derivative[i, :, i] = 1.0  # alpha_i
        derivative[i, :, documents + i] = beta  # theta_i
    derivative[:, :, 2 * documents : 2 * documents + words] = np.eye(words)[None]  # psi_j
    for j in range(words):
        derivative[:, j, 2 * documents + words + j] = theta  # beta_j
    negative = np.einsum("ij,ija,ijb->ab", rate, derivative, derivative)
    thetas, betas = range(documents, 2 * documents), range(2 * documents + words, size)
    negative[thetas, thetas] += THETA_PRIOR_SD**-2
    negative[betas, betas] += BETA_PRIOR_SD**-2
    if exact:  # d2 eta / d beta_j d theta_i = 1
        for i in range(documents):
            for j in range(words):
                negative[documents + i, 2 * documents + words + j] -= residual[i, j]
                negative[2 * documents + words + j, documents + i] -= residual[i, j]
    free = np.arange(1, size)  # alpha of the first document is fixed at 0
    matrix = negative[np.ix_(free, free)]
    if np.linalg.eigvalsh(matrix)[0] <= 0:
        return None
    return np.asarray(np.linalg.solve(matrix, gradient))


def blocked_step(y: np.ndarray, parameters: Parameters) -> np.ndarray:
    space = Workspace(y)
    space.objective(parameters)
    space.accept()
    step = space.newton_step(parameters[2], parameters[3])
    assert step is not None
    return np.concatenate(
        [step.documents[1:, 0], step.documents[:, 1], step.words[:, 0], step.words[:, 1]]
    )


def test_the_blocked_step_is_the_dense_newton_or_fisher_step() -> None:
    y = simulated(5, 14, seed=2)
    fit = fit_wordfish(y)
    near = tuple(p + 0.001 for p in fit.estimated())
    near[0][0] = 0.0
    kinds = set()
    for parameters in (starting_values(y), near):
        exact = dense_step(y, parameters, exact=True)
        expected = exact if exact is not None else dense_step(y, parameters, exact=False)
        assert expected is not None
        kinds.add(exact is not None)
        assert blocked_step(y, parameters) == pytest.approx(expected, rel=1e-7, abs=1e-9)
    assert kinds == {True, False}  # both the exact step and Fisher scoring were checked


def test_the_log_posterior_from_margins_is_the_direct_sum() -> None:
    y = simulated(4, 9, seed=3)
    alpha, psi, beta, theta = starting_values(y)
    eta = alpha[:, None] + psi[None, :] + np.outer(theta, beta)
    direct = (y * eta - np.exp(eta)).sum() - (beta**2).sum() / (2 * BETA_PRIOR_SD**2)
    direct -= (theta**2).sum() / (2 * THETA_PRIOR_SD**2)
    rate = np.empty(y.shape)
    value = log_posterior_of(y, y.sum(axis=1), y.sum(axis=0), (alpha, psi, beta, theta), rate)
    assert value == pytest.approx(direct, rel=1e-12)
    assert rate == pytest.approx(np.exp(eta))


def test_warm_started_bootstrap_refits_reach_the_cold_refits_maxima() -> None:
    y = simulated(6, 60, seed=4)
    fit = fit_wordfish(y)
    assert fit.converged
    draws = parametric_bootstrap(y, 4, seed=9, fit=fit)
    assert np.array_equal(draws, parametric_bootstrap(y, 4, seed=9))  # the fit is the same
    rng = np.random.default_rng([9, 2008])  # the bootstrap's own stream of draws
    for row in draws:
        draw = rng.poisson(fit.expected_counts()).astype(np.float64)
        cold = fit_wordfish(draw[:, draw.sum(axis=0) > 0])
        theta = cold.theta if cold.theta @ fit.theta >= 0 else -cold.theta
        assert row == pytest.approx(theta, abs=1e-6)


def test_the_estimated_scale_gives_back_the_maximum() -> None:
    y = simulated(5, 40, seed=6)
    fit = fit_wordfish(y)
    alpha, psi, beta, theta = fit.estimated()
    assert theta.mean() == pytest.approx(fit.centre) and theta.std() == pytest.approx(fit.spread)
    eta = alpha[:, None] + psi[None, :] + np.outer(theta, beta)
    assert np.exp(eta) == pytest.approx(fit.expected_counts(), rel=1e-9)
    flipped = fit.flipped()
    assert flipped.estimated()[3] == pytest.approx(-theta)
