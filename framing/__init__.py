"""framing: show how news outlets frame the same subject.

Three calls give a researcher what the command line renders::

    import framing
    corpus = framing.read_corpus(["seeds/"])
    lexicon = framing.read_lexicon()
    result = framing.score_corpus(corpus, lexicon)
"""

from framing.corpus.readers import read_corpus
from framing.errors import FramingError, InputError, LexiconError, UsageError
from framing.lexicon.loader import read_lexicon
from framing.lexicon.model import Actor, Concept, Lexicon, Pack, Variant
from framing.model import (
    ActorMention,
    ActorSentiment,
    Article,
    ArticleScore,
    Corpus,
    Readability,
    Removal,
    ScoredCorpus,
    Sentence,
    Sentiment,
    Skipped,
    TermHit,
)
from framing.scoring.scorer import Scorer, score_corpus
from framing.settings import ScoringSettings

__all__ = [
    "Actor",
    "ActorMention",
    "ActorSentiment",
    "Article",
    "ArticleScore",
    "Concept",
    "Corpus",
    "FramingError",
    "InputError",
    "Lexicon",
    "LexiconError",
    "Pack",
    "Readability",
    "Removal",
    "ScoredCorpus",
    "Scorer",
    "ScoringSettings",
    "Sentence",
    "Sentiment",
    "Skipped",
    "TermHit",
    "UsageError",
    "Variant",
    "read_corpus",
    "read_lexicon",
    "score_corpus",
]
