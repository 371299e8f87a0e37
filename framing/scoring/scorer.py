"""Score articles: one segmentation per article feeds terms, sentiment and readability."""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor

from framing.lexicon.model import Lexicon
from framing.model import Article, ArticleScore, Corpus, ScoredCorpus
from framing.scoring.readability import SyllableCounter, readability
from framing.scoring.sentiment import SentenceSentiment, summarize
from framing.scoring.terms import compile_lexicon, find_mentions
from framing.settings import ScoringSettings
from framing.text.segment import segment


class Scorer:
    """Holds what is built once per run: the compiled lexicon, VADER, the syllable cache.

    VADER and textstat are loaded on the first article, not at construction.
    """

    def __init__(self, lexicon: Lexicon, settings: ScoringSettings | None = None) -> None:
        self.lexicon = lexicon
        self.settings = settings or ScoringSettings()
        self.compiled = compile_lexicon(lexicon)
        self._sentiment = SentenceSentiment()
        self._syllables = SyllableCounter()

    def warm(self) -> None:
        """Load VADER's lexicon and the pronouncing dictionary now rather than on first use,
        so that worker processes forked afterwards share them instead of each loading them."""
        _ = self._sentiment.analyzer
        _ = self._syllables.familiar_words
        self._syllables("warm")

    def score_chunk(self, articles: Sequence[Article]) -> list[ArticleScore]:
        """Scores for several articles, in order (the unit of work of a worker process)."""
        return [self.score(article) for article in articles]

    def score(self, article: Article) -> ArticleScore:
        """All scores for one article."""
        sentences = segment(article.title, article.text)
        mentions = find_mentions(sentences, self.compiled, article.title, article.text)
        sentiment = summarize(
            self._sentiment.score(sentences), mentions.actors, self.settings.sentiment_threshold
        )
        return ArticleScore(
            article=article,
            terms=mentions.terms,
            actor_mentions=mentions.actors,
            sentiment=sentiment,
            readability=readability(sentences, self._syllables, self.settings),
            frame_cues=mentions.frames,
        )


CHUNK_ARTICLES = 64
# Below this many articles a pool of processes costs more to start than it saves.
PARALLEL_MINIMUM = 4 * CHUNK_ARTICLES


def _chunks(articles: Sequence[Article], size: int) -> Iterator[Sequence[Article]]:
    for start in range(0, len(articles), size):
        yield articles[start : start + size]


# The scorer of a worker process, set once when the worker starts. Each worker has its own
# copy; with the "fork" start method it is the parent's warmed scorer, inherited, not rebuilt.
_worker_scorer: Scorer | None = None


def _adopt_scorer(scorer: Scorer) -> None:
    global _worker_scorer
    _worker_scorer = scorer


def _score_in_worker(articles: Sequence[Article]) -> list[ArticleScore]:
    assert _worker_scorer is not None, "worker started without a scorer"
    return _worker_scorer.score_chunk(articles)


def score_articles(
    articles: Sequence[Article], scorer: Scorer, jobs: int = 1
) -> Iterable[ArticleScore]:
    """Scores of ``articles`` in input order, using ``jobs`` worker processes.

    Chunks of articles go to the workers and come back in order, so the result is identical
    to scoring in one process.
    """
    if jobs <= 1 or len(articles) < PARALLEL_MINIMUM:
        yield from (scorer.score(article) for article in articles)
        return
    scorer.warm()
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    with ProcessPoolExecutor(
        max_workers=jobs, mp_context=context, initializer=_adopt_scorer, initargs=(scorer,)
    ) as pool:
        for chunk in pool.map(_score_in_worker, _chunks(articles, CHUNK_ARTICLES)):
            yield from chunk


def score_corpus(
    corpus: Corpus,
    lexicon: Lexicon,
    settings: ScoringSettings | None = None,
    progress: Callable[[int], None] | None = None,
    jobs: int = 1,
) -> ScoredCorpus:
    """Score every article of ``corpus`` in input order; ``progress`` is told each article done.

    ``jobs`` worker processes share the work; the result does not depend on their number.
    Skipped inputs and warnings from reading are carried through so every input is accounted
    for in the result.
    """
    scorer = Scorer(lexicon, settings)
    scores = []
    warnings = list(corpus.warnings)
    for score in score_articles(corpus.articles, scorer, jobs):
        article = score.article
        scores.append(score)
        if looks_non_english(score):
            warnings.append(
                f"{article.source_path or article.id}: most of its words are not common English "
                "words; VADER and the readability formulas are built for English, so its scores "
                "may mean little"
            )
        if progress is not None:
            progress(1)
    return ScoredCorpus(
        scores=tuple(scores),
        skipped=corpus.skipped,
        warnings=tuple(warnings),
        lexicon_names=tuple(pack.name for pack in lexicon.packs),
    )


def looks_non_english(score: ArticleScore, minimum_words: int = 30) -> bool:
    """True when over 60% of an article's words are missing from the Dale-Chall list of familiar
    English words (English news typically has 20-35% such words; names count as familiar)."""
    readability = score.readability
    return (
        readability.words >= minimum_words and readability.difficult_words > 0.6 * readability.words
    )
