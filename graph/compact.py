"""Shared, read-only values for a large graph: one object for each distinct string, list and props.

A national corpus repeats the same file path on every task and assignment of a
plan, the same section path on every task under a heading, the same role and
unit names thousands of times. Built naively each occurrence is its own object;
:class:`Interner` hands out one object per distinct value, so a value costs its
bytes once and a pointer per use. Props become :class:`graph.model.Props`
(keys shared per shape); props without evidence offsets (``words`` of a
domain tag, an empty edge) are shared whole between the edges that have them.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from graph.model import EMPTY_PROPS, Props

#: Strings at most this long are shared (names, paths, roles); longer ones (task texts) are unique anyway.
SHARED_STRING_MAX = 64


class Interner:
    """One object per distinct value, for the lifetime of one build."""

    def __init__(self) -> None:
        self._strings: dict[str, str] = {}
        self._lists: dict[tuple[Any, ...], list[Any]] = {}
        self._props: dict[tuple[Any, ...], Props] = {}

    def string(self, value: str) -> str:
        """The shared object equal to ``value``."""
        return self._strings.setdefault(value, value)

    def value(self, value: Any) -> Any:
        """A prop value with its short strings and its lists shared."""
        if isinstance(value, str):
            return self._strings.setdefault(value, value) if len(value) <= SHARED_STRING_MAX else value
        if isinstance(value, list):
            items = tuple(self.value(v) for v in value)
            return self._lists.setdefault(items, list(items))
        return value

    def props(self, props: Mapping[str, Any]) -> Props:
        """Read-only props with shared values; small props without evidence offsets shared whole."""
        if not props:
            return EMPTY_PROPS
        values = tuple(self.value(v) for v in props.values())
        keys = tuple(props)
        if "char_start" in props:
            return Props.from_parts(keys, values)
        key = (keys, tuple(tuple(v) if isinstance(v, list) else v for v in values))
        shared = self._props.get(key)
        if shared is None:
            shared = self._props[key] = Props.from_parts(keys, values)
        return shared
