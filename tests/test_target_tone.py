from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
from sklearn.metrics import accuracy_score, f1_score

from framing.model import ActorMention
from framing.scoring.sentiment import SentenceAnalyzer, SentenceSentiment, summarize
from framing.scoring.target_tone import (
    NamedSpan,
    mention_valences,
    sentence_tone,
    tone_mentions,
)
from framing.text.segment import segment

DATA = Path(__file__).resolve().parent / "data" / "target_tone.tsv"


@pytest.fixture(scope="module")
def analyzer() -> SentenceAnalyzer:
    return SentenceAnalyzer()


def tones(analyzer: SentenceAnalyzer, sentence: str, *actors: str) -> dict[str, float]:
    """Tone toward each named actor (each name stands for itself) in one sentence."""
    spans = sorted(
        (NamedSpan(name, m.start(), m.end()) for name in actors
         for m in re.finditer(re.escape(name), sentence)),
        key=lambda span: span.start,
    )  # fmt: skip
    sums: dict[str, float] = dict.fromkeys(actors, 0.0)
    valences = mention_valences(sentence, spans, analyzer.word_valences)
    for span, valence in zip(spans, valences, strict=True):
        sums[span.actor] += valence
    return {actor: sentence_tone(total) for actor, total in sums.items()}


def test_golden_values_on_hand_cases(analyzer: SentenceAnalyzer) -> None:
    lexicon = analyzer.lexicon
    # "critics" and "condemned" are both tied to Orten, the object of the condemnation.
    expected = sentence_tone(lexicon["critics"] + lexicon["condemned"])
    assert tones(analyzer, "Critics condemned Orten.", "Orten")["Orten"] == pytest.approx(expected)
    # An apposition: "brutal" describes Vesk.
    assert tones(analyzer, "Vesk, a brutal commander, arrived on Monday.", "Vesk")[
        "Vesk"
    ] == pytest.approx(sentence_tone(lexicon["brutal"]))
    # VADER's negation rule: "not praised" is praise times -0.74.
    assert tones(analyzer, "Orten was not praised.", "Orten")["Orten"] == pytest.approx(
        sentence_tone(lexicon["praised"] * -0.74)
    )
    assert sentence_tone(0.0) == 0.0
    assert sentence_tone(2.2) == pytest.approx(2.2 / (2.2**2 + 15) ** 0.5)


def test_events_around_the_actor_do_not_count(analyzer: SentenceAnalyzer) -> None:
    sentence = "Amid floods that killed dozens and a terrible crisis, Orten met rescuers."
    assert analyzer.polarity_scores(sentence)["compound"] < -0.5
    assert tones(analyzer, sentence, "Orten")["Orten"] == 0.0


def test_what_an_actor_says_is_not_tone_toward_it(analyzer: SentenceAnalyzer) -> None:
    for sentence in (
        "Orten condemned the deadly attack on the market.",
        "Orten said the fire was a horrible tragedy.",
        '"This is a disgrace and a disaster," Orten told reporters.',
        "According to Orten, the plan was a terrible failure.",
    ):
        assert tones(analyzer, sentence, "Orten")["Orten"] == 0.0, sentence


def test_two_actors_get_their_own_words(analyzer: SentenceAnalyzer) -> None:
    result = tones(
        analyzer, "Diaz won praise for her honesty, while Rusk was blamed for the delays.",
        "Diaz", "Rusk",
    )  # fmt: skip
    assert result["Diaz"] > 0 > result["Rusk"]
    result = tones(analyzer, "Lind condemned Vesk for the massacre.", "Lind", "Vesk")
    assert result["Lind"] == 0.0 and result["Vesk"] < 0
    result = tones(analyzer, '"Rusk is a liar and a coward," Diaz said.', "Rusk", "Diaz")
    assert result["Rusk"] < 0 and result["Diaz"] == 0.0
    sentence = "Diaz, the new mayor, praised Okafor, a fair and honest chief."
    result = tones(analyzer, sentence, "Diaz", "Okafor")
    assert result["Okafor"] > 0 and result["Diaz"] == 0.0


def test_harm_counts_against_the_doer_not_the_victim(analyzer: SentenceAnalyzer) -> None:
    result = tones(analyzer, "Vesk's gunmen killed Okafor's brother.", "Vesk", "Okafor")
    assert result["Vesk"] < 0 and result["Okafor"] == 0.0
    assert tones(analyzer, "Rusk was injured in the attack.", "Rusk")["Rusk"] == 0.0
    sentence = "Marlow was the target of a vicious and hateful campaign."
    assert tones(analyzer, sentence, "Marlow")["Marlow"] == 0.0


