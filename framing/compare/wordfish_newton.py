"""Newton's method for the Wordfish log posterior (see :mod:`framing.compare.wordfish`).

Every parameter moves at once. The negative Hessian -H has a 2x2 block per word (A_j: its psi
and beta), a 2x2 block per document (its alpha and theta) and a dense word-document part B.
Words do not touch each other, so eliminating them leaves the Schur complement
S = C - B' A^-1 B over the documents' 2 x documents parameters, and a step costs
words x documents^2 instead of the cube of all parameters.

The exact Hessian differs from the expected information (Fisher scoring) only in the
beta_j-theta_i entries, by the residual y_ij - lambda_ij. Away from the maximum the exact -H
need not be positive definite; there the step uses the expected information, which is
whenever the priors are proper. Both Schur complements come from one pass: with
A_j^-1 = L_j L_j' (2x2 Cholesky), the expected one is C - K K' with K's columns L_j' B_j, and the
exact one adds a correction in the theta-theta rows that costs a third of that.

Each step is halved until the log posterior increases, and the iteration ends when the full
step predicts an increase (half the Newton decrement; Boyd & Vandenberghe 2004, "Convex
Optimization", sec. 9.5.1) below the tolerance, relative to the size of the log posterior.
Every documents x words buffer is allocated once per maximization: fresh arrays of that size at
every step cost more than the arithmetic on them.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

Matrix = NDArray[np.float64]
Vector = NDArray[np.float64]
Parameters = tuple[Vector, Vector, Vector, Vector]  # alpha, psi, beta, theta
BETA_PRIOR_SD = 3.0
THETA_PRIOR_SD = 1.0
HALVINGS = 20


def log_posterior_of(
    y: Matrix, rows: Vector, columns: Vector, parameters: Parameters, rate: Matrix
) -> float:
    """The Poisson log likelihood of ``y`` (whose row and column totals are ``rows`` and
    ``columns``) plus the log priors, up to a constant, leaving exp(eta) in ``rate``. The linear
    part of the likelihood, sum_ij y_ij eta_ij, is alpha . rows + psi . columns + theta' y beta,
    so only the exponential needs a pass over every cell."""
    alpha, psi, beta, theta = parameters
    eta = np.outer(theta, beta, out=rate)
    eta += alpha[:, None]
    eta += psi[None, :]
    with np.errstate(over="ignore"):  # a trial step too far gives -inf and is halved
        np.exp(eta, out=eta)
    likelihood = float(alpha @ rows + psi @ columns + theta @ (y @ beta) - rate.sum())
    if not np.isfinite(likelihood):
        return -np.inf
    prior = (beta**2).sum() / (2 * BETA_PRIOR_SD**2) + (theta**2).sum() / (2 * THETA_PRIOR_SD**2)
    return likelihood - float(prior)


@dataclass(frozen=True)
class Step:
    """A Newton (or Fisher scoring) step for every parameter, and the increase of the log
    posterior it predicts."""

    words: Matrix  # (psi, beta) per word, words x 2
    documents: Matrix  # (alpha, theta) per document, documents x 2
    predicted: float


@dataclass(frozen=True)
class _WordBlocks:
    """Every word's gradient, A_j^-1 (entries m0, m1, m2) and its Cholesky factor."""

    gradient: tuple[Vector, Vector]
    inverse: tuple[Vector, Vector, Vector]
    solved: tuple[Vector, Vector]  # A_j^-1 times the gradient
    factor: tuple[Vector, Vector, Vector]  # l00, l10, l11 with A_j^-1 = L_j L_j'


