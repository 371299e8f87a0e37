from __future__ import annotations

from framing.scoring.clauses import (
    clause_layout,
    find_speakers,
    name_words,
    quote_units,
    split_words,
    word_index,
)


def test_words_are_split_as_vader_splits_them_with_their_cores() -> None:
    words = split_words('"Orten\'s plan," critics said, "failed."')
    assert words.raw == ["\"Orten's", 'plan,"', "critics", "said,", '"failed."']
    assert words.lowered == ["orten's", "plan", "critics", "said", "failed"]


def test_word_index_finds_the_word_holding_an_offset() -> None:
    text = "Troops loyal to (Vesk) left."
    assert word_index(text, text.index("Vesk")) == 3
    assert word_index(text, 0) == 0
    assert name_words(text, [(text.index("Vesk"), text.index("Vesk") + 4)]) == [{3}]


def test_quotes_and_scare_quotes() -> None:
    words = split_words('Rusk\'s "brilliant" plan, Diaz said, was "a total failure."')
    quote_of, scare = quote_units(words)
    assert scare == {1}
    assert quote_of[-3:] == [2, 2, 2] and quote_of[0] is None
    # An unclosed quote is read as the writer's words.
    assert quote_units(split_words('Orten said "the plan')) == ([None, None, None, None], set())


def test_clauses_relative_clauses_and_opening_phrases() -> None:
    text = "Amid floods, Okafor, whose officers were praised, met Diaz but she left."
    words = split_words(text)
    okafor = text.index("Okafor")
    mentions = name_words(text, [(okafor, okafor + 6)])
    mention_of = {i: 0 for i in mentions[0]}
    quote_of, _scare = quote_units(words)
    layout = clause_layout(words, quote_of, mention_of)
    unit = layout.unit
    amid, floods, okafor_word, whose, praised, met, diaz, but = (0, 1, 2, 3, 6, 7, 8, 9)
    assert unit[amid] == unit[floods] != unit[okafor_word]  # the opening phrase
    assert unit[whose] == unit[praised] != unit[okafor_word]  # the relative clause ...
    assert layout.unit_owner[unit[whose]] == 0  # ... belongs to Okafor
    assert unit[met] == unit[diaz] == unit[okafor_word]  # back in the main clause
    assert unit[but] != unit[diaz]


def test_speakers_and_victims() -> None:
    def speakers_in(text: str, *names: str) -> dict[int, int]:
        words = split_words(text)
        mentions = name_words(text, [(text.index(n), text.index(n) + len(n)) for n in names])
        quote_of, _scare = quote_units(words)
        mention_of = {i: m for m, indexes in enumerate(mentions) for i in indexes}
        return find_speakers(words, mentions, clause_layout(words, quote_of, mention_of).unit)

    assert speakers_in("Orten condemned the attack.", "Orten") == {0: 1}
    assert speakers_in("Critics condemned Orten.", "Orten") == {}
    assert speakers_in('"It failed," said Diaz.', "Diaz") == {0: 2}
    assert speakers_in("Orten was praised.", "Orten") == {}
    assert speakers_in("Marlow was the target of threats.", "Marlow") == {0: 3}
