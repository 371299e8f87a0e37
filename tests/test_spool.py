"""Articles kept on disk between the reads of a run (framing.corpus.spool)."""

from __future__ import annotations

from pathlib import Path

import pytest

from framing.corpus.readers import CorpusReader
from framing.corpus.spool import BATCH_ARTICLES, ArticleSpool, SpooledRead
from framing.model import Article
from framing.rerun import corpus
from framing.rerun.cache import RunCache
from framing.rerun.corpus import CorpusReplay


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


def test_a_rerun_replay_spools_a_read_too_large_to_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    table = tmp_path / "county.csv"
    rows = [_article(n) for n in range(5)]
    table.write_text(
        "id,outlet,title,text\n" + "".join(f"{a.id},{a.outlet},{a.title},{a.text}\n" for a in rows),
        encoding="utf-8",
    )
    monkeypatch.setattr(corpus, "MAX_CACHED_CHARACTERS", 150)  # past it at the third article
    cache = RunCache(tmp_path / "cache.sqlite")
    replay = CorpusReplay(cache, "settings")
    first = list(replay.reader(CorpusReader([table])))
    assert replay.corpus is None and replay.spooled is not None
    assert cache.get(corpus.KIND, replay.key, raw=True) is None  # not cached for a later run
    again = replay.reader(CorpusReader([table]))
    table.unlink()  # a second parse would now fail
    assert isinstance(again, corpus.ReplayReader) and isinstance(again.corpus, SpooledRead)
    assert list(again) == first and [a.id for a in first] == [a.id for a in rows]
    cache.close()
