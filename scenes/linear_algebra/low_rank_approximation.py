"""Low-rank approximation: a digit rebuilt from k principal components (Eckart-Young).

Render it with plain Manim:
``manim -pql scenes/linear_algebra/low_rank_approximation.py LowRankApproximation``.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from manim import (
    DOWN,
    LEFT,
    UL,
    UP,
    Create,
    Dot,
    FadeIn,
    FadeOut,
    MathTex,
    Rectangle,
    Text,
    VGroup,
    VMobject,
)

if __package__ in (None, ""):  # run as a file by plain `manim scenes/linear_algebra/...py`
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from mlmath_viz import datasets, low_rank
from scenes.kit.builders import stack
from scenes.kit.numbers import format_number, latex_number, percent
from scenes.kit.pixels import grid_opacities as kit_grid_opacities
from scenes.kit.pixels import pixel_grid as kit_pixel_grid
from scenes.kit.plotting import (
    Plot,
    curve_vertices,
    panel_title,
    panel_top,
    plot_box,
    plot_curve,
    text_row,
)
from scenes.kit.scene import Invariant, MathScene
from scenes.kit.style import (
    FRAME_MARGIN_Y,
    GEOMETRY_ATOL,
    LABEL_SIZE,
    PALETTE,
    PANEL_WIDTH,
    TEXT_SIZE,
    frame_half_height,
    panel_left,
)
from scenes.linear_algebra.params import LowRankApproximationParams

#: The grey level of a full-white pixel in the digits data set.
WHITE = 16.0
#: Height of each drawn 8x8 image, in scene units.
IMAGE_HEIGHT = 3.6
#: Tolerance on a drawn pixel's opacity (Manim stores opacities as floats).
OPACITY_ATOL = 1e-9


#: Errors below this share of the total variance are round-off of an exact 0 (the
#: digits have three constant pixels, so ranks 61 to 64 rebuild every image exactly).
ROUND_OFF = 1e-12


def error_value(x: float, total: float) -> float:
    """A mean squared error as shown: exactly 0 within round-off of the total variance."""
    return 0.0 if abs(x) <= ROUND_OFF * total else x


def error_text(x: float, total: float) -> str:
    """A mean squared error for captions: one decimal, small ones in scientific form."""
    return format_number(error_value(x, total), 1)


def error_tex(x: float, total: float) -> str:
    """:func:`error_text` as LaTeX (``4.4\\times10^{-4}``)."""
    return latex_number(error_value(x, total), 1)


def a_digit(digit: int) -> str:
    """The digit with its article: "a 5", "an 8"."""
    return f"{'an' if digit == 8 else 'a'} {digit}"


def kept_text(ratio: float) -> str:
    """A kept share of the variance: a share short of 1 never reads as 100%."""
    shown = percent(ratio)
    return "over 99.9%" if ratio < 1.0 and shown == "100%" else shown


def pixel_grid(pixels: np.ndarray, height: float) -> VGroup:
    """An 8x8 image of side ``height`` centred on the origin, each pixel at opacity
    ``display_intensity`` (the data set's 17 grey levels; black pixels not drawn)."""
    return kit_pixel_grid(low_rank.display_intensity(np.asarray(pixels).reshape(-1), WHITE), height)


def grid_opacities(grid: VGroup, frame: Rectangle) -> np.ndarray:
    """The 64 drawn opacities of a :func:`pixel_grid` placed in ``frame``."""
    return kit_grid_opacities(grid, frame, datasets.DIGIT_SIDE)


@dataclass
class LowRankPicture:
    """What LowRankApproximation draws, for its beats, invariants and tests."""

    result: low_rank.LowRankResult
    digit: np.ndarray  # the 64 pixels of the shown image
    label: int  # its digit
    n_samples: int
    rebuilt: np.ndarray  # (len(ranks), 64): the image rebuilt from each k
    curve_ks: np.ndarray  # 0..64
    curve_sums: np.ndarray  # the discarded eigenvalue sum at each of curve_ks
    original: VGroup  # the image: one mobject per grey level (see pixel_grid)
    original_frame: Rectangle
    original_label: Text
    headings: VGroup  # "original" and "rebuilt from k components" above the images
    reconstruction_frame: Rectangle
    rebuilt_grids: list[VGroup]  # the rebuild from each rank, one shown at a time
    rank_labels: list[MathTex]  # "k = ..." under the reconstruction, one per rank
    title: Text
    subtitle: Text
    formula: MathTex  # mean squared error = discarded eigenvalue sum
    readouts: list[VGroup]  # per rank: error and kept variance rows
    plot: Plot  # error against k
    curve: VMobject  # the discarded eigenvalue sums, k = 0..64
    markers: list[Dot]  # the measured error at each rank


class LowRankApproximation(MathScene):
    """Low-rank approximation of a digit.

    One handwritten digit is rebuilt from its first k principal components as k grows,
    while the mean squared error over all 1797 digits falls as the sum of the
    eigenvalues left out, the smallest any rank-k reconstruction can reach.
    """

    params_type = LowRankApproximationParams

    def construct(self) -> None:
        self.picture = self.build_picture()
        self.show_digit()  # one image: 64 pixels
        self.show_error_curve()  # the discarded eigenvalue sums against k
        for step in range(len(self.picture.result.ranks)):
            self.show_rank(step)  # rebuilt from k components; its error on the curve

    def build_picture(self) -> LowRankPicture:
        """The numbers from mlmath_viz and every mobject, placed, not yet shown."""
        p: LowRankApproximationParams = self.params
        x, target = datasets.digits()
        result = low_rank.low_rank_approximation(x, p.ranks)
        digit = x[p.digit_index]
        rebuilt = np.array([result.reconstruct(digit, k) for k in result.ranks])
        curve_sums = low_rank.discarded_sums(result.eigenvalues)
        curve_ks = np.arange(len(curve_sums), dtype=float)
        digit_errors = np.sum((rebuilt - digit) ** 2, axis=1)
        self.data = {
            "digit_index": p.digit_index,
            "digit_label": int(target[p.digit_index]),
            "n_samples": int(x.shape[0]),
            "n_features": int(x.shape[1]),
            "ranks": list(result.ranks),
            "reconstruction_error": result.reconstruction_error.tolist(),
            "discarded_eigenvalue_sum": result.discarded_eigenvalue_sum.tolist(),
            "explained_variance_ratio_cumulative": (
                result.explained_variance_ratio_cumulative.tolist()
            ),
            "eigenvalues": result.eigenvalues.tolist(),
            "discarded_eigenvalue_sum_all_k": curve_sums.tolist(),
            "digit_pixels": digit.tolist(),
            "digit_reconstructions": rebuilt.tolist(),
            "digit_squared_error": digit_errors.tolist(),
        }

        left, right, _, _ = plot_box()
        gap = (right - left - 2 * IMAGE_HEIGHT) / 3
        image_y = 0.2
        centres = [left + gap + IMAGE_HEIGHT / 2, right - gap - IMAGE_HEIGHT / 2]

        def frame_at(x_centre: float) -> Rectangle:
            frame = Rectangle(
                width=IMAGE_HEIGHT, height=IMAGE_HEIGHT, stroke_color=PALETTE.muted, stroke_width=2
            )
            return frame.move_to([x_centre, image_y, 0.0])

        def grid_in(pixels: np.ndarray, frame: Rectangle) -> VGroup:
            # Built around the origin, then shifted: black pixels are not drawn, so the
            # grid's own bounding box is not the image's.
            return pixel_grid(pixels, IMAGE_HEIGHT).shift(frame.get_center())

        original_frame = frame_at(centres[0])
        original = grid_in(digit, original_frame)
        original_label = Text(
            f"image {p.digit_index}, {a_digit(int(target[p.digit_index]))}",
            font_size=TEXT_SIZE,
            color=PALETTE.text,
        ).next_to(original_frame, DOWN, buff=0.25)
        reconstruction_frame = frame_at(centres[1])
        rebuilt_grids = [grid_in(image, reconstruction_frame) for image in rebuilt]
        headings = VGroup(
            Text("original", font_size=TEXT_SIZE, color=PALETTE.muted).next_to(
                original_frame, UP, buff=0.25
            ),
            Text("rebuilt from k components", font_size=TEXT_SIZE, color=PALETTE.muted).next_to(
                reconstruction_frame, UP, buff=0.25
            ),
        )
        d = int(x.shape[1])
        rank_labels = [
            MathTex(
                rf"k = {k} \text{{ of }} {d}", font_size=LABEL_SIZE, color=PALETTE.text
            ).next_to(reconstruction_frame, DOWN, buff=0.25)
            for k in result.ranks
        ]

        title = panel_title("Low-rank approximation")
        subtitle = text_row(f"error over all {x.shape[0]} images", PALETTE.muted)
        formula = MathTex(
            r"\tfrac{1}{n}\sum_i \lVert x_i - \hat x_i \rVert^2 = \sum_{j > k} \lambda_j",
            font_size=LABEL_SIZE,
            color=PALETTE.text,
        )
        if formula.width > PANEL_WIDTH:
            formula.scale_to_fit_width(PANEL_WIDTH)
        total = float(curve_sums[0])
        readouts = []
        for err, ratio in zip(
            result.reconstruction_error, result.explained_variance_ratio_cumulative, strict=True
        ):
            rows = VGroup(
                MathTex(
                    rf"\text{{error }} {error_tex(err, total)}",
                    font_size=LABEL_SIZE,
                    color=PALETTE.accent,
                ),
                text_row(f"variance kept {kept_text(ratio)}", PALETTE.text),
            ).arrange(DOWN, aligned_edge=LEFT, buff=0.12)
            readouts.append(rows)
        top_part = stack(
            [title, subtitle, formula, readouts[0]], top=panel_top(), left=panel_left()
        )
        for rows in readouts[1:]:
            rows.move_to(readouts[0], aligned_edge=UL)
        plot_left = panel_left()
        plot = Plot(
            0.0,
            float(d),
            float(curve_sums[0]),
            box=(
                plot_left - 0.1,
                plot_left + PANEL_WIDTH,
                -frame_half_height() + FRAME_MARGIN_Y + 0.1,
                top_part.get_bottom()[1] - 0.3,
            ),
            y_title="error",
            x_title="k",
            x_ticks=3,  # ticks every 25 up to 75: the 64 components fit
            y_ticks=3,
        )
        curve = plot_curve(plot, curve_ks, curve_sums, PALETTE.series[1], width=4)
        markers = []
        for k, err in zip(result.ranks, result.reconstruction_error, strict=True):
            marker = Dot(plot.points([float(k)], [err])[0], radius=0.08, color=PALETTE.accent)
            marker.set_stroke(PALETTE.background, width=3, background=True)
            marker.set_z_index(2)
            markers.append(marker)
        return LowRankPicture(
            result=result,
            digit=digit,
            label=int(target[p.digit_index]),
            n_samples=int(x.shape[0]),
            rebuilt=rebuilt,
            curve_ks=curve_ks,
            curve_sums=curve_sums,
            original=original,
            original_frame=original_frame,
            original_label=original_label,
            headings=headings,
            reconstruction_frame=reconstruction_frame,
            rebuilt_grids=rebuilt_grids,
            rank_labels=rank_labels,
            title=title,
            subtitle=subtitle,
            formula=formula,
            readouts=readouts,
            plot=plot,
            curve=curve,
            markers=markers,
        )

    def show_digit(self) -> None:
        """The image to rebuild, as 64 grey squares."""
        pic = self.picture
        self.beat(
            "digit",
            f"Image {self.params.digit_index} of the {pic.n_samples} handwritten digits, "
            f"{a_digit(pic.label)}: 8 by 8 grey pixels, a point in 64 dimensions.",
        )
        self.play(
            FadeIn(pic.original_frame),
            FadeIn(pic.original),
            FadeIn(pic.original_label),
            FadeIn(pic.headings),
            FadeIn(pic.reconstruction_frame),
            run_time=1.0,
        )
        self.wait(1.2)

    def show_error_curve(self) -> None:
        """The sum of the discarded covariance eigenvalues for every k."""
        pic = self.picture
        total = float(pic.curve_sums[0])
        self.beat(
            "error_curve",
            f"PCA of all {pic.n_samples} images: the curve is the sum of the covariance "
            f"eigenvalues that k components leave out, {error_text(total, total)} at "
            "k = 0 (the total variance) and 0 at k = 64.",
        )
        self.play(FadeIn(pic.title), FadeIn(pic.subtitle), FadeIn(pic.formula), run_time=0.8)
        self.play(FadeIn(pic.plot.group()), Create(pic.curve), run_time=1.4)
        self.wait(0.6)

    def show_rank(self, step: int) -> None:
        """The digit rebuilt from the first k components, and the measured mean squared
        error of every image's rank-k rebuild, on the curve."""
        pic = self.picture
        result = pic.result
        k = result.ranks[step]
        err = result.reconstruction_error[step]
        kept = result.explained_variance_ratio_cumulative[step]
        components = "component" if k == 1 else "components"
        self.beat(
            f"rank_{k}",
            f"Rebuilt from its first {k} principal {components}. Over all "
            f"{pic.n_samples} images the mean squared error of the rank-{k} rebuilds is "
            f"{error_text(err, pic.curve_sums[0])}, on the curve: the discarded eigenvalues' sum; "
            f"{kept_text(kept)} of the variance is kept.",
        )
        # The readouts change in one frame (a fade of text costs a deep copy of its
        # glyphs per frame set-up); the rebuilt image and the new marker fade in.
        if step > 0:
            self.remove(pic.rank_labels[step - 1], pic.readouts[step - 1])
        self.add(pic.rank_labels[step], pic.readouts[step])
        animations = [FadeIn(pic.rebuilt_grids[step]), FadeIn(pic.markers[step], scale=0.5)]
        if step > 0:
            animations.append(FadeOut(pic.rebuilt_grids[step - 1]))
        self.play(*animations, run_time=1.2)
        self.wait(1.8)

    def colour_roles(self, beat: str) -> dict[str, str]:
        """The curve of discarded eigenvalue sums and the measured errors on it."""
        if beat == "digit":
            return {}
        roles = {"discarded eigenvalue sum": PALETTE.series[1]}
        if beat.startswith("rank_"):
            roles["measured error"] = PALETTE.accent
        return roles

    def invariants(self, beat: str) -> list[Invariant]:
        """The original's squares at its grey levels, the reconstruction's at the current
        rank's rebuild, the curve at the discarded sums, and each marker shown so far at
        its rank's measured error."""
        pic = self.picture
        checks = [
            Invariant(
                "original pixels at the image's grey levels",
                grid_opacities(pic.original, pic.original_frame),
                low_rank.display_intensity(self.data["digit_pixels"], WHITE),
                atol=OPACITY_ATOL,
            )
        ]
        if beat == "digit":
            return checks
        checks.append(
            Invariant(
                "curve at the discarded eigenvalue sums",
                pic.plot.coords(curve_vertices(pic.curve)),
                np.column_stack([pic.curve_ks, self.data["discarded_eigenvalue_sum_all_k"]]),
                atol=GEOMETRY_ATOL,
            )
        )
        if not beat.startswith("rank_"):
            return checks
        step = self.data["ranks"].index(int(beat.removeprefix("rank_")))
        checks.append(
            Invariant(
                "only the rank-k rebuild on screen",
                [float(grid in self.mobjects) for grid in pic.rebuilt_grids],
                [float(i == step) for i in range(len(pic.rebuilt_grids))],
                atol=0.0,
            )
        )
        checks.append(
            Invariant(
                "reconstruction pixels at the rank-k rebuild",
                grid_opacities(pic.rebuilt_grids[step], pic.reconstruction_frame),
                low_rank.display_intensity(self.data["digit_reconstructions"][step], WHITE),
                atol=OPACITY_ATOL,
            )
        )
        for shown in range(step + 1):
            checks.append(
                Invariant(
                    f"marker {shown} at the measured error",
                    pic.plot.coords(pic.markers[shown].get_center())[0],
                    [self.data["ranks"][shown], self.data["reconstruction_error"][shown]],
                    atol=GEOMETRY_ATOL,
                )
            )
        return checks
