"""PCA of the 8x8 handwritten digits.

Render it with plain Manim: ``manim -pql scenes/linear_algebra/pca_digits.py PCADigits``.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
from manim import (
    DOWN,
    LEFT,
    Create,
    Dot,
    FadeIn,
    FadeOut,
    GrowFromPoint,
    Rectangle,
    Text,
    VGroup,
    VMobject,
)

if __package__ in (None, ""):  # run as a file by plain `manim scenes/linear_algebra/pca_digits.py`
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from mlmath_viz import datasets, pca
from scenes.kit.builders import stack
from scenes.kit.plotting import (
    Plot,
    cloud_points,
    curve_vertices,
    dot_cloud,
    panel_title,
    panel_top,
    plot_box,
    plot_curve,
    text_row,
)
from scenes.kit.scene import Invariant, MathScene
from scenes.kit.style import (
    GEOMETRY_ATOL,
    PALETTE,
    PANEL_WIDTH,
    TEXT_SIZE,
    frame_half_height,
    panel_left,
)
from scenes.linear_algebra.params import PCADigitsParams
from scenes.linear_algebra.pca_common import (
    _legend,
    _percent,
    scatter_frame,
)


def _digit_colours() -> tuple[str, ...]:
    """Ten distinct colours for the ten digit classes, all from the palette.

    The palette's ``series`` has six, and its last (orange in the dark theme) is the
    same brown as the second in the light theme, so five of them, then the eigen teal,
    the gradient pink, the grid blue, the muted grey and the text colour (a ten-colour
    categorical list would belong in :mod:`scenes.palettes`).
    """
    return (
        *PALETTE.series[:5],
        PALETTE.eigen[1],
        PALETTE.gradient,
        PALETTE.grid,
        PALETTE.muted,
        PALETTE.text,
    )


def _squares(corners: np.ndarray) -> np.ndarray:
    """Bezier points of closed squares, one subpath each; ``corners`` is (m, 4, 3)."""
    nxt = np.roll(corners, -1, axis=1)
    t = np.array([0.0, 1 / 3, 2 / 3, 1.0])[None, None, :, None]
    points: np.ndarray = corners[:, :, None, :] + t * (nxt - corners)[:, :, None, :]
    return points.reshape(-1, 3)


def _digit_image(pixels: np.ndarray, height: float) -> VGroup:
    """An 8x8 digit as filled squares in the text colour, opacity = grey level / 16.

    One VMobject per grey level (at most 16), plus a thin frame: no ImageMobject (Manim
    0.21's image drawing fails with Pillow 13).
    """
    side = datasets.DIGIT_SIDE
    grey = np.asarray(pixels, dtype=float).reshape(side, side)
    cell = height / side
    group = VGroup(
        Rectangle(width=height, height=height, stroke_color=PALETTE.muted, stroke_width=1)
    )
    offsets = np.array([[0.0, 0.0, 0.0], [cell, 0.0, 0.0], [cell, -cell, 0.0], [0.0, -cell, 0.0]])
    for level in np.unique(grey[grey > 0]):
        rows, cols = np.nonzero(grey == level)
        top_left = np.column_stack(
            [-height / 2 + cols * cell, height / 2 - rows * cell, np.zeros(len(rows))]
        )
        patch = VMobject(fill_color=PALETTE.text, fill_opacity=float(level) / 16.0, stroke_width=0)
        patch.set_points(_squares(top_left[:, None, :] + offsets[None, :, :]))
        group.add(patch)
    return group


class PCADigits(MathScene):
    """PCA of the 8x8 handwritten digits.

    Each image is a point in 64 dimensions; projected onto its first two principal
    components the 1797 digits form clusters by class, although two components keep
    only a small share of the variance.
    """

    params_type = PCADigitsParams

    def construct(self) -> None:
        p: PCADigitsParams = self.params
        classes = p.classes()
        x, target = datasets.digits(classes)
        result = pca.pca_eigh(x, standardized=p.standardize)
        scores = result.transform(x)[:, :2]
        cumulative = pca.cumulative_ratio(result.explained_variance_ratio)
        need90 = pca.components_needed(result.explained_variance_ratio, 0.9)
        self.scores, self.target, self.classes = scores, target, classes
        self.data = {
            "n_samples": result.n_samples,
            "n_features": int(x.shape[1]),
            "classes": list(classes),
            "standardize": p.standardize,
            "explained_variance_ratio": result.explained_variance_ratio[:2].tolist(),
            "cumulative_variance_ratio": cumulative.tolist(),
            "components_for_90_percent": need90,
            "score_min": scores.min(axis=0).tolist(),
            "score_max": scores.max(axis=0).tolist(),
        }

        frame = scatter_frame(scores, "PC1", "PC2")
        self.frame = frame
        view = frame.view
        colours = _digit_colours()
        clouds = VGroup()
        for c in classes:
            pts = scores[target == c]
            clouds.add(dot_cloud(np.array([view.c2p(q) for q in pts]), colours[c], 5))
        self.clouds = clouds
        origin = view.c2p((0.0, 0.0))

        # -- Sample images: the first of each class, in up to two rows of five.
        l0, r0, _, _ = plot_box()
        per_row = min(5, len(classes))
        size = min(1.4, (r0 - l0) / (1.4 * per_row))
        samples = VGroup()
        for c in classes:
            image = _digit_image(x[np.argmax(target == c)], size)
            label = Text(str(c), font_size=TEXT_SIZE + 4, color=PALETTE.text)
            samples.add(VGroup(image, label.next_to(image, DOWN, buff=0.15)))
        samples.arrange_in_grid(cols=per_row, buff=(0.35 * size, 0.4))
        samples.move_to([(l0 + r0) / 2, 0.0, 0])

        # -- Panel.
        left = panel_left()
        title = panel_title("PCA of 8x8 digits")
        subtitle = text_row(
            f"{result.n_samples} images, " + ("pixels z-scored" if p.standardize else "64 pixels"),
            PALETTE.muted,
        )
        legend = _legend([(colours[c], str(c)) for c in classes], columns=5)
        ratio = result.explained_variance_ratio
        ratio_rows = VGroup(
            text_row(f"PC1 explains {_percent(ratio[0])}", PALETTE.text),
            text_row(f"PC2 explains {_percent(ratio[1])}", PALETTE.text),
            text_row(f"together {_percent(cumulative[1])}", PALETTE.accent),
            text_row(f"90% needs {need90} of {len(cumulative)}", PALETTE.muted),
        ).arrange(DOWN, aligned_edge=LEFT, buff=0.12)
        top_part = stack([title, subtitle, legend, ratio_rows], top=panel_top(), left=left, gap=0.3)
        n_comp = len(cumulative)
        curve_top = top_part.get_bottom()[1] - 0.3
        plot = Plot(
            0.0,
            float(n_comp),
            1.0,
            box=(left - 0.1, left + PANEL_WIDTH, -frame_half_height() + 0.25, curve_top),
            y_title="cumulative share",
            x_title=r"k",
            x_ticks=4,
            y_ticks=2,
        )
        self.plot = plot
        ks = np.arange(1, n_comp + 1, dtype=float)
        curve = plot_curve(plot, ks, cumulative, PALETTE.density, width=3)
        self.curve = curve
        marker = Dot(plot.points([2.0], [cumulative[1]])[0], radius=0.08, color=PALETTE.accent)
        self.marker = marker

        # -- Beat 1: images are vectors.
        shown = (
            "all ten digits"
            if len(classes) == 10
            else "the digits " + ", ".join(str(c) for c in classes)
        )
        self.beat(
            "images",
            f"{result.n_samples} handwritten images of {shown}, 8 by 8 pixels each: every "
            "image is a point in 64 dimensions.",
        )
        self.play(FadeIn(title), FadeIn(subtitle), run_time=0.6)
        self.play(FadeIn(samples, lag_ratio=0.1), run_time=1.2)

        # -- Beat 2: the projection onto PC1 and PC2.
        self.beat(
            "projection",
            (
                "Projected onto the first two principal components, images of the same "
                "digit land near each other; each dot is one image."
            )
            if len(classes) > 1
            else (
                f"Projected onto the first two principal components of the images of "
                f"{classes[0]}: each dot is one image, spread along the two directions in "
                "which they vary most."
            ),
        )
        self.play(FadeOut(samples), FadeIn(frame.group), run_time=0.8)
        self.play(
            *(GrowFromPoint(cloud, origin) for cloud in clouds),
            FadeIn(legend, lag_ratio=0.1),
            run_time=2.0,
        )

        # -- Beat 3: how much two components keep.
        self.beat(
            "variance",
            f"PC1 and PC2 explain {_percent(ratio[0])} and {_percent(ratio[1])} of the "
            f"variance, {_percent(cumulative[1])} together; {need90} components are "
            "needed for 90%.",
        )
        self.play(FadeIn(ratio_rows), run_time=0.6)
        self.play(FadeIn(plot.group()), Create(curve), run_time=1.2)
        self.play(FadeIn(marker), run_time=0.4)
        self.wait(1.5)

    def invariants(self, beat: str) -> list[Invariant]:
        """Every digit's dot at its PC1/PC2 score; the cumulative curve and its marker
        at the computed shares."""
        checks: list[Invariant] = []
        if beat in ("projection", "variance"):
            view = self.frame.view
            for c, cloud in zip(self.classes, self.clouds, strict=True):
                checks.append(
                    Invariant(
                        f"digit {c} dots at their scores",
                        [view.p2c(q) for q in cloud_points(cloud)],
                        self.scores[self.target == c],
                        atol=GEOMETRY_ATOL,
                    )
                )
        if beat == "variance":
            drawn = self.plot.coords(curve_vertices(self.curve))
            cumulative = self.data["cumulative_variance_ratio"]
            checks.append(
                Invariant(
                    "cumulative curve at the cumulative ratios",
                    drawn,
                    np.column_stack([np.arange(1, len(cumulative) + 1), cumulative]),
                    atol=GEOMETRY_ATOL,
                )
            )
            checks.append(
                Invariant(
                    "marker at two components",
                    self.plot.coords(self.marker.get_center())[0],
                    [2.0, cumulative[1]],
                    atol=GEOMETRY_ATOL,
                )
            )
        return checks
