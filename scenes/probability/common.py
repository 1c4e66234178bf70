"""What several probability scenes share beyond the kit: the draw counts shown one after
another and the plain-text form of a distribution's label."""

from __future__ import annotations


def stage_sizes(n: int) -> list[int]:
    """Draw counts shown one after another: 250, 1000, 10000 (each below n/3), then n."""
    sizes = [s for s in (250, 1000, 10_000) if s * 3 <= n]
    return [*sizes, n]


def plain_label(label: str) -> str:
    """A LaTeX distribution label as plain caption text."""
    return (
        label.replace(r"\mathrm{", "").replace("}", "").replace("{", "").replace(r"\Gamma", "Gamma")
    )


#: Stroke width of a pen-dot cloud's dots: 5 draws them 3 px across at 480p (the
#: visual standard's smallest point; 0.6 px per unit of stroke width).
POINT_WIDTH = 5.0


def safe_plot_box(bottom_room: float = 0.0) -> tuple[float, float, float, float]:
    """The kit's plot box with its top lowered by 0.1: the plot's y title ("density"),
    set 0.2 above the axis top, otherwise ends 2 px above the title-safe area."""
    from scenes.kit.plotting import plot_box

    left, right, bottom, top = plot_box(bottom_room)
    return left, right, bottom, top - 0.1
