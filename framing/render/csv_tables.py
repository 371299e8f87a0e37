"""CSV exports of scored articles: one row per article, per term hit, per sentence, ...

Cells a spreadsheet would run as a formula (text starting with = + - @, a tab or a carriage
return; OWASP's CSV-injection guidance) are prefixed with an apostrophe. Numbers stay numbers,
negative ones included, because only text cells are neutralized. Missing values are empty cells
with the reason in the matching ``*_note`` column.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

from framing.lexicon.model import Lexicon
from framing.model import ArticleScore, ScoredCorpus
from framing.scoring.readability import READABILITY_FORMULAS

Cell = str | int | float | None
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def cell_text(value: Cell) -> str:
    """How one value is written: floats to 6 decimals, None empty, formula-like text defused."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return repr(round(value, 6))
    if value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def to_csv(header: Sequence[str], rows: Iterable[Sequence[Cell]]) -> str:
    """CSV text with a header row; line endings are \\r\\n as RFC 4180 specifies."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([cell_text(value) for value in row])
    return buffer.getvalue()


def metadata_columns(scores: Sequence[ArticleScore]) -> list[str]:
    """Every extra manifest/CSV column present on any article, sorted."""
    return sorted({key for score in scores for key, _value in score.article.metadata})


def metadata_header(column: str, taken: Sequence[str]) -> str:
    """The header of a manifest column in articles.csv: its name, or ``meta_<name>`` when a
    score column already has that name (a manifest column called ``words``, say)."""
    return f"meta_{column}" if column in taken else column


def frame_column(frame: str) -> str:
    """The articles.csv column of a frame dimension's share (frame ids start with frame_)."""
    return frame if frame.startswith("frame_") else f"frame_{frame}"


def articles_csv(
    result: ScoredCorpus, connotations: Sequence[str], frames: Sequence[str] = ()
) -> str:
    """One row per scored article with every score; ``frame_<id>`` columns give the share of
    the article's frame cues that belong to each frame dimension."""
    extra = metadata_columns(result.scores)
    header = [
        "id", "outlet", "title", "date", "url", "source_path", "source_line", "outlet_source",
        "encoding", "words", "sentences", "syllables", "letters", "polysyllabic_words",
        "difficult_words", *READABILITY_FORMULAS, "readability_note",
        "sentiment_compound_mean", "sentiment_positive_share", "sentiment_negative_share",
        "sentiment_sentences", "most_positive_sentence", "most_negative_sentence",
        "sentiment_note", "term_hits", *(f"connotation_{label}" for label in connotations),
        "furniture_lines_removed", "frame_cues", *(frame_column(frame) for frame in frames),
    ]  # fmt: skip
    header += [metadata_header(column, header) for column in extra]
    rows: list[list[Cell]] = []
    for score in result.scores:
        article, readability, sentiment = score.article, score.readability, score.sentiment
        by_index: dict[int | None, str] = {s.index: s.text for s in sentiment.sentences}
        metadata = dict(article.metadata)
        rows.append(
            [
                article.id, article.outlet, article.title, article.date, article.url,
                article.source_path, article.source_line, article.outlet_source, article.encoding,
                readability.words, readability.sentences, readability.syllables,
                readability.letters, readability.polysyllabic_words, readability.difficult_words,
                *(getattr(readability, column) for column in READABILITY_FORMULAS),
                readability.reason,
                sentiment.compound_mean, sentiment.positive_share, sentiment.negative_share,
                len(sentiment.sentences),
                by_index.get(sentiment.most_positive), by_index.get(sentiment.most_negative),
                sentiment.reason, len(score.terms),
                *(sum(hit.connotation == label for hit in score.terms) for label in connotations),
                len(article.removed), len(score.frame_cues),
                *(_frame_share(score, frame) for frame in frames),
                *(metadata.get(column, "") for column in extra),
            ]
        )  # fmt: skip
    return to_csv(header, rows)


def term_hits_csv(result: ScoredCorpus, cues: bool = False) -> str:
    """One row per concept mention (or, with ``cues``, per frame cue), with its span and the
    sentence it stands in."""
    header = [
        "article_id", "outlet", "concept", "variant", "connotation", "matched_text", "field",
        "start", "end", "sentence_index", "sentence",
    ]  # fmt: skip
    rows: list[list[Cell]] = []
    for score in result.scores:
        sentences = {s.index: s.text for s in score.sentiment.sentences}
        for hit in score.frame_cues if cues else score.terms:
            rows.append(
                [
                    score.article.id, score.article.outlet, hit.concept, hit.variant,
                    hit.connotation, hit.matched_text, hit.field, hit.start, hit.end,
                    hit.sentence_index, sentences.get(hit.sentence_index, ""),
                ]
            )  # fmt: skip
    return to_csv(header, rows)


def sentences_csv(result: ScoredCorpus) -> str:
    """One row per scored sentence with its VADER scores."""
    header = [
        "article_id", "outlet", "sentence_index", "field", "start", "end", "compound",
        "positive", "negative", "neutral", "text",
    ]  # fmt: skip
    rows: list[list[Cell]] = [
        [
            score.article.id,
            score.article.outlet,
            s.index,
            s.field,
            s.start,
            s.end,
            s.compound,
            s.positive,
            s.negative,
            s.neutral,
            s.text,
        ]
        for score in result.scores
        for s in score.sentiment.sentences
    ]
    return to_csv(header, rows)


def actor_sentiment_csv(result: ScoredCorpus) -> str:
    """One row per article and actor: how many sentences mention it and their mean compound."""
    header = ["article_id", "outlet", "actor", "sentences", "compound_mean"]
    rows: list[list[Cell]] = [
        [score.article.id, score.article.outlet, a.actor, a.sentences, a.compound_mean]
        for score in result.scores
        for a in score.sentiment.actors
    ]
    return to_csv(header, rows)


def removed_lines_csv(result: ScoredCorpus) -> str:
    """One row per line of page furniture removed before scoring."""
    header = ["article_id", "source_path", "line", "rule", "text"]
    rows: list[list[Cell]] = [
        [score.article.id, score.article.source_path, r.line, r.rule, r.text]
        for score in result.scores
        for r in score.article.removed
    ]
    return to_csv(header, rows)


def skipped_csv(result: ScoredCorpus) -> str:
    """One row per input not scored, with the reason (a header even when nothing was skipped)."""
    header = ["source_path", "source_line", "id", "reason"]
    rows = [[s.source_path, s.source_line, s.id, s.reason] for s in result.skipped]
    return to_csv(header, rows)


def _frame_share(score: ArticleScore, frame: str) -> float | None:
    if not score.frame_cues:
        return None
    return sum(cue.concept == frame for cue in score.frame_cues) / len(score.frame_cues)


def score_tables(result: ScoredCorpus, lexicon: Lexicon) -> dict[str, str]:
    """Every CSV of ``framing score --out``, by file name."""
    frames = tuple(frame.id for frame in lexicon.frames)
    tables = {
        "articles.csv": articles_csv(result, lexicon.connotation_labels(), frames),
        "term_hits.csv": term_hits_csv(result),
        "sentences.csv": sentences_csv(result),
        "actor_sentiment.csv": actor_sentiment_csv(result),
        "removed_lines.csv": removed_lines_csv(result),
        "skipped.csv": skipped_csv(result),
    }
    if frames:
        tables["frame_cues.csv"] = term_hits_csv(result, cues=True)
    return tables
