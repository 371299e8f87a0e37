"""Beyond Libya: on another subject the topic packs stay off and the general packs alone give a
meaningful report.

The corpus in tests/corpora/housing/ is self-written (see its README): three invented outlets
frame one council vote in economic, loaded-hostile and fairness terms.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

import framing
from framing.cli import app

HOUSING = Path(__file__).resolve().parent / "corpora" / "housing"
GENERAL_PACKS = ("general", "loaded_language", "frames")


@pytest.fixture(scope="module")
def comparison() -> tuple[framing.Lexicon, framing.Comparison]:
    lexicon = framing.read_lexicon(packs=GENERAL_PACKS)
    result = framing.score_corpus(framing.read_corpus([HOUSING]), lexicon)
    return lexicon, framing.compare(result, lexicon, framing.read_stopwords())


def frame_share(comparison: framing.Comparison, outlet: str, frame: str) -> float:
    found = next(f for f in comparison.frames if (f.group, f.frame) == (outlet, frame))
    return found.share.value or 0.0


def test_frame_profiles_tell_the_outlets_apart(
    comparison: tuple[framing.Lexicon, framing.Comparison],
) -> None:
    _lexicon, result = comparison
    assert frame_share(result, "Harbour Gazette", "frame_economic") > 0.4
    gazette_fairness = frame_share(result, "Harbour Gazette", "frame_fairness_equality")
    assert frame_share(result, "Civic Voice", "frame_fairness_equality") > gazette_fairness
    assert frame_share(result, "Civic Voice", "frame_quality_of_life") > frame_share(
        result, "Harbour Gazette", "frame_quality_of_life"
    )


def test_loaded_language_marks_the_hostile_outlet(
    comparison: tuple[framing.Lexicon, framing.Comparison],
) -> None:
    lexicon, result = comparison
    loaded = {c.id for c in lexicon.concepts if c.pack == "loaded_language"}
    mentions = {
        p.group: sum(
            s.mentions for s in result.variant_shares if s.group == p.group and s.concept in loaded
        )
        for p in result.profiles
    }
    assert mentions["Daily Clarion"] > 3 * max(mentions["Harbour Gazette"], 1)
    clarion = {
        s.variant for s in result.variant_shares if s.group == "Daily Clarion" and s.mentions
    }
    assert {"slammed", "draconian", "bombshell"} <= clarion


def test_report_on_another_subject_leaves_the_topic_packs_off(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["report", str(HOUSING), "--out", str(tmp_path)])
    assert result.exit_code == 0, result.stderr
    assert "Packs used: general, loaded_language, frames." in result.stderr
    report = (tmp_path / "report.md").read_text(encoding="utf-8")
    assert "## Which frames each outlet uses" in report
    assert "Economic" in report and "Fairness and equality" in report
    assert "Loaded" in report or "loaded" in report
    assert "Attribution and hedging" in report  # the packs used are named
    compared = report.split("## What was compared")[1].split("\n## ")[0]
    assert "libya: off, 0 of 6 articles mention its terms" in compared
    assert "Haftar" not in report
