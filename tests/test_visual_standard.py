"""The visual standard's checks (scenes/kit/standard.py) find what they promise to find:
each rule is shown a tiny scene drawn with that fault on purpose, and a good one."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Any

import numpy as np
import pytest
from manim import (
    DOWN,
    UP,
    Dot,
    Integer,
    Line,
    MathTex,
    ParametricFunction,
    Tex,
    Text,
    VMobject,
)
from manim.mobject.text.numbers import DecimalNumber

from scenes.kit import standard
from scenes.kit.checking import build_checked
from scenes.kit.marks import dot_cloud
from scenes.kit.scene import MathScene
from scenes.kit.style import PALETTE
from scenes.parameters import parameter

FAULTS = (
    "glyph-subscript",
    "glyph-scaled",
    "glyph-number",
    "safe-text",
    "safe-dot",
    "typography",
    "e-notation",
    "colour",
    "marks-dot",
    "marks-line",
    "marks-cloud",
)


@dataclass(frozen=True)
class StandardToyParams:
    fault: str = parameter("none", "which fault to draw", choices=("none", *FAULTS))


class StandardToy(MathScene):
    """A toy scene for the visual standard.

    Draws a good picture, or one fault on purpose.
    """

    params_type = StandardToyParams

    def construct(self) -> None:
        fault = self.params.fault
        self.beat("only", "A toy beat.")
        mobs: list[Any] = [
            Text("Title 2026", font_size=30).to_edge(UP),
            MathTex(r"A = 12", font_size=44).move_to([-3, 1, 0]),
            Integer(7, font_size=44).move_to([-3, 0, 0]),
            Tex("Result 3", font_size=44).move_to([-3, -1, 0]),
            Dot([1, 1, 0], color="#e69f00"),
            ParametricFunction(
                lambda t: np.array([t, 0.5 * np.sin(t) - 1, 0]), t_range=[0, 3], color="#56b4e9"
            ),
            Text("steps taken", font_size=30).to_edge(DOWN),
            # A whole line that the frame cuts is not a mark near the edge.
            Line([-9, -2.5, 0], [9, -2.5, 0], color="#56b4e9"),
        ]
        extra = {
            "glyph-subscript": lambda: MathTex(r"A_{0}", font_size=30).move_to([3, 2, 0]),
            "glyph-scaled": lambda: Text("Hi", font_size=30).scale(0.5).move_to([3, 2, 0]),
            "glyph-number": lambda: DecimalNumber(3.14, font_size=20).move_to([3, 2, 0]),
            "safe-text": lambda: Text("edge", font_size=30).move_to([6.6, 0, 0]),
            "safe-dot": lambda: Dot([0, 3.8, 0], color="#e69f00"),
            "typography": lambda: Text("grad f at x1", font_size=30).move_to([3, 2, 0]),
            "e-notation": lambda: MathTex(r"1.0e-4", font_size=44).move_to([3, 2, 0]),
            "colour": lambda: Line([2, -2, 0], [4, -2, 0], color="#58c4dd"),
            "marks-dot": lambda: Dot([3, 1, 0], radius=0.02, color="#e69f00"),
            "marks-line": lambda: Line([2, -2, 0], [4, -2, 0], color="#56b4e9", stroke_width=2),
            "marks-cloud": lambda: dot_cloud(np.array([[3.0, 0.5, 0.0]]), "#e69f00", width=3),
        }
        if fault != "none":
            mobs.append(extra[fault]())
        self.add(*mobs)
        self.wait(0.1)


_REPORTS: dict[str, tuple[list[str], list[str]]] = {}


def standard_lines(fault: str) -> tuple[list[str], list[str]]:
    """(standard problems, checker problems) of the toy drawn with ``fault``."""
    if fault not in _REPORTS:
        found: list[str] = []
        report = build_checked(
            StandardToy,
            StandardToyParams(fault=fault),
            capture_frames=False,
            observer=lambda scene, beat: found.extend(
                f"[{beat.name}] {p}" for p in standard.standard_problems(scene, beat.name)
            ),
        )
        _REPORTS[fault] = (found, report.problems)
    return _REPORTS[fault]


def test_a_good_scene_passes_every_rule() -> None:
    found, problems = standard_lines("none")
    assert found == [] and problems == []


@pytest.mark.parametrize(
    ("fault", "rule", "words"),
    [
        ("glyph-subscript", "glyph", ["MathTex('A_{0}')", "'0' is", "px tall at 480p", "< 12 px"]),
        ("glyph-scaled", "glyph", ["Text('Hi')", "'H' is"]),
        ("glyph-number", "glyph", ["DecimalNumber(3.14)"]),
        ("safe-text", "safe", ["Text('edge')", "px outside the safe area at the right"]),
        ("safe-dot", "safe", ["Dot (point)", "outside the safe area at the top"]),
        (
            "typography",
            "typography",
            ["Text('grad f at x1')", 'a math word "grad"', 'a variable with an index "x1"'],
        ),
        ("e-notation", "typography", ["'1.0e-4'", "scientific notation"]),
        ("colour", "colour", ["#56b4e9", "#58c4dd", "apart in normal vision"]),
        ("marks-dot", "marks", ["Dot (point) at (3.00, 1.00) is 2.4 px across"]),
        ("marks-line", "marks", ["Line (line)", "is 1.2 px wide"]),
        ("marks-cloud", "marks", ["VMobject (point)", "is 1.8 px across"]),
    ],
)
def test_each_broken_scene_is_caught_by_its_rule(fault: str, rule: str, words: list[str]) -> None:
    found, _ = standard_lines(fault)
    assert len(found) == 1, found
    (line,) = found
    assert line.startswith(f"[only] {rule}: ") and standard.rule_of(line) == rule
    for w in words:
        assert w in line, (w, line)


def test_the_sizes_are_measured_on_the_drawn_glyphs() -> None:
    """The subscript's declared font size is the formula's (30, which the old checker
    accepts) and the scaled text's reads 15; the measured heights agree with the
    glyphs' outlines: the kit's 0.9 script size, and half of the unscaled text."""
    found, problems = standard_lines("glyph-subscript")
    assert not any("too small" in p for p in problems)  # font size 30 passes the old rule
    h = float(found[0].split("'0' is ")[1].split(" px")[0])
    assert 10.6 < h < 11.7  # 0.9 x the 12.4 px of a text-size digit at font size 30


def _lit_rows(frame: np.ndarray, background: np.ndarray) -> np.ndarray:
    lit = np.any(np.abs(frame.astype(int) - background.astype(int)) > 127, axis=2)
    return np.flatnonzero(lit.any(axis=1))


class OneMark(MathScene):
    """One mark for measuring.

    A horizontal line or a capital H, alone, to count its pixels.
    """

    params_type = StandardToyParams

    def construct(self) -> None:
        self.beat("only", "A toy beat.")
        if self.params.fault == "none":
            self.add(Line([-3, 0, 0], [3, 0, 0], stroke_width=10, color="#ffffff"))
        else:
            self.add(MathTex("H", font_size=48, color="#ffffff"))
        self.wait(0.1)


@pytest.mark.parametrize("size", [(854, 480), (1920, 1080)])
def test_stroke_width_maps_to_pixels_as_documented(size: tuple[int, int]) -> None:
    """Cairo draws stroke_width 10 as 10 * 0.01 scene units: 6 px at 480p, 13.5 at
    1080p, counted on the rendered frame (an oracle independent of the formula)."""
    seen: dict[str, Any] = {}
    report = build_checked(
        OneMark,
        StandardToyParams(),
        pixel_width=size[0],
        pixel_height=size[1],
        observer=lambda scene, beat: seen.update(
            px=standard.mark_size_px(scene, *standard.data_marks(scene)[0])
        ),
    )
    frame = report.frames["only"]
    rows = _lit_rows(frame, frame[0, 0])
    drawn = len(rows) * standard.REFERENCE_LINES / size[1]
    assert seen["px"] == pytest.approx(6.0, rel=1e-2)
    assert drawn == pytest.approx(6.0, abs=2.0 * standard.REFERENCE_LINES / size[1])


def test_glyph_height_agrees_with_the_rendered_pixels() -> None:
    seen: dict[str, Any] = {}
    report = build_checked(
        OneMark,
        StandardToyParams(fault="glyph-scaled"),
        observer=lambda scene, beat: seen.update(
            heights=standard.glyph_heights(scene, scene.mobjects[0])
        ),
    )
    ((char, h),) = seen["heights"]
    frame = report.frames["only"]
    rows = _lit_rows(frame, frame[0, 0])
    assert char == "H"
    assert h == pytest.approx(len(rows), abs=1.5)


def test_latex_digits_and_capitals_are_recognised_and_nothing_else() -> None:
    shown = {}

    class Glyphs(MathScene):
        """Glyphs.

        Digits, capitals and lower-case letters in several styles.
        """

        params_type = StandardToyParams

        def construct(self) -> None:
            self.beat("only", "A toy beat.")
            for k, (tex, expected) in enumerate(
                [
                    ("0123456789", "0123456789"),
                    ("ABCXYZ", "ABCXYZ"),
                    (r"\mathrm{ABC} \mathbf{Z9}", "ABCZ9"),
                    ("x_{17} y^{K}", "17K"),
                    ("abc + xyz", ""),
                ]
            ):
                mob = MathTex(tex, font_size=40).move_to([0, 2.5 - k, 0])
                self.add(mob)
                shown[tex] = (mob, expected)
            self.wait(0.1)

    def look(scene: Any, beat: Any) -> None:
        for tex, (mob, expected) in shown.items():
            got = "".join(c for c, _ in standard.glyph_heights(scene, mob))
            assert got == expected, (tex, got)

    build_checked(Glyphs, capture_frames=False, observer=look)


# ------------------------------------------------------------------ typography, by string


@pytest.mark.parametrize(
    "text",
    [
        "grad f",
        "sqrt n",
        "x_1",
        "P D P^-1",
        "H0 rejected",
        "lambda v",
        "e1 goes to (2, 1)",
        "σ = 2",
        "-3 at the start",
        "f(v_k) falls",
        "n² grows",
        "height: log(1 + f)",
    ],
)
def test_math_in_plain_text_is_flagged(text: str) -> None:
    assert standard.plain_text_math(text), text


@pytest.mark.parametrize(
    "text",
    [
        "steps taken",
        "density",
        "running mean",
        "well-known result",
        "Title 2026",
        "mean squared error, log scale",
    ],
)
def test_words_are_not_flagged(text: str) -> None:
    assert standard.plain_text_math(text) == [], text


@pytest.mark.parametrize("text", ["1.0e-4", "3E+05", r"2.5\mathrm{e}-3", "7e8"])
def test_e_notation_is_flagged(text: str) -> None:
    assert standard.E_NOTATION.search(text)


@pytest.mark.parametrize("text", [r"1.0 \times 10^{-4}", "e^{-x}", "the 1st", "2, 3e"])
def test_other_numbers_are_not_e_notation(text: str) -> None:
    assert not standard.E_NOTATION.search(text)


# ------------------------------------------------------------------ colour

#: Sharma, Wu and Dalal (2005), Table 1: (Lab 1, Lab 2, CIEDE2000), an independent oracle.
SHARMA_PAIRS = [
    ((50, 2.6772, -79.7751), (50, 0, -82.7485), 2.0425),
    ((50, 3.1571, -77.2803), (50, 0, -82.7485), 2.8615),
    ((50, 2.8361, -74.02), (50, 0, -82.7485), 3.4412),
    ((50, -1.3802, -84.2814), (50, 0, -82.7485), 1.0),
    ((50, 0, 0), (50, -1, 2), 2.3669),
    ((50, 2.49, -0.001), (50, -2.49, 0.0009), 7.1792),
    ((50, 2.49, -0.001), (50, -2.49, 0.0011), 7.2195),
    ((50, -0.001, 2.49), (50, 0.0009, -2.49), 4.8045),
    ((50, 2.5, 0), (50, 0, -2.5), 4.3065),
    ((50, 2.5, 0), (73, 25, -18), 27.1492),
    ((50, 2.5, 0), (61, -5, 29), 22.8977),
    ((50, 2.5, 0), (56, -27, -3), 31.903),
    ((50, 2.5, 0), (58, 24, 15), 19.4535),
    ((60.2574, -34.0099, 36.2677), (60.4626, -34.1751, 39.4387), 1.2644),
    ((63.0109, -31.0961, -5.8663), (62.8187, -29.7946, -4.0864), 1.263),
    ((22.7233, 20.0904, -46.694), (23.0331, 14.973, -42.5619), 2.0373),
    ((90.8027, -2.0831, 1.441), (91.1528, -1.6435, 0.0447), 1.4441),
    ((2.0776, 0.0795, -1.135), (0.9033, -0.0636, -0.5514), 0.9082),
]


@pytest.mark.parametrize(("lab1", "lab2", "expected"), SHARMA_PAIRS)
def test_ciede2000_matches_sharma_wu_dalal(
    lab1: tuple[float, ...], lab2: tuple[float, ...], expected: float
) -> None:
    assert standard.ciede2000(lab1, lab2) == pytest.approx(expected, abs=1e-4)
    assert standard.ciede2000(lab2, lab1) == pytest.approx(expected, abs=1e-4)


def test_lab_of_the_srgb_primaries() -> None:
    """CIELAB of sRGB red, green, blue and white (D65), the published values."""
    for color, lab in [
        ("#ff0000", (53.24, 80.09, 67.20)),
        ("#00ff00", (87.73, -86.18, 83.18)),
        ("#0000ff", (32.30, 79.19, -107.86)),
        ("#ffffff", (100.0, 0.0, 0.0)),
    ]:
        np.testing.assert_allclose(standard.seen(color), lab, atol=0.02)


def test_the_simulation_keeps_greys_and_merges_red_and_green() -> None:
    """Machado's matrices keep every grey (rows sum to 1) and make the classic
    red/green accept/reject pair hard to tell apart for deuteranopes."""
    for m in standard.MACHADO_2009.values():
        np.testing.assert_allclose(m.sum(axis=1), 1.0, atol=1e-5)
        np.testing.assert_allclose(standard.seen("#777777", "normal"), standard.seen("#777777"))
    assert standard.colour_distance("#83c167", "#fc6255") > 40
    assert standard.colour_distance("#83c167", "#fc6255", "deuteranopia") < 10


def test_okabe_ito_passes_and_near_twins_and_shared_roles_fail() -> None:
    assert standard.colour_distance_problems(standard.OKABE_ITO) == []
    worst = min(
        standard.colour_distance(a, b, v)
        for a, b in itertools.combinations(standard.OKABE_ITO, 2)
        for v in standard.VISIONS
    )
    assert worst > standard.MIN_COLOUR_DISTANCE
    (p,) = standard.colour_distance_problems({"momentum": "#ffd166", "adam": "#f4d345"})
    assert "momentum (#ffd166) and adam (#f4d345)" in p and "normal vision" in p
    (p,) = standard.colour_distance_problems({"tails": "#58C4DD", "mean": "#58c4dd"})
    assert p == "colour: tails and mean are both #58c4dd"
    (p,) = standard.colour_distance_problems({"accept": "#83c167", "reject": "#fc6255"})
    assert "deuteranopia" in p and "normal" not in p


class Roles(MathScene):
    """Declared roles.

    A scene that names its colour roles.
    """

    params_type = StandardToyParams

    def construct(self) -> None:
        self.beat("only", "A toy beat.")
        self.add(Dot(color="#ffd166"))
        self.wait(0.1)

    def colour_roles(self, beat: str) -> dict[str, str]:
        return {"heads": "#ffd166", "posterior": "#ffd166", "tails": "#0072b2"}


def test_a_scene_can_declare_its_colour_roles() -> None:
    found: list[str] = []
    build_checked(
        Roles,
        capture_frames=False,
        observer=lambda scene, beat: found.extend(standard.colour_problems(scene, beat.name)),
    )
    assert found == ["colour: heads and posterior are both #ffd166"]


class ManyThin(MathScene):
    """Many thin marks.

    Ten thin interval bars and one thin dot.
    """

    params_type = StandardToyParams

    def construct(self) -> None:
        self.beat("only", "A toy beat.")
        for k in range(10):
            self.add(Line([k * 0.5 - 2, -1, 0], [k * 0.5 - 2, 1, 0], stroke_width=1))
        self.add(Dot([3, 0, 0], radius=0.02))
        # A filled area without an outline is a shape, not a line of width 0.
        area = VMobject(fill_color="#e69f00", fill_opacity=0.4, stroke_width=0)
        self.add(area.set_points_as_corners([[0, 2, 0], [1, 2, 0], [1, 3, 0], [0, 2, 0]]))
        # An axis line in the theme's muted colour is furniture, not a data mark.
        self.add(Line([-3, -2, 0], [3, -2, 0], stroke_width=1, color=PALETTE.muted))
        self.wait(0.1)


def test_thin_marks_of_one_kind_are_one_problem() -> None:
    found: list[str] = []
    build_checked(
        ManyThin,
        capture_frames=False,
        observer=lambda scene, beat: found.extend(standard.mark_problems(scene)),
    )
    assert found == [
        "marks: 10 x Line (line), the first at (-2.00, 0.00), are 0.6 px wide at 480p (< 2 px)",
        "marks: Dot (point) at (3.00, 0.00) is 2.4 px across at 480p (< 3 px)",
    ]


def test_pen_dot_clouds_and_disc_clouds_are_points() -> None:
    pen = dot_cloud(np.zeros((3, 3)), "#ffffff", width=6)
    disc = dot_cloud(np.zeros((3, 3)), "#ffffff", radius=0.05)
    path = VMobject().set_points_as_corners([[0, 0, 0], [1, 0, 0], [1, 1, 0]])
    assert standard.is_pen_cloud(pen) and not standard.is_pen_cloud(path)
    assert standard.is_disc_cloud(disc) and not standard.is_disc_cloud(path)
    # A filled polygon of 4k + 1 corners has a multiple of 16 points: still not dots.
    corners = [[np.cos(t), np.sin(t), 0.0] for t in np.linspace(0, 2 * np.pi, 17)]
    polygon = VMobject(fill_color="#e69f00", fill_opacity=0.4, stroke_width=0)
    polygon.set_points_as_corners(corners)
    assert len(polygon.points) % 16 == 0 and not standard.is_disc_cloud(polygon)


def test_the_standard_command_rejects_an_unknown_scene(capsys: pytest.CaptureFixture[str]) -> None:
    from scenes.pipeline.cli import main

    assert main(["standard", "NoSuchScene"]) == 2
    err = capsys.readouterr().err
    assert "standard: unknown scene 'NoSuchScene'" in err and "LinearMap" in err


# --------------------------------------------------------------- the kit's own choices

#: Roles that share a picture somewhere in the gallery and so must be told apart:
#: the two basis images, accept and reject, the two eigen-directions, a density curve
#: beside its samples and the verdicts drawn over it.
CO_OCCURRING_ROLES = (
    ("i_hat", "j_hat"),
    ("accepted", "rejected"),
    ("eigen0", "eigen1"),
    ("density", "sample"),
    ("density", "accepted"),
    ("density", "rejected"),
    ("density", "interval"),
    ("gradient", "path"),
)


def _role(palette: Any, name: str) -> str:
    if name.startswith("eigen"):
        return str(palette.eigen[int(name[-1])])
    return str(getattr(palette, name))


@pytest.mark.parametrize("theme", ["dark", "light"])
def test_each_themes_series_and_paired_roles_are_colour_blind_safe(theme: str) -> None:
    """Every pair of the theme's series, and every pair of roles drawn together, are
    at least MIN_COLOUR_DISTANCE apart (CIEDE2000) in normal vision and under
    simulated deuteranopia and protanopia."""
    from scenes.kit.palettes import THEMES

    palette = THEMES[theme]
    assert standard.colour_distance_problems(list(palette.series)) == []
    pairs = {f"{a}/{b}": (_role(palette, a), _role(palette, b)) for a, b in CO_OCCURRING_ROLES}
    for pair, (ca, cb) in pairs.items():
        assert standard.colour_distance_problems({"a": ca, "b": cb}) == [], pair


def test_the_kit_sizes_meet_the_glyph_rule_with_indices() -> None:
    """With the kit's LaTeX template, a tick label (digits and an exponent) at
    TICK_SIZE and a subscript digit in a label at LABEL_SIZE are drawn at least 12 px
    tall at 480p, and so is a capital in Text at TEXT_SIZE; LaTeX's own script size
    (70%) would draw that subscript under 10 px."""
    from manim import TexTemplate, config

    from scenes.kit.style import LABEL_SIZE, MATH_TEMPLATE, TEXT_SIZE, TICK_SIZE

    scene = StandardToy()  # a MathScene makes the kit's template Manim's
    assert config.tex_template is MATH_TEMPLATE
    least = standard.MIN_GLYPH_FRACTION * standard.REFERENCE_LINES

    def smallest(mob: Any) -> float:
        return min(h for _, h in standard.glyph_heights(scene, mob))

    assert smallest(MathTex("0.25", font_size=TICK_SIZE)) >= least
    assert smallest(MathTex("10^{3}", font_size=TICK_SIZE)) >= least
    assert smallest(MathTex("v_{2}", font_size=LABEL_SIZE)) >= least
    assert smallest(Text("Density", font_size=TEXT_SIZE)) >= least
    # The same subscript measured on its outline's box, in the kit's and LaTeX's sizes.
    px = standard.px_per_unit(scene)
    ours = MathTex("v_{2}", font_size=LABEL_SIZE)[0][1].height * px
    latex = MathTex("v_{2}", font_size=LABEL_SIZE, tex_template=TexTemplate())[0][1].height * px
    assert ours >= least > 10 > latex
    assert ours / latex == pytest.approx(9 / 7, rel=0.03)  # 9 pt against LaTeX's 7 pt
