"""Compare groups of scored articles: the one entry point the CLI and the Python API share."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from contextlib import ExitStack, closing
from dataclasses import replace

import numpy as np
from numpy.typing import NDArray

from framing.compare.accumulate import ArticleCounts, GroupAccumulator, Matrix, ResampleTables
from framing.compare.articles import ArticleTable, layout_of
from framing.compare.background import Later
from framing.compare.blocks import FeatureBlock
from framing.compare.clusters import cluster_groups, cluster_resampled_groups
from framing.compare.examples import ExampleCandidates
from framing.compare.known_bounds import KnownBounds
from framing.compare.known_clustering import KnownClustering, clustering_print
from framing.compare.lexicon_free import LexiconFree, LexiconFreeLater
from framing.compare.model import Clustering, Comparison, GroupProfile
from framing.compare.profiles import build_profiles
from framing.compare.scaling import check_direction
from framing.compare.terms import count_terms_with_uses
from framing.errors import UsageError
from framing.lexicon.model import Lexicon
from framing.model import Article, ArticleScore, ScoredCorpus
from framing.settings import CompareSettings, ScoringSettings
from framing.text.names import name_contexts
from framing.text.segment import tokenize

MISSING_GROUP = "(not given)"


def group_of(article: Article, by: str) -> str:
    """The value of ``by`` for ``article``: its outlet, or a manifest/CSV column."""
    if by == "outlet":
        return article.outlet
    return dict(article.metadata).get(by, "").strip() or MISSING_GROUP


def ordered_groups(membership: Sequence[str]) -> tuple[str, ...]:
    """The distinct groups in the order every table shows them: by name, ignoring case."""
    return tuple(sorted(set(membership), key=lambda g: (g.casefold(), g)))


class ComparisonBuilder:
    """Builds a comparison from scored articles fed one at a time, in input order.

    Only running sums are kept (see :mod:`framing.compare.accumulate`), so a corpus of any size
    can be compared in bounded memory; the sentences that examples of distinguishing terms and
    epithets may come from are kept as the articles pass, bounded the same way (see
    :mod:`framing.compare.examples`), so the articles are read once.
    """

    def __init__(
        self,
        lexicon: Lexicon,
        stopwords: frozenset[str],
        settings: CompareSettings | None = None,
        scoring: ScoringSettings | None = None,
    ) -> None:
        self.settings = settings or CompareSettings()
        self.scoring = scoring or ScoringSettings()
        if self.settings.clusters is not None and self.settings.clusters < 1:
            raise UsageError(f"--clusters {self.settings.clusters}: must be 1 or more")
        self.stopwords = stopwords
        self.accumulator = GroupAccumulator(
            layout_of(lexicon),
            self.scoring.sentiment_threshold,
            stopwords,
            self.settings.bootstrap_replicates,
            self.settings.seed,
        )
        self.examples = ExampleCandidates(self.settings.examples_per_term)
        self.columns: set[str] = set()
        self.articles = 0
        # Set before the first article when the lexicon-free results are known from an earlier
        # run (framing.rerun): the articles' words are then not counted again.
        self.known_free: LexiconFree | None = None
        self.computed_free: LexiconFree | None = None  # what finish computed, to be kept
        # Interval bounds of an earlier run, reused by figure print, and this run's added
        # (framing.compare.known_bounds); set by the re-run cache.
        self.known_bounds: KnownBounds | None = None
        # The clustering of an earlier run, reused when its print is this run's
        # (framing.compare.known_clustering); set by the re-run cache, which turns prints on
        # and keeps what this run computed.
        self.clustering_prints = False
        self.known_clustering: KnownClustering | None = None
        self.computed_clustering: KnownClustering | None = None
        self._print: str | None = None  # this run's clustering print, once made
        self.clustering_reused = False
        # Whether finish may run a part in a second process (framing.compare.background): the
        # command line allows it when it was given more than one job.
        self.background = False

    def add(
        self, score: ArticleScore, counts: ArticleCounts | None = None
    ) -> tuple[NDArray[np.intp], Matrix]:
        """Count one scored article; ``counts`` when ``accumulator.counter`` made them in the
        process that scored it. Its row of figures is returned (see :meth:`add_row`)."""
        self.columns.update(key for key, _value in score.article.metadata)
        group = group_of(score.article, self.settings.by)
        words = self.known_free is None
        if words:
            counted = score.term_counts
            if counted:  # counted while scoring, in the workers
                texts = {sentence.index: sentence.text for sentence in score.sentiment.sentences}
            else:  # scored without stop words (or nothing to count): count here
                score, texts = counted_here(score, self.stopwords, self.examples.limit)
                counted = score.term_counts
                assert counted is not None
                if counts is not None:
                    counts = counts._replace(term_counts=counted, name_contexts=score.name_contexts)
            self.examples.add(group, score.article.id, texts, counted, score.name_contexts,
                              self.accumulator.vocabulary)  # fmt: skip
        row = self.accumulator.add(group, score, counts, words=words)
        if words:
            epithets = self.accumulator.epithets
            self.examples.follow(epithets.floor, epithets.frequency)
        self.articles += 1
        return row

    def add_row(self, article: Article, columns: NDArray[np.intp], values: Matrix) -> None:
        """Count an article whose row of figures (its non-zero columns of the layout and their
        values) is known from an earlier run, and whose words need not be counted
        (:attr:`known_free` is set)."""
        self.columns.update(key for key, _value in article.metadata)
        unknown = article.outlet_source == "unknown"
        group = group_of(article, self.settings.by)
        self.accumulator.add_row(group, columns, values, article.date, unknown)
        self.articles += 1

    def grouping_columns(self) -> tuple[str, ...]:
        """Every value ``--by`` accepts for the articles added: outlet and the extra columns."""
        return ("outlet", *sorted(self.columns))

    def finish(self, skipped: int = 0) -> Comparison:
        """The comparison of the groups seen; ``skipped`` counts inputs that were not scored."""
        settings = self.settings
        if not self.articles:
            raise UsageError("nothing to compare: no article was scored")
        valid = self.grouping_columns()
        if settings.by not in valid:
            raise UsageError(f"--by {settings.by!r}: no such column; valid: {', '.join(valid)}")
        from threadpoolctl import threadpool_limits

        # The models below work on small matrices: BLAS threads only fight on a shared machine.
        with threadpool_limits(limits=1):
            return self._finish(skipped)

    def _finish(self, skipped: int) -> Comparison:
        settings = self.settings
        sums = self.accumulator.groups
        groups = ordered_groups(list(sums))
        check_direction(settings.direction, groups)
        sizes = Counter({group: sums[group].articles for group in groups})
        # With `background`, Wordfish runs in another process while this one makes the
        # profiles, and then the clustering in a third while this one finds the distinguishing
        # terms and epithets; the results are the same (framing.compare.background).
        with ExitStack() as running:
            free, begun = self.known_free, None
            if free is None:
                begun = running.enter_context(closing(LexiconFreeLater(
                    self.accumulator, groups, self.stopwords, self.examples, settings,
                    background=self.background,
                )))  # fmt: skip
                block = begun.vocabulary_block
            else:
                block = free.vocabulary_block
            # One group's resample sums at a time: the profiles look up every group once, and
            # the clusters' stability needs only the first resamples of each.
            keep = min(settings.stability_replicates, settings.bootstrap_replicates)
            point, replicates = self.accumulator.finish(groups, keep)
            sized = [sizes[g] for g in groups]
            # A re-run looks its clustering up first: found, it need not be made again.
            reused = None if begun is not None else self._known(point, replicates, sized, block)
            early = None
            if reused is not None:
                replicates.keep = 0
            elif begun is None:
                # The lexicon-free results are known (a re-run): the clustering (beside the
                # profiles, with jobs) makes the groups' first resamples it needs for itself.
                early = running.enter_context(closing(Later(
                    cluster_resampled_groups, point, replicates.only_heads(), sized, groups,
                    settings, [block],
                    background=self.background,
                )))  # fmt: skip
                replicates.keep = 0  # the profiles need not keep the first resamples
            profiles = build_profiles(point, replicates, sums, groups, settings,
                                      self.known_bounds)  # fmt: skip
            # The profiles looked every group up, so the stability's first resamples are kept.
            # SciPy's clustering modules are imported in the forked process that clusters: no
            # other part of a report imports them now that the stories need no scikit-learn.
            beside = self.background and begun is not None
            if begun is not None:  # the column prints are made now, by the profiles
                reused = self._known(point, replicates, sized, block)
            clustering = None if reused is not None else early or running.enter_context(
                closing(Later(cluster_groups, point, replicates.heads, sized, groups, settings,
                              [block], background=beside))
            )  # fmt: skip
            if begun is not None:
                free = self.computed_free = begun.result()
            assert free is not None
            self.clustering_reused = clustering is None
            if clustering is None:
                assert reused is not None
                clustered = reused
            else:
                clustered = clustering.result()
                if self._print is not None:
                    self.computed_clustering = KnownClustering(self._print, clustered)
        ungrouped = sums[MISSING_GROUP].articles if MISSING_GROUP in sums else 0
        unknown = sum(group.unknown_outlets for group in sums.values())

        return Comparison(
            by=settings.by,
            groups=groups,
            profiles=profiles.profiles,
            variant_shares=profiles.variant_shares,
            concept_rates=profiles.concept_rates,
            actors=profiles.actors,
            connotations=profiles.connotations,
            frames=profiles.frames,
            distinguishing=free.distinguishing,
            clustering=clustered,
            caveats=caveats(profiles.profiles, settings, skipped, unknown, ungrouped),
            vocabulary=free.vocabulary,
            epithets=free.epithets,
            stances=profiles.stances,
            scaling=free.scaling,
            correspondence=free.correspondence,
        )

    def _known(
        self, point: ArticleTable, replicates: ResampleTables, sizes: list[int], block: FeatureBlock
    ) -> Clustering | None:
        """The earlier run's clustering if its print is this one's (see
        :attr:`known_clustering`); the print is made only when the re-run cache asks for it."""
        if not self.clustering_prints:
            return None
        groups = replicates.groups
        tail = 100 * (1 - self.settings.confidence) / 2  # the profiles' own percentile
        self._print = clustering_print(point, replicates, sizes, groups, self.settings, [block],
                                       tail)  # fmt: skip
        known = self.known_clustering
        if self._print is None or known is None or known.print != self._print:
            return None
        return known.clustering if known.clustering.groups == groups else None


def counted_here(
    score: ArticleScore, stopwords: frozenset[str], limit: int
) -> tuple[ArticleScore, dict[int, str]]:
    """``score`` with its term counts, first ``limit`` term uses and name contexts, counted
    from its sentences, and those sentences by number (what the uses point to)."""
    sentences = score.sentiment.sentences
    tokens = [tokenize(s.text) for s in sentences]
    counted = count_terms_with_uses(
        ((s.text, 0, t) for s, t in zip(sentences, tokens, strict=True)), stopwords, limit
    )
    contexts = score.name_contexts or name_contexts(
        ((s.text, 0, t) for s, t in zip(sentences, tokens, strict=True) if s.field == "text"),
        stopwords,
    )
    texts = {number: sentence.text for number, sentence in enumerate(sentences)}
    return replace(score, term_counts=counted, name_contexts=contexts), texts


def compare(
    result: ScoredCorpus,
    lexicon: Lexicon,
    stopwords: frozenset[str],
    settings: CompareSettings | None = None,
    scoring: ScoringSettings | None = None,
) -> Comparison:
    """Profiles, distinguishing terms, similarity and clusters for the groups of ``result``.

    Groups are outlets by default, or the values of ``settings.by``; they are ordered by name.
    The scores are read once, in order (see :class:`ComparisonBuilder`).
    """
    builder = ComparisonBuilder(lexicon, stopwords, settings, scoring)
    for score in result.scores:
        builder.add(score)
    return builder.finish(len(result.skipped))


def caveats(
    profiles: Sequence[GroupProfile],
    settings: CompareSettings,
    skipped: int = 0,
    unknown_outlets: int = 0,
    ungrouped: int = 0,
) -> tuple[str, ...]:
    """Plain-language limits of this comparison, most important first."""
    notes: list[str] = []
    if ungrouped:
        notes.append(
            f"{ungrouped} article(s) have no value for {settings.by!r} and are compared as one "
            f"group called {MISSING_GROUP!r}, which is not a real {settings.by}; fill in the "
            "column in the manifest to place them."
        )
    small = [p for p in profiles if p.articles < settings.min_articles]
    if small and all(p.articles == 1 for p in profiles):
        notes.append(
            f"Every {settings.by} is represented by a single article. The tables show how these "
            f"{len(profiles)} articles differ; they support no conclusion about how any "
            f"{settings.by} writes in general. Intervals, significance tests and cluster "
            "stability need at least two articles per group and are not shown."
        )
    elif small:
        names = ", ".join(f"{p.group} ({p.articles})" for p in small)
        notes.append(
            f"Fewer than {settings.min_articles} articles: {names}. Figures for these describe "
            "the articles, not the outlet in general; their intervals are wide or missing."
        )
    notes.append(
        f"Shares based on fewer than {settings.min_mentions} mentions of a concept are marked "
        "with * : one or two mentions can make a share 0% or 100%."
    )
    notes.append(
        "Terms are matched as words, not meanings: a match can be a quotation rather than the "
        "outlet's own voice. A title tied to a person counts only where that person is in scope "
        "(named beside it, in apposition, or the article's main subject), a rule of thumb that "
        "can miss or misplace a title; term_hits.csv lists the titles left out, with the reason. "
        "Check the examples there before drawing a conclusion."
    )
    notes.append(
        "Sentiment is VADER's lexicon-based score of each sentence (Hutto & Gilbert 2014); it "
        "reads tone of wording, not the writer's intent, and news about violence reads as "
        "negative whoever reports it."
    )
    if unknown_outlets:
        notes.append("Some articles have no known outlet and are grouped as 'unknown'.")
    if skipped:
        notes.append(f"{skipped} input(s) could not be scored; see skipped.csv.")
    return tuple(notes)
