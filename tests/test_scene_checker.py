"""The scene checker finds what it promises to find (it is tested on broken scenes)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from manim import DOWN, Arrow, Dot, MathTex, Text

from scenes.kit.checking import AA_CONTRAST, GOLDEN_SIZE, build_checked, check_scene
from scenes.kit.scene import Invariant, MathScene
from scenes.parameters import parameter

FAULTS = ("offscreen", "overlap", "tiny", "invariant", "arrow", "nan", "covers", "faint")


@dataclass(frozen=True)
class ToyParams:
    fault: str = parameter("none", "which fault to draw", choices=("none", *FAULTS, "all"))


class ToyScene(MathScene):
    """A toy scene.

    Draws one fault on purpose so the checker can be seen to catch it.
    """

    params_type = ToyParams

    def construct(self) -> None:
        faults = set(FAULTS) if self.params.fault == "all" else {self.params.fault}
        self.data = {"tip": [1.0, 0.0]}
        self.beat("only", "A toy beat.")
        title = Text("Title", font_size=30).to_edge(DOWN)
        self.arrow = Arrow([0, 0, 0], [1.5 if "invariant" in faults else 1, 0, 0], buff=0)
        mobs: list[Any] = [title, self.arrow]
        if "offscreen" in faults:
            mobs.append(MathTex("x^2", font_size=30).move_to([7.5, 0, 0]))
        if "overlap" in faults:
            mobs.append(Text("Title too", font_size=30).move_to(title.get_center()))
        if "tiny" in faults:
            mobs.append(MathTex("y", font_size=10).move_to([2, 2, 0]))
        if "arrow" in faults:
            mobs.append(Arrow([0, 0, 0], [0, 5, 0], buff=0))
        if "covers" in faults:
            mobs.append(Dot([-3, 2, 0]))
            mobs.append(MathTex("label", font_size=30).move_to([-3, 2, 0]))
        if "faint" in faults:  # dark grey on the dark background: contrast about 1.5
            mobs.append(Text("faint", font_size=30, color="#333333").move_to([3, 2, 0]))
        if "nan" in faults:
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


def test_a_faint_text_is_caught_by_the_contrast_check() -> None:
    assert problems("faint") == []  # layout and invariants do not judge colour
    (p,) = check_scene(ToyScene, ToyParams(fault="faint"), min_contrast=AA_CONTRAST).problems
    assert "Text('faint')" in p and "contrast" in p and "< 4.5" in p


class BeatlessScene(MathScene):
    """A scene without beats.

    Nothing is checked, so the checker must fail it rather than pass it.
    """

    params_type = ToyParams

    def construct(self) -> None:
        self.add(Text("Nothing to see", font_size=30))
        self.wait(0.1)


def test_a_scene_without_beats_does_not_pass() -> None:
    report = build_checked(BeatlessScene)
    assert report.beats == [] and report.problems == ["the scene declared no beats"]


def test_one_checked_build_reports_every_fault_at_once() -> None:
    """The entry point the test suite shares builds from cannot pass vacuously: a scene
    drawn with every fault is reported for each, in one build that also keeps the
    frame, the counts of what was measured and the scene itself."""
    report = build_checked(
        ToyScene, ToyParams(fault="all"), pixel_width=GOLDEN_SIZE[0], pixel_height=GOLDEN_SIZE[1]
    )
    text = "\n".join(report.problems)
    for found in (
        "x^2",  # leaves the frame
        "overlaps",
        "too small",
        "invariant 'arrow tip'",
        "Arrow at (0.00, 5.00) is outside the frame",
        "non-finite",
        "covers a dot at (-3.00, 2.00)",
    ):
        assert found in text, (found, text)
    assert all(p.startswith("[only] ") for p in report.problems)
    assert len(report.contrast) == 1 and "Text('faint')" in report.contrast[0]
    assert report.measured == {"only": {"texts": 6, "invariants": 1}}
    assert report.frames["only"].shape == (GOLDEN_SIZE[1], GOLDEN_SIZE[0], 3)
    assert report.frames["only"].any()  # the texts were drawn into the frame
    assert isinstance(report.scene, ToyScene) and report.scene.params.fault == "all"


def test_layout_and_invariant_results_do_not_depend_on_the_pixel_size() -> None:
    small = build_checked(ToyScene, ToyParams(fault="all"), pixel_width=320, pixel_height=180)
    large = build_checked(ToyScene, ToyParams(fault="all"), pixel_width=854, pixel_height=480)
    assert small.problems == large.problems and small.contrast == large.contrast
    assert small.measured == large.measured
    np.testing.assert_array_equal(
        small.scene.arrow.get_end(), large.scene.arrow.get_end(), err_msg="arrow tip"
    )
