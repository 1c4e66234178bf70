"""The colour themes: one :class:`Palette` per theme, and the WCAG contrast they meet.

``dark`` (the default, for screens) and ``light`` (for projectors in bright rooms and
printed handouts). In both, every colour used for text has a contrast of at least 4.5:1
(WCAG AA) against the background, except ``grid_faint`` and ``panel``, which are never
text. No Manim here: the render driver reads the theme names without importing it.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Palette:
    """Colours of one theme.

    Mutable only so that ``scenes.style.PALETTE``, the palette every scene reads, can switch
    theme in place (``scenes.style.use_theme``); the themes here are never changed.
    """

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
    residual: str  # residuals: what a fit leaves over, apart from i-hat, j-hat and series[0]
    series: tuple[str, ...]  # distinct series (one per optimiser, run, sample), in order


DARK = Palette(
    background="#10131a",
    text="#f2f2f2",
    muted="#9aa3b2",
    panel="#10131a",
    grid="#3b6fb6",
    grid_faint="#2a3140",
    i_hat="#83c167",  # green: where e1 goes
    j_hat="#d55e00",  # vermillion: where e2 goes, darker than the green for colour-blind eyes
    area="#f4d345",
    area_flipped="#ff8c3a",
    eigen=("#c27dff", "#3dd6d0"),
    accent="#56b4e9",
    gradient="#ff6fb5",
    path="#ffd166",
    sample="#56b4e9",
    accepted="#56b4e9",
    rejected="#d55e00",
    density="#f4d345",
    interval="#c27dff",
    residual="#cc79a7",
    series=("#56b4e9", "#e69f00", "#009e73", "#f0e442", "#d55e00", "#cc79a7"),  # Okabe-Ito
)

LIGHT = Palette(
    background="#ffffff",
    text="#1a1d23",
    muted="#4f5866",
    panel="#ffffff",
    grid="#3b6fb6",
    grid_faint="#d5dbe5",
    i_hat="#00796b",  # teal green, 5.3:1 on white
    j_hat="#c0392b",
    area="#0000dd",  # blue: the olive it replaced was 3.9 from j-hat for deuteranopes
    area_flipped="#c2410c",
    eigen=("#660077", "#0072b2"),
    accent="#0072b2",
    gradient="#ad1457",
    path="#b35900",
    sample="#0072b2",
    accepted="#0072b2",
    rejected="#aa1133",
    density="#224400",  # dark olive: apart from samples, rejections, runs and the muted prior
    interval="#7b1fa2",
    residual="#660077",  # the darkened #dd0055 was 7.6 from j-hat for deuteranopes
    series=(
        "#0072b2",
        "#b35900",
        "#007a5a",
        "#a2437f",
        "#aa1133",
        "#dd0055",
    ),  # Okabe-Ito, darkened
)

THEMES: dict[str, Palette] = {"dark": DARK, "light": LIGHT}
DEFAULT_THEME = "dark"


def relative_luminance(color: str) -> float:
    """WCAG 2 relative luminance of a ``#rrggbb`` colour, in [0, 1].

    Each sRGB channel c (0..1) is linearised, c/12.92 if c <= 0.04045 else
    ((c + 0.055)/1.055)^2.4, and L = 0.2126 R + 0.7152 G + 0.0722 B.
    """
    h = color.lstrip("#")
    channels = [int(h[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(a: str, b: str) -> float:
    """WCAG 2 contrast ratio (L_light + 0.05) / (L_dark + 0.05), from 1 to 21."""
    high, low = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)
