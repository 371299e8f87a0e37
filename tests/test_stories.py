"""Stories: the same event across outlets (tests/corpora/stories, five invented events)."""

from __future__ import annotations

import csv
import dataclasses
import io
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

import framing
from framing.cli import app
from framing.lexicon.loader import read_stopwords
from framing.stories.align import differing_words
from framing.stories.build import compare_stories, stories_of, story_input
from framing.stories.match import (
    MINHASH_SLICE,
    body_signature,
    day_number,
    minhash,
    shingle_jaccard,
)
from framing.stories.model import StoryComparison
from framing.stories.speakers import attributions, speaker_key

ROOT = Path(__file__).resolve().parent.parent
STORIES = ROOT / "tests" / "corpora" / "stories"
EXPECTED = {
    frozenset({"gazette-bridge", "ledger-bridge", "courier-bridge"}),
    frozenset({"gazette-strike", "ledger-strike", "courier-strike"}),
    frozenset({"gazette-fire", "ledger-fire", "post-fire"}),
    frozenset({"ledger-election", "courier-election", "post-election"}),
    frozenset({"gazette-flood", "post-flood", "ledger-flood"}),
}


@pytest.fixture(scope="module")
def scored() -> framing.ScoredCorpus:
    return framing.score_corpus(framing.read_corpus([STORIES]), framing.read_lexicon())


@pytest.fixture(scope="module")
def result(scored: framing.ScoredCorpus) -> StoryComparison:
    return stories_of(scored, read_stopwords())


def story_with(result: StoryComparison, article_id: str) -> framing.stories.model.Story:
    return next(s for s in result.stories if article_id in {a.article_id for a in s.articles})


def test_the_five_events_are_recovered_exactly(result: StoryComparison) -> None:
    found = {frozenset(a.article_id for a in story.articles) for story in result.stories}
    assert found == EXPECTED
    assert result.dated and result.note == ""


def test_the_wire_copy_is_labelled_and_not_counted_as_independent(
    result: StoryComparison,
) -> None:
    flood = story_with(result, "post-flood")
    copies = {a.article_id: a.copy_of for a in flood.articles}
    assert copies == {"gazette-flood": "", "post-flood": "gazette-flood", "ledger-flood": ""}
    assert all(not a.copy_of for s in result.stories if s is not flood for a in s.articles)


def test_the_silent_outlet_is_listed_as_missing(result: StoryComparison) -> None:
    assert story_with(result, "ledger-strike").missing_outlets == ("Coastal Post",)
    assert story_with(result, "ledger-election").missing_outlets == ("Harbour Gazette",)


def test_sentences_are_aligned_with_the_words_that_differ(result: StoryComparison) -> None:
    bridge = story_with(result, "ledger-bridge").id
    sentence = next(
        s for s in result.sentences
        if s.story_id == bridge and s.article_id == "ledger-bridge"
        and s.text.startswith("The city's transport chief")
    )  # fmt: skip
    gazette = next(m for m in sentence.matches if m.outlet == "Harbour Gazette")
    assert gazette.text.startswith("The Ostvik river bridge was closed")
    assert "chief" in gazette.words_only_here and "Commissioner" in gazette.words_only_there
    assert not sentence.unique


def test_what_only_one_outlet_reports_is_found(result: StoryComparison) -> None:
    unique = {(s.article_id, s.text) for s in result.sentences if s.unique}
    assert ("ledger-fire", "The plant was fined in 2023 for storing chemicals without a "
            "permit.") in unique  # fmt: skip
    assert ("ledger-flood", "Residents accused the regional government of cancelling flood "
            "defences that were promised in 2021.") in unique  # fmt: skip
    shared = [s for s in result.sentences if s.article_id == "gazette-fire"
              and s.text.startswith("Fire chief Ivo Marek said the blaze")]  # fmt: skip
    assert shared and not shared[0].unique


