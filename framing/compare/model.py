"""Frozen results of a comparison, consumed by every renderer."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from framing.compare.vocabulary import VocabularyProfile


@dataclass(frozen=True)
class Estimate:
    """A group-level figure with a 95% bootstrap interval over articles.

    ``low``/``high`` are ``None`` when an interval cannot be computed (one article, or no data);
    ``value`` is ``None`` when there is nothing to estimate. ``articles`` counts the articles that
    contribute to the figure.
    """

    value: float | None
    low: float | None
    high: float | None
    articles: int
    note: str = ""


@dataclass(frozen=True)
class VariantShare:
    """The share of one variant among a group's mentions of its concept (0-1)."""

    group: str
    concept: str
    variant: str
    connotation: str
    mentions: int
    concept_mentions: int
    share: Estimate


@dataclass(frozen=True)
class ConceptRate:
    """How often a group mentions a concept at all, per 1,000 words."""

    group: str
    concept: str
    mentions: int
    per_1000_words: float | None


@dataclass(frozen=True)
class ActorPortrayal:
    """A group's tone toward an actor (-1 to 1): per sentence naming it, the VADER-normalized
    valence of the words tied to it (see ``framing.scoring.target_tone``), averaged over the
    sentences. ``compound`` holds that tone, with its bootstrap interval."""

    group: str
    actor: str
    sentences: int
    compound: Estimate


@dataclass(frozen=True)
class ConnotationShare:
    """The share (0-1) of a group's mentions aimed at one target that carry one connotation
    label; ``target`` is an actor id, or ``""`` for language not aimed at a named target."""

    group: str
    target: str
    connotation: str
    mentions: int
    share: Estimate


@dataclass(frozen=True)
class TargetStance:
    """How a group's word choices lean toward one target.

    ``balance`` is (legitimizing - delegitimizing) / (their sum), -1 to 1, over the mentions
    aimed at ``target`` only (an actor id, or ``""`` for language not aimed at a named target);
    it is ``None`` with a note when the lexicon offers no legitimizing or no delegitimizing word
    for the target, or when the group used neither.
    """

    group: str
    target: str
    mentions: int  # every mention aimed at the target, whatever its label
    legitimizing: int
    delegitimizing: int
    balance: Estimate


@dataclass(frozen=True)
class FrameShare:
    """The share (0-1) of a group's frame cues that belong to one frame dimension."""

    group: str
    frame: str
    cues: int
    share: Estimate


@dataclass(frozen=True)
class GroupProfile:
    """One outlet (or other group): size, sentiment, readability, and its warnings."""

    group: str
    articles: int
    words: int
    first_date: str
    last_date: str
    sentiment_mean: Estimate  # mean of article mean compounds, -1 to 1
    negative_share: Estimate  # share of sentences with compound <= -threshold, 0-1
    positive_share: Estimate
    readability: tuple[tuple[str, Estimate], ...]  # formula name -> mean over articles
    warnings: tuple[str, ...]


@dataclass(frozen=True)
class KeywordInContext:
    """One occurrence of a term with some words either side.

    ``left`` and ``right`` are the article's text exactly as written around the term (spaces
    included, so "(Continental Wire)" stays as printed), with "\u2026 " or " \u2026" where
    words were cut.
    """

    article_id: str
    left: str
    term: str
    right: str


@dataclass(frozen=True)
class DistinguishingTerm:
    """A word or phrase one group uses more (z > 0) or less than the rest.

    Log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi & Quinn 2008); ``z`` is
    the log-odds divided by its standard error; ``q`` is the Benjamini-Hochberg adjusted p-value
    over every term tested for the group. ``significant`` needs q < alpha and the minimum-count
    rules; ``tested`` is false when the group is too small for a test at all.
    """

    group: str
    term: str
    words: int
    count: int
    count_rest: int
    articles_with_term: int
    per_1000: float
    per_1000_rest: float
    log_odds: float
    z: float
    p: float
    q: float | None  # None when the term was not tested
    tested: bool
    significant: bool
    examples: tuple[KeywordInContext, ...]
    # Terms listed under this one because one contains the other ("strongman" under
    # "military strongman"), in order of z.
    related: tuple[str, ...] = ()


@dataclass(frozen=True)
class Epithet:
    """A label one group gives a name more often than the other groups do.

    ``position`` says where the label stands: ``before`` the name ("the renegade commander
    Haftar"), ``after`` it ("Haftar loyalists"), ``possessive`` ("Haftar's militia"), in an
    ``apposition`` ("Haftar, the self-styled field marshal") or as a ``title`` ("Field Marshal
    Haftar"). ``z``, ``q``, ``tested`` and ``significant`` are as for
    :class:`DistinguishingTerm`, comparing the labels this group gives the name with the labels
    the other groups give it (Monroe, Colaresi & Quinn 2008).
    """

    name: str
    group: str
    position: str
    epithet: str
    count: int
    count_rest: int
    articles_with_epithet: int
    name_mentions: int  # the group's mentions of the name
    log_odds: float
    z: float
    q: float | None
    tested: bool
    significant: bool
    example: KeywordInContext | None
    name_key: str = ""  # the word the name's forms share ("Haftar")


