"""The scope rule: whether a word of a targeted concept describes its target where it stands.

A concept may name a *target* (an actor id) and a *target rule*. With ``names`` every match
counts, because the variant is itself a name of the target ("Daesh", "Gadhafi"). With ``nearby``
(the default when a target is given) the variant is a description that could fit anyone
("strongman", "Field Marshal"), so it counts toward the target only where the target is *in
scope*. The rule is applied to one match at a time, in this order; the first step that applies
decides, and every decision carries its reason (``term_hits.csv`` shows it):

0. **The article never names the target** (no alias of the target actor anywhere in the
   headline or text): out of scope. A corpus without Haftar never counts a word toward him.
1. **Title before a name.** A proper name that starts right after the variant, with only a space
   between, is the person the variant titles: "Field Marshal Khalifa Haftar" (in scope),
   "Field Marshal Vesk" (out: the title belongs to Vesk). Capitalised words right before an
   actor's alias are taken as its title ("General Khalifa Haftar" is one name, Haftar's).
2. **Apposition.** A name set off by a comma, bracket or dash right before the variant, with at
   most four words between ("Haftar, the self-styled field marshal,"), or right after it and
   closed by a comma, bracket or the end of the sentence ("the strongman, Haftar, said"): the
   variant describes that name.
3. **The same sentence.** Otherwise the names in the sentence that could be a person compete:
   aliases of any actor in the lexicons and proper names the lexicons do not know, except aliases
   written in lower case (common nouns such as "police"), acronyms ("NATO", "UAE") and names ending
   in a word for an organisation ("Libyan National Army", "Security Council"). The target's own
   mentions always count, whatever their case. The variant belongs to the nearest one, counted in
   words between them; it counts for the target when the target is the only such name, or strictly
   nearer than every other and at most :data:`WINDOW` words away. A sentence that names only other
   people is out of scope ("General Vesk's troops shelled the port, and the field marshal vowed
   revenge").
4. **The article's main subject.** A sentence that names no other person ("The field marshal
   later said ...") counts toward the target when the target is the article's main subject (the
   actor with the most mentions in the article; ties share it) and was named in an earlier
   sentence. In a headline, being the main subject is enough, because headlines often describe
   a person the text names only later.

Finding proper names without a language model is approximate, and the heuristics are listed so
that a reader can judge them: a name is a run of capitalised words (with particles such as "al"
or "bin" inside); function words, weekdays and months are not names; a capitalised word that
begins a sentence or a quotation counts only when it is followed by another capitalised word, is
possessive, is followed by a comma, or appears in the middle of a sentence elsewhere in the
article; a capitalised word joined by a hyphen to a lower-case one ("Tripoli-based") and a
nationality adjective before a lower-case word ("Libyan forces") are adjectives; a name right
after a preposition of place ("in Sirte", "to Rome") and the topic words a pack declares under
``about.detect`` are places, not people. In headlines written in title case, a capitalised word
counts as a name only if the article never writes it in lower case. A country or organisation
written as one word ("Europe", "Russia") cannot be told from a surname, so it competes: the rule
prefers leaving a title uncounted (listed, with the reason) to giving it to the wrong person.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from framing.lexicon.matcher import normal_token
from framing.text.segment import Token

# The furthest (in words between them) a target named in the same sentence may stand from the
# variant and still be its referent, when other names compete.
WINDOW = 12
# Words of apposition allowed between a name and the variant ("Haftar, the self-styled ...").
APPOSITION_WORDS = 4


def _word_set(words: str) -> frozenset[str]:
    return frozenset(words.split())


_PARTICLES = _word_set("al el bin ibn abu abd abdel abdul de da di del van von der du la le of")
_NOT_NAMES = _word_set(
    """a an the and but or nor so yet for of in on at by to from with without into onto over
    under after before during since until while when where whereas whether if as though although
    because meanwhile however moreover also still then there here this that these those it its
    he she they we you i his her their our your my me him them us who whom whose which what
    some many most several few all both each every any no not one two three four five six seven
    eight nine ten first second last next another other such according despite amid among
    between against toward towards through across around near outside inside within upon
    yesterday today tomorrow now later earlier instead separately overall indeed
    monday tuesday wednesday thursday friday saturday sunday january february march april may
    june july august september october november december mr mrs ms dr"""
)
_PLACE_PREPOSITIONS = _word_set(
    "in at from to into near across outside around towards toward through throughout inside "
    "via over within"
)
_ORGANISATION_WORDS = _word_set(
    "army armies council ministry government parliament union nations organisation "
    "organization corporation company bank court front party agency committee commission "
    "office forces group brigade militia assembly congress senate house authority authorities "
    "administration coalition alliance movement police guard navy"
)
_DEMONYM_ENDINGS = ("an", "ese", "ish", "i")
_OPENERS = "\"'\u201c\u2018(:\u2014\u2013-"


class ArticleWords:
    """What the whole article (headline and text) says about its words, found on first use
    and once per article: which words it writes mid-sentence and which in lower case."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._mid_sentence: dict[str, bool] = {}
        self._lower_case: dict[str, bool] = {}

    def mid_sentence(self, word: str) -> bool:
        """Whether the article writes ``word`` (as a whole word) right after a lower-case
        letter or a comma somewhere, where a capital does not come from a sentence start."""
        known = self._mid_sentence.get(word)
        if known is None:
            known = self._mid_sentence[word] = self._find_mid_sentence(word)
        return known

    def _find_mid_sentence(self, word: str) -> bool:
        text = self.text
        at = text.find(word)
        while at != -1:
            after = text[at + len(word) : at + len(word) + 1]
            before = text[max(0, at - 3) : at].rstrip()[-1:]
            if (
                not after.isalnum()
                and at > 0
                and text[at - 1].isspace()
                and (before.islower() or before in (",", ";"))
            ):
                return True
            at = text.find(word, at + 1)
        return False

    def in_lower_case(self, word: str) -> bool:
        """Whether the article writes ``word`` (given in lower case) as a whole word somewhere."""
        known = self._lower_case.get(word)
        if known is None:
            known = self._lower_case[word] = self._find_whole(word)
        return known

    def _find_whole(self, word: str) -> bool:
        text = self.text
        at = text.find(word)
        while at != -1:
            before = text[at - 1 : at] if at else ""
            after = text[at + len(word) : at + len(word) + 1]
            if not before.isalnum() and not after.isalnum():
                return True
            at = text.find(word, at + 1)
        return False


