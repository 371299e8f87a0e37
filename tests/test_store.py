"""The score store: reuse between runs, partial re-matching after a lexicon edit, two runs at
once on one store, and a run killed midway."""

from __future__ import annotations

import csv
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from framing.corpus.readers import read_corpus
from framing.lexicon.loader import read_lexicon
from framing.scoring.scorer import Scorer, score_articles
from framing.settings import ScoringSettings
from framing.store import ScoreStore
from framing.text.segment import segment

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"

EXTRA_PACK = """\
about:
  name: extra
  title: A pack edited between runs
  description: One concept, to test re-matching.
  language: en
  version: "1"
  licence: CC0
  sources: [written for the tests]
  connotations:
    delegitimizing: casts doubt
    neutral: descriptive
concepts:
  - id: negotiations
    label: How talks are named
    note: Words for talks.
    variants:
      - term: talks
        connotation: neutral
        note: The plain word.
"""


def seed_sentences() -> list[str]:
    sentences = []
    for article in read_corpus([SEEDS]).articles:
        sentences += [s.text for s in segment("", article.text) if len(s.tokens) >= 5]
    return sentences


def write_corpus(path: Path, count: int) -> Path:
    """``count`` articles of about 300 words from the seeds' sentences, over 4 outlets."""
    pool = seed_sentences()
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(["id", "outlet", "text"])
        for n in range(count):
            body = " ".join(pool[(n * 7 + i * 13) % len(pool)] for i in range(12))
            body += f" This was report number {n}."  # every text distinct
            writer.writerow([f"a{n}", f"Outlet {n % 4}", body])
    return path


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "framing", *args], capture_output=True, text=True, timeout=600
    )


def tables(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.suffix == ".csv"}


def healthy(store: Path) -> int:
    """Rows of matches in a store that passes SQLite's integrity check."""
    db = sqlite3.connect(store)
    try:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        return int(db.execute("SELECT count(*) FROM matches").fetchone()[0])
    finally:
        db.close()


def test_a_rerun_reuses_every_score_and_gives_the_same_result(tmp_path: Path) -> None:
    corpus = read_corpus([SEEDS]).articles
    lexicon = read_lexicon()
    fresh = list(score_articles(corpus, Scorer(lexicon)))
    for run in ("cold", "warm"):
        with ScoreStore(tmp_path / "s.sqlite", lexicon, ScoringSettings()) as store:
            again = list(score_articles(corpus, Scorer(lexicon), store=store))
            assert again == fresh
            expected = (0, 0, 5) if run == "cold" else (5, 0, 0)
            counts = store.counts
            assert (counts.reused, counts.rematched, counts.scored) == expected


def test_a_lexicon_edit_rematches_only_articles_that_contain_its_words(tmp_path: Path) -> None:
    texts = [
        "The talks in Geneva ended without a deal. Both sides blamed the other.",
        "The weather was fine. Farmers brought in the harvest early this year.",
        "Negotiations resumed on Monday. A ceasefire was not agreed by anyone.",
        "The union demanded renegotiations of the contract before the strike vote.",
    ]
    corpus_file = tmp_path / "corpus.csv"
    with corpus_file.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(["id", "outlet", "text"])
        writer.writerows([f"t{n}", "A", text] for n, text in enumerate(texts))
    articles = read_corpus([corpus_file]).articles
    pack = tmp_path / "extra.yaml"
    pack.write_text(EXTRA_PACK, encoding="utf-8")
    store_path = tmp_path / "s.sqlite"
    before = read_lexicon([pack])
    with ScoreStore(store_path, before, ScoringSettings()) as store:
        list(score_articles(articles, Scorer(before), store=store))
    # Add a variant: only the article that says "negotiations" can change (not the one with
    # "renegotiations", a word that merely contains it).
    pack.write_text(
        EXTRA_PACK + "      - term: negotiations\n        connotation: neutral\n"
        "        note: The formal word.\n",
        encoding="utf-8",
    )
    after = read_lexicon([pack])
    with ScoreStore(store_path, after, ScoringSettings()) as store:
        again = list(score_articles(articles, Scorer(after), store=store))
        counts = store.counts
    assert (counts.reused, counts.rematched, counts.scored) == (3, 1, 0)
    assert again == list(score_articles(articles, Scorer(after)))
    assert [hit.variant for hit in again[2].terms if hit.concept == "negotiations"] == [
        "negotiations"
    ]