@dataclass(frozen=True)
class ClusterFingerprint:
    """A feature that sets a cluster apart: its mean in the cluster versus all groups."""

    cluster: int
    feature: str
    cluster_mean: float
    overall_mean: float
    z_difference: float  # cluster mean minus overall mean, in standard deviations


@dataclass(frozen=True)
class Clustering:
    """Hierarchical (Ward) clustering of standardized group feature vectors."""

    groups: tuple[str, ...]
    labels: tuple[int, ...]  # cluster number (from 1) per group; empty when not clustered
    clusters: int
    chosen_by: str  # "silhouette", "given", or why no clustering was done
    silhouette: tuple[tuple[int, float], ...]  # (k, mean silhouette) for every k tried
    similarity: tuple[tuple[float, ...], ...]  # cosine similarity, groups x groups
    map_coordinates: tuple[tuple[float, float], ...]  # first two principal components
    features: tuple[str, ...]
    fingerprints: tuple[ClusterFingerprint, ...]
    stability: Estimate  # mean adjusted Rand index of bootstrap clusterings vs this one
    # Ward merge tree in SciPy's linkage format: (left, right, distance, size) per merge.
    linkage: tuple[tuple[float, float, float, float], ...] = ()
    note: str = ""  # a plain-language warning about how much structure there is
    blocks: tuple[BlockContribution, ...] = ()
    grouping_test: GroupingTest | None = None


@dataclass(frozen=True)
class BlockContribution:
    """One block of features in the clustering: its weight and its part in the separation.

    ``separation`` is the block's share (0-1) of the between-cluster sum of squares of the
    weighted features, ``None`` when there are no clusters to separate.
    """

    block: str
    weight: float
    features: int  # features (or, for the vocabulary, components) that entered the clustering
    separation: float | None
    note: str = ""


@dataclass(frozen=True)
class GroupingTest:
    """Is there any cluster structure? SigClust's test (Liu et al. 2008).

    ``statistic`` is the cluster index of the best two-group split (within over total sum of
    squares, 0-1, lower is sharper); ``p_value`` the share of samples from a single Gaussian with
    the same principal-axis spreads whose index is as low; ``clear`` when p <= 0.05.
    """

    statistic: float | None
    p_value: float | None
    simulations: int
    clear: bool
    note: str = ""


@dataclass(frozen=True)
class OutletPosition:
    """A group's Wordfish position (mean 0, standard deviation 1 over groups) and its 95%
    parametric bootstrap interval."""

    group: str
    position: float
    lower: float
    upper: float


@dataclass(frozen=True)
class ScalingTerm:
    """A word's Wordfish weight (negative: pulls to the left) and its count over all groups."""

    term: str
    weight: float
    frequency: int
    fixed_effect: float  # psi: the word's overall log frequency


@dataclass(frozen=True)
class Scaling:
    """Wordfish positions of the groups and the words behind them (Slapin & Proksch 2008).

    Empty ``positions`` and a ``note`` saying why when there are too few groups or words.
    """

    positions: tuple[OutletPosition, ...]
    terms: tuple[ScalingTerm, ...]  # every word used, by weight (most negative first)
    words: int  # distinct words in the model
    tokens: int  # their occurrences
    direction: str  # how the sign of the dimension was fixed
    replicates: int
    note: str = ""


@dataclass(frozen=True)
class CorrespondencePoint:
    """An outlet or a word on the correspondence-analysis map (principal coordinates)."""

    kind: str  # "outlet" or "term"
    label: str
    x: float
    y: float


@dataclass(frozen=True)
class CorrespondenceMap:
    """Outlets and their most contributing words in two dimensions; ``inertia`` is each
    dimension's share (0-1) of the total chi-square inertia."""

    points: tuple[CorrespondencePoint, ...]
    inertia: tuple[float, ...]
    note: str = ""


NO_SCALING = Scaling((), (), 0, 0, "", 0, "not estimated")
NO_MAP = CorrespondenceMap((), (), "not drawn")


@dataclass(frozen=True)
class Comparison:
    """Everything ``framing report`` and ``framing compare`` render."""

    by: str
    groups: tuple[str, ...]
    profiles: tuple[GroupProfile, ...]
    variant_shares: tuple[VariantShare, ...]
    concept_rates: tuple[ConceptRate, ...]
    actors: tuple[ActorPortrayal, ...]
    connotations: tuple[ConnotationShare, ...]
    frames: tuple[FrameShare, ...]
    distinguishing: tuple[DistinguishingTerm, ...]
    clustering: Clustering
    caveats: tuple[str, ...]
    # Each group's cleaned word and phrase counts (framing.compare.vocabulary); None only for a
    # comparison built by hand.
    vocabulary: VocabularyProfile | None = None
    # Labels outlets give the people, groups and places they name (framing.compare.epithets).
    epithets: tuple[Epithet, ...] = ()
    stances: tuple[TargetStance, ...] = ()  # per group and target, never pooled
    scaling: Scaling = NO_SCALING
    correspondence: CorrespondenceMap = NO_MAP
