"""What ``framing report`` keeps of each scored article besides its score, made where the
article is scored.

With worker processes the main process of a report must read, merge and write for all of
them, so everything that depends on one article alone is made in the worker that scored it
(through :attr:`framing.scoring.scorer.Scorer.prepare`): the article's formatted rows of every
per-article CSV file, its row of the comparison's sums, and what story matching keeps of it.
The main process then only writes the rows and adds the sums, in input order. None of this
depends on the run's state, so it is the same in whichever process it is made.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from framing.compare.accumulate import ArticleCounter, ArticleCounts
from framing.model import ArticleScore
from framing.render.article_rows import ArticleRows, RowFormatter
from framing.stories.build import story_input
from framing.stories.model import StoryInput


class ReportRows(NamedTuple):
    """One article's share of a report, ready to merge."""

    rows: ArticleRows  # its rows of articles.csv, sentences.csv, term_hits.csv, ...
    counts: ArticleCounts  # what the comparison adds up of it
    story: StoryInput  # what story matching keeps of it


@dataclass(frozen=True)
class ReportPreparation:
    """Makes an article's :class:`ReportRows`; plain data, so it travels to worker processes
    (and Dask workers) with the scorer."""

    formatter: RowFormatter
    counter: ArticleCounter

    def __call__(self, score: ArticleScore) -> ReportRows:
        """The share of ``score``'s article."""
        return ReportRows(self.formatter(score), self.counter(score), story_input(score))


def report_rows(
    prepared: object, score: ArticleScore, preparation: ReportPreparation
) -> ReportRows:
    """``prepared`` as made in a worker, or made here when the score came without it."""
    if isinstance(prepared, ReportRows):
        return prepared
    return preparation(score)
