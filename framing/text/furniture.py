"""Remove page furniture (widgets, ads, source-domain lists) from saved articles.

Rules come from ``lexicons/furniture.yaml`` and apply to whole lines only, so a sentence that
merely contains "Advertisement" is never cut. Every removed line is kept as a
:class:`~framing.model.Removal` so the cleaning is visible in the output.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from re import _parser as regex_parser  # type: ignore[attr-defined]
from typing import Any

from framing.lexicon.schema import Node, Reader, compose
from framing.model import Removal

_ABOUT = ("title", "description", "version", "licence", "sources")
REPEATED_HEADLINE = "repeated_headline"
# Invisible characters that split words ("Dae\u200bsh") without showing; removed before anything
# else so matching, counts and offsets all see the same text.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))


@dataclass(frozen=True)
class FurnitureRule:
    """Lines to drop: exact lines (compared case-insensitively) or a whole-line pattern."""

    id: str
    lines: frozenset[str]
    pattern: re.Pattern[str] | None


@dataclass(frozen=True)
class FurnitureRules:
    rules: tuple[FurnitureRule, ...]
    sha256: str
    # Every rule's lines, and one pattern matching where any rule's pattern does: most lines
    # are article text that no rule matches, and these answer that in one look each.
    _lines: frozenset[str] = field(init=False, repr=False, compare=False)
    _patterns: re.Pattern[str] | None = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_lines", frozenset().union(*(r.lines for r in self.rules)))
        sources = [f"(?:{r.pattern.pattern})" for r in self.rules if r.pattern is not None]
        try:
            either = re.compile("|".join(sources), re.IGNORECASE) if sources else None
        except re.error:  # flags or group names that only stand alone: no shortcut
            either = re.compile(".*", re.DOTALL)
        object.__setattr__(self, "_patterns", either)

    def rule_for(self, line: str, folded: str | None = None) -> str | None:
        """The id of the first rule that matches the stripped ``line``, if any; ``folded`` is
        the line with its spaces collapsed and its case folded (see :func:`_fold`), when known."""
        if folded is None:
            folded = _fold(line)
        stripped = line.strip()
        if folded not in self._lines and (
            self._patterns is None or not self._patterns.fullmatch(stripped)
        ):
            return None
        for rule in self.rules:
            if folded in rule.lines or (rule.pattern and rule.pattern.fullmatch(stripped)):
                return rule.id
        return None


def parse_furniture(text: str, path: str) -> FurnitureRules:
    """Parse and validate a furniture file (schema in ``lexicons/README.md``)."""
    reader = Reader(path)
    top = reader.mapping(compose(text, path), "the file", required=("about", "rules"))
    reader.mapping(top["about"], "about", required=_ABOUT)
    rules = []
    seen: set[str] = set()
    for node in reader.sequence(top["rules"], "rules"):
        keys = reader.mapping(node, "a rule", required=("id",), optional=("lines", "pattern"))
        rule_id = reader.identifier(keys["id"], "rule id")
        if rule_id in seen or rule_id == REPEATED_HEADLINE:
            raise reader.fail(keys["id"], f"rule id {rule_id!r} is used twice or reserved")
        seen.add(rule_id)
        if "lines" not in keys and "pattern" not in keys:
            raise reader.fail(node, f"rule {rule_id!r} needs 'lines' or 'pattern'")
        lines = (
            reader.text_list(keys["lines"], f"the lines of {rule_id!r}") if "lines" in keys else ()
        )
        pattern = _pattern(reader, keys["pattern"], rule_id) if "pattern" in keys else None
        folded = frozenset(" ".join(line.split()).casefold() for line in lines)
        rules.append(FurnitureRule(rule_id, folded, pattern))
    return FurnitureRules(tuple(rules), hashlib.sha256(text.encode("utf-8")).hexdigest())


def _pattern(reader: Reader, node: Node, rule_id: str) -> re.Pattern[str]:
    source = reader.text(node, f"the pattern of {rule_id!r}")
    try:
        compiled = re.compile(source, re.IGNORECASE)
        parsed = regex_parser.parse(source)
    except re.error as error:
        raise reader.fail(
            node, f"pattern of {rule_id!r} is not a valid regular expression: {error}"
        ) from None
    problem = _backtracking_risk(parsed.data if hasattr(parsed, "data") else parsed, False)
    if problem:
        raise reader.fail(node, f"pattern of {rule_id!r} {problem}; simplify it")
    return compiled


def _backtracking_risk(items: Any, inside_repeat: bool) -> str:
    # Backreferences and a repetition nested inside another are the constructs that make a
    # regular expression take exponential time; refusing them keeps matching linear in practice.
    for opcode, argument in items:
        name = str(opcode)
        if name in ("GROUPREF", "GROUPREF_EXISTS"):
            return "uses a backreference"
        if name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
            loops = argument[1] > 1  # an optional part (?) is not a loop
            if inside_repeat and loops:
                return "nests one repetition inside another"
            problem = _backtracking_risk(argument[2], inside_repeat or loops)
        elif name == "SUBPATTERN":
            problem = _backtracking_risk(argument[-1], inside_repeat)
        elif name == "BRANCH":
            problem = next(
                (p for p in (_backtracking_risk(b, inside_repeat) for b in argument[1]) if p), ""
            )
        else:
            problem = ""
        if problem:
            return problem
    return ""


@dataclass(frozen=True)
class CleanText:
    """An article's headline and body after furniture removal, with the record of removals."""

    title: str
    body: str
    removed: tuple[Removal, ...]


def clean_article(raw: str, rules: FurnitureRules, title: str | None = None) -> CleanText:
    """Drop furniture lines from ``raw``; take the first remaining line as headline if ``title``
    is ``None``. Lines that repeat the headline (as saved pages often do) are dropped too.
    """
    removed: list[Removal] = []
    kept: list[str] = []
    raw = raw.translate(_INVISIBLE)
    headline = title.translate(_INVISIBLE).strip() if title is not None else None
    folded_headline = _fold(headline) if headline else None
    for number, line in enumerate(raw.splitlines(), start=1):
        if not line.strip():
            kept.append("")
            continue
        folded = _fold(line)
        rule = rules.rule_for(line, folded)
        if rule is None and folded_headline and _repeats_headline(folded, folded_headline):
            rule = REPEATED_HEADLINE
        if rule is not None:
            removed.append(Removal(number, rule, line.strip()))
        elif headline is None:
            headline = line.strip()
            folded_headline = _fold(headline)
        else:
            kept.append(line.rstrip())
    body = _tidy("\n".join(kept))
    return CleanText(headline or "", body, tuple(removed))


def _repeats_headline(line: str, headline: str) -> bool:
    # Saved pages repeat the headline, sometimes with a label glued on ("... Ties aBREAKING").
    # Only a headline of four words or more is trusted, and at most two words may follow it, so
    # a paragraph that merely starts with a short headline's words is kept.
    if line == headline:
        return True
    if len(headline.split()) < 4 or not line.startswith(headline):
        return False
    return len(line[len(headline) :].split()) <= 2


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()


def _tidy(text: str) -> str:
    # Collapse the blank lines that removal leaves behind into single paragraph breaks.
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text)]
    return "\n\n".join(p for p in paragraphs if p)
