"""Compare groups of scored articles: the one entry point the CLI and the Python API share."""

from __future__ import annotations

from collections.abc import Sequence

from framing.compare.articles import article_table
from framing.compare.clusters import cluster_groups
from framing.compare.model import Comparison, GroupProfile
from framing.compare.profiles import build_profiles
from framing.compare.terms import distinguishing_terms
from framing.errors import UsageError
from framing.lexicon.model import Lexicon
from framing.model import Article, ScoredCorpus
from framing.settings import CompareSettings, ScoringSettings

MISSING_GROUP = "(not given)"


def group_of(article: Article, by: str) -> str:
    """The value of ``by`` for ``article``: its outlet, or a manifest/CSV column."""
    if by == "outlet":
        return article.outlet
    return dict(article.metadata).get(by, "").strip() or MISSING_GROUP


def ordered_groups(membership: Sequence[str]) -> tuple[str, ...]:
    """The distinct groups in the order every table shows them: by name, ignoring case."""
    return tuple(sorted(set(membership), key=lambda g: (g.casefold(), g)))


def grouping_columns(result: ScoredCorpus) -> tuple[str, ...]:
    """Every value ``--by`` accepts for this corpus: outlet and the extra columns."""
    extra = sorted({key for score in result.scores for key, _value in score.article.metadata})
    return ("outlet", *extra)


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
    settings = settings or CompareSettings()
    scoring = scoring or ScoringSettings()
    if not result.scores:
        raise UsageError("nothing to compare: no article was scored")
    valid = grouping_columns(result)
    if settings.by not in valid:
        raise UsageError(f"--by {settings.by!r}: no such column; valid: {', '.join(valid)}")
    if settings.clusters is not None and settings.clusters < 1:
        raise UsageError(f"--clusters {settings.clusters}: must be 1 or more")
    scores = result.scores
    membership = [group_of(score.article, settings.by) for score in scores]
    groups = ordered_groups(membership)
    table = article_table(scores, lexicon, scoring.sentiment_threshold)
    profiles = build_profiles(table, scores, groups, membership, settings)
    return Comparison(
        by=settings.by,
        groups=groups,
        profiles=profiles.profiles,
        variant_shares=profiles.variant_shares,
        concept_rates=profiles.concept_rates,
        actors=profiles.actors,
        connotations=profiles.connotations,
        frames=profiles.frames,
        distinguishing=distinguishing_terms(scores, groups, membership, stopwords, settings),
        clustering=cluster_groups(table, groups, membership, settings),
        caveats=caveats(profiles.profiles, settings, result, membership.count(MISSING_GROUP)),
    )


def caveats(
    profiles: Sequence[GroupProfile],
    settings: CompareSettings,
    result: ScoredCorpus,
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
        'outlet\'s own voice, and a word can name something else ("Field Marshal" can be '
        "another officer). Check the examples in term_hits.csv before drawing a conclusion."
    )
    notes.append(
        "Sentiment is VADER's lexicon-based score of each sentence (Hutto & Gilbert 2014); it "
        "reads tone of wording, not the writer's intent, and news about violence reads as "
        "negative whoever reports it."
    )
    if any(score.article.outlet_source == "unknown" for score in result.scores):
        notes.append("Some articles have no known outlet and are grouped as 'unknown'.")
    if result.skipped:
        notes.append(f"{len(result.skipped)} input(s) could not be scored; see skipped.csv.")
    return tuple(notes)
