"""Stance per target: connotations aimed at different targets are never added together, and
words out of their target's scope are listed (with the reason) but counted nowhere.

The articles are written for this test: an invented country where a general, Ivan Orsk, fights
a rebel movement, the Northern Front, and where another officer, Field Marshal Vesk, appears.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from typer.testing import CliRunner

import framing
from framing.cli import app
from framing.compare.model import Comparison
from framing.lexicon.loader import merge
from framing.lexicon.model import Lexicon
from framing.lexicon.pack_parser import parse_pack
from framing.model import Article, Corpus, ScoredCorpus
from framing.render.comparison_csv import comparison_tables
from framing.render.csv_tables import score_tables
from framing.render.worksheet import worksheet_questions

PACK = """\
about:
  name: orsk
  title: The Orsk conflict
  description: Titles for a general and names for the rebels who fight him.
  language: en
  version: "1"
  licence: CC0
  sources: [written for the tests]
  connotations:
    delegitimizing: casts doubt
    neutral: descriptive
    legitimizing: lends authority
concepts:
  - id: orsk_title
    label: How Ivan Orsk is titled
    note: Titles carry judgement.
    target: orsk
    variants:
      - {term: Field Marshal, connotation: legitimizing, note: The rank as a title., plural: false}
      - {term: strongman, connotation: delegitimizing, note: A ruler by force.}
  - id: front_naming
    label: How the Northern Front's fighters are named
    note: Names for fighters carry judgement.
    target: front
    target_rule: names
    variants:
      - {term: Front terrorists, connotation: delegitimizing, note: Calls them terrorists.}
      - {term: Front freedom fighters, connotation: legitimizing, note: Calls them heroes.}
  - id: loaded
    label: Loaded verbs
    note: Verbs that dramatise.
    variants:
      - {term: slammed, connotation: delegitimizing, note: A dramatic verb., plural: false}
actors:
  - id: orsk
    label: Ivan Orsk
    aliases: [Orsk, Ivan Orsk]
  - id: front
    label: The Northern Front
    aliases: [Northern Front]
