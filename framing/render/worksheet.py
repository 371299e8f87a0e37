"""Discussion questions for a class, generated from the findings of one comparison.

Every question comes from what was counted: a concept's words only where its target was in
scope, an actor only where it is named, a stance only toward one target at a time.
"""

from __future__ import annotations

from framing.compare.model import Comparison
from framing.compare.stance import UNTARGETED, target_label
from framing.lexicon.model import Lexicon

MAX_TERM_QUESTIONS = 4


def worksheet_questions(comparison: Comparison, lexicon: Lexicon) -> list[str]:
    """Questions that point students at the report's own contrasts, in report order."""
    questions: list[str] = []
    questions += _word_choice_questions(comparison, lexicon)
    questions += _actor_question(comparison, lexicon)
    questions += _stance_question(comparison, lexicon)
    questions += _readability_question(comparison)
    questions += _distinctive_term_question(comparison)
    if comparison.caveats:
        questions.append(
            f"The report warns: \u201c{comparison.caveats[0]}\u201d What can you conclude from "
            "these articles, and what would you need to check before saying anything about the "
            "outlets themselves?"
        )
    return questions


def _word_choice_questions(comparison: Comparison, lexicon: Lexicon) -> list[str]:
    questions = []
    for concept in lexicon.concepts:
        counts: dict[str, list[tuple[int, str]]] = {}
        for share in comparison.variant_shares:
            if share.concept == concept.id and share.mentions:
                counts.setdefault(share.group, []).append((share.mentions, share.variant))
        favourite: dict[str, str] = {}
        for group, found in counts.items():
            found.sort(reverse=True)
            if len(found) == 1 or found[0][0] > found[1][0]:  # a clear favourite, not a tie
                favourite[group] = found[0][1]
        pairs = sorted({(variant, group) for group, variant in favourite.items()})
        distinct: dict[str, str] = {}
        for variant, group in pairs:
            distinct.setdefault(variant, group)
        if len(distinct) < 2:
            continue
        (first_word, first_group), (second_word, second_group) = list(distinct.items())[:2]
        questions.append(
            f"{concept.label}: {first_group} mostly writes \u201c{first_word}\u201d, while "
            f"{second_group} mostly writes \u201c{second_word}\u201d. What does each word suggest? "
            "Which would you choose in a news report, and why?"
        )
        if len(questions) == MAX_TERM_QUESTIONS:
            break
    return questions


def _actor_question(comparison: Comparison, lexicon: Lexicon) -> list[str]:
    labels = {a.id: a.label for a in lexicon.actors}
    best: tuple[float, str, str, float, str, float] | None = None
    for actor in labels:
        rows = [
            p for p in comparison.actors
            if p.actor == actor and p.compound.value is not None and p.sentences >= 2
        ]  # fmt: skip
        if len(rows) < 2:
            continue
        high = max(rows, key=lambda p: (p.compound.value, p.group))
        low = min(rows, key=lambda p: (p.compound.value, p.group))
        gap = float(high.compound.value) - float(low.compound.value)  # type: ignore[arg-type]
        if best is None or gap > best[0]:
            best = (gap, actor, high.group, float(high.compound.value),  # type: ignore[arg-type]
                    low.group, float(low.compound.value))  # type: ignore[arg-type]  # fmt: skip
    if best is None or best[0] < 0.1:
        return []
    _gap, actor, high_group, high_value, low_group, low_value = best
    return [
        f"The words tied to {labels[actor]} read more positive in {high_group} "
        f"({high_value:+.2f}) than in {low_group} ({low_value:+.2f}). Find a sentence about "
        f"{labels[actor]} in each article. Is the difference in the words the writer chose, or "
        "in the events being reported?"
    ]


def _stance_question(comparison: Comparison, lexicon: Lexicon) -> list[str]:
    """The named target whose words lean most apart between two outlets, one legitimizing and
    one delegitimizing; nothing when no target divides them."""
    labels = {a.id: a.label for a in lexicon.actors}
    best: tuple[float, str, str, float, str, float] | None = None
    targets = dict.fromkeys(s.target for s in comparison.stances if s.target != UNTARGETED)
    for target in targets:
        rows = [
            (float(s.balance.value), s.group)
            for s in comparison.stances
            if s.target == target and s.balance.value is not None
        ]
        if len(rows) < 2:
            continue
        (low, low_group), (high, high_group) = min(rows), max(rows)
        if low < 0 < high and (best is None or high - low > best[0]):
            best = (high - low, target, high_group, high, low_group, low)
    if best is None:
        return []
    _gap, target, high_group, high, low_group, low = best
    label = target_label(target, labels)
    return [
        f"Toward {label}, the words {high_group} chooses lean legitimizing ({high:+.2f}) and "
        f"those {low_group} chooses lean delegitimizing ({low:+.2f}). Find these words in the "
        "marked articles. Does each outlet use the same kind of word for the other people in "
        "its story?"
    ]


def _readability_question(comparison: Comparison) -> list[str]:
    graded = [
        (dict(p.readability)["flesch_kincaid_grade"].value, p.group) for p in comparison.profiles
    ]
    known = sorted((value, group) for value, group in graded if value is not None)
    if len(known) < 2 or known[-1][0] - known[0][0] < 1:
        return []
    (easy_grade, easy), (hard_grade, hard) = known[0], known[-1]
    return [
        f"{hard} reads at about grade {hard_grade:.0f} and {easy} at about grade "
        f"{easy_grade:.0f}. Rewrite one long sentence from {hard} so a 12-year-old could follow "
        "it. What, if anything, is lost?"
    ]


def _distinctive_term_question(comparison: Comparison) -> list[str]:
    for term in comparison.distinguishing:
        if term.examples and term.words >= 1 and term.count >= 3:
            written = term.examples[0].term  # as the article writes it, e.g. "Di Maio"
            return [
                f"{term.group} uses \u201c{written}\u201d far more than the other outlets. Read "
                "the examples in the report. Is it a name, a topic, or a framing choice?"
            ]
    return []
