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
