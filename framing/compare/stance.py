"""Stance per target: which connotation labels can be counted toward which target.

A connotation share or balance only means something about one target: an outlet that calls
rebels "terrorists" and a ruler "Field Marshal" is not "balanced". Every connotation figure is
therefore kept per (target, label): the target is the actor a concept names (``target:`` in the
lexicon), and concepts without a target (loaded words, general vocabulary, fighters, ...) form
their own group, :data:`UNTARGETED`, shown as :data:`UNTARGETED_LABEL` and never added to a
target's figures.
"""

from __future__ import annotations

from framing.lexicon.model import Lexicon

UNTARGETED = ""
UNTARGETED_LABEL = "language not aimed at a named target"
# How the untargeted group is written in CSV files (an actor id never has brackets).
UNTARGETED_CELL = "(untargeted)"
LEGITIMIZING = "legitimizing"
DELEGITIMIZING = "delegitimizing"


def target_connotations(lexicon: Lexicon) -> tuple[tuple[str, str], ...]:
    """Every (target, connotation label) a variant of ``lexicon`` can be counted under.

    Targets come in the order of their first concept, the untargeted group last; labels in the
    packs' declaration order, only those some variant aimed at that target carries.
    """
    used: dict[str, set[str]] = {}
    for concept in lexicon.concepts:
        labels = used.setdefault(concept.target, set())
        labels.update(variant.connotation for variant in concept.variants)
    order = [target for target in used if target != UNTARGETED]
    if UNTARGETED in used:
        order.append(UNTARGETED)
    declared = lexicon.connotation_labels()
    return tuple((target, label) for target in order for label in declared if label in used[target])


def target_label(target: str, labels: dict[str, str]) -> str:
    """How a reader sees a target: the actor's label, or the untargeted group's name."""
    if target == UNTARGETED:
        return UNTARGETED_LABEL
    return labels.get(target, target)


def target_cell(target: str) -> str:
    """A target as written in a CSV cell: its actor id, or ``(untargeted)``."""
    return target or UNTARGETED_CELL


def column_name(target: str, label: str) -> str:
    """The articles.csv column counting one article's mentions of ``label`` toward ``target``."""
    if target == UNTARGETED:
        return f"connotation_{label}_untargeted"
    return f"connotation_{label}_toward_{target}"
