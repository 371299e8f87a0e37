"""The story view: articles on one event across outlets, compared sentence by sentence.

Comparing whole outlets mixes framing with agenda (what each outlet covers). Comparing the same
event holds the facts fixed, so what remains is the words, the facts left in or out and the
people quoted; Fan et al. (2019, "In Plain Sight: Media Bias Through the Lens of Factual
Reporting", the BASIL corpus) find such informational choices more common than loaded words.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import chain, repeat

from framing.model import ArticleScore, ScoredCorpus
from framing.stories.align import align_story, body_sentences
from framing.stories.match import (
    DEFAULT_THRESHOLD,
    DEFAULT_WINDOW_DAYS,
    Grouping,
    about_text,
    body_signature,
    day_number,
    group_stories,
    story_id,
)
from framing.stories.model import (
    AlignedSentence,
    SpeakerShare,
    Story,
    StoryArticle,
    StoryComparison,
    StoryInput,
    TermChoice,
)
from framing.stories.speakers import attributions, display_names, speaker_key

_PUNCTUATION = "\"'“”‘’()[]{},.;:!?-—–"
# (title, text) of the articles asked for, by id: from memory, or by reading the inputs again.
TextSource = Callable[[frozenset[str]], Mapping[str, tuple[str, str]]]


def story_input(score: ArticleScore) -> StoryInput:
    """What story matching keeps of one scored article (a few hundred bytes)."""
    article = score.article
    # The scorer's sentences, split on white space: no second segmentation in this process.
    # Each word stripped and the empty ones dropped by C-level maps: this runs for every word.
    body = [
        list(filter(None, map(str.strip, sentence.text.split(), repeat(_PUNCTUATION))))
        for sentence in score.sentiment.sentences
        if sentence.field == "text"
    ]
    return StoryInput(
        article_id=article.id,
        outlet=article.outlet,
        date=article.date[:10] if day_number(article.date) is not None else "",
        title=article.title,
        about=about_text(article.title, body),
        body_shingles=body_signature(list(chain.from_iterable(body))),
        tone=score.sentiment.compound_mean,
        grade=score.readability.flesch_kincaid_grade,
        choices=tuple(sorted({(hit.concept, hit.variant) for hit in score.terms})),
    )


@dataclass(frozen=True)
class StoryParts:
    """What the story view takes from the articles' texts alone, not from the lexicon: the
    stories found, and each story's aligned sentences and speakers (in story order). They
    depend on the inputs' ids, outlets, dates, titles, texts and tone and grade, not on their
    ``choices``, so a re-run after a lexicon edit can reuse them (:mod:`framing.rerun`)."""

    grouping: Grouping
    aligned: tuple[tuple[AlignedSentence, ...], ...]
    speakers: tuple[tuple[SpeakerShare, ...], ...]


def compare_stories(
    inputs: Sequence[StoryInput],
    texts: TextSource,
    stopwords: frozenset[str],
    window_days: int = DEFAULT_WINDOW_DAYS,
    threshold: float = DEFAULT_THRESHOLD,
) -> StoryComparison:
    """Every story with two or more outlets among ``inputs``, with its aligned sentences,
    speakers and word choices; the texts of story articles are asked of ``texts`` once."""
    parts = story_parts(inputs, texts, stopwords, window_days, threshold)
    return assemble_stories(inputs, parts, window_days)


def story_parts(
    inputs: Sequence[StoryInput],
    texts: TextSource,
    stopwords: frozenset[str],
    window_days: int = DEFAULT_WINDOW_DAYS,
    threshold: float = DEFAULT_THRESHOLD,
) -> StoryParts:
    """The :class:`StoryParts` of ``inputs`` (see :func:`compare_stories`)."""
    grouping = group_stories(inputs, window_days, threshold)
    wanted = frozenset(inputs[i].article_id for members in grouping.stories for i in members)
    bodies = texts(wanted) if wanted else {}
    aligned: list[tuple[AlignedSentence, ...]] = []
    speakers: list[tuple[SpeakerShare, ...]] = []
    for members in grouping.stories:
        identifier = story_id(inputs, members)
        articles = _story_articles(inputs, grouping, identifier, members)
        pairs = [(a.article_id, a.outlet) for a in articles]
        aligned.append(tuple(align_story(identifier, pairs, bodies, stopwords)))
        speakers.append(tuple(_speakers(identifier, articles, bodies)))
    return StoryParts(grouping, tuple(aligned), tuple(speakers))


def _story_articles(
    inputs: Sequence[StoryInput], grouping: Grouping, identifier: str, members: Sequence[int]
) -> tuple[StoryArticle, ...]:
    ordered = sorted(members, key=lambda i: (inputs[i].date or "9999", inputs[i].outlet, i))
    return tuple(
        StoryArticle(
            story_id=identifier,
            article_id=inputs[i].article_id,
            outlet=inputs[i].outlet,
            date=inputs[i].date,
            title=inputs[i].title,
            similarity=round(grouping.joined_by[i], 6) if i in grouping.joined_by else None,
            copy_of=(inputs[grouping.copies[i]].article_id if i in grouping.copies else ""),
            tone=inputs[i].tone,
            grade=inputs[i].grade,
        )
        for i in ordered
    )


def assemble_stories(
    inputs: Sequence[StoryInput], parts: StoryParts, window_days: int = DEFAULT_WINDOW_DAYS
) -> StoryComparison:
    """The story comparison of ``inputs`` from their :class:`StoryParts`: the word choices
    (the lexicon's part) are added here."""
    grouping = parts.grouping
    stories: list[Story] = []
    sentences: list[AlignedSentence] = []
    speakers: list[SpeakerShare] = []
    choices: list[TermChoice] = []
    for members, aligned, said in zip(grouping.stories, parts.aligned, parts.speakers,
                                      strict=True):  # fmt: skip
        identifier = story_id(inputs, members)
        ordered = sorted(members, key=lambda i: (inputs[i].date or "9999", inputs[i].outlet, i))
        articles = _story_articles(inputs, grouping, identifier, members)
        story_choices = _choices(identifier, [inputs[i] for i in ordered])
        stories.append(
            _story(identifier, articles, inputs, window_days, grouping.dated, aligned,
                   story_choices)
        )  # fmt: skip
        sentences += aligned
        speakers += said
        choices += story_choices
    stories.sort(key=lambda s: (-s.contrast, s.first_date, s.id))
    order = {story.id: rank for rank, story in enumerate(stories)}
    note = "" if grouping.dated else (
        "The articles have no dates, so stories were matched on their text alone."
    )  # fmt: skip
    return StoryComparison(
        stories=tuple(stories),
        sentences=tuple(sorted(sentences, key=lambda s: (order[s.story_id],))),
        speakers=tuple(
            sorted(speakers, key=lambda s: (order[s.story_id], s.outlet, -s.words, s.speaker))
        ),
        choices=tuple(sorted(choices, key=lambda c: (order[c.story_id], c.concept, c.outlet))),
        dated=grouping.dated,
        window_days=window_days,
        articles=len(inputs),
        note=note,
    )


def stories_of(
    result: ScoredCorpus,
    stopwords: frozenset[str],
    window_days: int = DEFAULT_WINDOW_DAYS,
    threshold: float = DEFAULT_THRESHOLD,
) -> StoryComparison:
    """:func:`compare_stories` for a corpus scored in memory (the Python API)."""
    by_id = {score.article.id: score.article for score in result.scores}

    def texts(wanted: frozenset[str]) -> dict[str, tuple[str, str]]:
        return {i: (by_id[i].title, by_id[i].text) for i in wanted}

    inputs = [story_input(score) for score in result.scores]
    return compare_stories(inputs, texts, stopwords, window_days, threshold)


def _story(
    identifier: str,
    articles: tuple[StoryArticle, ...],
    inputs: Sequence[StoryInput],
    window_days: int,
    dated: bool,
    aligned: Sequence[AlignedSentence],
    choices: Sequence[TermChoice],
) -> Story:
    outlets = tuple(sorted({a.outlet for a in articles}, key=lambda o: (o.casefold(), o)))
    dates = sorted(a.date for a in articles if a.date)
    first, last = (dates[0], dates[-1]) if dates else ("", "")
    return Story(
        id=identifier,
        label=_label(articles),
        first_date=first,
        last_date=last,
        articles=articles,
        outlets=outlets,
        missing_outlets=_missing(outlets, inputs, first, last, window_days, dated),
        contrast=round(_contrast(aligned, choices), 6),
    )


def _label(articles: Sequence[StoryArticle]) -> str:
    """The headline of the story's first independent article."""
    originals = [a for a in articles if not a.copy_of] or list(articles)
    return originals[0].title or originals[0].article_id


def _missing(
    outlets: tuple[str, ...],
    inputs: Sequence[StoryInput],
    first: str,
    last: str,
    window_days: int,
    dated: bool,
) -> tuple[str, ...]:
    """Outlets with articles in the story's days (or anywhere, without dates) that did not
    cover it."""
    start, end = day_number(first), day_number(last)
    active: set[str] = set()
    for item in inputs:
        day = day_number(item.date)
        if (
            start is None
            or end is None
            or not dated
            or day is None
            or start - window_days <= day <= end + window_days
        ):
            active.add(item.outlet)
    return tuple(sorted(active - set(outlets), key=lambda o: (o.casefold(), o)))


def _contrast(aligned: Sequence[AlignedSentence], choices: Sequence[TermChoice]) -> float:
    """Share of the story's sentences that only one outlet reports, plus the number of concepts
    that two outlets named with different words."""
    unique = sum(1 for sentence in aligned if sentence.unique) / len(aligned) if aligned else 0.0
    by_concept: dict[str, set[tuple[str, ...]]] = defaultdict(set)
    for choice in choices:
        if choice.variants:
            by_concept[choice.concept].add(choice.variants)
    return unique + sum(1 for used in by_concept.values() if len(used) > 1)


def _choices(identifier: str, members: Sequence[StoryInput]) -> list[TermChoice]:
    concepts = sorted({concept for item in members for concept, _variant in item.choices})
    per_outlet: dict[tuple[str, str], set[str]] = defaultdict(set)
    for item in members:
        for concept, variant in item.choices:
            per_outlet[(concept, item.outlet)].add(variant)
    outlets = sorted({item.outlet for item in members})
    return [
        TermChoice(identifier, concept, outlet, tuple(sorted(per_outlet[(concept, outlet)])))
        for concept in concepts
        for outlet in outlets
    ]


def _speakers(
    identifier: str,
    articles: Iterable[StoryArticle],
    bodies: Mapping[str, tuple[str, str]],
) -> list[SpeakerShare]:
    found: list[tuple[str, str, int]] = []  # (outlet, speaker as printed, words)
    for article in articles:
        if article.article_id not in bodies:
            continue
        sentences = [(i, text) for i, text, _w in body_sentences(*bodies[article.article_id])]
        found += [(article.outlet, a.speaker, a.words) for a in attributions(sentences)]
    names = display_names([speaker for _o, speaker, _w in found])
    totals: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    for outlet, speaker, words in found:
        entry = totals[(outlet, names[speaker_key(speaker)])]
        entry[0] += 1
        entry[1] += words
    return [
        SpeakerShare(identifier, outlet, speaker, count, words)
        for (outlet, speaker), (count, words) in sorted(totals.items())
    ]
