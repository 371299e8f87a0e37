"""Store rows: what a worker packs comes back equal, and a row that is cut off, lengthened,
oversized, damaged or forged is refused with BadRow (never another error, never used)."""

from __future__ import annotations

import math
import zlib
from pathlib import Path
from typing import Any

import pytest

from framing.lexicon.loader import read_lexicon, read_stopwords
from framing.lexicon.model import Lexicon
from framing.model import Article, ArticleScore
from framing.scoring.scorer import Scorer
from framing.store_layout import LENGTH, SECTION, RowWriter
from framing.store_rows import (
    ANALYSIS_TAG,
    MATCHES_TAG,
    Analysis,
    BadRow,
    KnownNames,
    Matches,
    pack_analysis,
    pack_matches,
    row_limit,
    store_rows,
    unpack_analysis,
    unpack_matches,
)

PACK = """\
about:
  name: harbour
  title: A port dispute
  description: Titles and words for a dock strike, to test stored rows.
  language: en
  version: "1"
  licence: CC0
  sources: [written for the tests]
  connotations:
    delegitimizing: casts doubt
    legitimizing: lends authority
    neutral: descriptive
concepts:
  - id: stoppage
    label: How the stoppage is named
    note: Words for the dispute.
    variants:
      - term: walkout
        connotation: neutral
        note: The plain word.
      - term: wildcat strike
        connotation: delegitimizing
        note: Unsanctioned, by implication.
  - id: chair_title
    label: How the board's chair is titled
    note: A title carries judgement.
    target: mira_solt
    variants:
      - term: Chairwoman
        connotation: legitimizing
        note: The office as a title.
        plural: false
actors:
  - id: mira_solt
    label: Mira Solt
    aliases: [Solt, Mira Solt]
  - id: dockworkers
    label: Dockworkers
    aliases: [dockworkers, stevedores]
"""

TEXTS = [
    (
        "Port of Velmar shut as dockworkers stage walkout",
        "Cranes stood idle at the Port of Velmar on Tuesday after dockworkers began a walkout "
        "over night-shift pay. Chairwoman Mira Solt said the harbour board would not negotiate "
        "while ships waited at anchor. Union officials called her remarks a provocation and "
        "accused the board of hiding record profits. Some shipping agents described the "
        "stoppage as a wildcat strike, though the union said every member had voted for it. "
        "Stevedores gathered at the north gate, where Chairwoman Anika Berg of the rival "
        "terminal spoke briefly to reporters. Freight worth millions was diverted to Halden.",
    ),
    (
        "Talks resume",
        "The harbour board and the union met again on Friday. Solt said progress was slow.",
    ),
    ("", "Quiet."),  # too short for readability: its formulas are None, with a reason
]


@pytest.fixture(scope="module")
def lexicon(tmp_path_factory: pytest.TempPathFactory) -> Lexicon:
    pack = Path(tmp_path_factory.mktemp("pack")) / "harbour.yaml"
    pack.write_text(PACK, encoding="utf-8")
    return read_lexicon([pack])


@pytest.fixture(scope="module")
def scores(lexicon: Lexicon) -> list[ArticleScore]:
    scorer = Scorer(lexicon, stopwords=read_stopwords())
    articles = [
        Article(id=f"a{n}", outlet="Velmar Post", title=title, text=text)
        for n, (title, text) in enumerate(TEXTS)
    ]
    return [scorer.score(article) for article in articles]


def test_rows_come_back_equal_to_what_was_packed(
    scores: list[ArticleScore], lexicon: Lexicon
) -> None:
    known = KnownNames.of(lexicon)
    first = scores[0]
    # The first article exercises every part of a row.
    assert first.terms and first.frame_cues and first.actor_mentions and first.out_of_scope
    assert first.term_counts and first.name_contexts and len(first.term_counts.first_uses()) > 1
    assert any(hit.target for hit in first.terms)
    assert scores[2].readability.flesch_reading_ease is None and scores[2].readability.reason
    for score in scores:
        analysis, matches = store_rows(score)
        assert analysis is not None
        assert unpack_analysis(analysis, score.article) == Analysis(
            score.sentiment.sentences, score.readability, score.term_counts, score.name_contexts
        )  # fmt: skip
        assert unpack_matches(matches, score.article, known) == Matches(
            score.terms, score.frame_cues, score.actor_mentions, score.out_of_scope
        )
    assert store_rows(first, with_analysis=False) == (None, pack_matches(first))


