"""scenes.kit.fast_copy against Manim's own ``Mobject.__deepcopy__`` and ``get_family``.

The oracle is Manim 0.21's code, kept by the module as ``MANIM_DEEPCOPY`` and
``MANIM_GET_FAMILY``: a copy made both ways of every mobject on the stage of real scene
builds must be the same object graph (types, every attribute, every array with its
dtype and memory order, and which objects are shared: with the original, and between
attributes), and family lists must be equal, element by element, also with repeats.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import numpy as np
import pytest
from manim import Circle, Dot, Mobject, Square, VGroup

from conftest import scene_group
from scenes.kit import fast_copy

#: A scene of each kind: formulas and plots, a 3-D surface, a network, a plane.
SCENES = ["CentralLimit", "PartialDerivatives", "Backpropagation", "Composition"]


@contextmanager
def manim_copy() -> Iterator[None]:
    """Mobjects copy with Manim's own ``__deepcopy__`` inside the block."""
    mine = Mobject.__deepcopy__
    Mobject.__deepcopy__ = fast_copy.MANIM_DEEPCOPY  # type: ignore[method-assign]
    try:
        yield
    finally:
        Mobject.__deepcopy__ = mine  # type: ignore[method-assign]


def same_graph(a: Any, b: Any, original: Any, pairs: dict[int, int], path: str) -> None:
    """``a`` (Manim's copy) and ``b`` (the fast copy) of ``original`` are equal, share
    with the original exactly the same objects, and alias exactly alike."""
    assert type(a) is type(b), path
    assert (a is original) == (b is original), f"{path}: shared with the original in one only"
    if id(a) in pairs:
        assert pairs[id(a)] == id(b), f"{path}: aliased differently"
        return
    pairs[id(a)] = id(b)
    if isinstance(a, np.ndarray):
        assert a.dtype == b.dtype and a.shape == b.shape, path
        assert a.flags.c_contiguous == b.flags.c_contiguous, path
        assert a.flags.f_contiguous == b.flags.f_contiguous, path
        assert np.array_equal(a, b, equal_nan=a.dtype.kind == "f"), path
    elif isinstance(a, list | tuple):
        assert len(a) == len(b), path
        for k, (x, y) in enumerate(zip(a, b, strict=True)):
            same_graph(x, y, original[k], pairs, f"{path}[{k}]")
    elif isinstance(a, dict):
        assert list(a) == list(b), path
        keys = list(original)
        for k, key in enumerate(a):
            same_graph(a[key], b[key], original[keys[k]], pairs, f"{path}[{key!r}]")
    elif hasattr(a, "__dict__") and not isinstance(a, type):
        assert list(vars(a)) == list(vars(b)), path
        for key, x in vars(a).items():
            if key == "original_id":
                continue
            same_graph(x, vars(b)[key], vars(original).get(key), pairs, f"{path}.{key}")
    else:
        assert a == b or (a != a and b != b), path  # NaN equals NaN here


@pytest.fixture(scope="module", params=[pytest.param(s, marks=scene_group(s)) for s in SCENES])
def stage(request: pytest.FixtureRequest, built: Any) -> list[Mobject]:
    """The mobjects on the stage at the end of a scene's build (its defaults)."""
    return list(built(request.param).scene.mobjects)


def test_copies_equal_manims_own(stage: list[Mobject]) -> None:
    for mobject in stage:
        with manim_copy():
            theirs = copy.deepcopy(mobject)
        ours = copy.deepcopy(mobject)
        assert ours.original_id == theirs.original_id == str(id(mobject))
        same_graph(theirs, ours, mobject, {}, type(mobject).__name__)


def test_family_lists_equal_manims_own(stage: list[Mobject]) -> None:
    for mobject in stage:
        for member in mobject.get_family():
            assert member.get_family() == fast_copy.MANIM_GET_FAMILY(member)


def test_shared_members_and_repeats_keep_manims_order() -> None:
    dot, square, circle = Dot(), Square(), Circle()
    inner = VGroup(square, dot)
    circle.add(dot)
    outer = VGroup()
    outer.submobjects = [dot, inner, circle, inner]  # add() would drop the repeats
    assert outer.get_family() == fast_copy.MANIM_GET_FAMILY(outer)
    # outer dot inner square dot circle dot inner square dot: the last occurrences.
    assert outer.get_family() == [outer, circle, inner, square, dot]
    # A copy keeps the sharing: one copied dot, one copied inner group.
    twin = outer.copy()
    assert twin.submobjects[1] is twin.submobjects[3]
    assert twin.submobjects[0] is twin.submobjects[1].submobjects[1]
    assert twin.submobjects[0] is not dot


def test_copies_do_not_share_changeable_state() -> None:
    square = Square().set_fill("#ff0000", 0.5)
    twin = square.copy()
    twin.shift(np.array([1.0, 0.0, 0.0]))
    twin.set_fill("#00ff00", 1.0)
    assert np.allclose(square.get_center(), 0.0)
    assert square.get_fill_opacity() == 0.5
    assert square.get_fill_color().to_hex().lower() == "#ff0000"
