"""How outlets label the people, groups and places they name, found without a lexicon.

Each article's names and the words around them (:func:`framing.text.names.name_contexts`) are
added up per group by :class:`EpithetCounts`. :func:`find_epithets` then

1. joins a name's forms under its last word ("Khalifa Haftar", "Field Marshal Haftar" and
   "Haftar" are all *Haftar*); a *given name* is the first word of a two-word form ("Khalifa"
   of "Khalifa Haftar") that no article prints in lower case right before the name (which
   makes "Mayor" of "Mayor Kessler" a title when another article has "the mayor Kessler"),
   and is stripped from titles; the name is shown by its commonest two-word form printed by
   at least two groups, else by its last word;
2. keeps the :data:`MAX_NAMES` names mentioned most often, among those mentioned by at least two
   groups (a name only one group prints cannot be compared);
3. for each name, compares each group's labels (position and phrase) with the other groups'
   labels of the same name by the log-odds ratio with an informative Dirichlet prior (Monroe,
   Colaresi & Quinn 2008), with the minimum counts and Benjamini-Hochberg correction of the
   distinguishing terms (:mod:`framing.compare.ranking`);
4. finds one example of each listed label: the first sentence of the group that prints it, read
   from the sentences kept while counting (:mod:`framing.compare.examples`), or from the
   articles when they are in memory.

Counting is bounded like the vocabulary: at most ``capacity`` distinct (name, position, phrase)
keys are held, the rarest (by articles) forgotten first when the capacity is passed.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace

from framing.compare.model import Epithet, KeywordInContext
from framing.compare.ranking import rank_terms
from framing.compare.terms import ExampleSource, in_context
from framing.model import Article
from framing.settings import CompareSettings
from framing.text.names import MENTION, name_contexts
from framing.text.segment import segment

MAX_NAMES = 15
EPITHETS_PER_NAME = 5
EPITHET_CAPACITY = 200_000
Key = tuple[str, str, str]  # (name as written, position, phrase)
_SEPARATOR = " \x00"  # between phrase and position in a ranked key: "renegade commander \x00before"


@dataclass
class EpithetCounts:
    """Running counts of names and their context words per group."""

    capacity: int = EPITHET_CAPACITY
    counts: dict[str, Counter[Key]] = field(default_factory=dict)
    articles: dict[str, Counter[Key]] = field(default_factory=dict)
    frequency: Counter[Key] = field(default_factory=Counter)
    floor: int = 0

    def add(self, group: str, rows: Iterable[tuple[str, str, str, int]]) -> None:
        """Count one article's ``(name, position, phrase, count)`` rows for ``group``."""
        seen = {(name, position, phrase): count for name, position, phrase, count in rows}
        self.counts.setdefault(group, Counter()).update(seen)
        self.articles.setdefault(group, Counter()).update(seen.keys())
        self.frequency.update(seen.keys())
        if len(self.frequency) > self.capacity:
            self._prune()

    def merge(self, other: EpithetCounts) -> None:
        """Add another accumulator's counts (of later articles)."""
        for group, counts in other.counts.items():
            self.counts.setdefault(group, Counter()).update(counts)
            self.articles.setdefault(group, Counter()).update(other.articles[group])
        self.frequency.update(other.frequency)
        self.floor = max(self.floor, other.floor)
        if len(self.frequency) > self.capacity:
            self._prune()

    def _prune(self) -> None:
        while len(self.frequency) > self.capacity // 2:
            self.floor += 1
            for key in [k for k, n in self.frequency.items() if n <= self.floor]:
                del self.frequency[key]
        for group in self.counts:
            self.counts[group] = Counter(
                {k: n for k, n in self.counts[group].items() if k in self.frequency}
            )
            self.articles[group] = Counter(
                {k: n for k, n in self.articles[group].items() if k in self.frequency}
            )


def _surname(name: str) -> str:
    return name.rsplit(None, 1)[-1]


