"""The house style: one palette, one set of sizes, one layout grid for every scene.

A colour means the same thing everywhere: i-hat is always ``I_HAT``, j-hat always
``J_HAT``, eigen-directions ``EIGEN``. Scenes never name colours or font sizes directly.
"""

from __future__ import annotations

from dataclasses import dataclass

from manim import config


@dataclass(frozen=True)
class Palette:
    """Colours of one theme."""

    background: str
    text: str
    muted: str
    panel: str
    grid: str
    grid_faint: str
    i_hat: str
    j_hat: str
    area: str
    area_flipped: str
    eigen: tuple[str, str]
    accent: str
    gradient: str  # gradient arrows, everywhere
    path: str  # optimisation paths and trajectories
    sample: str  # random samples and data points
    accepted: str
    rejected: str
    density: str  # density and probability curves
    interval: str  # confidence and credible intervals, shaded regions
    series: tuple[str, ...]  # distinct series (one per optimiser, run, sample), in order


DARK = Palette(
    background="#10131a",
    text="#f2f2f2",
    muted="#9aa3b2",
    panel="#10131a",
    grid="#3b6fb6",
    grid_faint="#2a3140",
    i_hat="#83c167",  # green: where e1 goes
    j_hat="#fc6255",  # red: where e2 goes
    area="#f4d345",
    area_flipped="#ff8c3a",
    eigen=("#c27dff", "#3dd6d0"),
    accent="#58c4dd",
    gradient="#ff6fb5",
    path="#ffd166",
    sample="#58c4dd",
    accepted="#83c167",
    rejected="#fc6255",
    density="#f4d345",
    interval="#c27dff",
    series=("#58c4dd", "#ffd166", "#83c167", "#fc6255", "#c27dff", "#ff9f43"),
)

PALETTE = DARK

# Font sizes, in Manim's units (48 is MathTex's default). The smallest, LABEL, is about
# 4% of the frame height for a capital letter: readable at 480p on a projector.
TITLE_SIZE = 40
BODY_SIZE = 34
LABEL_SIZE = 30
TEXT_SIZE = 22
HAT_SIZE = 40  # the hat labels of basis vectors

# Layout: the right-hand panel holds formulas and readouts; the plane gets the rest.
FRAME_MARGIN = 0.25
PANEL_WIDTH = 3.9


def frame_half_width() -> float:
    """Half the frame's width in scene units (about 7.1 at 16:9)."""
    return float(config.frame_width) / 2


def frame_half_height() -> float:
    """Half the frame's height in scene units (4 at Manim's default)."""
    return float(config.frame_height) / 2


def panel_left() -> float:
    """x of the panel's left edge."""
    return frame_half_width() - FRAME_MARGIN - PANEL_WIDTH