def test_a_row_cut_off_anywhere_or_lengthened_is_refused(
    scores: list[ArticleScore], lexicon: Lexicon
) -> None:
    known = KnownNames.of(lexicon)
    score = scores[1]
    analysis, matches = pack_analysis(score), pack_matches(score)
    for size in range(len(analysis)):
        with pytest.raises(BadRow):
            unpack_analysis(analysis[:size], score.article)
    for size in range(len(matches)):
        with pytest.raises(BadRow):
            unpack_matches(matches[:size], score.article, known)
    with pytest.raises(BadRow, match="after the row's last section"):
        unpack_analysis(analysis + b"\x00", score.article)
    with pytest.raises(BadRow, match="after the row's last section"):
        unpack_matches(matches + b"\x00", score.article, known)


def test_any_damaged_byte_is_refused_or_read_within_the_article(
    scores: list[ArticleScore], lexicon: Lexicon
) -> None:
    known = KnownNames.of(lexicon)
    score = scores[1]
    article = score.article
    refused = 0
    for blob, read in (
        (pack_analysis(score), lambda b: unpack_analysis(b, article).sentences),
        (pack_matches(score), lambda b: unpack_matches(b, article, known).terms),
    ):
        for at in range(len(blob)):
            damaged = blob[:at] + bytes([blob[at] ^ 0xA5]) + blob[at + 1 :]
            try:
                parts = read(damaged)
            except BadRow:
                refused += 1
                continue
            # A change the checks cannot see (a score within its range) still points inside.
            for part in parts:
                source = article.title if part.field == "title" else article.text
                assert 0 <= part.start <= part.end <= len(source)
    assert refused > 0


# A valid analysis of ARTICLE, section by section, in the order the row holds them; a section
# of floats is written as real numbers, any other as whole numbers.
ARTICLE = Article(id="t", outlet="Velmar Post", title="", text="Talks resumed on Monday.")
ANALYSIS: dict[str, Any] = {
    "places": [0, 24, 0],  # start, end, sentence number
    "fields": [1],
    "scores": [0.0, 0.0, 0.0, 1.0],
    "counts": [4, 1, 6, 20, 0, 1],
    "formulas": [math.nan] * 6,
    "times": [],
    "text": ["too few words"],  # the readability note, then each name context's three strings
    "term_counts": [1, 1],
    "ranks": [2],  # first uses kept per term
    "uses": [1, 0, 1, 0],  # per term, the sentence numbers plus 1 of its first uses (0: none)
    "terms": ["monday\ntalks"],
}


def analysis_row(raw_text: bytes | None = None, **changes: Any) -> bytes:
    """The analysis row of ANALYSIS with ``changes``; ``raw_text`` replaces the terms' text
    section (the row's last)."""
    parts = ANALYSIS | changes
    row = RowWriter(ANALYSIS_TAG)
    for name, values in parts.items():
        if name in ("text", "terms"):
            if name == "text" or raw_text is None:
                row.text(values)
        elif any(isinstance(value, float) for value in values):
            row.real(values, len(values))
        else:
            row.whole(values, len(values))
    return row.row() + (raw_text or b"")


def text_section(kind: bytes, strings: int, size: int, stored: bytes) -> bytes:
    return SECTION.pack(kind, strings) + LENGTH.pack(size) + stored


def test_the_hand_built_analysis_is_valid() -> None:
    analysis = unpack_analysis(analysis_row(), ARTICLE)
    assert analysis.sentences[0].text == ARTICLE.text
    assert analysis.term_counts is not None
    assert analysis.term_counts.pairs() == (("monday", 1), ("talks", 1))
    assert analysis.term_counts.first_uses() == ({"monday": 0, "talks": 0},)
    assert analysis.readability.flesch_reading_ease is None
    assert analysis.readability.reason == "too few words"


