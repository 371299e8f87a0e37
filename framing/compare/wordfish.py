"""Wordfish: one latent position per document from its word counts (Slapin & Proksch 2008).

The model, for document i (here: all of one outlet's articles) and word j:

    y_ij ~ Poisson(lambda_ij),    log lambda_ij = alpha_i + psi_j + beta_j * theta_i

alpha_i is the document's length effect, psi_j the word's overall frequency, beta_j how strongly
the word's use changes along the dimension (its weight) and theta_i the document's position.
It is estimated by maximizing the log posterior with Gaussian priors theta ~ N(0, 1) and
beta ~ N(0, 3^2) and flat priors on alpha and psi, the regularization of the reference
implementations (Lowe's austin; quanteda's textmodel_wordfish, whose defaults are the same),
which keeps a word seen on one side only from taking an infinite weight. Identification as in
Slapin & Proksch: alpha of the first document is 0, and the reported positions are rescaled to
mean 0 and standard deviation 1 (the weights and word effects are rescaled with them, which
leaves every fitted count unchanged); the sign is fixed by the caller.

Slapin & Proksch alternate conditional maximizations (words given documents, then documents
given words); that zig-zags slowly along the ridge where a wider spread of positions trades
against smaller weights. Here every parameter moves at once by Newton's method (Fisher scoring
where the Hessian is not negative definite), with the words eliminated block by block so that a
step costs words x documents^2, and each step is halved until the log posterior increases. It
starts, as theirs does, from the margins and a singular value decomposition.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

Matrix = NDArray[np.float64]
Vector = NDArray[np.float64]
BETA_PRIOR_SD = 3.0
THETA_PRIOR_SD = 1.0
_HALVINGS = 20


@dataclass(frozen=True)
class WordfishFit:
    """Estimated parameters, positions standardized to mean 0 and standard deviation 1."""

    theta: Vector  # documents' positions
    alpha: Vector  # documents' length effects (alpha[0] == 0)
    beta: Vector  # words' weights along the dimension
    psi: Vector  # words' frequency effects
    log_posterior: float
    iterations: int
    converged: bool

    def expected_counts(self) -> Matrix:
        """The fitted Poisson means, documents x words."""
        return np.asarray(np.exp(self.linear_predictor()), dtype=np.float64)

    def linear_predictor(self) -> Matrix:
        """log lambda, documents x words."""
        return np.asarray(
            self.alpha[:, None] + self.psi[None, :] + np.outer(self.theta, self.beta),
            dtype=np.float64,
        )

    def flipped(self) -> WordfishFit:
        """The same fit with the dimension reversed (positions and weights change sign)."""
        return WordfishFit(-self.theta, self.alpha, -self.beta, self.psi, self.log_posterior,
                           self.iterations, self.converged)  # fmt: skip


def log_posterior(y: Matrix, alpha: Vector, psi: Vector, beta: Vector, theta: Vector) -> float:
    """The Poisson log likelihood of ``y`` plus the log priors, up to a constant that does not
    depend on the parameters."""
    eta = alpha[:, None] + psi[None, :] + np.outer(theta, beta)
    with np.errstate(over="ignore"):  # a trial step too far gives -inf and is halved
        likelihood = float((y * eta - np.exp(eta)).sum())
    if not np.isfinite(likelihood):
        return -np.inf
    prior = (beta**2).sum() / (2 * BETA_PRIOR_SD**2) + (theta**2).sum() / (2 * THETA_PRIOR_SD**2)
    return likelihood - float(prior)


def starting_values(y: Matrix) -> tuple[Vector, Vector, Vector, Vector]:
    """``(alpha, psi, beta, theta)`` to start from: length and frequency effects from the margins,
    and position and weights from the first singular vectors of the log counts after removing
    both margins (as Slapin & Proksch 2008 start)."""
    totals = y.sum(axis=1)
    alpha = np.log(totals / totals[0])
    psi = np.log(y.mean(axis=0) + 1e-3)
    residual = np.log(y + 0.1) - alpha[:, None] - psi[None, :]
    residual -= residual.mean(axis=0, keepdims=True)
    residual -= residual.mean(axis=1, keepdims=True)
    left, values, right = np.linalg.svd(residual, full_matrices=False)
    theta = left[:, 0] * values[0]
    beta = right[0].copy()
    scale = theta.std() or 1.0
    return alpha, psi, beta * scale, (theta - theta.mean()) / scale


def _gradient(y: Matrix, rate: Matrix, beta: Vector, theta: Vector) -> tuple[Matrix, Matrix]:
    """``(words, documents)``: the gradient of the log posterior, as (psi, beta) per word
    (words x 2) and (alpha, theta) per document (documents x 2)."""
    residual = y - rate
    words = np.column_stack([residual.sum(axis=0), theta @ residual - beta / BETA_PRIOR_SD**2])
    documents = np.column_stack([residual.sum(axis=1), residual @ beta - theta / THETA_PRIOR_SD**2])
    return words, documents


def _newton_direction(
    y: Matrix, rate: Matrix, beta: Vector, theta: Vector, exact: bool
) -> tuple[Matrix, Matrix] | None:
    """The step that solves ``-H step = gradient`` for every parameter at once, or ``None`` when
    ``-H`` is not positive definite. ``exact=False`` uses the expected information (Fisher
    scoring), which is positive definite whenever the priors are proper.

    ``-H`` has a 2x2 block per word (A), a 2x2 block per document (C) and a dense word-document
    part (B); eliminating the words (the Schur complement C - B'A^-1 B, documents x documents)
    costs words x documents^2 instead of the cube of all parameters."""
    documents = len(theta)
    g_words, g_documents = _gradient(y, rate, beta, theta)
    a = np.empty((len(beta), 2, 2))
    a[:, 0, 0] = rate.sum(axis=0)
    a[:, 0, 1] = a[:, 1, 0] = theta @ rate
    a[:, 1, 1] = (theta**2) @ rate + BETA_PRIOR_SD**-2
    c = np.zeros((2 * documents, 2 * documents))
    index = np.arange(documents)
    c[index, index] = rate.sum(axis=1)
    c[index, index + documents] = c[index + documents, index] = rate @ beta
    c[index + documents, index + documents] = rate @ beta**2 + THETA_PRIOR_SD**-2
    # b[j, p, k]: word j's parameter p (psi, beta) with document parameter k (alphas, thetas).
    b = np.empty((len(beta), 2, 2 * documents))
    b[:, 0, :documents] = rate.T
    b[:, 0, documents:] = (rate * beta).T
    b[:, 1, :documents] = (rate * theta[:, None]).T
    cross = rate * np.outer(theta, beta)
    b[:, 1, documents:] = (cross - (y - rate)).T if exact else cross.T
    determinant = a[:, 0, 0] * a[:, 1, 1] - a[:, 0, 1] ** 2
    if not np.all((determinant > 0) & (a[:, 0, 0] > 0)):
        return None
    inverse = np.empty_like(a)  # A^-1, word by word
    inverse[:, 0, 0] = a[:, 1, 1] / determinant
    inverse[:, 1, 1] = a[:, 0, 0] / determinant
    inverse[:, 0, 1] = inverse[:, 1, 0] = -a[:, 0, 1] / determinant
    solved_b = np.empty_like(b)
    solved_b[:, 0] = inverse[:, 0, 0, None] * b[:, 0] + inverse[:, 0, 1, None] * b[:, 1]
    solved_b[:, 1] = inverse[:, 1, 0, None] * b[:, 0] + inverse[:, 1, 1, None] * b[:, 1]
    solved_g = np.column_stack(
        [
            inverse[:, 0, 0] * g_words[:, 0] + inverse[:, 0, 1] * g_words[:, 1],
            inverse[:, 1, 0] * g_words[:, 0] + inverse[:, 1, 1] * g_words[:, 1],
        ]
    )
    flat_b = b.reshape(-1, 2 * documents)
    schur = c - flat_b.T @ solved_b.reshape(-1, 2 * documents)
    rhs = np.concatenate([g_documents[:, 0], g_documents[:, 1]]) - flat_b.T @ solved_g.ravel()
    free = np.arange(1, 2 * documents)  # alpha of the first document stays 0
    try:
        factor = np.linalg.cholesky(schur[np.ix_(free, free)])
    except np.linalg.LinAlgError:
        return None
    step_documents = np.zeros(2 * documents)
    step_documents[free] = np.linalg.solve(factor.T, np.linalg.solve(factor, rhs[free]))
    step_words = solved_g - solved_b @ step_documents
    return step_words, step_documents.reshape(2, documents).T


Parameters = tuple[Vector, Vector, Vector, Vector]  # alpha, psi, beta, theta


def fit_wordfish(y: Matrix, tolerance: float = 1e-10, max_iterations: int = 200) -> WordfishFit:
    """Wordfish estimates for the documents x words count matrix ``y`` (at least 2 documents,
    every document and word with a positive total). Converged means the relative change of the
    log posterior fell below ``tolerance``."""
    parameters, iterations, converged = maximize(y, starting_values(y), tolerance, max_iterations)
    return standardized(y, *parameters, iterations, converged)


def maximize(
    y: Matrix, start: Parameters, tolerance: float, max_iterations: int
) -> tuple[Parameters, int, bool]:
    """``((alpha, psi, beta, theta), iterations, converged)``: the maximum of the log posterior
    reached from ``start`` by damped Newton steps."""
    alpha, psi, beta, theta = start
    current = log_posterior(y, alpha, psi, beta, theta)
    iteration = 0
    near = False  # the last step was a full one: try the exact Hessian (quadratic convergence)
    for iteration in range(1, max_iterations + 1):
        rate = np.exp(alpha[:, None] + psi[None, :] + np.outer(theta, beta))
        direction = _newton_direction(y, rate, beta, theta, exact=True) if near else None
        if direction is None:
            direction = _newton_direction(y, rate, beta, theta, exact=False)
        if direction is None:
            return (alpha, psi, beta, theta), iteration, False
        step_words, step_documents = direction
        step = 1.0
        for _ in range(_HALVINGS):
            candidate = (
                alpha + step * step_documents[:, 0],
                psi + step * step_words[:, 0],
                beta + step * step_words[:, 1],
                theta + step * step_documents[:, 1],
            )
            updated = log_posterior(y, *candidate)
            if updated >= current:
                break
            step /= 2
        else:  # no step improves: at the optimum to machine precision
            return (alpha, psi, beta, theta), iteration, True
        alpha, psi, beta, theta = candidate
        near = step == 1.0
        change = (updated - current) / max(abs(current), 1.0)
        current = updated
        if change < tolerance:
            return (alpha, psi, beta, theta), iteration, True
    return (alpha, psi, beta, theta), iteration, False


def standardized(
    y: Matrix,
    alpha: Vector,
    psi: Vector,
    beta: Vector,
    theta: Vector,
    iterations: int = 0,
    converged: bool = True,
) -> WordfishFit:
    """The fit reported with positions of mean 0 and standard deviation 1; weights and word
    effects change with them so that every fitted count stays the same."""
    posterior = log_posterior(y, alpha, psi, beta, theta)
    centre, spread = float(theta.mean()), float(theta.std())
    if spread < 1e-12:
        spread = 1.0
    return WordfishFit(
        theta=(theta - centre) / spread,
        alpha=alpha.copy(),
        beta=beta * spread,
        psi=psi + beta * centre,
        log_posterior=posterior,
        iterations=iterations,
        converged=converged,
    )


def parametric_bootstrap(y: Matrix, replicates: int, seed: int) -> Matrix:
    """Positions from ``replicates`` refits to counts drawn from the fitted Poisson means of
    ``y`` (the parametric bootstrap of Slapin & Proksch 2008), replicates x documents, each
    standardized and oriented to agree with the fit of ``y``. Seeded by ``seed`` alone, so the
    same input gives the same draws."""
    rng = np.random.default_rng([seed, 2008])
    raw, _iterations, _converged = maximize(y, starting_values(y), 1e-10, 200)
    fitted = standardized(y, *raw)
    expected = fitted.expected_counts()
    positions = np.empty((replicates, len(fitted.theta)))
    for r in range(replicates):
        draw = rng.poisson(expected).astype(np.float64)
        used = draw.sum(axis=0) > 0
        alpha, psi, beta, theta = raw
        start = (alpha, psi[used], beta[used], theta)
        refit, iterations, converged = maximize(draw[:, used], start, 1e-8, 50)
        theta = standardized(draw[:, used], *refit, iterations, converged).theta
        positions[r] = theta if float(np.dot(theta, fitted.theta)) >= 0 else -theta
    return positions
