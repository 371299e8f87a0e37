"""Compare groups of scored articles: the one entry point the CLI and the Python API share."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence

from framing.compare.accumulate import ArticleCounts, GroupAccumulator
from framing.compare.articles import layout_of
from framing.compare.blocks import vocabulary_block
from framing.compare.clusters import cluster_groups
from framing.compare.epithets import find_epithets
from framing.compare.model import Comparison, GroupProfile
from framing.compare.profiles import build_profiles
from framing.compare.scaling import check_direction, correspondence_map, scale_groups
from framing.compare.terms import ExampleSource, distinguishing_terms
from framing.compare.wordmatrix import group_word_counts, word_matrix
from framing.errors import UsageError
from framing.lexicon.model import Lexicon
from framing.model import Article, ArticleScore, ScoredCorpus
from framing.settings import CompareSettings, ScoringSettings
from framing.text.segment import segment

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
    can be compared in constant memory. :meth:`finish` needs the articles' sentences once more
    for the examples of distinguishing terms; ``compare`` gives them from memory, the command
    line by reading the inputs again.
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
        self.columns: set[str] = set()
        self.articles = 0

    def add(self, score: ArticleScore, counts: ArticleCounts | None = None) -> None:
        """Count one scored article; ``counts`` when ``accumulator.counter`` made them in the
        process that scored it."""
        self.columns.update(key for key, _value in score.article.metadata)
        self.accumulator.add(group_of(score.article, self.settings.by), score, counts)
        self.articles += 1

    def grouping_columns(self) -> tuple[str, ...]:
        """Every value ``--by`` accepts for the articles added: outlet and the extra columns."""
        return ("outlet", *sorted(self.columns))

    def finish(self, examples_from: Callable[[], ExampleSource], skipped: int = 0) -> Comparison:
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
            return self._finish(examples_from, skipped)

    def _finish(self, examples_from: Callable[[], ExampleSource], skipped: int) -> Comparison:
        settings = self.settings
        sums = self.accumulator.groups
        groups = ordered_groups(list(sums))
        check_direction(settings.direction, groups)
        vocabulary = self.accumulator.vocabulary.profile(groups, self.stopwords)
        words = word_matrix(group_word_counts(vocabulary, groups), groups)
        scaling = scale_groups(words, settings)
        point, replicates = self.accumulator.finish(groups)
        profiles = build_profiles(point, replicates, sums, groups, settings)
        sizes = Counter({group: sums[group].articles for group in groups})
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
            distinguishing=distinguishing_terms(
                vocabulary, examples_from, self.stopwords, settings
            ),
            clustering=cluster_groups(
                point,
                replicates,
                [sizes[g] for g in groups],
                groups,
                settings,
                extra=[vocabulary_block(words)],
            ),
            caveats=caveats(profiles.profiles, settings, skipped, unknown, ungrouped),
            vocabulary=vocabulary,
            epithets=find_epithets(self.accumulator.epithets, groups, examples_from, settings),
            stances=profiles.stances,
            scaling=scaling,
            correspondence=correspondence_map(words, like=scaling),
        )


def example_sentences(articles: Iterable[Article], by: str) -> ExampleSource:
    """``(group, article id, sentence texts)`` for articles read again from the inputs."""
    for article in articles:
        sentences = (span.text for span in segment(article.title, article.text))
        yield group_of(article, by), article.id, sentences


def compare(
    result: ScoredCorpus,
    lexicon: Lexicon,
    stopwords: frozenset[str],
    settings: CompareSettings | None = None,
    scoring: ScoringSettings | None = None,
) -> Comparison:
    """Profiles, distinguishing terms, similarity and clusters for the groups of ``result``.

    Groups are outlets by default, or the values of ``settings.by``; they are ordered by name.
    """
    builder = ComparisonBuilder(lexicon, stopwords, settings, scoring)
    for score in result.scores:
        builder.add(score)
    by = builder.settings.by

    def examples() -> ExampleSource:
        for score in result.scores:
            sentences = (sentence.text for sentence in score.sentiment.sentences)
            yield group_of(score.article, by), score.article.id, sentences

    return builder.finish(examples, len(result.skipped))


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
