"""The scene checker finds what it promises to find (it is tested on broken scenes)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from manim import DOWN, Arrow, Dot, MathTex, Text

from scenes.kit.checking import check_scene
from scenes.kit.scene import Invariant, MathScene
from scenes.parameters import parameter


@dataclass(frozen=True)
class ToyParams:
    fault: str = parameter(
        "none",
        "which fault to draw",
        choices=("none", "offscreen", "overlap", "tiny", "invariant", "arrow", "nan", "covers"),
    )


class ToyScene(MathScene):
    """A toy scene.

    Draws one fault on purpose so the checker can be seen to catch it.
    """

    params_type = ToyParams

    def construct(self) -> None:
        fault = self.params.fault
        self.data = {"tip": [1.0, 0.0]}
        self.beat("only", "A toy beat.")
        title = Text("Title", font_size=30).to_edge(DOWN)
        self.arrow = Arrow([0, 0, 0], [1 if fault != "invariant" else 1.5, 0, 0], buff=0)
        mobs: list[Any] = [title, self.arrow]
        if fault == "offscreen":
            mobs.append(MathTex("x^2", font_size=30).move_to([7.5, 0, 0]))
        if fault == "overlap":
            mobs.append(Text("Title too", font_size=30).move_to(title.get_center()))
        if fault == "tiny":
            mobs.append(MathTex("y", font_size=10).move_to([2, 2, 0]))
        if fault == "arrow":
            mobs.append(Arrow([0, 0, 0], [0, 5, 0], buff=0))
        if fault == "covers":
            mobs.append(Dot([-3, 2, 0]))
            mobs.append(MathTex("label", font_size=30).move_to([-3, 2, 0]))
        if fault == "nan":
            dot = Dot([1, 1, 0])
            dot.points[0, 0] = float("nan")
            mobs.append(dot)
        self.add(*mobs)
        self.wait(0.1)

    def invariants(self, beat: str) -> list[Invariant]:
        return [Invariant("arrow tip", self.arrow.get_end()[:2], self.data["tip"])]


def problems(fault: str) -> list[str]:
    return check_scene(ToyScene, ToyParams(fault=fault)).problems


def test_a_clean_scene_passes() -> None:
    report = check_scene(ToyScene, ToyParams())
    assert report.beats == ["only"]
    assert report.problems == []


def test_text_outside_the_frame_is_caught() -> None:
    (p,) = problems("offscreen")
    assert "leaves the frame" in p and "x^2" in p


def test_overlapping_texts_are_caught() -> None:
    (p,) = problems("overlap")
    assert "overlaps" in p and "Title" in p


def test_tiny_text_is_caught() -> None:
    (p,) = problems("tiny")
    assert "too small" in p


def test_broken_invariant_is_caught() -> None:
    (p,) = problems("invariant")
    assert "invariant 'arrow tip'" in p and "off by 0.5" in p


def test_arrow_tip_outside_the_frame_is_caught() -> None:
    (p,) = problems("arrow")
    assert "Arrow" in p and "outside the frame" in p


def test_non_finite_coordinates_are_caught() -> None:
    assert any("non-finite" in p for p in problems("nan"))


def test_text_covering_a_dot_is_caught() -> None:
    (p,) = problems("covers")
    assert "covers a dot at (-3.00, 2.00)" in p
