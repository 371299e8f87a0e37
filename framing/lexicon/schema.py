"""Read YAML as a node tree and check it against a schema, reporting file and line.

PyYAML's ``compose`` keeps each value's position, so every problem (an unknown key, a wrong
type, a duplicate key that plain loading would silently overwrite) can name its line.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, TypeVar

import yaml

from framing.errors import LexiconError

T = TypeVar("T")
Node = yaml.Node
# libyaml's parser, when PyYAML was built with it, is about ten times faster and keeps marks.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def compose(text: str, path: str) -> Node:
    """Parse ``text`` into a node tree; a syntax error becomes a :class:`LexiconError`."""
    try:
        node = yaml.compose(text, Loader=_LOADER)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark is not None else None
        raise LexiconError(path, line, f"not valid YAML: {error.problem}") from None
    except yaml.YAMLError as error:
        raise LexiconError(path, None, f"not valid YAML: {error}") from None
    if node is None:
        raise LexiconError(path, None, "the file is empty; see lexicons/README.md for the schema")
    return node


def line_of(node: Node) -> int:
    """The 1-based line where ``node`` starts."""
    return int(node.start_mark.line) + 1


class Reader:
    """Typed access to the nodes of one file, raising :class:`LexiconError` with its line."""

    def __init__(self, path: str, collect: bool = False) -> None:
        self.path = path
        self.collect = collect
        self.problems: list[LexiconError] = []

    def attempt(self, parse: Callable[..., T], *args: Any) -> T | None:
        """Run ``parse``; when collecting, record its error and return ``None`` instead of
        raising, so one run can report every problem in a file."""
        if not self.collect:
            return parse(*args)
        try:
            return parse(*args)
        except LexiconError as problem:
            self.problems.append(problem)
            return None

    def fail(self, node: Node, message: str) -> LexiconError:
        return LexiconError(self.path, line_of(node), message)

    def mapping(
        self,
        node: Node,
        what: str,
        required: Iterable[str],
        optional: Iterable[str] = (),
        any_key: bool = False,
    ) -> dict[str, Node]:
        """The keys of a mapping node; unknown, duplicate and missing keys are errors."""
        if not isinstance(node, yaml.MappingNode):
            raise self.fail(node, f"{what} must be a mapping of keys to values")
        required = tuple(required)
        allowed = set(required) | set(optional)
        result: dict[str, Node] = {}
        for key_node, value_node in node.value:
            key = self.scalar_text(key_node, f"a key in {what}")
            if key in result:
                raise self.fail(key_node, f"{what} has the key {key!r} twice")
            if key not in allowed and not any_key:
                valid = ", ".join(sorted(allowed))
                raise self.fail(key_node, f"unknown key {key!r} in {what}; valid keys: {valid}")
            result[key] = value_node
        missing = [key for key in required if key not in result]
        if missing:
            raise self.fail(node, f"{what} is missing {', '.join(repr(k) for k in missing)}")
        return result

    def sequence(self, node: Node, what: str) -> list[Node]:
        if not isinstance(node, yaml.SequenceNode):
            raise self.fail(node, f"{what} must be a list")
        return list(node.value)

    def scalar_text(self, node: Node, what: str) -> str:
        if not isinstance(node, yaml.ScalarNode):
            raise self.fail(node, f"{what} must be a single value, not a list or mapping")
        return str(node.value)

    def text(self, node: Node, what: str) -> str:
        """A non-empty string (numbers are refused so that "1" and 1 cannot be confused)."""
        value = self.scalar_text(node, what)
        if node.tag != "tag:yaml.org,2002:str":
            raise self.fail(node, f'{what} must be text; quote it, e.g. "{value}"')
        value = value.strip()
        if not value:
            raise self.fail(node, f"{what} must not be empty")
        return value

    def boolean(self, node: Node, what: str) -> bool:
        value = self.scalar_text(node, what)
        if node.tag != "tag:yaml.org,2002:bool":
            raise self.fail(node, f"{what} must be true or false, not {value!r}")
        return value.lower() in ("true", "yes", "on")

    def text_list(self, node: Node, what: str, allow_empty: bool = False) -> tuple[str, ...]:
        items = tuple(
            self.text(item, f"each entry of {what}") for item in self.sequence(node, what)
        )
        if not items and not allow_empty:
            raise self.fail(node, f"{what} must list at least one entry")
        return items

    def identifier(self, node: Node, what: str) -> str:
        value = self.text(node, what)
        if not value.replace("_", "a").isalnum() or not value.isascii() or value != value.lower():
            raise self.fail(
                node, f"{what} {value!r} must use lower-case letters, digits and _ only"
            )
        return value
