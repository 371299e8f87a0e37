"""Score articles: one segmentation per article feeds terms, sentiment and readability."""

from __future__ import annotations

from collections.abc import Callable

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


def score_corpus(
    corpus: Corpus,
    lexicon: Lexicon,
    settings: ScoringSettings | None = None,
    progress: Callable[[int], None] | None = None,
) -> ScoredCorpus:
    """Score every article of ``corpus`` in input order; ``progress`` is told each article done.

    Skipped inputs and warnings from reading are carried through so every input is accounted
    for in the result.
    """
    scorer = Scorer(lexicon, settings)
    scores = []
    warnings = list(corpus.warnings)
    for article in corpus.articles:
        score = scorer.score(article)
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
