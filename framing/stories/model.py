"""Frozen results of the story comparison: one event, covered by several outlets."""

from __future__ import annotations

from dataclasses import dataclass

# Defaults of story matching (framing/stories/match.py), here so the command line can show
# them without importing NumPy.
DEFAULT_THRESHOLD = 0.3
DEFAULT_WINDOW_DAYS = 3


@dataclass(frozen=True)
class StoryInput:
    """What story matching needs of one scored article: its identity, date, the text that says
    what the article is about, and the few scores the story view shows.

    ``date`` is ``YYYY-MM-DD`` or ``""``; ``about`` is the headline, the lead and the names the
    article prints; ``choices`` are ``(concept, variant)`` pairs of its counted term hits.
    """

    article_id: str
    outlet: str
    date: str
    title: str
    about: str
    body_shingles: tuple[int, ...]  # MinHash signature of the body's five-word shingles
    tone: float | None  # mean VADER compound of its sentences, in [-1, 1]
    grade: float | None  # Flesch-Kincaid grade
    choices: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class StoryArticle:
    """One article of a story. ``similarity`` (0-1) is its TF-IDF cosine with the article it
    joined the story through; ``copy_of`` names the article whose text it reprints, if any."""

    story_id: str
    article_id: str
    outlet: str
    date: str
    title: str
    similarity: float | None
    copy_of: str = ""
    tone: float | None = None
    grade: float | None = None


@dataclass(frozen=True)
class Story:
    """Articles on one event from two or more outlets.

    ``missing_outlets`` are outlets with articles in the same days (or, without dates, anywhere
    in the corpus) that did not cover the story. ``contrast`` (0 upwards) orders stories in the
    report: the share of sentences only one outlet reports plus the number of concepts named
    with different words.
    """

    id: str
    label: str
    first_date: str
    last_date: str
    articles: tuple[StoryArticle, ...]
    outlets: tuple[str, ...]
    missing_outlets: tuple[str, ...]
    contrast: float = 0.0


@dataclass(frozen=True)
class SentenceMatch:
    """The closest sentence of another outlet's article, with the words that differ."""

    outlet: str
    article_id: str
    sentence_index: int | None  # None: the other article reports nothing like it
    similarity: float  # cosine of the two sentences' word vectors, 0-1
    text: str
    words_only_here: tuple[str, ...]  # words of this sentence missing from the match
    words_only_there: tuple[str, ...]  # words of the match missing from this sentence


@dataclass(frozen=True)
class AlignedSentence:
    """A sentence of one article of a story, with its counterpart in every other article."""

    story_id: str
    article_id: str
    outlet: str
    sentence_index: int
    text: str
    matches: tuple[SentenceMatch, ...]

    @property
    def unique(self) -> bool:
        """True when no other outlet's article reports anything like this sentence."""
        return all(match.sentence_index is None for match in self.matches)


@dataclass(frozen=True)
class SpeakerShare:
    """Who an outlet quotes or paraphrases in a story, how often and in how many words."""

    story_id: str
    outlet: str
    speaker: str
    attributions: int
    words: int


@dataclass(frozen=True)
class TermChoice:
    """The words an outlet used for one lexicon concept in one story ("" when it used none)."""

    story_id: str
    concept: str
    outlet: str
    variants: tuple[str, ...]


@dataclass(frozen=True)
class StoryComparison:
    """Every story with two or more outlets, and what each outlet chose to say in it."""

    stories: tuple[Story, ...]
    sentences: tuple[AlignedSentence, ...]
    speakers: tuple[SpeakerShare, ...]
    choices: tuple[TermChoice, ...]
    dated: bool  # False: matched on text alone, because articles had no dates
    window_days: int
    articles: int  # articles considered
    note: str = ""