@dataclass(frozen=True)
class NamedSpan:
    """A name in a sentence: the actor id (``""`` for a name no lexicon knows), its text and
    its token range [first, last]."""

    actor: str
    text: str
    first: int
    last: int


@dataclass(frozen=True)
class ArticleActors:
    """What the scope rule needs to know about the whole article's actor mentions."""

    counts: Counter[str]  # mentions per actor id
    first_sentence: dict[str, int]  # actor id -> index of the first sentence naming it
    labels: dict[str, str]  # actor id -> the text of its first mention, for reasons

    @property
    def main_subjects(self) -> frozenset[str]:
        """The most-mentioned actors (several on a tie; none in an article naming nobody)."""
        if not self.counts:
            return frozenset()
        most = max(self.counts.values())
        return frozenset(actor for actor, count in self.counts.items() if count == most)


def decide(
    target: str,
    first: int,
    last: int,
    sentence_index: int,
    in_title: bool,
    names: Sequence[NamedSpan],
    tokens: Sequence[Token],
    source: str,
    article: ArticleActors,
) -> tuple[bool, str]:
    """Whether the variant at tokens [first, last] counts toward ``target``, and why.

    ``names`` are the sentence's names in order (see :func:`sentence_names`); ``source`` is the
    headline or text the tokens point into.
    """
    if target not in article.counts:
        return False, "the target is not named in the article"
    following = next((n for n in names if n.first == last + 1), None)
    if (
        following is not None
        and not source[tokens[last].end : tokens[following.first].start].strip()
    ):
        if following.actor == target:
            return True, f"title before the target's name: {following.text}"
        return False, f"title before another name: {following.text}"
    apposed = _apposition(first, last, names, tokens, source)
    if apposed is not None:
        if apposed.actor == target:
            return True, f"in apposition to the target: {apposed.text}"
        return False, f"in apposition to another name: {apposed.text}"
    people = [n for n in names if n.actor == target or _could_be_a_person(n)]
    if people:
        return _nearest(target, first, last, people)
    named_at = article.first_sentence[target]
    main = article.main_subjects
    label = article.labels[target]
    if target in main and (in_title or named_at < sentence_index):
        return True, f"the article's main subject ({label}); the sentence names no other person"
    if target not in main:
        others = ", ".join(sorted(article.labels[a] for a in main))
        return False, f"the target ({label}) is not the article's main subject ({others})"
    return False, f"the target ({label}) is not named before this sentence"