def test_speakers_are_attributed_per_outlet(result: StoryComparison) -> None:
    bridge = story_with(result, "ledger-bridge").id
    speakers = {(s.outlet, s.speaker) for s in result.speakers if s.story_id == bridge}
    assert ("The Northern Ledger", "Jonas Pell") in speakers
    assert ("Harbour Gazette", "Transport Commissioner Helga Brandt") in speakers
    # "Helga Brandt, the transport commissioner, said" is the same speaker in another outlet.
    assert ("Valley Courier", "Transport Commissioner Helga Brandt") in speakers
    assert not any(outlet == "Harbour Gazette" and "Pell" in name for outlet, name in speakers)


def test_concept_choices_are_listed_per_outlet(result: StoryComparison) -> None:
    outlets_per_story = {story.id: set(story.outlets) for story in result.stories}
    for choice in result.choices:
        assert choice.outlet in outlets_per_story[choice.story_id]


def test_without_dates_stories_match_on_text_and_say_so(scored: framing.ScoredCorpus) -> None:
    undated = [dataclasses.replace(story_input(s), date="") for s in scored.scores]
    by_id = {s.article.id: (s.article.title, s.article.text) for s in scored.scores}
    result = compare_stories(undated, lambda wanted: {i: by_id[i] for i in wanted},
                             read_stopwords())  # fmt: skip
    found = {frozenset(a.article_id for a in story.articles) for story in result.stories}
    assert found == EXPECTED
    assert not result.dated
    assert result.note == "The articles have no dates, so stories were matched on their text alone."


def test_adding_unrelated_articles_keeps_story_ids(scored: framing.ScoredCorpus) -> None:
    inputs = [story_input(s) for s in scored.scores]
    by_id = {s.article.id: (s.article.title, s.article.text) for s in scored.scores}
    fewer = [i for i in inputs if i.article_id not in {"post-museum", "courier-court"}]

    def texts(wanted: frozenset[str]) -> dict[str, tuple[str, str]]:
        return {i: by_id[i] for i in wanted}

    ids = {s.id for s in compare_stories(inputs, texts, read_stopwords()).stories}
    assert ids == {s.id for s in compare_stories(fewer, texts, read_stopwords()).stories}


def test_the_seeds_give_no_false_story() -> None:
    scored = framing.score_corpus(framing.read_corpus([ROOT / "seeds"]), framing.read_lexicon())
    assert stories_of(scored, read_stopwords()).stories == ()


def test_cli_writes_the_story_files_deterministically(tmp_path: Path) -> None:
    runs = []
    for name in ("one", "two"):
        result = CliRunner().invoke(app, ["stories", str(STORIES), "--out", str(tmp_path / name),
                                          "--jobs", "1"])  # fmt: skip
        assert result.exit_code == 0, result.stderr
        runs.append({p.name: p.read_bytes() for p in sorted((tmp_path / name).iterdir())})
    assert runs[0] == runs[1]
    assert sorted(runs[0]) == ["README.txt", "stories.csv", "stories.md", "story_sentences.csv",
                               "story_sources.csv", "story_summary.csv"]  # fmt: skip
    assert "5 stories among 19 articles." in result.stdout
    summary = list(csv.DictReader(io.StringIO(runs[0]["story_summary.csv"].decode())))
    flood = next(row for row in summary if row["label"].startswith("Floods cut off Aldwick"))
    assert (flood["n_outlets"], flood["copies"]) == ("2", "Coastal Post reprints gazette-flood")
    readme = runs[0]["README.txt"].decode()
    for column in ("story_id", "copy_of", "missing_outlets", "words_only_here", "speaker"):
        assert f"  {column}" in readme
    markdown = runs[0]["stories.md"].decode()
    assert markdown.startswith("## Same story, different words")


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        ("Helga Brandt, the transport commissioner, said the closure was a precaution.",
         "Helga Brandt"),
        ("According to Mayor Tomas Reyd, the council had set money aside.", "Mayor Tomas Reyd"),
        ('"The water rose fast," regional coordinator Lise Dahl said.', "Lise Dahl"),
        ('"We will not take any risk," said Ada Renholm.', "Ada Renholm"),
        ("A spokesperson for Kessling said production would restart.",
         "a spokesperson for Kessling"),
        ("Buses will run on a new route, the transport office said.", "the transport office"),
        ("The bridge carries 18,000 vehicles a day.", None),
    ],
)  # fmt: skip
def test_attribution_patterns(sentence: str, speaker: str | None) -> None:
    found = attributions([(0, sentence)])
    assert (found[0].speaker if found else None) == speaker