BOMB = zlib.compress(b" " * (32 << 20), 9)  # 32 MB in about 32 KB

BAD_ANALYSES = {
    "another kind of row": MATCHES_TAG + analysis_row()[4:],
    "a span past the text's end": analysis_row(places=[0, 25, 0]),
    "a span that ends before it starts": analysis_row(places=[10, 5, 0]),
    "a field that is neither headline nor text": analysis_row(fields=[2]),
    "sentence numbers out of order": analysis_row(
        places=[0, 10, 1, 11, 24, 1],
        fields=[1, 1],
        scores=[0.0, 0.0, 0.0, 1.0] * 2,
    ),
    "a sentence number past the article": analysis_row(places=[0, 24, 99]),
    "a compound score above 1": analysis_row(scores=[1.5, 0.0, 0.0, 1.0]),
    "a share that is not a number": analysis_row(scores=[0.0, math.nan, 0.0, 1.0]),
    "an infinite readability formula": analysis_row(formulas=[math.inf] + [math.nan] * 5),
    "a readability count missing": analysis_row(counts=[4, 1, 6, 20, 0]),
    "a term counted 0 times": analysis_row(term_counts=[1, 0]),
    "a counted term without its first use": analysis_row(uses=[1, 0, 0, 0]),
    "a second use of a term counted once": analysis_row(uses=[1, 1, 1, 0]),
    "uses out of order": analysis_row(
        places=[0, 10, 0, 11, 24, 2],
        fields=[1, 1],
        scores=[0.0, 0.0, 0.0, 1.0] * 2,
        term_counts=[2, 1],
        uses=[3, 1, 1, 0],
    ),
    "a use in no stored sentence": analysis_row(
        places=[0, 10, 0, 11, 24, 2],
        fields=[1, 1],
        scores=[0.0, 0.0, 0.0, 1.0] * 2,
        uses=[1, 0, 2, 0],
    ),
    "a use past the last sentence": analysis_row(uses=[1, 0, 1 << 40, 0]),
    "more uses than the ranks hold": analysis_row(ranks=[1]),
    "counts without uses": analysis_row(ranks=[0], uses=[]),
    "uses kept per term beyond any setting": analysis_row(
        ranks=[1 << 20], term_counts=[], uses=[], terms=[""]
    ),
    "terms without counts": analysis_row(ranks=[0], term_counts=[], uses=[], terms=["monday"]),
    "fewer terms than counts": analysis_row(terms=["monday"]),
    "a term listed twice": analysis_row(terms=["monday\nmonday"]),
    "an empty term": analysis_row(terms=["monday\n"]),
    "a real number where whole numbers belong": analysis_row(term_counts=[1.0, 1.0]),
    "one string too few": analysis_row(terms=[]),
    "a string holding a NUL": analysis_row(terms=["mon\x00day\ntalks"]),
    "text that is not UTF-8": analysis_row(text_section(b"t", 1, 8, b"\xffabccdef")),
    "text stated longer than the row": analysis_row(text_section(b"t", 1, 900, b"a\nb\nc")),
    "text stated larger than the bound": analysis_row(
        text_section(b"z", 1, row_limit(ARTICLE) + 1, BOMB)
    ),
    "deflated text that inflates past its stated size": analysis_row(
        text_section(b"z", 1, 1000, BOMB)
    ),
    "deflated text that is not deflated": analysis_row(text_section(b"z", 1, 5, b"a\nb\nc")),
    "deflated text cut off": analysis_row(text_section(b"z", 1, 5, zlib.compress(b"a\nb\nc")[:-3])),
    "an unknown kind of section": analysis_row(text_section(b"x", 1, 5, b"a\nb\nc")),
    "not bytes": "a row stored as text",
    "a row larger than the bound": analysis_row(
        text_section(b"t", 1, 5, b"a\nb\nc" + b" " * row_limit(ARTICLE))
    ),
}


