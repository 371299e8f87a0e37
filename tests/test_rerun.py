"""The re-run cache: input fingerprints, the JSON codec, damaged entries, and reports that come
out the same whether a run copies from the cache or computes everything afresh."""

from __future__ import annotations

import math
import os
import re
import shutil
import sqlite3
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest
from scipy import sparse
from typer.testing import CliRunner

from framing.cli import app
from framing.compare.model import Estimate, KeywordInContext
from framing.corpus import fingerprint
from framing.corpus.fingerprint import mark_files, marks_key
from framing.model import Article
from framing.rerun.articles import changed_words, touched
from framing.rerun.cache import RunCache, key_of
from framing.rerun.codec import BadCache, dumps, loads

ROOT = Path(__file__).resolve().parent.parent
HOUSING = ROOT / "tests" / "corpora" / "housing"
STORIES = ROOT / "tests" / "corpora" / "stories"
runner = CliRunner()

PACK = """\
about:
  name: council_words
  title: Words for council decisions
  description: A small pack edited between runs.
  language: en
  version: "1"
  licence: CC0
  sources: [written for the tests]
  connotations:
    delegitimizing: casts doubt
    neutral: descriptive
concepts:
  - id: council_plan
    label: How the plan is named
    note: Words for the housing plan.
    variants:
      - term: scheme
        connotation: delegitimizing
        note: Suggests a plot.
"""
EDIT = """      - term: handout
        connotation: delegitimizing
        note: Suggests money given away.
"""


# -- fingerprints -----------------------------------------------------------------------------


def test_an_unchanged_file_is_not_read_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "a.txt"
    path.write_text("first version", encoding="utf-8")
    first = mark_files([path])
    calls: list[Path] = []
    monkeypatch.setattr(fingerprint, "content_hash", lambda p: calls.append(p) or "x")
    again = mark_files([path], {m.path: m for m in first})
    assert again == first and calls == []


def test_a_file_of_new_size_or_time_is_hashed_and_a_touched_copy_keeps_its_key(
    tmp_path: Path,
) -> None:
    path = tmp_path / "a.txt"
    path.write_text("first version", encoding="utf-8")
    first = mark_files([path])
    known = {m.path: m for m in first}
    os.utime(path, ns=(first[0].mtime_ns + 10**9, first[0].mtime_ns + 10**9))
    touched_only = mark_files([path], known)
    assert touched_only[0].mtime_ns != first[0].mtime_ns
    assert marks_key(touched_only) == marks_key(first)
    path.write_text("second version!", encoding="utf-8")
    changed = mark_files([path], known)
    assert changed[0].sha256 != first[0].sha256 and marks_key(changed) != marks_key(first)