def _could_be_a_person(name: NamedSpan) -> bool:
    """False for names that are plainly not a person: an actor's alias written in lower case
    (a common noun such as "police" or "protest"), acronyms ("NATO", "UAE") and names ending in
    a word for an organisation ("Libyan National Army", "Security Council")."""
    letters = [c for c in name.text if c.isalpha()]
    if not any(c.isupper() for c in letters) or all(c.isupper() for c in letters):
        return False
    last_word = normal_token(name.text.split()[-1]).lower() if name.text.split() else ""
    return last_word not in _ORGANISATION_WORDS


def _gap(first: int, last: int, name: NamedSpan) -> int:
    """Words between the variant [first, last] and a name."""
    return first - name.last - 1 if name.last < first else name.first - last - 1


def _nearest(target: str, first: int, last: int, names: Sequence[NamedSpan]) -> tuple[bool, str]:
    ranked = sorted(names, key=lambda n: _gap(first, last, n))
    own = [n for n in ranked if n.actor == target]
    others = [n for n in ranked if n.actor != target]
    if not own:
        return False, f"the sentence names another, not the target: {others[0].text}"
    distance = _gap(first, last, own[0])
    if not others:
        return True, f"the target ({own[0].text}) is the only name in the sentence"
    if _gap(first, last, others[0]) <= distance:
        other = others[0]
        return False, (
            f"another name stands as near or nearer: {other.text} "
            f"({_gap(first, last, other)} words, the target {distance})"
        )
    if distance > WINDOW:
        return False, f"the target is named {distance} words away (more than {WINDOW})"
    return True, f"the target ({own[0].text}) is the nearest name, {distance} words away"


def _apposition(
    first: int, last: int, names: Sequence[NamedSpan], tokens: Sequence[Token], source: str
) -> NamedSpan | None:
    before = [n for n in names if n.last < first]
    if before:
        name = before[-1]
        gap = source[tokens[name.last].end : tokens[first].start].lstrip()
        if (
            gap[:1] in (",", "(", "\u2014", "\u2013")
            and first - name.last - 1 <= APPOSITION_WORDS
            and not any(mark in gap[1:] for mark in ",;:.()")
        ):
            return name
    after = next((n for n in names if n.first > last), None)
    if after is not None:
        gap = source[tokens[last].end : tokens[after.first].start].strip()
        rest = source[tokens[after.last].end :].lstrip()[:1]
        if gap in (",", "(", "\u2014", "\u2013") and rest in ("", ",", ")", ".", ";", "\u2014"):
            return after
    return None


