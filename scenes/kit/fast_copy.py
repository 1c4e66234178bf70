"""Mobject copies and family lists with the same results, without the generic machinery.

Manim copies a mobject with ``copy.deepcopy`` of each attribute (``Mobject.__deepcopy__``),
and every animation copies what it animates (a starting copy, a target), so in a scene
build with animations skipped a third of the time went to ``copy.deepcopy`` dispatching on
floats, flags, enums, colours and small point arrays one at a time (eight scenes: 21.4 of
63.5 s). And ``Mobject.get_family`` removes repeated members at every level of the tree
with a Python loop (``remove_list_redundancies``), called hundreds of thousands of times
a build (8.1 of 63.5 s with what it calls).

:func:`install` replaces both with versions that give the same result:

* ``__deepcopy__`` still makes a new object of the same class and copies every attribute
  through the same memo (so shared objects stay shared and cycles end), but handles the
  common attribute types inline: immutable values (numbers, strings, ``None``, the line
  joint and cap enums, functions) are kept as ``copy.deepcopy`` keeps them, a numeric
  array is copied with its memory order kept (``ndarray.__deepcopy__``), a
  :class:`ManimColor` is rebuilt with a copy of its value, and lists and dicts are copied
  item by item the same way; anything else goes to ``copy.deepcopy`` as before.
* ``get_family`` concatenates the members' families and keeps each mobject's last
  occurrence, which is what removing repeats at every level keeps, once, with a dict.

Imported by :mod:`scenes.kit.scene`, so every scene gets it (Manim is pinned to 0.21.0;
tests/test_kit_fast_copy.py compares both with Manim's own on the mobjects of real
scenes).
"""

from __future__ import annotations

import copy
import types
from typing import Any

import numpy as np
from manim import Mobject
from manim.constants import CapStyleType, LineJointType
from manim.utils.color import ManimColor

#: Types ``copy.deepcopy`` returns unchanged (its atomic types, and enums, whose
#: ``__deepcopy__`` returns the member itself).
_KEPT: frozenset[type] = frozenset(
    {
        int,
        float,
        bool,
        str,
        complex,
        bytes,
        type(None),
        types.FunctionType,
        types.BuiltinFunctionType,
        type,
        range,
        LineJointType,
        CapStyleType,
    }
)
_MISSING = object()

#: Manim's own methods, kept for the tests' comparisons.
MANIM_DEEPCOPY = Mobject.__deepcopy__
MANIM_GET_FAMILY = Mobject.get_family


def _copy_value(value: Any, memo: dict[int, Any]) -> Any:
    """``copy.deepcopy(value, memo)``, with the common types of mobject attributes
    handled here."""
    kind = type(value)
    if kind in _KEPT:
        return value
    found = memo.get(id(value), _MISSING)
    if found is not _MISSING:
        return found
    if kind is np.ndarray and not value.dtype.hasobject:
        result: Any = value.copy(order="K")
    elif kind is list:
        result = []
        memo[id(value)] = result
        result.extend([_copy_value(item, memo) for item in value])
        return result
    elif kind is dict:
        result = {}
        memo[id(value)] = result
        for key, item in value.items():
            result[_copy_value(key, memo)] = _copy_value(item, memo)
        return result
    elif kind is ManimColor:
        result = ManimColor.__new__(ManimColor)
        memo[id(value)] = result
        result.__dict__.update({k: _copy_value(v, memo) for k, v in value.__dict__.items()})
        return result
    elif isinstance(value, Mobject):
        return value.__deepcopy__(memo)  # it enters itself in the memo
    else:
        return copy.deepcopy(value, memo)
    memo[id(value)] = result
    return result


def _deepcopy(self: Mobject, memo: dict[int, Any]) -> Any:
    cls = self.__class__
    result = cls.__new__(cls)
    memo[id(self)] = result
    attributes = result.__dict__
    for key, value in self.__dict__.items():
        kind = type(value)
        if kind in _KEPT:
            attributes[key] = value
        elif kind is np.ndarray and id(value) not in memo and not value.dtype.hasobject:
            attributes[key] = memo[id(value)] = value.copy(order="K")
        else:
            attributes[key] = _copy_value(value, memo)
    result.original_id = str(id(self))
    return result


def _get_family(self: Mobject, recurse: bool = True) -> list[Mobject]:
    members = self.submobjects
    if not members:
        return [self]
    family: list[Mobject] = [self]
    for member in members:
        family.extend(member.get_family())
    kept = list(dict.fromkeys(reversed(family)))  # each mobject's last occurrence
    kept.reverse()
    return kept


def install() -> None:
    """Make mobject copies and family lists take the fast paths (idempotent). Any
    subclass with its own ``__deepcopy__`` (such as the SVG glyphs of
    :mod:`scenes.kit.svg_reuse`) still ends in ``Mobject.__deepcopy__``, now this one."""
    Mobject.__deepcopy__ = _deepcopy  # type: ignore[assignment]
    Mobject.get_family = _get_family  # type: ignore[method-assign]