def test_a_missing_file_has_a_mark_of_its_own(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("text", encoding="utf-8")
    present = mark_files([path])
    path.unlink()
    assert marks_key(mark_files([path])) != marks_key(present)


# -- codec and cache --------------------------------------------------------------------------


@dataclass(frozen=True)
class NotFramings:
    value: int


def test_results_round_trip_exactly() -> None:
    value = {
        ("a", 1): (Estimate(0.1 + 0.2, None, math.inf, 3, "n"), [1.5, None]),
        "example": KeywordInContext("id1", "left ", "term", " right"),
        "array": np.arange(6, dtype=np.float64).reshape(2, 3) / 7,
        "counts": sparse.csr_matrix(np.array([[0, 2], [3, 0]], dtype=np.int64)),
        "scalar": np.float64(0.25),
        "set": frozenset({"x", "y"}),
    }
    back = loads(dumps(value))
    assert back[("a", 1)] == value[("a", 1)]
    assert back["example"] == value["example"]
    assert np.array_equal(back["array"], value["array"])
    assert (back["counts"] != value["counts"]).nnz == 0
    assert type(back["scalar"]) is np.float64 and back["set"] == value["set"]


@pytest.mark.parametrize(
    "blob",
    [
        b'{"c": "os:system", "f": {}}',
        b'{"c": "framing.compare.model:Estimate", "f": {"value": 1}}',
        # as many fields as the class has, but one of another name
        b'{"c": "framing.compare.model:Estimate", "f": {"value": 1, "low": null, "high": null,'
        b' "articles": 1, "remark": ""}}',
        b'{"a": "|O", "shape": [1], "b": ""}',
        b"not json",
    ],
)
def test_foreign_or_damaged_values_are_refused(blob: bytes) -> None:
    with pytest.raises(BadCache):
        loads(blob)


def test_a_refused_value_does_not_stop_the_class_being_read_later() -> None:
    with pytest.raises(BadCache):
        loads(b'{"c": "framing.compare.model:Estimate", "f": {"value": 1}}')
    estimate = Estimate(0.5, 0.25, 0.75, 12, "")
    assert loads(dumps(estimate)) == estimate


def test_classes_outside_framing_are_not_cached() -> None:
    with pytest.raises(BadCache):
        dumps(NotFramings(1))


def test_a_damaged_entry_is_missing_and_noted(tmp_path: Path) -> None:
    path = tmp_path / "cache"
    with RunCache(path) as cache:
        cache.put("kind", "key", (1, 2.5, "three"))
        assert cache.get("kind", "key") is None  # written when the run succeeds
        cache.flush()
        assert cache.get("kind", "key") == (1, 2.5, "three")
        assert cache.get("kind", "other key") is None
    db = sqlite3.connect(path)
    db.execute("UPDATE entries SET data = x'00112233'")
    db.commit()
    db.close()
    with RunCache(path) as cache:
        assert cache.get("kind", "key") is None
        assert cache.rebuilt and "checksum" in cache.rebuilt[0]


def test_a_file_that_is_not_a_cache_is_set_aside(tmp_path: Path) -> None:
    path = tmp_path / "cache"
    path.write_bytes(b"this is no database" * 100)
    cache = RunCache(path)
    assert cache.get("kind", "key") is None
    cache.put("kind", "key", 1)
    cache.flush()
    assert cache.problem and path.read_bytes() == b"this is no database" * 100


def test_an_article_is_touched_only_by_entries_whose_words_it_has() -> None:
    article = Article("a", "Outlet", "Council vote", "The scheme passed on Monday.")
    changed = changed_words({"old": ["scheme"]}, {"old": ["scheme"], "new": ["power", "grab"]})
    assert changed == [("power", "grab")]
    assert not touched(article, changed)
    assert touched(article, changed_words({}, {"n": ["monday", "scheme"]}))


# -- reports ----------------------------------------------------------------------------------


def damage(cache: Path, kind: str) -> None:
    """Overwrite every entry of ``kind`` in the re-run cache at ``cache`` with two bytes."""
    db = sqlite3.connect(cache)
    db.execute("UPDATE entries SET data = x'0102' WHERE kind = ?", (kind,))
    db.commit()
    db.close()


def report(inputs: Path, out: Path, lexicon: Path, *options: str) -> str:
    result = runner.invoke(
        app,
        ["report", str(inputs), "--out", str(out), "--lexicon", str(lexicon), "--jobs", "1",
         *options],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    return result.output


def files(folder: Path) -> dict[str, bytes]:
    kept = {}
    for path in sorted(folder.iterdir()):
        if path.name.startswith("scores.sqlite") or path.name == "manifest.json":
            continue
        kept[path.name] = path.read_bytes()
    return kept


def test_rerun_reports_equal_cold_reports(tmp_path: Path) -> None:
    inputs = tmp_path / "housing"
    shutil.copytree(HOUSING, inputs)
    lexicon = tmp_path / "pack.yaml"
    lexicon.write_text(PACK, encoding="utf-8")
    out = tmp_path / "out"
    first = report(inputs, out, lexicon)
    assert "Re-run cache: reused nothing." in first
    cold = files(out)
    again = report(inputs, out, lexicon)
    assert (
        "reused inputs as read, vocabulary, scaling and epithets, stories, clustering, the "
        "intervals of" in again
    )
    every = re.search(r"the intervals of (\d+) of (\d+) figures", again)
    assert every is not None and every[1] == every[2]  # nothing resampled
    assert files(out) == cold

    # A lexicon edit: only the articles with the new word are written afresh.
    edited = PACK.replace("    variants:\n", "    variants:\n" + EDIT)
    lexicon.write_text(edited, encoding="utf-8")
    after_edit = report(inputs, out, lexicon)
    assert "written afresh)" in after_edit and "(0 written afresh)" not in after_edit
    reused = re.search(r"the intervals of (\d+) of (\d+) figures", after_edit)
    assert reused is not None and 0 < int(reused[1]) < int(reused[2])  # the edited resampled
    report(inputs, tmp_path / "cold-edited", lexicon, "--no-store")
    assert files(out) == files(tmp_path / "cold-edited")

    # The edit undone: rows copied from two runs, under columns of both lexicons, give the
    # first report again; damaged stories and article parts are rebuilt.
    lexicon.write_text(PACK, encoding="utf-8")
    damage(out / "scores.sqlite-rerun", "stories")
    undone = report(inputs, out, lexicon)
    assert "Rebuilt damaged entries: stories" in undone and "written afresh)" in undone
    assert files(out) == cold
    damage(out / "scores.sqlite-rerun", "articles")
    rebuilt = report(inputs, out, lexicon)
    assert "Rebuilt damaged entries: articles" in rebuilt and "stories" in rebuilt
    assert files(out) == cold
    damage(out / "scores.sqlite-rerun", "bounds")
    rebuilt = report(inputs, out, lexicon)
    assert "Rebuilt damaged entries: bounds" in rebuilt and "the intervals of" not in rebuilt
    assert files(out) == cold
    with RunCache(out / "scores.sqlite-rerun") as cache:  # well sealed, but not a table
        cache.put(
            "bounds",
            key_of("bounds"),
            {"prints": np.zeros((1, 2), np.uint64), "low": np.ones(1), "high": np.zeros(1)},
        )
    rebuilt = report(inputs, out, lexicon)
    assert "Rebuilt damaged entries: bounds (a lower bound above" in rebuilt
    assert files(out) == cold
    damage(out / "scores.sqlite-rerun", "clustering")
    rebuilt = report(inputs, out, lexicon)
    assert "Rebuilt damaged entries: clustering" in rebuilt and "clustering," not in rebuilt
    assert files(out) == cold
    with RunCache(out / "scores.sqlite-rerun") as cache:  # well sealed, but not a clustering
        cache.put("clustering", key_of("clustering"), {"print": "0" * 64})
    rebuilt = report(inputs, out, lexicon)
    assert "Rebuilt damaged entries: clustering (not a clustering)" in rebuilt
    assert files(out) == cold
    assert "stories, clustering, the intervals" in report(inputs, out, lexicon)  # kept again

    # A changed input file is read again, and a damaged cache is rebuilt, not a crash.
    damage(out / "scores.sqlite-rerun", "marks")
    article = inputs / "voice-1.txt"
    article.write_text(article.read_text(encoding="utf-8") + "\nA late handout was announced.\n",
                       encoding="utf-8")  # fmt: skip
    changed = report(inputs, out, lexicon)
    assert "Rebuilt damaged entries: marks" in changed and "inputs as read" not in changed
    report(inputs, tmp_path / "cold-changed", lexicon, "--no-store")
    assert files(out) == files(tmp_path / "cold-changed")


def test_stories_are_reused_after_an_edit_and_their_word_choices_follow_it(
    tmp_path: Path,
) -> None:
    lexicon = tmp_path / "pack.yaml"
    lexicon.write_text(PACK, encoding="utf-8")
    out = tmp_path / "out"
    report(STORIES, out, lexicon)
    stories = (out / "stories.csv").read_text(encoding="utf-8")
    assert stories.count("\n") > 2  # the corpus has stories: the test compares something
    edit = EDIT.replace("handout", "strike")
    lexicon.write_text(PACK.replace("    variants:\n", "    variants:\n" + edit), encoding="utf-8")
    again = report(STORIES, out, lexicon)
    assert re.search(r"stories, (clustering, )?the intervals of", again)
    assert "figures, the rows of" in again
    report(STORIES, tmp_path / "cold", lexicon, "--no-store")
    assert files(out) == files(tmp_path / "cold")
    page = (out / "report.html").read_text(encoding="utf-8")
    section = page[page.index('<section id="stories"') :]
    assert "How the plan is named" in section[: section.index("</section>")]  # the new choice


def test_an_unchanged_rerun_rewrites_neither_its_bounds_nor_its_clustering(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    lexicon = tmp_path / "pack.yaml"
    lexicon.write_text(PACK, encoding="utf-8")
    out = tmp_path / "out"
    put: list[str] = []
    original = RunCache.put

    def noted(self: RunCache, kind: str, *args: object, **options: object) -> None:
        put.append(kind)
        original(self, kind, *args, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(RunCache, "put", noted)
    report(HOUSING, out, lexicon)
    assert {"bounds", "clustering"} <= set(put)  # the first run keeps both
    put.clear()
    again = report(HOUSING, out, lexicon)
    assert "clustering, the intervals of" in again
    assert "bounds" not in put and "clustering" not in put
