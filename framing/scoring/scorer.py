"""Score articles: one segmentation per article feeds terms, sentiment and readability."""

from __future__ import annotations

import gc
import itertools
import multiprocessing
import signal
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, wait
from typing import NamedTuple

from framing.compare.terms import count_terms_with_uses
from framing.lexicon.model import Lexicon
from framing.model import ActorMention, Article, ArticleScore, Corpus, ScoredCorpus, TermCounts
from framing.scoring.idle import IdleWork
from framing.scoring.readability import SyllableCounter, readability
from framing.scoring.sentiment import SentenceSentiment, summarize
from framing.scoring.target_tone import tone_mentions
from framing.scoring.terms import compile_lexicon, find_mentions
from framing.settings import CompareSettings, ScoringSettings
from framing.signals import stops_noted
from framing.store import Lookup, ScoreStore
from framing.store_rows import Analysis, Matches, StoreRows, assemble, store_rows
from framing.text.names import name_contexts
from framing.text.segment import SentenceSpan, segment


class Scorer:
    """Holds what is built once per run: the compiled lexicon, VADER, the syllable cache.

    VADER and textstat are loaded on the first article, not at construction.
    """

    def __init__(
        self,
        lexicon: Lexicon,
        settings: ScoringSettings | None = None,
        stopwords: frozenset[str] | None = None,
        prepare: Callable[[ArticleScore], object] | None = None,
    ) -> None:
        self.lexicon = lexicon
        self.settings = settings or ScoringSettings()
        # With stop words, each article's words and phrases are counted here, in the worker
        # processes, for the comparison's distinguishing terms.
        self.stopwords = stopwords
        # What the run makes of each score (formatted rows, say), made where the score is
        # made, so that the worker processes do it rather than the main one; it must be
        # picklable, like the scorer, for the Dask engine.
        self.prepare = prepare
        self.compiled = compile_lexicon(lexicon)
        self._sentiment = SentenceSentiment()
        self._syllables = SyllableCounter()

    def warm(self, readability: bool = True) -> None:
        """Load VADER's lexicon and (with ``readability``) the pronouncing dictionary now
        rather than on first use, so that worker processes forked afterwards share them
        instead of each loading them."""
        _ = self._sentiment.analyzer
        if readability:
            _ = self._syllables.familiar_words
            self._syllables("warm")

    def score_chunk(self, articles: Sequence[Article]) -> list[ArticleScore]:
        """Scores for several articles, in order."""
        return [self.score(article) for article in articles]

    def score_work(self, work: Sequence[Work]) -> list[ArticleScore]:
        """Scores for a chunk of work, in order (the unit of work of a worker process)."""
        return [
            self.score(item.article)
            if item.analysis is None
            else self.rematch(item.article, item.analysis)
            for item in work
        ]

    def deliver(self, work: Sequence[Work]) -> list[Scored]:
        """:meth:`score_work`, each score with what :attr:`prepare` makes of it and, for work
        bound for a store, its rows there."""
        scores = self.score_work(work)
        prepare = self.prepare
        return [
            Scored(
                score,
                None if prepare is None else prepare(score),
                store_rows(score, item.analysis is None) if item.stored else None,
            )
            for score, item in zip(scores, work, strict=True)
        ]

    def rematch(self, article: Article, analysis: Analysis) -> ArticleScore:
        """Scores of an article whose sentiment and readability are known: only the lexicon's
        matchers run again."""
        sentences = segment(article.title, article.text)
        mentions = find_mentions(sentences, self.compiled, article.title, article.text)
        matches = Matches(
            mentions.terms,
            mentions.frames,
            self._toned(sentences, mentions.actors),
            mentions.out_of_scope,
        )
        return assemble(article, analysis, matches, self.settings)

    def _toned(
        self, sentences: Sequence[SentenceSpan], actors: tuple[ActorMention, ...]
    ) -> tuple[ActorMention, ...]:
        return tone_mentions(sentences, actors, self._sentiment.analyzer.word_valences)

    def score(self, article: Article) -> ArticleScore:
        """All scores for one article."""
        sentences = segment(article.title, article.text)
        mentions = find_mentions(sentences, self.compiled, article.title, article.text)
        scored = self._sentiment.score(sentences)  # first: tone reuses its word valences
        actors = self._toned(sentences, mentions.actors)
        sentiment = summarize(scored, actors, self.settings.sentiment_threshold)
        counted = self._term_counts(sentences)
        return ArticleScore(
            article=article,
            terms=mentions.terms,
            actor_mentions=actors,
            sentiment=sentiment,
            readability=readability(sentences, self._syllables, self.settings),
            frame_cues=mentions.frames,
            term_counts=counted,
            name_contexts=self._name_contexts(sentences),
            out_of_scope=mentions.out_of_scope,
        )

    def _term_counts(self, sentences: Sequence[SentenceSpan]) -> TermCounts | None:
        """The article's term counts and the sentences of their first uses, for the
        comparison's distinguishing terms and their examples."""
        if self.stopwords is None:
            return None
        return count_terms_with_uses(
            ((span.text, span.start, span.tokens) for span in sentences),
            self.stopwords,
            CompareSettings.examples_per_term,
        )

    def _name_contexts(
        self, sentences: Sequence[SentenceSpan]
    ) -> tuple[tuple[str, str, str, int], ...]:
        if self.stopwords is None:
            return ()
        body = ((s.text, s.start, s.tokens) for s in sentences if s.field == "text")
        return name_contexts(body, self.stopwords)