def test_relative_clauses_and_pronouns_belong_to_their_actor(analyzer: SentenceAnalyzer) -> None:
    sentence = "Diaz met Vesk, whose forces are accused of torture, in a hotel."
    result = tones(analyzer, sentence, "Diaz", "Vesk")
    assert result["Vesk"] < 0 and result["Diaz"] == 0.0
    sentence = "Orten made mistakes early on, but she has since won praise and respect."
    assert tones(analyzer, sentence, "Orten")["Orten"] > 0


def test_a_name_in_a_hyphenated_compound_takes_no_words(analyzer: SentenceAnalyzer) -> None:
    assert tones(analyzer, "Anti-Vesk forces won a great victory.", "Vesk")["Vesk"] == 0.0
    sentence = "The Orten-backed council praised the brave volunteers."
    assert tones(analyzer, sentence, "Orten")["Orten"] == 0.0
    sentence = "Orten expressed deep appreciation for the volunteers."
    assert tones(analyzer, sentence, "Orten")["Orten"] == 0.0


def test_scare_quotes_are_not_praise(analyzer: SentenceAnalyzer) -> None:
    assert tones(analyzer, 'Rusk\'s "brilliant" plan was a failure.', "Rusk")["Rusk"] < 0
    assert tones(analyzer, "Rusk's brilliant plan was a success.", "Rusk")["Rusk"] > 0


def test_tone_mentions_reads_offsets_in_the_article(analyzer: SentenceAnalyzer) -> None:
    text = "The storm killed nine people. Critics condemned Orten for the delays."
    spans = segment("", text)
    start = text.index("Orten")
    mention = ActorMention("orten", "Orten", "text", start, start + 5, spans[1].index)
    (toned,) = tone_mentions(spans, (mention,), analyzer.word_valences)
    assert toned.tone_valence < 0 and toned.start == start
    assert tone_mentions(spans, (), analyzer.word_valences) == ()


def test_actor_sentiment_reports_tone_toward_and_sentence_tone() -> None:
    sentiment = SentenceSentiment()
    text = "Amid deadly floods that killed dozens, Orten met rescuers. Critics praised Orten."
    spans = segment("", text)
    first, second = (m.start() for m in re.finditer("Orten", text))
    mentions = tone_mentions(
        spans,
        (
            ActorMention("orten", "Orten", "text", first, first + 5, spans[0].index),
            ActorMention("orten", "Orten", "text", second, second + 5, spans[1].index),
        ),
        sentiment.analyzer.word_valences,
    )
    scored = sentiment.score(spans)
    (actor,) = summarize(scored, mentions, threshold=0.05).actors
    assert actor.sentences == 2
    assert actor.sentence_tone == pytest.approx((scored[0].compound + scored[1].compound) / 2)
    assert actor.tone == pytest.approx((0.0 + sentence_tone(mentions[1].tone_valence)) / 2)
    assert actor.tone > 0 > scored[0].compound


def _label(score: float) -> str:
    return "positive" if score >= 0.05 else "negative" if score <= -0.05 else "neutral"


def test_tone_toward_the_target_beats_sentence_tone_on_the_labelled_set(
    analyzer: SentenceAnalyzer,
) -> None:
    # tests/data/target_tone.tsv: 188 sentences labelled by tests/data/target_tone_guide.md.
    with DATA.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    assert len(rows) >= 150
    gold, old, new = [], [], []
    for row in rows:
        others = [name for name in row["others"].split("|") if name]
        result = tones(analyzer, row["sentence"], row["target"], *others)
        gold.append(row["gold"])
        old.append(_label(analyzer.polarity_scores(row["sentence"])["compound"]))
        new.append(_label(result[row["target"]]))
    labels = ["negative", "neutral", "positive"]
    old_f1 = f1_score(gold, old, labels=labels, average="macro")
    new_f1 = f1_score(gold, new, labels=labels, average="macro")
    # Measured when the set was committed: sentence tone 0.49 accuracy / 0.46 macro-F1,
    # tone toward the target 0.79 / 0.79. A rule change that loses much of that fails here.
    assert accuracy_score(gold, new) >= 0.75
    assert new_f1 >= 0.75
    assert new_f1 >= old_f1 + 0.2
