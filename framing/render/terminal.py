"""Terminal tables with tabulate: one row per article, missing values shown as n/a."""

from __future__ import annotations

from tabulate import tabulate

from framing.model import ArticleScore, ScoredCorpus

_TITLE_WIDTH = 38


def _number(value: float | None, digits: int = 1) -> str:
    return "n/a" if value is None else f"{value:.{digits}f}"


def _key_terms(score: ArticleScore, concepts: frozenset[str] | None, limit: int = 4) -> str:
    seen: dict[str, None] = {}
    for hit in score.terms:
        if concepts is None or hit.concept in concepts:
            seen.setdefault(hit.variant, None)
    terms = list(seen)
    more = f" +{len(terms) - limit}" if len(terms) > limit else ""
    return ", ".join(terms[:limit]) + more


def _shorten(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "\u2026"


def articles_table(result: ScoredCorpus, key_concepts: frozenset[str] | None = None) -> str:
    """One row per article: outlet, size, sentiment, two readability figures, and the first
    distinct variants found of ``key_concepts`` (all concepts when ``None``)."""
    rows = [
        [
            score.article.id,
            score.article.outlet,
            _shorten(score.article.title, _TITLE_WIDTH),
            score.readability.words,
            _number(score.sentiment.compound_mean, 3),
            _number(score.readability.flesch_reading_ease),
            _number(score.readability.flesch_kincaid_grade),
            _key_terms(score, key_concepts),
        ]
        for score in result.scores
    ]
    header = ["id", "outlet", "title", "words", "sentiment", "reading ease", "grade", "key terms"]
    return tabulate(rows, headers=header, tablefmt="simple", disable_numparse=True)


def skipped_lines(result: ScoredCorpus) -> list[str]:
    """One line per skipped input: where, and why."""
    lines = []
    for skipped in result.skipped:
        where = skipped.source_path
        if skipped.source_line is not None:
            where += f":{skipped.source_line}"
        lines.append(f"skipped {where}: {skipped.reason}")
    return lines