def test_a_pronoun_goes_to_the_last_named_speaker() -> None:
    found = attributions([(0, "Ada Renholm told reporters the plan was sound."),
                          (1, '"It will work," she said.')])  # fmt: skip
    assert [(a.speaker, a.words) for a in found] == [("Ada Renholm", 8), ("Ada Renholm", 3)]
    assert speaker_key("Councillor Ada Renholm") == speaker_key("Renholm") == "renholm"


def tokens(text: str) -> list[str]:
    return text.split()


def test_differing_words_skip_stop_words() -> None:
    here, there = differing_words(
        tokens("The crumbling bridge was shut"), tokens("The old bridge was closed"),
        frozenset({"the", "was"}),
    )  # fmt: skip
    assert (here, there) == (("crumbling", "shut"), ("old", "closed"))


def test_signatures_and_dates() -> None:
    words = tokens("the river burst its banks on friday after two days of heavy rain")
    assert shingle_jaccard(body_signature(words), body_signature(words)) == 1.0
    assert shingle_jaccard(body_signature(words), body_signature(words[::-1])) < 0.2
    # A signature is of the set of values, whatever their order and repeats, in one slice
    # of values or several.
    values = np.arange(3 * MINHASH_SLICE, dtype=np.uint64) * np.uint64(2654435761)
    shuffled = np.concatenate([values[::-1], values[:100]])
    assert np.array_equal(minhash(shuffled), minhash(values))
    slices = [minhash(values[i : i + MINHASH_SLICE]) for i in range(0, values.size, 1000)]
    assert np.array_equal(minhash(values), np.minimum.reduce(slices))
    assert np.array_equal(minhash(values[:50]), minhash(np.concatenate([values[:50]] * 3)))
    assert np.array_equal(minhash(values[:50]), minhash(np.unique(values[:50][::-1])))
    assert day_number("2025-03-07T10:00:00Z") == day_number("2025-03-07")
    assert day_number("2019-04") is None and day_number("") is None


def test_dated_pairs_are_every_close_enough_pair_within_the_window() -> None:
    """Rows picked by day from one reordered matrix give the pairs (and cosines) of every
    pair of dated articles at most the window apart, however the days come in the input."""
    from scipy import sparse

    from framing.stories.match import _dated_pairs

    rng = np.random.default_rng(12)
    dense = rng.random((40, 25)) * (rng.random((40, 25)) < 0.3)
    dense /= np.maximum(np.linalg.norm(dense, axis=1, keepdims=True), 1e-9)
    matrix = sparse.csr_matrix(dense.astype(np.float32))
    days: list[int | None] = [int(d) if d < 12 else None for d in rng.integers(0, 14, 40)]
    found = {(p.first, p.second): p.similarity for p in _dated_pairs(matrix, days, 2, 0.2)}
    products = (matrix @ matrix.T).toarray()
    expected = {
        (i, j)
        for i in range(40)
        for j in range(i + 1, 40)
        if days[i] is not None and days[j] is not None
        and abs(days[i] - days[j]) <= 2 and products[i, j] >= 0.2  # type: ignore[operator]
    }  # fmt: skip
    assert set(found) == expected and expected
    assert all(abs(found[i, j] - products[i, j]) < 1e-6 for i, j in expected)