"""

ARTICLES = {
    "Capital Herald": [
        "Field Marshal Ivan Orsk inspected the garrison on Monday. Front terrorists shelled a "
        "depot near the river, the army said. Field Marshal Orsk promised to rebuild it.",
        "Front terrorists blocked the highway again. Field Marshal Vesk, a retired officer, "
        "slammed the blockade. Orsk ordered the road cleared.",
    ],
    "Valley Voice": [
        "The strongman Ivan Orsk sent tanks to the valley. Front freedom fighters held the "
        "bridge for a third day. Orsk said the bridge would fall.",
        "Front freedom fighters freed two villages, residents said. The strongman, Orsk, "
        "called it a lie. Orsk spoke from the capital.",
    ],
}


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    return merge([parse_pack(PACK, "orsk.yaml")])


@pytest.fixture(scope="module")
def scored(lexicon: Lexicon) -> ScoredCorpus:
    articles = tuple(
        Article(id=f"{outlet[:4].lower()}{n}", outlet=outlet, title="", text=text)
        for outlet, texts in ARTICLES.items()
        for n, text in enumerate(texts)
    )
    return framing.score_corpus(Corpus(articles), lexicon)


@pytest.fixture(scope="module")
def comparison(scored: ScoredCorpus, lexicon: Lexicon) -> Comparison:
    return framing.compare(scored, lexicon, frozenset({"the", "a"}))


def balance(comparison: Comparison, group: str, target: str) -> float | None:
    found = [s for s in comparison.stances if (s.group, s.target) == (group, target)]
    assert len(found) == 1
    return found[0].balance.value


def test_opposite_stances_toward_two_targets_never_cancel(comparison: Comparison) -> None:
    # Each outlet honours one side and disparages the other: pooled, both would be near 0.
    assert balance(comparison, "Capital Herald", "orsk") == 1.0
    assert balance(comparison, "Capital Herald", "front") == -1.0
    assert balance(comparison, "Valley Voice", "orsk") == -1.0
    assert balance(comparison, "Valley Voice", "front") == 1.0
    # "slammed" is in its own group; no untargeted word legitimizes, so it has no balance
    assert balance(comparison, "Capital Herald", "") is None
    assert not hasattr(comparison.profiles[0], "connotation_balance")


def test_connotation_shares_add_up_within_each_target(comparison: Comparison) -> None:
    totals: dict[tuple[str, str], float] = {}
    for share in comparison.connotations:
        key = (share.group, share.target)
        totals[key] = totals.get(key, 0.0) + (share.share.value or 0.0)
    assert totals == pytest.approx(
        {("Capital Herald", "orsk"): 1.0, ("Capital Herald", "front"): 1.0,
         ("Capital Herald", ""): 1.0, ("Valley Voice", "orsk"): 1.0,
         ("Valley Voice", "front"): 1.0}
    )  # fmt: skip


def test_out_of_scope_title_is_listed_with_its_reason_but_not_counted(
    scored: ScoredCorpus, comparison: Comparison, lexicon: Lexicon
) -> None:
    herald = [s for s in comparison.stances if s.group == "Capital Herald" and s.target == "orsk"]
    assert (herald[0].legitimizing, herald[0].mentions) == (2, 2)  # Field Marshal Vesk is not
    rows = list(csv.DictReader(io.StringIO(score_tables(scored, lexicon)["term_hits.csv"])))
    dropped = [row for row in rows if row["counted"] == "false"]
    assert [(r["matched_text"], r["target"], r["scope_reason"]) for r in dropped] == [
        ("Field Marshal", "orsk", "title before another name: Vesk")
    ]
    untargeted = [row for row in rows if row["concept"] == "loaded"]
    assert [(r["target"], r["counted"], r["scope_reason"]) for r in untargeted] == [
        ("(untargeted)", "true", "")
    ]
    articles = list(csv.DictReader(io.StringIO(score_tables(scored, lexicon)["articles.csv"])))
    assert articles[1]["term_hits_out_of_scope"] == "1"
    assert articles[1]["connotation_legitimizing_toward_orsk"] == "0"
    assert articles[1]["connotation_delegitimizing_toward_front"] == "1"


def test_connotation_tables_are_per_target(comparison: Comparison) -> None:
    tables = comparison_tables(comparison)
    balance_rows = list(csv.DictReader(io.StringIO(tables["connotation_balance.csv"])))
    assert {(r["outlet"], r["target"], r["balance"]) for r in balance_rows} == {
        ("Capital Herald", "orsk", "1.0"), ("Capital Herald", "front", "-1.0"),
        ("Capital Herald", "(untargeted)", ""), ("Valley Voice", "orsk", "-1.0"),
        ("Valley Voice", "front", "1.0"),
    }  # fmt: skip
    assert "connotation_balance" not in tables["outlets.csv"].splitlines()[0]
    shares = tables["connotation_shares.csv"].splitlines()[0]
    assert shares.startswith("outlet,target,connotation,")


def test_worksheet_asks_about_one_target_at_a_time(
    comparison: Comparison, lexicon: Lexicon
) -> None:
    questions = worksheet_questions(comparison, lexicon)
    stance = [q for q in questions if q.startswith("Toward ")]
    assert len(stance) == 1
    assert stance[0].startswith("Toward Ivan Orsk,") or stance[0].startswith(
        "Toward The Northern Front,"
    )


NO_HAFTAR = [
    "Field Marshal Vesk, the strongman of Corvania, closed the border on Sunday. The field "
    "marshal said the army would stay on the streets until the vote.",
    "Opposition leaders called Vesk a dictator. The regime's critics said the strongman had "
    "jailed 40 journalists since the coup, and the late leader's party has been banned.",
]


def test_a_corpus_without_haftar_gets_nothing_about_haftar_or_gaddafi() -> None:
    lexicon = framing.read_lexicon()
    articles = tuple(
        Article(id=f"c{n}", outlet=f"Outlet {n}", title="", text=text)
        for n, text in enumerate(NO_HAFTAR)
    )
    scored = framing.score_corpus(Corpus(articles), lexicon)
    comparison = framing.compare(scored, lexicon, framing.read_stopwords())
    counted = {hit.concept for score in scored.scores for hit in score.terms}
    assert not counted & {"haftar_title", "gaddafi_title"}
    dropped = {hit.concept for score in scored.scores for hit in score.out_of_scope}
    assert {"haftar_title", "gaddafi_title"} <= dropped
    assert not {s.target for s in comparison.stances} & {"haftar", "gaddafi"}
    text = " ".join(worksheet_questions(comparison, lexicon))
    assert "Haftar" not in text and "Gaddafi" not in text


def test_the_report_on_that_corpus_never_mentions_haftar_or_gaddafi(tmp_path: Path) -> None:
    corpus = tmp_path / "corvania"
    corpus.mkdir()
    for n, text in enumerate(NO_HAFTAR):
        (corpus / f"c{n}.txt").write_text(f"Corvania votes\n\n{text}\n", encoding="utf-8")
    out = tmp_path / "report"
    # The Libya pack is forced on: detection alone would keep it off for this corpus, and the
    # point here is that its titles stay unattributed even when it is used.
    args = ["report", str(corpus), "--out", str(out), "--worksheet", "--pack", "libya"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.stderr
    for name in ("report.md", "report.html"):
        text = (out / name).read_text(encoding="utf-8")
        assert "Haftar" not in text and "Gaddafi" not in text, name
    hits = list(csv.DictReader((out / "term_hits.csv").open(encoding="utf-8", newline="")))
    titles = [row for row in hits if row["concept"] == "haftar_title"]
    assert titles and all(row["counted"] == "false" for row in titles)
    assert {row["scope_reason"] for row in titles} == {"the target is not named in the article"}
