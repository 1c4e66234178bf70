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

LIGHT = Palette(
    background="#ffffff",
    text="#1a1d23",
    muted="#4f5866",
    panel="#ffffff",
    grid="#3b6fb6",
    grid_faint="#d5dbe5",
    i_hat="#2e7d32",  # green, darkened to 5.1:1 on white
    j_hat="#c62828",
    area="#806600",
    area_flipped="#c2410c",
    eigen=("#7b1fa2", "#00796b"),
    accent="#0b6e99",
    gradient="#ad1457",
    path="#a84b00",
    sample="#0b6e99",
    accepted="#2e7d32",
    rejected="#c62828",
    density="#806600",
    interval="#7b1fa2",
    series=("#0b6e99", "#a84b00", "#2e7d32", "#c62828", "#7b1fa2", "#8a5a00"),
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