@dataclass(frozen=True)
class _Person:
    key: str  # the last word, as written
    label: str  # how the report names it: the commonest "given name + key", else the key
    given: frozenset[str]  # lower case
    mentions: Counter[str]  # per group


def _people(
    counts: EpithetCounts, groups: tuple[str, ...]
) -> tuple[list[_Person], dict[str, dict[str, list[tuple[Key, int]]]]]:
    """The most-named people, and each group's counted keys and counts by the last word of
    the name, in counting order (what :func:`_label_counts` reads): one pass over the counts,
    each distinct name split once."""
    mentions: dict[str, Counter[str]] = {}
    forms: dict[str, dict[str, set[str]]] = {}
    form_counts: Counter[str] = Counter()
    lowered: dict[str, set[str]] = {}
    surname_of: dict[str, str] = {}
    by_surname: dict[str, dict[str, list[tuple[Key, int]]]] = {}
    for group in groups:
        held: dict[str, list[tuple[Key, int]]] = {}
        for counted, count in counts.counts.get(group, Counter()).items():
            name, position, phrase = counted
            surname = surname_of.get(name)
            if surname is None:
                surname = surname_of[name] = _surname(name)
            held.setdefault(surname, []).append((counted, count))
            if position == "before":
                lowered.setdefault(surname, set()).add(phrase)
            if position != MENTION:
                continue
            mentions.setdefault(surname, Counter())[group] += count
            forms.setdefault(surname, {}).setdefault(name, set()).add(group)
            form_counts[name] += count
        by_surname[group] = held
    people = []
    for key, by_group in mentions.items():
        if sum(1 for n in by_group.values() if n) < 2:
            continue
        # A given name is the first word of a two-word form never printed in lower case right
        # before the name ("the embattled mayor Kessler" makes "Mayor Kessler" a title).
        two_word = [
            name for name in forms[key] if len(name.split()) == 2
            and name.split()[0].lower() not in lowered.get(key, set())
        ]  # fmt: skip
        given = frozenset(name.split()[0].lower() for name in two_word)
        shared = [name for name in two_word if len(forms[key][name]) >= 2]
        label = min(shared, key=lambda n: (-form_counts[n], n)) if shared else key
        people.append(_Person(key, label, given, by_group))
    people.sort(key=lambda p: (-sum(p.mentions.values()), p.key))
    return people[:MAX_NAMES], by_surname


def _label_counts(
    counts: EpithetCounts,
    person: _Person,
    groups: tuple[str, ...],
    by_surname: dict[str, dict[str, list[tuple[Key, int]]]],
) -> tuple[dict[str, Counter[str]], dict[str, Counter[str]], Counter[str]]:
    labels: dict[str, Counter[str]] = {g: Counter() for g in groups if person.mentions[g]}
    presence: dict[str, Counter[str]] = {g: Counter() for g in labels}
    articles: Counter[str] = Counter()
    for group in labels:
        group_articles = counts.articles.get(group, Counter())
        for (name, position, phrase), count in by_surname[group].get(person.key, ()):
            if position == MENTION:
                articles[group] += group_articles[name, position, phrase]
                continue
            if position == "title":
                words = phrase.split()
                while words and words[-1] in person.given:
                    words.pop()
                if not words:
                    continue
                phrase = " ".join(words)
            label = f"{phrase}{_SEPARATOR}{position}"
            labels[group][label] += count
            presence[group][label] += group_articles[name, position, phrase]
    return labels, presence, articles