@pytest.mark.parametrize("damage", sorted(BAD_ANALYSES))
def test_a_damaged_or_forged_analysis_is_refused(damage: str) -> None:
    with pytest.raises(BadRow):
        unpack_analysis(BAD_ANALYSES[damage], ARTICLE)


def test_deflated_text_is_read_back() -> None:
    data = b"monday\ntalks"
    row = analysis_row(text_section(b"z", 1, len(data), zlib.compress(data)))
    assert unpack_analysis(row, ARTICLE) == unpack_analysis(analysis_row(), ARTICLE)


# A valid matches row for ARTICLE: one term hit aimed at an actor, one actor mention.
MATCHES: dict[str, Any] = {
    "term_names": [0, 1, 2, 3, 4],  # concept, variant, connotation, target, scope
    "term_places": [0, 5, 0],
    "term_fields": [1],
    "frame_names": [],
    "frame_places": [],
    "frame_fields": [],
    "out_names": [],
    "out_places": [],
    "out_fields": [],
    "actor_names": [3],
    "actor_places": [17, 23, 0],
    "actor_fields": [1],
    "valences": [0.5],
    "names": ["stoppage", "walkout", "neutral", "mira_solt", "near the name"],
}


def matches_row(**changes: Any) -> bytes:
    parts = MATCHES | changes
    row = RowWriter(MATCHES_TAG)
    for name, values in parts.items():
        if name == "names":
            row.text(values)
        elif name == "valences":
            row.real(values, len(values))
        else:
            row.whole(values, len(values))
    return row.row()


def test_the_hand_built_matches_are_valid(lexicon: Lexicon) -> None:
    matches = unpack_matches(matches_row(), ARTICLE, KnownNames.of(lexicon))
    (hit,) = matches.terms
    assert (hit.matched_text, hit.target, hit.scope) == ("Talks", "mira_solt", "near the name")
    assert matches.actors[0].matched_text == "Monday"


BAD_MATCHES = {
    "a concept not in the lexicon": matches_row(
        names=["<script>x</script>", "walkout", "neutral", "mira_solt", ""]
    ),
    "a variant under the wrong concept": matches_row(
        names=["chair_title", "walkout", "neutral", "mira_solt", ""]
    ),
    "a target that is not an actor": matches_row(
        names=["stoppage", "walkout", "neutral", "nobody", "", "mira_solt"], actor_names=[5]
    ),
    "a concept cue among the frames": matches_row(
        term_names=[],
        term_places=[],
        term_fields=[],
        frame_names=[0, 1, 2, 3, 4],
        frame_places=[0, 5, 0],
        frame_fields=[1],
    ),
    "a name past the table": matches_row(actor_names=[5]),
    "a span past the text's end": matches_row(actor_places=[17, 30, 0]),
    "a field that is neither headline nor text": matches_row(term_fields=[7]),
    "names and places that differ in number": matches_row(term_fields=[1, 1]),
    "a hit of four names": matches_row(term_names=[0, 1, 2, 3]),
    "an infinite tone": matches_row(valences=[math.inf]),
    "a mention without its tone": matches_row(valences=[]),
    "another kind of row": ANALYSIS_TAG + matches_row()[4:],
}


@pytest.mark.parametrize("damage", sorted(BAD_MATCHES))
def test_a_damaged_or_forged_match_is_refused(damage: str, lexicon: Lexicon) -> None:
    with pytest.raises(BadRow):
        unpack_matches(BAD_MATCHES[damage], ARTICLE, KnownNames.of(lexicon))


def test_an_actor_not_in_the_lexicon_is_refused(lexicon: Lexicon) -> None:
    forged = matches_row(names=["stoppage", "walkout", "neutral", "mira_solt", "", "ghost"],
                         actor_names=[5])  # fmt: skip
    with pytest.raises(BadRow, match="'ghost', not in the lexicon"):
        unpack_matches(forged, ARTICLE, KnownNames.of(lexicon))