class Workspace:
    """The counts, their margins and the documents x words buffers of one maximization."""

    def __init__(self, y: Matrix) -> None:
        documents, words = y.shape
        self.y = y
        self.rows = y.sum(axis=1)
        self.columns = y.sum(axis=0)
        self.rate = np.empty((documents, words))  # exp(eta) at the current parameters
        self.trial = np.empty((documents, words))  # exp(eta) at the last parameters tried
        self.residual = np.empty((documents, words))
        self.k = np.empty((2 * documents, 2 * words))  # columns L_j' B_j, word by word
        self.solved_beta = np.empty((2 * documents, words))  # B_j' A_j^-1 e_beta
        self.weighted = np.empty((documents, words))

    def objective(self, parameters: Parameters) -> float:
        """The log posterior at ``parameters``, leaving exp(eta) in :attr:`trial`."""
        return log_posterior_of(self.y, self.rows, self.columns, parameters, self.trial)

    def accept(self) -> None:
        """The parameters last tried become the current ones."""
        self.rate, self.trial = self.trial, self.rate

    def _word_blocks(self, beta: Vector, theta: Vector) -> _WordBlocks | None:
        rate, residual = self.rate, self.residual
        gradient = (residual.sum(axis=0), theta @ residual - beta / BETA_PRIOR_SD**2)
        a00, a01 = rate.sum(axis=0), theta @ rate
        a11 = (theta**2) @ rate + BETA_PRIOR_SD**-2
        determinant = a00 * a11 - a01**2
        if not np.all((determinant > 0) & (a00 > 0)):
            return None
        inverse = (a11 / determinant, -a01 / determinant, a00 / determinant)
        solved = (
            inverse[0] * gradient[0] + inverse[1] * gradient[1],
            inverse[1] * gradient[0] + inverse[2] * gradient[1],
        )
        l00 = np.sqrt(inverse[0])
        factor = (l00, inverse[1] / l00, 1 / np.sqrt(a11))
        return _WordBlocks(gradient, inverse, solved, factor)

    def newton_step(self, beta: Vector, theta: Vector) -> Step | None:
        """The step at the current parameters: exact Newton where -H is positive definite,
        Fisher scoring where it is not; ``None`` when neither can be factored."""
        documents, rate, k = len(theta), self.rate, self.k
        residual = np.subtract(self.y, rate, out=self.residual)
        words = self._word_blocks(beta, theta)
        if words is None:
            return None
        gradient = np.concatenate(
            [residual.sum(axis=1), residual @ beta - theta / THETA_PRIOR_SD**2]
        )
        # K's columns for word j: L_j' B_j, that is l00 psi row + l10 beta row and l11 beta row;
        # every row of B is (r_j, beta_j r_j) times a per-document factor, so K is built from
        # two documents x words matrices and their multiples by beta.
        l00, l10, l11 = words.factor
        count = len(beta)
        first, second = k[:documents, :count], k[:documents, count:]
        np.multiply.outer(theta, l10, out=first)
        first += l00
        first *= rate
        np.multiply(first, beta, out=k[documents:, :count])
        np.multiply.outer(theta, l11, out=second)
        second *= rate
        np.multiply(second, beta, out=k[documents:, count:])
        c = np.zeros((2 * documents, 2 * documents))
        index = np.arange(documents)
        rate_beta = rate @ beta
        c[index, index] = rate.sum(axis=1)
        c[index, index + documents] = c[index + documents, index] = rate_beta
        c[index + documents, index + documents] = rate @ beta**2 + THETA_PRIOR_SD**-2
        expected = c - k @ k.T  # numpy computes K K' as a symmetric rank-k update
        # B' A^-1 g: word j's psi row is (r_j, beta_j r_j) and its beta row theta times that,
        # with r_j the word's rates in every document.
        psi_part, beta_part = words.solved
        rhs = gradient - np.concatenate(
            [
                rate @ psi_part + theta * (rate @ beta_part),
                rate @ (beta * psi_part) + theta * (rate @ (beta * beta_part)),
            ]
        )
        # The exact Hessian: its beta_j-theta_i entries less the residual e_ij, which changes
        # only the rows and columns of the thetas.
        m0, m1, m2 = words.inverse
        solved_beta = self.solved_beta  # column j: B_j' A_j^-1 (0, 1)', psi row m1 + beta row m2
        top = solved_beta[:documents]
        np.multiply.outer(theta, m2, out=top)
        top += m1
        top *= rate
        np.multiply(top, beta, out=solved_beta[documents:])
        cross = solved_beta @ residual.T  # (2 documents) x documents
        weighted = np.multiply(residual, m2, out=self.weighted)
        exact = expected.copy()
        exact[:, documents:] += cross
        exact[documents:, :] += cross.T
        exact[documents:, documents:] -= weighted @ residual.T
        exact_rhs = rhs.copy()
        exact_rhs[documents:] += residual @ words.solved[1]
        for schur, right_side, is_exact in ((exact, exact_rhs, True), (expected, rhs, False)):
            step_documents = _solve_positive_definite(schur, right_side)
            if step_documents is None:
                continue
            # Each word's step given the documents' step: A_j^-1 (g_j - B_j step).
            step_alpha, step_theta = step_documents[:documents], step_documents[documents:]
            along = step_alpha @ rate, step_theta @ rate
            along_theta = (theta * step_alpha) @ rate, (theta * step_theta) @ rate
            along_psi = along[0] + beta * along[1]
            along_beta = along_theta[0] + beta * along_theta[1]
            if is_exact:
                along_beta -= step_theta @ residual
            step_words = np.column_stack(
                [
                    words.solved[0] - m0 * along_psi - m1 * along_beta,
                    words.solved[1] - m1 * along_psi - m2 * along_beta,
                ]
            )
            predicted = float(gradient @ step_documents)
            predicted += float(words.gradient[0] @ step_words[:, 0])
            predicted += float(words.gradient[1] @ step_words[:, 1])
            return Step(step_words, step_documents.reshape(2, documents).T, predicted / 2)
        return None


def _solve_positive_definite(schur: Matrix, rhs: Vector) -> Vector | None:
    """The documents' step from their Schur complement, alpha of the first document held at 0;
    ``None`` unless the matrix is positive definite."""
    try:
        factor = np.linalg.cholesky(schur[1:, 1:])
    except np.linalg.LinAlgError:
        return None
    step = np.zeros(len(rhs))
    step[1:] = np.linalg.solve(factor.T, np.linalg.solve(factor, rhs[1:]))
    return step


def maximize(
    y: Matrix, start: Parameters, tolerance: float, max_iterations: int
) -> tuple[Parameters, int, bool]:
    """``((alpha, psi, beta, theta), iterations, converged)``: the maximum of the log posterior
    reached from ``start`` by Newton steps (Fisher scoring where the exact Hessian is not
    negative definite), each halved until the log posterior increases. Converged means the
    full step predicts an increase below ``tolerance`` times the size of the log posterior, or
    no step increases it at all."""
    space = Workspace(y)
    alpha, psi, beta, theta = start
    current = space.objective(start)
    space.accept()
    for iteration in range(1, max_iterations + 1):
        step = space.newton_step(beta, theta)
        if step is None:
            return (alpha, psi, beta, theta), iteration, False
        enough = tolerance * max(abs(current), 1.0)
        if step.predicted <= enough:
            return (alpha, psi, beta, theta), iteration, True
        size = 1.0
        for _ in range(HALVINGS):
            candidate = (
                alpha + size * step.documents[:, 0],
                psi + size * step.words[:, 0],
                beta + size * step.words[:, 1],
                theta + size * step.documents[:, 1],
            )
            updated = space.objective(candidate)
            if updated >= current:
                break
            size /= 2
        else:  # no step improves: at the optimum to machine precision
            return (alpha, psi, beta, theta), iteration, True
        alpha, psi, beta, theta = candidate
        current = updated
        space.accept()
    return (alpha, psi, beta, theta), max_iterations, False
