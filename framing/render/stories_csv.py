"""CSV exports of the story comparison: stories.csv, story_summary.csv, story_sentences.csv and
story_sources.csv (columns documented in README.txt)."""

from __future__ import annotations

from framing.render.csv_cells import Cell, to_csv
from framing.stories.model import StoryComparison

SEPARATOR = "; "


def stories_csv(result: StoryComparison) -> str:
    """One row per article that belongs to a story with two or more outlets."""
    header = ["story_id", "article_id", "outlet", "date", "title", "similarity", "copy_of",
              "tone", "flesch_kincaid_grade"]  # fmt: skip
    rows: list[list[Cell]] = [
        [
            a.story_id,
            a.article_id,
            a.outlet,
            a.date,
            a.title,
            a.similarity,
            a.copy_of,
            a.tone,
            a.grade,
        ]
        for story in result.stories
        for a in story.articles
    ]
    return to_csv(header, rows)


def story_summary_csv(result: StoryComparison) -> str:
    """One row per story: its label, dates, outlets and the outlets that did not cover it."""
    header = ["story_id", "label", "first_date", "last_date", "n_outlets", "outlets",
              "missing_outlets", "copies", "contrast"]  # fmt: skip
    rows: list[list[Cell]] = []
    for story in result.stories:
        independent = {a.outlet for a in story.articles if not a.copy_of}
        copies = [f"{a.outlet} reprints {a.copy_of}" for a in story.articles if a.copy_of]
        rows.append([
            story.id, story.label, story.first_date, story.last_date, len(independent),
            SEPARATOR.join(story.outlets), SEPARATOR.join(story.missing_outlets),
            SEPARATOR.join(copies), story.contrast,
        ])  # fmt: skip
    return to_csv(header, rows)


def story_sentences_csv(result: StoryComparison) -> str:
    """One row per sentence and other outlet: the closest sentence there, the similarity, the
    differing words, and whether the sentence is unique to its outlet."""
    header = ["story_id", "article_id", "outlet", "sentence_index", "sentence", "unique",
              "other_outlet", "other_article_id", "other_sentence_index", "other_sentence",
              "similarity", "words_only_here", "words_only_there"]  # fmt: skip
    rows: list[list[Cell]] = []
    for sentence in result.sentences:
        for match in sentence.matches:
            rows.append([
                sentence.story_id, sentence.article_id, sentence.outlet,
                sentence.sentence_index, sentence.text, sentence.unique, match.outlet,
                match.article_id, match.sentence_index, match.text, match.similarity,
                " ".join(match.words_only_here), " ".join(match.words_only_there),
            ])  # fmt: skip
    return to_csv(header, rows)


def story_sources_csv(result: StoryComparison) -> str:
    """One row per story, outlet and speaker: attributions and words given to the speaker."""
    header = ["story_id", "outlet", "speaker", "attributions", "words"]
    rows: list[list[Cell]] = [
        [s.story_id, s.outlet, s.speaker, s.attributions, s.words] for s in result.speakers
    ]
    return to_csv(header, rows)


def story_tables(result: StoryComparison) -> dict[str, str]:
    """Every story CSV by file name."""
    return {
        "stories.csv": stories_csv(result),
        "story_summary.csv": story_summary_csv(result),
        "story_sentences.csv": story_sentences_csv(result),
        "story_sources.csv": story_sources_csv(result),
    }