CHUNK_ARTICLES = 64
# Below this many articles a pool of processes costs more to start than it saves.
PARALLEL_MINIMUM = 4 * CHUNK_ARTICLES
# Chunks handed out but not yet collected, per worker: enough to keep every worker busy while
# the main process reads, looks up and writes, few enough that memory does not grow.
IN_FLIGHT_PER_WORKER = 3


class Scored(NamedTuple):
    """An article's scores, what the scorer's ``prepare`` made of them (None without), and
    its rows for the store (None when it goes to none, or was taken from it)."""

    score: ArticleScore
    prepared: object = None
    stored: StoreRows | None = None


class Work(NamedTuple):
    """One article to score; with ``analysis`` (from the store) only its matching is redone."""

    article: Article
    analysis: Analysis | None = None
    stored: bool = False  # its scores go to a store: pack their rows where they are made


# Maps chunks of work to their scores, in order, lazily (a local pool, or a cluster).
Engine = Callable[[Scorer, Iterator[list[Work]]], Iterator[list[Scored]]]


def in_process(scorer: Scorer, chunks: Iterator[list[Work]]) -> Iterator[list[Scored]]:
    """The engine that does the work in this process."""
    for chunk in chunks:
        yield scorer.deliver(chunk)


FULL_COLLECTION_CHUNKS = 64  # a worker collects its whole heap once in this many chunks

# The scorer of a worker process, set once when the worker starts. Each worker has its own
# copy; with the "fork" start method it is the parent's warmed scorer, inherited, not rebuilt.
_worker_scorer: Scorer | None = None


def _adopt_scorer(scorer: Scorer) -> None:
    global _worker_scorer
    _worker_scorer = scorer
    # Scoring makes and drops hundreds of thousands of small objects per chunk, none of them in
    # reference cycles on news-like text: the automatic collector, running in the middle of a
    # chunk, walked the chunk's live objects again and again and found nothing (about 4% of a
    # worker's time even at 10,000 allocations between runs). It is off in a worker, which
    # collects between chunks instead, when little is alive.
    gc.disable()
    # Ctrl-C reaches every process of the terminal's group: the parent stops the pool and
    # says so once, instead of each worker printing its own KeyboardInterrupt traceback.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # A worker is forked while the parent holds SIGTERM back (see process_pool): told to
    # terminate, on its own, it does.
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def _score_in_worker(work: list[Work]) -> list[Scored]:
    assert _worker_scorer is not None, "worker started without a scorer"
    collect_between_chunks()
    return _worker_scorer.deliver(work)


_chunks_begun = 0


def collect_between_chunks() -> None:
    """Collect garbage before a worker's next chunk (its automatic collector is off, see
    _adopt_scorer): the last chunk's scores have been sent and dropped, so only what it left
    in the scorer's memos is walked. The young generations every chunk, which bounds the
    garbage of reference cycles (if any) by one chunk's; the whole heap every
    :data:`FULL_COLLECTION_CHUNKS` chunks."""
    global _chunks_begun
    _chunks_begun += 1
    gc.collect(2 if _chunks_begun % FULL_COLLECTION_CHUNKS == 0 else 1)


class Stopping(Exception):
    """Leaves the pool's block when a stop was noted; the block's end then delivers the stop,
    which raises in its place."""


STOP_POLL_SECONDS = 0.25  # how often a wait for a chunk looks for a noted stop


def _collected(
    future: Future[list[Scored]], stops: list[signal.Signals], idle: IdleWork | None = None
) -> list[Scored]:
    """The chunk's scores, once ready; :class:`Stopping` as soon as a stop is noted. While
    the chunk is not ready, ``idle``'s tasks are run, one between two looks."""
    while not stops:
        busy = idle is not None and idle.pending > 0
        done, _pending = wait((future,), timeout=0 if busy else STOP_POLL_SECONDS)
        if done:
            return future.result()
        if busy:
            assert idle is not None
            idle.run_next()
    raise Stopping


