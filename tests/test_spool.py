"""Articles kept on disk between the reads of a run (framing.corpus.spool)."""

from __future__ import annotations

from framing.corpus.spool import BATCH_ARTICLES, ArticleSpool
from framing.model import Article


def _article(number: int) -> Article:
    return Article(
        id=f"county-{number}",
        outlet="Valley Times" if number % 2 else "Harbour Post",
        title=f"Council meeting {number}",
        text=f"The county council voted {number} to 3 on the new bus timetable.",
        date="2024-03-0" + str(1 + number % 9),
        metadata=(("desk", "local"),),
    )


def test_articles_come_back_in_order_across_batches_as_often_as_asked() -> None:
    articles = [_article(n) for n in range(2 * BATCH_ARTICLES + 5)]
    spool = ArticleSpool()
    for article in articles:
        spool.add(article)
    spool.finish()
    assert len(spool) == len(articles)
    assert list(spool) == articles
    assert list(spool) == articles


def test_two_readings_at_once_each_keep_their_place() -> None:
    articles = [_article(n) for n in range(BATCH_ARTICLES + 3)]
    spool = ArticleSpool()
    for article in articles:
        spool.add(article)
    spool.finish()
    first, second = iter(spool), iter(spool)
    pairs = list(zip(first, second, strict=True))
    assert [a for a, _b in pairs] == [b for _a, b in pairs] == articles


def test_an_empty_spool_reads_nothing() -> None:
    spool = ArticleSpool()
    spool.finish()
    assert list(spool) == [] and len(spool) == 0
