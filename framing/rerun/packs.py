"""Topic detection counted once per corpus: a re-run over unchanged inputs with the same
built-in packs takes the counts of :class:`~framing.lexicon.topics.TopicDetector` from the
cache instead of reading every article again."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import cast

from framing.lexicon.model import Lexicon
from framing.lexicon.topics import PackChoice, TopicDetector, check_pack_names, decide
from framing.model import Article
from framing.rerun.cache import key_of
from framing.rerun.corpus import CorpusReplay

KIND = "topic_counts"


def replayed_choice(
    replay: CorpusReplay,
    articles: Iterable[Article],
    lexicon: Lexicon,
    forced_on: Sequence[str] = (),
    kept_off: Sequence[str] = (),
    outlets: Sequence[str] = (),
) -> PackChoice:
    """:func:`~framing.lexicon.topics.choose_packs`, with the detector's counts cached under
    the inputs' fingerprint, the outlets chosen and the packs' detection terms. ``articles``
    must come from a reader of ``replay`` (its fingerprint is taken when it is made)."""
    check_pack_names(lexicon, forced_on, kept_off)
    detector = TopicDetector(lexicon.packs)
    undecided = {p.name for p in detector.packs} - set(forced_on) - set(kept_off)
    if not undecided:
        return decide(detector, lexicon, forced_on, kept_off)
    terms = [[pack.name, list(pack.detect)] for pack in detector.packs]
    key = key_of(KIND, replay.key, terms, repr(detector.rule), sorted(outlets))
    counts = replay.cache.get(KIND, key)
    if _valid(counts, detector):
        known = cast("tuple[int, list[int], list[list[int]]]", counts)
        detector.articles, on_topic, term_articles = known
        detector.on_topic = list(on_topic)
        detector.term_articles = [list(row) for row in term_articles]
    else:
        for article in articles:
            detector.add(article.title, article.text)
        replay.cache.put(KIND, key, (detector.articles, detector.on_topic,
                                     detector.term_articles))  # fmt: skip
    return decide(detector, lexicon, forced_on, kept_off)


def _valid(counts: object, detector: TopicDetector) -> bool:
    if not (isinstance(counts, tuple) and len(counts) == 3 and isinstance(counts[0], int)):
        return False
    _articles, on_topic, term_articles = counts
    return (
        isinstance(on_topic, list)
        and len(on_topic) == len(detector.packs)
        and all(isinstance(n, int) for n in on_topic)
        and isinstance(term_articles, list)
        and len(term_articles) == len(detector.packs)
        and all(
            isinstance(row, list)
            and len(row) == len(pack.detect)
            and all(isinstance(n, int) for n in row)
            for row, pack in zip(term_articles, detector.packs, strict=True)
        )
    )