def process_pool(jobs: int, idle: IdleWork | None = None) -> Engine:
    """The engine that spreads chunks over ``jobs`` local worker processes; the main process
    runs ``idle``'s tasks while it waits for them."""

    def run(scorer: Scorer, chunks: Iterator[list[Work]]) -> Iterator[list[Scored]]:
        first = next(chunks, None)
        if first is None:
            return
        chunks = itertools.chain([first], chunks)
        # Articles whose analysis is stored are only matched again (a re-run after a lexicon
        # edit): the pronouncing dictionary (about 2 s to read) is then left unread.
        scorer.warm(readability=any(item.analysis is None for item in first))
        # The warmed scorer holds about 300,000 objects (mostly the pronouncing dictionary);
        # frozen, the garbage collector of each worker no longer walks them on every pass.
        gc.freeze()
        methods = multiprocessing.get_all_start_methods()
        context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
        # Ctrl-C and SIGTERM are held back while the pool runs and looked at between steps:
        # raised at any point, they could leave one of the pool's locks taken, and its
        # shutdown then waited for ever. A worker forked here must not see them either.
        with stops_noted() as stops, ProcessPoolExecutor(
            max_workers=jobs, mp_context=context, initializer=_adopt_scorer,
            initargs=(scorer,),
        ) as pool:  # fmt: skip
            window: deque[Future[list[Scored]]] = deque()
            try:
                for chunk in chunks:
                    window.append(pool.submit(_score_in_worker, chunk))
                    if len(window) >= IN_FLIGHT_PER_WORKER * jobs:
                        yield _collected(window.popleft(), stops, idle)
                while window:
                    yield _collected(window.popleft(), stops, idle)
            except BaseException:
                pool.shutdown(wait=False, cancel_futures=True)  # stop soon: drop queued work
                raise

    return run


def score_articles(
    articles: Iterable[Article],
    scorer: Scorer,
    jobs: int = 1,
    store: ScoreStore | None = None,
    engine: Engine | None = None,
) -> Iterator[ArticleScore]:
    """Scores of ``articles`` in input order, read and scored as a stream (see
    :func:`scored_stream`)."""
    for scored in scored_stream(articles, scorer, jobs, store, engine):
        yield scored.score


def scored_stream(
    articles: Iterable[Article],
    scorer: Scorer,
    jobs: int = 1,
    store: ScoreStore | None = None,
    engine: Engine | None = None,
    idle: IdleWork | None = None,
) -> Iterator[Scored]:
    """Scores of ``articles`` in input order, read and scored as a stream, each with what
    ``scorer.prepare`` makes of it (with local worker processes, ``idle``'s tasks are run in
    this process while it waits for them).

    Chunks of articles go to ``engine`` (by default ``jobs`` local worker processes, or this
    process for one job or a small corpus) and come back in order, so the result does not
    depend on how the work was spread. With a ``store``, articles scored before are taken from
    it, and articles whose text is known but whose lexicon changed are only matched again.
    """
    stream = iter(articles)
    if engine is None:
        first = list(itertools.islice(stream, PARALLEL_MINIMUM))
        small = len(first) < PARALLEL_MINIMUM
        stream = itertools.chain(first, stream)
        engine = in_process if jobs <= 1 or small else process_pool(jobs, idle)
    planned: deque[tuple[list[bytes], list[Lookup]]] = deque()

    def plan() -> Iterator[list[Work]]:
        while chunk := list(itertools.islice(stream, CHUNK_ARTICLES)):
            keys: list[bytes] = []
            lookups = [Lookup()] * len(chunk)
            if store is not None:
                keys, lookups = store.lookup(chunk)
            planned.append((keys, lookups))
            yield [
                Work(article, found.analysis, store is not None)
                for article, found in zip(chunk, lookups, strict=True)
                if found.score is None
            ]

    prepare = scorer.prepare
    for done in engine(scorer, plan()):
        keys, lookups = planned.popleft()
        fresh = iter(done)
        # Scores from the store are prepared here: only fresh ones were through a worker.
        results = [
            next(fresh)
            if found.score is None
            else Scored(found.score, None if prepare is None else prepare(found.score))
            for found in lookups
        ]
        if store is not None:
            store.save(keys, [r.score for r in results], lookups, [r.stored for r in results])
        yield from results


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
        scores.append(score)
        warning = non_english_warning(score)
        if warning:
            warnings.append(warning)
        if progress is not None:
            progress(1)
    return ScoredCorpus(
        scores=tuple(scores),
        skipped=corpus.skipped,
        warnings=tuple(warnings),
        lexicon_names=tuple(pack.name for pack in lexicon.packs),
    )


def non_english_warning(score: ArticleScore) -> str:
    """The warning for an article that does not look like English, or ``""``."""
    if not looks_non_english(score):
        return ""
    article = score.article
    return (
        f"{article.source_path or article.id}: most of its words are not common English words; "
        "VADER and the readability formulas are built for English, so its scores may mean little"
    )


def looks_non_english(score: ArticleScore, minimum_words: int = 30) -> bool:
    """True when over 60% of an article's words are missing from the Dale-Chall list of familiar
    English words (English news typically has 20-35% such words; names count as familiar)."""
    readability = score.readability
    return (
        readability.words >= minimum_words and readability.difficult_words > 0.6 * readability.words
    )
