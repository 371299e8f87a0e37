"""The per-target connotation table every report format shows, as text cells.

One row per target some group aims words at (actors in lexicon order, then the untargeted group,
labelled as such), one cell per group: the balance toward that target and the counts it rests on.
Nothing is summed across rows: each row is one target.
"""

from __future__ import annotations

from framing.compare.model import Comparison, TargetStance
from framing.compare.stance import UNTARGETED, target_label
from framing.lexicon.model import Lexicon
from framing.render.text import interval

STANCE_EXPLANATION = (
    "Each row is one target: the words an outlet aims at that person or group only. The balance "
    "runs from \u22121 (only delegitimizing words) to +1 (only legitimizing ones); in brackets, "
    "legitimizing : delegitimizing words, of all words aimed at the target. Words that are not "
    "aimed at a named target (loaded words, names for fighters, ...) have their own row and are "
    "never added to a target's."
)


def stance_cell(stance: TargetStance | None) -> str:
    """``+0.33 (2:1 of 4)``, ``n/a (0:0 of 3)``, or an em dash without any word aimed."""
    if stance is None:
        return "\u2014"
    return (
        f"{interval(stance.balance, 'signed', 2)} "
        f"({stance.legitimizing}:{stance.delegitimizing} of {stance.mentions})"
    )


def stance_rows(comparison: Comparison, lexicon: Lexicon) -> list[tuple[str, str, list[str]]]:
    """(target id, target label, one cell per group) for every target any group aims at."""
    labels = {actor.id: actor.label for actor in lexicon.actors}
    found = {(s.group, s.target): s for s in comparison.stances}
    targets = list(dict.fromkeys(s.target for s in comparison.stances))
    known = {actor.id: index for index, actor in enumerate(lexicon.actors)}
    targets.sort(key=lambda t: (t == UNTARGETED, known.get(t, len(known)), t))
    return [
        (
            target,
            target_label(target, labels),
            [stance_cell(found.get((group, target))) for group in comparison.groups],
        )
        for target in targets
    ]
