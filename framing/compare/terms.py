"""Distinguishing terms: words and 2-3-word phrases one group uses more than the rest.

Method: the log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi & Quinn 2008,
"Fightin' Words", Political Analysis 16(4)). For term w, group i and the rest j:

    delta_w = log((y_wi + a_w) / (n_i + a_0 - y_wi - a_w))
              - log((y_wj + a_w) / (n_j + a_0 - y_wj - a_w))
    var(delta_w) ~= 1 / (y_wi + a_w) + 1 / (y_wj + a_w),    z_w = delta_w / sqrt(var)

with the prior a_w equal to the term's count in the whole corpus (a_0 their sum), which shrinks
rare terms strongly. Words and phrases of each length are tested as separate vocabularies. A
term is tested only when it occurs at least ``min_term_count`` times in at least
``min_term_articles`` of the group's articles (counts of words are bursty: one article that
repeats a word is not evidence about an outlet), and p-values are adjusted for the number of
terms tested with the Benjamini-Hochberg procedure (1995).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import NamedTuple

from framing.compare.model import DistinguishingTerm, KeywordInContext
from framing.scoring.readability import words_of
from framing.settings import CompareSettings
from framing.text.segment import Token, tokenize

MAX_PHRASE_WORDS = 3
_CONTEXT_WORDS = 6


def count_terms(
    sentences: Iterable[Sequence[Token]], stopwords: frozenset[str]
) -> tuple[tuple[str, int], ...]:
    """How often each word and phrase occurs in an article's sentences (given as tokens), by
    term; the counts the distinguishing-terms test adds up per group."""
    counts: Counter[str] = Counter()
    for tokens in sentences:
        run: list[str] = []  # words with letters in a row: a phrase never spans a number
        for text, has_letter in (*_words(tokens), ("", False)):
            if has_letter:
                run.append(text)
                continue
            if run:
                _count_run(run, stopwords, counts)
                run = []
    return tuple(sorted(counts.items()))


def _count_run(words: list[str], stopwords: frozenset[str], counts: Counter[str]) -> None:
    # The same terms as _terms yields, counted with C-level loops.
    inner = [word not in stopwords for word in words]
    counts.update(word for word, keep in zip(words, inner, strict=True) if keep)
    pairs = zip(words, words[1:], inner, inner[1:], strict=False)
    counts.update(f"{a} {b}" for a, b, keep_a, keep_b in pairs if keep_a and keep_b)
    triples = zip(words, words[1:], words[2:], inner, inner[2:], strict=False)
    counts.update(f"{a} {b} {c}" for a, b, c, keep_a, keep_c in triples if keep_a and keep_c)


def _words(tokens: Iterable[Token]) -> list[tuple[str, bool]]:
    words = []
    for word in words_of(tokens):
        text = word.text.lower().replace("\u2019", "'")
        words.append((text, any(c.isalpha() for c in text)))
    return words


def _terms(
    words: list[tuple[str, bool]], stopwords: frozenset[str]
) -> Iterator[tuple[str, int, int, int]]:
    for first in range(len(words)):
        for size in range(1, MAX_PHRASE_WORDS + 1):
            last = first + size - 1
            if last >= len(words):
                break
            chunk = words[first : last + 1]
            if not all(has_letter for _text, has_letter in chunk):
                break
            if chunk[0][0] in stopwords or chunk[-1][0] in stopwords:
                continue
            yield " ".join(text for text, _ in chunk), size, first, last


def sentence_terms(sentence: str, stopwords: frozenset[str]) -> Iterator[tuple[str, int, int, int]]:
    """``(term, words, start, end)`` for the words and phrases of one sentence.

    Single words exclude stop words and numbers; a phrase may not start or end with a stop word
    and contains no number.
    """
    words = _words(tokenize(sentence))
    spans = _word_spans(sentence)
    for term, size, first, last in _terms(words, stopwords):
        yield term, size, spans[first][0], spans[last][1]


def _word_spans(sentence: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for token in tokenize(sentence):
        if token.joined and spans:
            spans[-1] = (spans[-1][0], token.end)
        else:
            spans.append((token.start, token.end))
    return spans


def benjamini_hochberg(p_values: Sequence[float]) -> list[float]:
    """Benjamini-Hochberg (1995) adjusted p-values (q-values), in the input order."""
    count = len(p_values)
    order = sorted(range(count), key=lambda i: p_values[i])
    adjusted = [1.0] * count
    running = 1.0
    for rank in range(count, 0, -1):
        index = order[rank - 1]
        running = min(running, p_values[index] * count / rank)
        adjusted[index] = running
    return adjusted


def log_odds_z(y_group: float, n_group: float, y_rest: float, n_rest: float, prior: float,
               prior_total: float) -> tuple[float, float]:  # fmt: skip
    """``(delta, z)``: the log-odds ratio with an informative Dirichlet prior and its z-score
    (Monroe, Colaresi & Quinn 2008, eqs. 16 and 20)."""
    group_odds = (y_group + prior) / (n_group + prior_total - y_group - prior)
    rest_odds = (y_rest + prior) / (n_rest + prior_total - y_rest - prior)
    delta = math.log(group_odds) - math.log(rest_odds)
    variance = 1 / (y_group + prior) + 1 / (y_rest + prior)
    return delta, delta / math.sqrt(variance)


ExampleSource = Iterable[tuple[str, str, Iterable[str]]]  # (group, article id, sentences)


def distinguishing_terms(
    counts: dict[str, Counter[str]],
    presence: dict[str, Counter[str]],
    articles: Counter[str],
    examples_from: Callable[[], ExampleSource],
    stopwords: frozenset[str],
    settings: CompareSettings,
) -> tuple[DistinguishingTerm, ...]:
    """The top over-used terms of each group versus all other groups, with examples.

    ``counts`` and ``presence`` give each group's term occurrences and the number of its
    articles containing each term; ``examples_from`` reads the corpus again, as
    ``(group, article id, sentence texts)``, only when some term needs examples.
    """
    ranked = rank_terms(counts, presence, articles, settings, 2)
    wanted = {group: {c.term for c, _q in terms} for group, terms in ranked.items() if terms}
    examples = find_examples(examples_from() if wanted else (), wanted, stopwords,
                             settings.examples_per_term)  # fmt: skip
    return tuple(
        as_result(group, c, q, presence, examples.get((group, c.term), ()), settings)
        for group, terms in ranked.items()
        for c, q in terms
    )


def rank_terms(
    counts: dict[str, Counter[str]],
    presence: dict[str, Counter[str]],
    articles: Counter[str],
    settings: CompareSettings,
    min_occurrences: int,
) -> dict[str, list[tuple[_Candidate, float | None]]]:
    """Per group, the top terms by z (over-used only), each with its BH-adjusted q-value.

    ``counts`` and ``presence`` give each term's occurrences and the number of the group's
    articles containing it; ``articles`` the group sizes. Terms seen fewer than
    ``min_occurrences`` times in a group are not listed for it.
    """
    total: Counter[str] = Counter()
    for group_counts in counts.values():
        total.update(group_counts)
    sizes = {term: term.count(" ") + 1 for term in total}
    corpus_size = Counter[int]()
    for term, count in total.items():
        corpus_size[sizes[term]] += count
    ranked: dict[str, list[tuple[_Candidate, float | None]]] = {}
    for group in counts:
        group_size = Counter[int]()
        for term, count in counts[group].items():
            group_size[sizes[term]] += count
        testable = len(counts) > 1 and articles[group] >= settings.min_term_articles
        candidates = []
        for term, y_group in counts[group].items():
            size = sizes[term]
            n_group, n_all = group_size[size], corpus_size[size]
            y_rest, n_rest = total[term] - y_group, n_all - n_group
            if n_rest == 0 or n_all <= total[term]:
                continue  # no other outlet, or no other term of this length: nothing to compare
            delta, z = log_odds_z(y_group, n_group, y_rest, n_rest, total[term], n_all)
            tested = (
                testable
                and y_group >= settings.min_term_count
                and presence[group][term] >= settings.min_term_articles
            )
            candidates.append(
                _Candidate(term, size, y_group, y_rest, n_group, n_rest, delta, z, tested)
            )
        tested_terms = [c for c in candidates if c.tested]
        q_values = benjamini_hochberg([_p_value(c.z) for c in tested_terms])
        q_of = {c.term: q for c, q in zip(tested_terms, q_values, strict=True)}
        candidates.sort(key=lambda c: (-c.z, c.term))
        chosen = _without_overlaps(
            [c for c in candidates if c.z > 0 and c.occurrences >= min_occurrences],
            settings.top_terms,
        )
        ranked[group] = [(c, q_of.get(c.term)) for c in chosen]
    return ranked


def as_result(
    group: str,
    candidate: _Candidate,
    q: float | None,
    presence: dict[str, Counter[str]],
    examples: tuple[KeywordInContext, ...],
    settings: CompareSettings,
) -> DistinguishingTerm:
    """A ranked candidate as the result dataclass the renderers read."""
    c = candidate
    return DistinguishingTerm(
        group=group,
        term=c.term,
        words=c.size,
        count=c.occurrences,
        count_rest=c.count_rest,
        articles_with_term=presence[group][c.term],
        per_1000=1000 * c.occurrences / c.n_group,
        per_1000_rest=1000 * c.count_rest / c.n_rest,
        log_odds=c.delta,
        z=c.z,
        p=_p_value(c.z),
        q=q,
        tested=c.tested,
        significant=c.tested and q is not None and q < settings.alpha,
        examples=examples,
    )


class _Candidate(NamedTuple):
    term: str
    size: int
    occurrences: int
    count_rest: int
    n_group: int
    n_rest: int
    delta: float
    z: float
    tested: bool


def _without_overlaps(candidates: list[_Candidate], limit: int) -> list[_Candidate]:
    # "di", "maio" and "di maio" with the same count are one finding; keep the first listed.
    chosen: list[_Candidate] = []
    for candidate in candidates:
        term = f" {candidate.term} "
        if any(
            candidate.occurrences == other.occurrences
            and (term in f" {other.term} " or f" {other.term} " in term)
            for other in chosen
        ):
            continue
        chosen.append(candidate)
        if len(chosen) == limit:
            break
    return chosen


def _p_value(z: float) -> float:
    return math.erfc(abs(z) / math.sqrt(2))


def find_examples(
    source: ExampleSource,
    wanted: dict[str, set[str]],
    stopwords: frozenset[str],
    limit: int,
) -> dict[tuple[str, str], tuple[KeywordInContext, ...]]:
    """The first ``limit`` uses of each wanted term of each group, in input order; reading
    stops as soon as every term has its examples."""
    found: dict[tuple[str, str], list[KeywordInContext]] = {
        (group, term): [] for group, terms in wanted.items() for term in terms
    }
    missing = {group: set(terms) for group, terms in wanted.items() if terms}
    for group, article_id, sentences in source:
        terms = missing.get(group)
        if not terms:
            continue
        for sentence in sentences:
            for term, _size, start, end in sentence_terms(sentence, stopwords):
                if term in terms and len(found[group, term]) < limit:
                    found[group, term].append(_in_context(article_id, sentence, start, end))
                    if len(found[group, term]) == limit:
                        terms.discard(term)
        if not terms:
            del missing[group]
            if not missing:
                break
    return {key: tuple(examples) for key, examples in found.items()}


def _in_context(article_id: str, sentence: str, start: int, end: int) -> KeywordInContext:
    left_words = sentence[:start].split()
    right_words = sentence[end:].split()
    left = " ".join(left_words[-_CONTEXT_WORDS:])
    right = " ".join(right_words[:_CONTEXT_WORDS])
    if len(left_words) > _CONTEXT_WORDS:
        left = "\u2026 " + left
    if len(right_words) > _CONTEXT_WORDS:
        right += " \u2026"
    return KeywordInContext(article_id, left, sentence[start:end], right)
