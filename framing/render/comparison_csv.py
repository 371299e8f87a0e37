"""CSV exports of a comparison, and the README.txt data dictionary for every CSV column."""

from __future__ import annotations

from framing.compare.model import Comparison, Estimate
from framing.compare.stance import target_cell
from framing.render.csv_cells import Cell, to_csv
from framing.render.text import in_context


def _estimate(e: Estimate) -> list[Cell]:
    return [e.value, e.low, e.high]


def outlets_csv(comparison: Comparison) -> str:
    """One row per group: size, dates, sentiment, readability, cluster (the connotation
    balance is per target: see :func:`connotation_balance_csv`)."""
    cluster_of = dict(zip(comparison.clustering.groups, comparison.clustering.labels, strict=False))
    formulas = [name for name, _ in comparison.profiles[0].readability]
    header = [comparison.by, "articles", "words", "first_date", "last_date"]
    for figure in ("sentiment_mean", "negative_share", "positive_share", *formulas):
        header += [figure, f"{figure}_low", f"{figure}_high"]
    header += ["cluster", "warning"]
    rows: list[list[Cell]] = []
    for p in comparison.profiles:
        row: list[Cell] = [p.group, p.articles, p.words, p.first_date, p.last_date]
        row += _estimate(p.sentiment_mean) + _estimate(p.negative_share)
        row += _estimate(p.positive_share)
        for _name, estimate in p.readability:
            row += _estimate(estimate)
        row += [cluster_of.get(p.group), " ".join(p.warnings)]
        rows.append(row)
    return to_csv(header, rows)


def concept_shares_csv(comparison: Comparison) -> str:
    """One row per group, concept and variant: mentions and share with interval."""
    header = [comparison.by, "concept", "variant", "connotation", "mentions", "concept_mentions",
              "share", "share_low", "share_high", "note"]  # fmt: skip
    rows: list[list[Cell]] = [
        [
            s.group,
            s.concept,
            s.variant,
            s.connotation,
            s.mentions,
            s.concept_mentions,
            *_estimate(s.share),
            s.share.note,
        ]
        for s in comparison.variant_shares
    ]
    return to_csv(header, rows)


def concept_rates_csv(comparison: Comparison) -> str:
    header = [comparison.by, "concept", "mentions", "per_1000_words"]
    rows: list[list[Cell]] = [
        [r.group, r.concept, r.mentions, r.per_1000_words] for r in comparison.concept_rates
    ]
    return to_csv(header, rows)


def actor_portrayal_csv(comparison: Comparison) -> str:
    header = [comparison.by, "actor", "sentences", "tone_toward_actor", "tone_low", "tone_high",
              "note"]  # fmt: skip
    rows: list[list[Cell]] = [
        [a.group, a.actor, a.sentences, *_estimate(a.compound), a.compound.note]
        for a in comparison.actors
    ]
    return to_csv(header, rows)


def connotation_shares_csv(comparison: Comparison) -> str:
    """One row per group, target and label: the label's share of the words aimed at that
    target (never of all words)."""
    header = [comparison.by, "target", "connotation", "mentions", "share", "share_low",
              "share_high"]  # fmt: skip
    rows: list[list[Cell]] = [
        [c.group, target_cell(c.target), c.connotation, c.mentions, *_estimate(c.share)]
        for c in comparison.connotations
    ]
    return to_csv(header, rows)


def connotation_balance_csv(comparison: Comparison) -> str:
    """One row per group and target: the connotation balance toward that target."""
    header = [comparison.by, "target", "target_mentions", "legitimizing", "delegitimizing",
              "balance", "balance_low", "balance_high", "note"]  # fmt: skip
    rows: list[list[Cell]] = [
        [s.group, target_cell(s.target), s.mentions, s.legitimizing, s.delegitimizing,
         *_estimate(s.balance), s.balance.note]
        for s in comparison.stances
    ]  # fmt: skip
    return to_csv(header, rows)


def frame_profile_csv(comparison: Comparison) -> str:
    header = [comparison.by, "frame", "cues", "share", "share_low", "share_high"]
    rows: list[list[Cell]] = [
        [f.group, f.frame, f.cues, *_estimate(f.share)] for f in comparison.frames
    ]
    return to_csv(header, rows)


def distinguishing_terms_csv(comparison: Comparison) -> str:
    header = [comparison.by, "term", "words", "count", "count_rest", "articles_with_term",
              "per_1000", "per_1000_rest", "log_odds", "z", "p", "q", "tested", "significant",
              "example_1", "example_2", "related_terms"]  # fmt: skip
    rows: list[list[Cell]] = []
    for t in comparison.distinguishing:
        examples = [f"{e.article_id}: {in_context(e)}" for e in t.examples]
        examples += [""] * (2 - len(examples))
        rows.append(
            [
                t.group,
                t.term,
                t.words,
                t.count,
                t.count_rest,
                t.articles_with_term,
                t.per_1000,
                t.per_1000_rest,
                t.log_odds,
                t.z,
                t.p,
                t.q,
                t.tested,
                t.significant,
                *examples[:2],
                "; ".join(t.related),
            ]
        )
    return to_csv(header, rows)