def test_an_unusable_store_file_is_a_clear_error(tmp_path: Path) -> None:
    store = tmp_path / "broken.sqlite"
    store.write_bytes(b"this is not a database" * 100)
    done = cli("score", str(SEEDS), "--out", str(tmp_path / "out"), "--store", str(store))
    assert done.returncode == 1
    assert done.stderr.startswith(f"Error: --store {store}: not a usable score store")


def test_two_runs_at_once_on_one_store_both_finish(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "corpus.csv", 300)
    store = tmp_path / "shared.sqlite"
    command = [sys.executable, "-m", "framing", "score", str(corpus), "--store", str(store)]
    runs = [
        subprocess.Popen(
            [*command, "--jobs", "1", "--out", str(tmp_path / name)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name in ("first", "second")
    ]
    for run in runs:
        _out, err = run.communicate(timeout=600)
        assert run.returncode == 0, err
    plain = cli("score", str(corpus), "--out", str(tmp_path / "plain"), "--no-store")
    assert plain.returncode == 0, plain.stderr
    assert tables(tmp_path / "first") == tables(tmp_path / "plain")
    assert tables(tmp_path / "second") == tables(tmp_path / "plain")
    assert healthy(store) == 300


def test_a_killed_run_leaves_a_usable_store_and_the_next_run_resumes(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "corpus.csv", 1500)
    store = tmp_path / "store.sqlite"
    killed = subprocess.Popen(
        [sys.executable, "-m", "framing", "score", str(corpus), "--out", str(tmp_path / "a"),
         "--store", str(store), "--jobs", "1"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    deadline = time.monotonic() + 300
    stored = 0
    while stored < 128 and time.monotonic() < deadline and killed.poll() is None:
        time.sleep(0.2)
        if store.exists():
            try:
                stored = healthy(store)
            except sqlite3.OperationalError:
                continue  # the schema is being created
    assert killed.poll() is None, "the run finished before it could be killed; enlarge it"
    os.kill(killed.pid, signal.SIGKILL)
    killed.wait()
    assert 0 < healthy(store) < 1500
    done = cli("score", str(corpus), "--out", str(tmp_path / "b"), "--store", str(store))
    assert done.returncode == 0, done.stderr
    summary = next(line for line in done.stderr.splitlines() if line.startswith("Store "))
    reused = int(summary.split(": ")[-1].split(" articles reused")[0])
    assert reused >= stored
    assert healthy(store) == 1500
    plain = cli("score", str(corpus), "--out", str(tmp_path / "plain"), "--no-store")
    assert plain.returncode == 0, plain.stderr
    assert tables(tmp_path / "b") == tables(tmp_path / "plain")


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_report_default_store_lives_in_the_output_folder(tmp_path: Path, jobs: str) -> None:
    out = tmp_path / "report"
    first = cli("report", str(SEEDS), "--out", str(out), "--jobs", jobs)
    assert first.returncode == 0, first.stderr
    assert (out / "scores.sqlite").is_file()
    again = cli("report", str(SEEDS), "--out", str(out), "--jobs", jobs)
    assert "the rows of 5 articles (0 written afresh)" in again.stderr  # the re-run cache's copy
    (out / "scores.sqlite-rerun").unlink()  # without it, the scores come from the store
    second = cli("report", str(SEEDS), "--out", str(out), "--jobs", jobs)
    assert "5 articles reused, 0 matched again (lexicon changed), 0 scored afresh" in second.stderr


TARGETED_PACK = """\
about:
  name: titled
  title: A targeted concept
  description: One title tied to one person, to test storing scope decisions.
  language: en
  version: "1"
  licence: CC0
  sources: [written for the tests]
  connotations:
    legitimizing: lends authority
concepts:
  - id: commander_title
    label: How the commander is titled
    note: Titles carry judgement.
    target: {target}
    variants:
      - term: Field Marshal
        connotation: legitimizing
        note: The rank as a title.
        plural: false
actors:
  - id: orsk
    label: Ivan Orsk
    aliases: [Orsk, Ivan Orsk]
  - id: vesk
    label: Petra Vesk
    aliases: [Vesk, Petra Vesk]
"""


def test_scope_decisions_round_trip_and_follow_a_target_edit(tmp_path: Path) -> None:
    corpus_file = tmp_path / "corpus.csv"
    with corpus_file.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(["id", "outlet", "text"])
        writer.writerow(["t0", "A", "Field Marshal Ivan Orsk inspected the troops. Vesk stayed."])
        writer.writerow(["t1", "A", "The harvest was early this year in the valley."])
    articles = read_corpus([corpus_file]).articles
    pack = tmp_path / "titled.yaml"
    pack.write_text(TARGETED_PACK.format(target="vesk"), encoding="utf-8")
    store_path = tmp_path / "s.sqlite"
    before = read_lexicon([pack], packs=())
    fresh = list(score_articles(articles, Scorer(before)))
    assert [h.scope for h in fresh[0].out_of_scope] == ["title before another name: Ivan Orsk"]
    for _run in ("cold", "warm"):
        with ScoreStore(store_path, before, ScoringSettings()) as store:
            assert list(score_articles(articles, Scorer(before), store=store)) == fresh
    # Aim the title at Orsk: the article with the title is matched again, the other reused.
    pack.write_text(TARGETED_PACK.format(target="orsk"), encoding="utf-8")
    after = read_lexicon([pack], packs=())
    with ScoreStore(store_path, after, ScoringSettings()) as store:
        again = list(score_articles(articles, Scorer(after), store=store))
        counts = store.counts
    assert (counts.reused, counts.rematched, counts.scored) == (1, 1, 0)
    assert [(h.target, h.scope) for h in again[0].terms] == [
        ("orsk", "title before the target's name: Ivan Orsk")
    ]
    assert again[0].out_of_scope == ()


def test_stored_scores_are_keyed_to_the_scoring_code_not_to_other_code(tmp_path: Path) -> None:
    import shutil

    import framing
    from framing.store import scoring_code

    package = tmp_path / "framing"
    shutil.copytree(Path(framing.__file__).parent, package,
                    ignore=shutil.ignore_patterns("__pycache__"))  # fmt: skip
    before = scoring_code(package)
    assert before == scoring_code(Path(framing.__file__).parent)
    report = package / "render" / "html.py"
    report.write_text(report.read_text(encoding="utf-8") + "\n# a renderer edit\n")
    assert scoring_code(package) == before  # renderers do not change what is stored
    tone = package / "scoring" / "sentiment.py"
    tone.write_text(tone.read_text(encoding="utf-8") + "\n# a scoring edit\n")
    assert scoring_code(package) != before  # scores stored by the older code are not reused


@pytest.mark.parametrize("seed", range(3))
def test_every_token_of_a_text_has_its_words_as_whole_words(seed: int) -> None:
    """The rule that decides which stored matches a lexicon edit can change: whatever a
    matcher token is, its runs of letters and digits are whole words of the folded text."""
    import random

    from framing.lexicon.matcher import normal_token
    from framing.model import Article
    from framing.store_entries import _WORD_RUN, folded_text, has_words
    from framing.text.segment import tokenize

    pieces = ["port", "PORT", "Port's", "port\u2019s", "ΛΟΓΟΣ", "λόγος", "İzmir", "x2",
              "2024", "re", "-", "_", "'", "\u2019", " ", ".", "Σ", "ς", "s", "de'", "über",
              "Ⅻ"]  # fmt: skip
    rng = random.Random(seed)
    for _ in range(300):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 12)))
        article = Article("a", "Outlet", rng.choice(["", "Port"]), text)
        folded = folded_text(article)
        for token in tokenize(f"{article.title}\n{article.text}"):
            words = sorted(set(_WORD_RUN.findall(normal_token(token.text).lower())))
            assert has_words(folded, words), (text, token.text, words)
    assert not has_words(folded_text(Article("a", "O", "", "renegotiations")), ["negotiations"])