def find_epithets(
    counts: EpithetCounts,
    groups: tuple[str, ...],
    examples_from: Callable[[Sequence[Epithet]], ExampleSource],
    settings: CompareSettings,
) -> tuple[Epithet, ...]:
    """Per name (the most-named, see the module docstring) and group, the labels the group
    gives it more often than the other groups do, with a z-score and BH-adjusted q-value.

    ``examples_from`` gives, for the epithets found, sentences of their groups' articles in
    input order that hold each label's first use (all sentences will do); it is called only
    when some epithet is found."""
    ranking = replace(settings, top_terms=EPITHETS_PER_NAME)
    found: list[Epithet] = []
    people, by_surname = _people(counts, groups)
    for person in people:
        labels, presence, articles = _label_counts(counts, person, groups, by_surname)
        if len(labels) < 2:
            continue
        ranked = rank_terms(labels, presence, articles, ranking, 2, one_vocabulary=True)
        for group in labels:
            for candidate, q in ranked[group]:
                phrase, position = candidate.term.split(_SEPARATOR)
                found.append(
                    Epithet(
                        name=person.label,
                        group=group,
                        position=position,
                        epithet=phrase,
                        count=candidate.occurrences,
                        count_rest=candidate.count_rest,
                        articles_with_epithet=min(candidate.articles, articles[group]),
                        name_mentions=person.mentions[group],
                        log_odds=candidate.delta,
                        z=candidate.z,
                        q=q,
                        tested=candidate.tested,
                        significant=candidate.tested and q is not None and q < settings.alpha,
                        example=None,
                        name_key=person.key,
                    )
                )
    if not found:
        return ()
    examples = _examples(examples_from(found), found)
    return tuple(replace(e, example=examples.get(_wanted(e))) for e in found)


def article_epithets(
    articles: Sequence[Article],
    membership: Sequence[str],
    stopwords: frozenset[str],
    settings: CompareSettings,
) -> tuple[Epithet, ...]:
    """:func:`find_epithets` for articles in memory (``membership`` gives each one's group),
    without scoring them: what ``framing lexicon suggest --all`` reads."""
    counts = EpithetCounts()
    for article, group in zip(articles, membership, strict=True):
        body = [s for s in segment(article.title, article.text) if s.field == "text"]
        counts.add(group, name_contexts(((s.text, s.start, s.tokens) for s in body), stopwords))
    groups = tuple(sorted(set(membership), key=lambda g: (g.casefold(), g)))

    def examples(_found: Sequence[Epithet]) -> ExampleSource:
        for article, group in zip(articles, membership, strict=True):
            yield group, article.id, (s.text for s in segment(article.title, article.text))

    return find_epithets(counts, groups, examples, settings)


def _wanted(epithet: Epithet) -> tuple[str, str, str, str]:
    return epithet.group, epithet.name_key, epithet.position, epithet.epithet


def _pattern(key: str, position: str, phrase: str) -> re.Pattern[str]:
    words = r"\s+".join(re.escape(w) for w in phrase.split())
    name = rf"\b{re.escape(key)}\b"
    label = rf"(?i:\b{words}\b)"
    capitals = r"(?:[A-Z][\w'\u2019.-]*\s+){0,3}?"
    patterns = {
        "before": rf"{label}\s+{capitals}{name}",
        "title": rf"{label}\s+{capitals}{name}",
        "after": rf"{name}\s+{label}",
        "possessive": rf"{name}['\u2019]s\s+{label}",
        "apposition": rf"{name},\s+(?i:an?|the)\s+[^,.;:!?]*?{label}",
    }
    return re.compile(patterns[position])


def _examples(
    source: ExampleSource, epithets: list[Epithet]
) -> dict[tuple[str, str, str, str], KeywordInContext]:
    missing: dict[str, dict[tuple[str, str, str, str], re.Pattern[str]]] = {}
    for e in epithets:
        missing.setdefault(e.group, {})[_wanted(e)] = _pattern(e.name_key, e.position, e.epithet)
    found: dict[tuple[str, str, str, str], KeywordInContext] = {}
    for group, article_id, sentences in source:
        wanted = missing.get(group)
        if not wanted:
            continue
        keys = {key[1] for key in wanted}
        for sentence in sentences:
            if not any(k in sentence for k in keys):
                continue
            for key, pattern in list(wanted.items()):
                match = pattern.search(sentence)
                if match:
                    found[key] = in_context(article_id, sentence, match.start(), match.end())
                    del wanted[key]
            keys = {key[1] for key in wanted}
        if not wanted:
            del missing[group]
            if not missing:
                break
    return found
