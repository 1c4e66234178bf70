"""PCA of the 8x8 handwritten digits.

Render it with plain Manim: ``manim -pql scenes/linear_algebra/pca_digits.py PCADigits``.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from manim import (
    DOWN,
    LEFT,
    UP,
    Create,
    Dot,
    FadeIn,
    FadeOut,
    GrowFromPoint,
    MathTex,
    Rectangle,
    Text,
    VGroup,
    VMobject,
)

if __package__ in (None, ""):  # run as a file by plain `manim scenes/linear_algebra/pca_digits.py`
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from mlmath_viz import datasets, pca
from scenes.kit.builders import stack
from scenes.kit.numbers import percent
from scenes.kit.panel import touching
from scenes.kit.pixels import pixel_grid
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
from scenes.kit.scatter import ScatterFrame, dot_legend, scatter_frame
from scenes.kit.scene import Invariant, MathScene
from scenes.kit.style import (
    FRAME_MARGIN_Y,
    GEOMETRY_ATOL,
    PALETTE,
    PANEL_WIDTH,
    TEXT_SIZE,
    frame_half_height,
    panel_left,
)
from scenes.linear_algebra.params import PCADigitsParams

#: Font size of the digit drawn at each cluster's centroid.
CENTROID_SIZE = 40


def _colour_set() -> tuple[str, ...]:
    """The colours the digit classes share: the palette's six Okabe-Ito series colours
    and the text colour, pairwise at least 10 apart (CIEDE2000) in normal vision and
    under deuteranopia and protanopia (seven: no set of ten colours is that far apart)."""
    return (*PALETTE.series, PALETTE.text)


def digit_colours(
    classes: tuple[int, ...], centroids: np.ndarray
) -> tuple[dict[int, str], list[tuple[int, ...]]]:
    """A colour for each class, and which classes share one.

    Up to seven classes get seven different colours. With more, some colours go to two
    classes: the pairs whose clusters lie furthest apart in the PC1/PC2 plane (greedy,
    furthest first), so that a shared colour never marks two neighbouring clusters;
    each cluster also carries its digit at its centroid. Returns ``{digit: colour}``
    and the groups of digits per colour, in colour order.
    """
    colours = _colour_set()
    n = len(classes)
    shared = max(0, n - len(colours))
    pairs: list[tuple[int, int]] = []
    if shared:
        distance = np.linalg.norm(centroids[:, None, :] - centroids[None, :, :], axis=2)
        order = sorted(
            ((float(distance[i, j]), i, j) for i in range(n) for j in range(i + 1, n)),
            reverse=True,
        )
        used: set[int] = set()
        for _, i, j in order:
            if len(pairs) == shared:
                break
            if i in used or j in used:
                continue
            pairs.append((i, j))
            used |= {i, j}
    paired = {i for pair in pairs for i in pair}
    groups: list[tuple[int, ...]] = []
    for i in range(n):
        if i in paired:
            pair = next(p for p in pairs if i in p)
            if pair[0] == i:
                groups.append((classes[pair[0]], classes[pair[1]]))
        else:
            groups.append((classes[i],))
    groups.sort(key=lambda g: g[0])
    mapping = {c: colours[k] for k, group in enumerate(groups) for c in group}
    return mapping, groups


def _centroid_labels(
    frame: ScatterFrame, classes: tuple[int, ...], centroids: np.ndarray
) -> VGroup:
    """Each class's digit at its cluster's centroid, in the text colour with a dark
    halo (a label where the colour alone would be ambiguous); a label that would touch
    an earlier one moves up or down until it is clear."""
    labels = VGroup()
    for c, centre in zip(classes, centroids, strict=True):
        label = MathTex(str(c), font_size=CENTROID_SIZE, color=PALETTE.text)
        label.set_stroke(PALETTE.background, width=6, background=True)
        home = frame.view.c2p(centre)
        label.move_to(home)
        step = label.height + 0.06
        for k in range(1, 12):
            if not any(touching(label, other, 0.03) for other in labels):
                break
            label.move_to(home + ((k + 1) // 2) * step * (1 if k % 2 else -1) * UP)
        labels.add(label)
    labels.set_z_index(3)
    return labels


def _digit_image(pixels: np.ndarray, height: float) -> VGroup:
    """An 8x8 digit as filled squares in the text colour, opacity = grey level / 16, in
    a thin frame (the kit's pixel grid)."""
    frame = Rectangle(width=height, height=height, stroke_color=PALETTE.muted, stroke_width=1)
    return VGroup(frame, *pixel_grid(np.asarray(pixels, dtype=float) / 16.0, height))


def _samples(x: np.ndarray, target: np.ndarray, classes: tuple[int, ...]) -> VGroup:
    """The first image of each class with its digit below, in up to two rows of five."""
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
    return samples


def _cumulative_plot(cumulative: np.ndarray, top: float) -> tuple[Plot, VMobject, Dot]:
    """The cumulative share against k in the panel below ``top``, its curve and the
    marker at two components."""
    left = panel_left()
    n_comp = len(cumulative)
    plot = Plot(
        0.0,
        float(n_comp),
        1.0,
        box=(left - 0.1, left + PANEL_WIDTH, -frame_half_height() + FRAME_MARGIN_Y + 0.1, top),
        y_title="cumulative share",
        x_title=r"k",
        x_ticks=4,
        y_ticks=2,
    )
    ks = np.arange(1, n_comp + 1, dtype=float)
    # In the guides' colour: every colour of the safe set marks a digit cluster.
    curve = plot_curve(plot, ks, cumulative, PALETTE.muted, width=4)
    marker = Dot(plot.points([2.0], [cumulative[1]])[0], radius=0.09, color=PALETTE.text)
    marker.set_stroke(PALETTE.background, width=3, background=True)
    return plot, curve, marker


@dataclass
class PCADigitsPicture:
    """What PCADigits draws, for its beats, invariants and tests."""

    result: pca.PCAResult
    scores: np.ndarray  # every image's PC1/PC2 scores
    target: np.ndarray  # every image's digit
    classes: tuple[int, ...]
    cumulative: np.ndarray  # share of the variance kept by the first k components
    need90: int  # components needed for 90%
    samples: VGroup  # the first image of each class, with its digit
    frame: ScatterFrame  # the PC1/PC2 plane
    clouds: VGroup  # one per class, at the scores
    colours: dict[int, str]  # each class's colour (7 colours: some shared by two)
    colour_groups: list[tuple[int, ...]]  # the classes of each colour
    centroid_labels: VGroup  # each class's digit at its centroid
    title: Text
    subtitle: Text
    legend: VGroup
    ratio_rows: VGroup
    plot: Plot  # the cumulative share against k
    curve: VMobject
    marker: Dot  # at two components


class PCADigits(MathScene):
    """PCA of the 8x8 handwritten digits.

    Each image is a point in 64 dimensions; projected onto its first two principal
    components the 1797 digits form clusters by class, although two components keep
    only a small share of the variance.
    """

    params_type = PCADigitsParams

    def construct(self) -> None:
        self.picture = self.build_picture()
        self.show_images()  # every image is a point in 64 dimensions
        self.show_projection()  # onto PC1 and PC2, images of a digit cluster
        self.show_variance()  # how much of the variance two components keep

    def build_picture(self) -> PCADigitsPicture:
        """The numbers from mlmath_viz and every mobject, placed, not yet shown."""
        p: PCADigitsParams = self.params
        classes = p.classes()
        x, target = datasets.digits(classes)
        result = pca.pca_eigh(x, standardized=p.standardize)
        scores = result.transform(x)[:, :2]
        cumulative = pca.cumulative_ratio(result.explained_variance_ratio)
        need90 = pca.components_needed(result.explained_variance_ratio, 0.9)
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
        centroids = np.array([scores[target == c].mean(axis=0) for c in classes])
        colours, colour_groups = digit_colours(classes, centroids)
        self.data["colour_groups"] = [list(g) for g in colour_groups]
        clouds = VGroup()
        for c in classes:
            pts = scores[target == c]
            clouds.add(dot_cloud(np.array([frame.view.c2p(q) for q in pts]), colours[c], 5))
        centroid_labels = _centroid_labels(frame, classes, centroids)
        title = panel_title("PCA of 8x8 digits")
        subtitle = text_row(
            f"{result.n_samples} images, " + ("z-scored" if p.standardize else "64 pixels"),
            PALETTE.muted,
        )
        legend = dot_legend([(colours[c], str(c)) for c in classes], columns=5)
        ratio = result.explained_variance_ratio
        ratio_rows = VGroup(
            text_row(f"PC1 explains {percent(ratio[0])}", PALETTE.text),
            text_row(f"PC2 explains {percent(ratio[1])}", PALETTE.text),
            text_row(f"together {percent(cumulative[1])}", PALETTE.accent),
            text_row(f"90% needs {need90} of {len(cumulative)}", PALETTE.muted),
        ).arrange(DOWN, aligned_edge=LEFT, buff=0.12)
        top_part = stack(
            [title, subtitle, legend, ratio_rows], top=panel_top(), left=panel_left(), gap=0.3
        )
        plot, curve, marker = _cumulative_plot(cumulative, top_part.get_bottom()[1] - 0.3)
        return PCADigitsPicture(
            result,
            scores,
            target,
            classes,
            cumulative,
            need90,
            _samples(x, target, classes),
            frame,
            clouds,
            colours,
            colour_groups,
            centroid_labels,
            title,
            subtitle,
            legend,
            ratio_rows,
            plot,
            curve,
            marker,
        )

    def show_images(self) -> None:
        """A sample image of each digit: every image is a vector of 64 pixels."""
        pic = self.picture
        classes = pic.classes
        shown = (
            "all ten digits"
            if len(classes) == 10
            else "the digits " + ", ".join(str(c) for c in classes)
        )
        self.beat(
            "images",
            f"{pic.result.n_samples} handwritten images of {shown}, 8 by 8 pixels each: every "
            "image is a point in 64 dimensions.",
        )
        self.play(FadeIn(pic.title), FadeIn(pic.subtitle), run_time=0.6)
        self.play(FadeIn(pic.samples, lag_ratio=0.1), run_time=1.2)

    def show_projection(self) -> None:
        """Every image as its dot at its PC1/PC2 scores."""
        pic = self.picture
        classes = pic.classes
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
        origin = pic.frame.view.c2p((0.0, 0.0))
        self.play(FadeOut(pic.samples), FadeIn(pic.frame.group), run_time=0.8)
        self.play(
            *(GrowFromPoint(cloud, origin) for cloud in pic.clouds),
            FadeIn(pic.legend, lag_ratio=0.1),
            run_time=2.0,
        )
        self.play(FadeIn(pic.centroid_labels), run_time=0.6)

    def show_variance(self) -> None:
        """The shares of PC1 and PC2 and the cumulative share of k components."""
        pic = self.picture
        ratio, cumulative = pic.result.explained_variance_ratio, pic.cumulative
        self.beat(
            "variance",
            f"PC1 and PC2 explain {percent(ratio[0])} and {percent(ratio[1])} of the "
            f"variance, {percent(cumulative[1])} together; {pic.need90} components are "
            "needed for 90%.",
        )
        self.play(FadeIn(pic.ratio_rows), run_time=0.6)
        self.play(FadeIn(pic.plot.group()), Create(pic.curve), run_time=1.2)
        self.play(FadeIn(pic.marker), run_time=0.4)
        self.wait(1.5)

    def colour_roles(self, beat: str) -> dict[str, str]:
        """The roles that must be told apart by colour: one per colour of the digit
        clusters (a colour shared by two far-apart clusters is one role, its two
        clusters told apart by the digits drawn at their centroids). The cumulative
        curve and its marker are alone in their own plot, in the guides' colour."""
        if beat == "images":
            return {}
        pic = self.picture
        return {
            "digits " + " and ".join(str(c) for c in group): pic.colours[group[0]]
            for group in pic.colour_groups
        }

    def invariants(self, beat: str) -> list[Invariant]:
        """Every digit's dot at its PC1/PC2 score; the cumulative curve and its marker
        at the computed shares."""
        checks: list[Invariant] = []
        pic = self.picture
        if beat in ("projection", "variance"):
            view = pic.frame.view
            for c, cloud in zip(pic.classes, pic.clouds, strict=True):
                checks.append(
                    Invariant(
                        f"digit {c} dots at their scores",
                        [view.p2c(q) for q in cloud_points(cloud)],
                        pic.scores[pic.target == c],
                        atol=GEOMETRY_ATOL,
                    )
                )
        if beat == "variance":
            drawn = pic.plot.coords(curve_vertices(pic.curve))
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
                    pic.plot.coords(pic.marker.get_center())[0],
                    [2.0, cumulative[1]],
                    atol=GEOMETRY_ATOL,
                )
            )
        return checks