def sentence_names(
    tokens: Sequence[Token],
    actors: Sequence[tuple[str, int, int]],
    skip: set[int],
    source: str,
    words: ArticleWords,
    places: frozenset[str],
) -> list[NamedSpan]:
    """The names in one sentence, in order: its actor mentions and the proper names no lexicon
    knows (see the module docstring for how those are found).

    ``actors`` are (actor id, first, last) token ranges; ``skip`` holds token positions that
    are never names (the words of titles matched in the sentence); ``words`` tell a name from a
    capitalised first word.
    """
    # An alias inside a matched title ("LNA" in "LNA commander") is part of the title, not a
    # name competing with the target.
    names = [
        NamedSpan(actor, source[tokens[a].start : tokens[b].end], a, b)
        for actor, a, b in actors
        if not any(position in skip for position in range(a, b + 1))
    ]
    taken = set(skip)
    for _actor, a, b in actors:
        taken.update(range(a, b + 1))
    names += _unknown_names(tokens, taken, source, words, places, _title_case(tokens))
    names.sort(key=lambda n: n.first)
    # Capitalised words right before an actor's alias are its title ("General Khalifa Haftar").
    merged: list[NamedSpan] = []
    for name in names:
        previous = merged[-1] if merged else None
        if (
            previous is not None
            and not previous.actor
            and name.actor
            and previous.last + 1 == name.first
            and not source[tokens[previous.last].end : tokens[name.first].start].strip()
        ):
            merged[-1] = NamedSpan(
                name.actor, source[tokens[previous.first].start : tokens[name.last].end],
                previous.first, name.last,
            )  # fmt: skip
        else:
            merged.append(name)
    return merged


def _title_case(tokens: Sequence[Token]) -> bool:
    words = [t.text for t in tokens if len(t.text) > 3 and t.text.isalpha()]
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.6 * len(words)


def _unknown_names(
    tokens: Sequence[Token],
    taken: set[int],
    source: str,
    words: ArticleWords,
    places: frozenset[str],
    title_case: bool,
) -> list[NamedSpan]:
    count = len(tokens)

    def name_word(i: int) -> bool:
        lower = normal_token(tokens[i].text).lower()  # "Libya's" is "libya"
        if lower in _NOT_NAMES or lower in places:
            return False
        if title_case and words.in_lower_case(lower):
            return False  # in a title-case headline, a word the article also writes in lower case
        following = tokens[i + 1] if i + 1 < count else None
        return not (following is not None and following.joined and following.text[:1].islower())

    # Most words are in lower case: only the capitalised ones are looked at.
    capitals = [i for i, token in enumerate(tokens) if token.text[:1].isupper() and i not in taken]
    starts = {i for i in capitals if name_word(i)}
    found: list[NamedSpan] = []
    following_run = -1  # the first position after the last run
    for i in sorted(starts):
        if i < following_run:
            continue
        end = i
        while True:
            if end + 1 in starts:
                end += 1
            elif end + 2 in starts and tokens[end + 1].text.lower() in _PARTICLES:
                end += 2
            else:
                break
        if _is_name(tokens, i, end, source, words):
            found.append(NamedSpan("", source[tokens[i].start : tokens[end].end], i, end))
        following_run = end + 1
    return found


def _is_name(
    tokens: Sequence[Token],
    first: int,
    last: int,
    source: str,
    words: ArticleWords,
) -> bool:
    before = tokens[first - 1].text.lower() if first > 0 else ""
    if before in _PLACE_PREPOSITIONS:
        return False
    word = tokens[first].text
    following = tokens[last + 1].text if last + 1 < len(tokens) else ""
    if first == last and word.lower().endswith(_DEMONYM_ENDINGS) and following[:1].islower():
        return False  # "Libyan forces"
    starts_clause = (
        first == 0 or source[tokens[first - 1].end : tokens[first].start].strip()[-1:] in _OPENERS
    )
    if starts_clause and first == last:
        # A capitalised first word is a name if it is possessive ("Vesk's troops"), set off by a
        # comma ("Vesk, the field marshal,"), or written mid-sentence elsewhere in the article.
        if word.endswith(("'s", "\u2019s")):
            return True
        end = tokens[first].end
        if source[end : end + 1] == ",":
            return True
        return words.mid_sentence(word)
    return True