def epithets_csv(comparison: Comparison) -> str:
    """One row per name, group and label the group gives the name more than the others."""
    header = [comparison.by, "name", "position", "epithet", "count", "count_rest",
              "articles_with_epithet", "name_mentions", "log_odds", "z", "q", "tested",
              "significant", "example"]  # fmt: skip
    rows: list[list[Cell]] = [
        [e.group, e.name, e.position, e.epithet, e.count, e.count_rest, e.articles_with_epithet,
         e.name_mentions, e.log_odds, e.z, e.q, e.tested, e.significant,
         f"{e.example.article_id}: {in_context(e.example)}" if e.example else ""]
        for e in comparison.epithets
    ]  # fmt: skip
    return to_csv(header, rows)


def similarity_csv(comparison: Comparison) -> str:
    clustering = comparison.clustering
    header = [comparison.by, *clustering.groups]
    rows: list[list[Cell]] = [
        [group, *row] for group, row in zip(clustering.groups, clustering.similarity, strict=True)
    ]
    return to_csv(header, rows)


def clusters_csv(comparison: Comparison) -> str:
    clustering = comparison.clustering
    header = [comparison.by, "cluster", "map_x", "map_y"]
    labels: tuple[int | None, ...] = clustering.labels or tuple(None for _ in clustering.groups)
    rows: list[list[Cell]] = [
        [group, label, x, y]
        for group, label, (x, y) in zip(
            clustering.groups, labels, clustering.map_coordinates, strict=True
        )
    ]
    return to_csv(header, rows)


def cluster_fingerprints_csv(comparison: Comparison) -> str:
    header = ["cluster", "feature", "cluster_mean", "overall_mean", "z_difference"]
    rows: list[list[Cell]] = [
        [f.cluster, f.feature, f.cluster_mean, f.overall_mean, f.z_difference]
        for f in comparison.clustering.fingerprints
    ]
    return to_csv(header, rows)


def feature_blocks_csv(comparison: Comparison) -> str:
    """One row per feature block: its weight, features used and share of the separation."""
    header = ["block", "weight", "features", "separation", "note"]
    rows: list[list[Cell]] = [
        [b.block, b.weight, b.features, b.separation, b.note] for b in comparison.clustering.blocks
    ]
    return to_csv(header, rows)


def positions_csv(comparison: Comparison) -> str:
    """One row per group: its Wordfish position and interval (empty when not estimated)."""
    header = [comparison.by, "position", "lower", "upper"]
    placed = {p.group: p for p in comparison.scaling.positions}
    rows: list[list[Cell]] = []
    for group in comparison.groups:
        p = placed.get(group)
        rows.append([group, *((p.position, p.lower, p.upper) if p else (None, None, None))])
    return to_csv(header, rows)


def scaling_terms_csv(comparison: Comparison) -> str:
    """One row per word in the Wordfish model, by weight (most negative first)."""
    header = ["term", "weight", "frequency"]
    rows: list[list[Cell]] = [[t.term, t.weight, t.frequency] for t in comparison.scaling.terms]
    return to_csv(header, rows)


def correspondence_map_csv(comparison: Comparison) -> str:
    """The outlets and words on the correspondence-analysis map."""
    header = ["kind", "label", "dimension_1", "dimension_2"]
    rows: list[list[Cell]] = [[p.kind, p.label, p.x, p.y] for p in comparison.correspondence.points]
    return to_csv(header, rows)


def scaling_tables(comparison: Comparison) -> dict[str, str]:
    """The CSV files of the feature blocks, the Wordfish scaling and the correspondence map."""
    return {
        "feature_blocks.csv": feature_blocks_csv(comparison),
        "positions.csv": positions_csv(comparison),
        "scaling_terms.csv": scaling_terms_csv(comparison),
        "correspondence_map.csv": correspondence_map_csv(comparison),
    }


def comparison_tables(comparison: Comparison) -> dict[str, str]:
    """Every comparison CSV of ``framing report``, by file name."""
    return {
        "outlets.csv": outlets_csv(comparison),
        "concept_shares.csv": concept_shares_csv(comparison),
        "concept_rates.csv": concept_rates_csv(comparison),
        "actor_portrayal.csv": actor_portrayal_csv(comparison),
        "connotation_shares.csv": connotation_shares_csv(comparison),
        "connotation_balance.csv": connotation_balance_csv(comparison),
        **({"frame_profile.csv": frame_profile_csv(comparison)} if comparison.frames else {}),
        "distinguishing_terms.csv": distinguishing_terms_csv(comparison),
        "epithets.csv": epithets_csv(comparison),
        "similarity.csv": similarity_csv(comparison),
        "clusters.csv": clusters_csv(comparison),
        "cluster_fingerprints.csv": cluster_fingerprints_csv(comparison),
        **scaling_tables(comparison),
    }
