"""Live numbers on screen: :class:`Readout` (one number, cheap to update every frame)
and :class:`StepReadout` (``step k   f(v_k) = loss``, a descent run's readout).

``Readout`` is still defined in :mod:`scenes.kit.builders` (whose owner moves it here
after the merge); this module's ``Readout`` is that class with its characters chosen by
the one formatter (:func:`scenes.kit.numbers.format_number`) and a public way to read
back what it draws, so tests never open its private slots.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
from manim import MathTex, VGroup, VMobject

from scenes.kit import builders
from scenes.kit.numbers import format_number, sig


class Readout(builders.Readout):
    """A live number typeset once (see :class:`scenes.kit.builders.Readout`).

    Without a ``formatter`` it shows ``decimals`` fixed decimals
    (``format_number(value, decimals, mode="fixed")``).
    """

    def __init__(
        self,
        value: float,
        decimals: int = 2,
        *,
        formatter: Callable[[float], str] | None = None,
        **options: Any,
    ) -> None:
        def fixed(x: float) -> str:
            return format_number(x, decimals, mode="fixed")

        super().__init__(value, decimals, formatter=formatter or fixed, **options)

    @property
    def characters(self) -> tuple[VMobject, ...]:
        """The character slots, left to right (empty ones have no points)."""
        return tuple(self._slots)

    def drawn_text(self) -> str:
        """The characters drawn, decoded from the outlines: each non-empty slot must be
        exactly one glyph's outline, moved (ValueError otherwise)."""
        shown = ""
        for slot in self._slots:
            if len(slot.points) == 0:
                continue
            matches = [
                ch
                for ch, (outline, _) in self._glyphs.items()
                if outline.shape == slot.points.shape
                and np.allclose(slot.points - slot.points[0], outline - outline[0], atol=1e-9)
            ]
            if len(matches) != 1:
                raise ValueError(f"a slot matches {matches}")
            shown += matches[0]
        return shown


class StepReadout(VGroup):
    """``step k   f(v_k) = loss``: a descent run's live readout, typeset once.

    A ``Text`` rebuilt for every step costs a Pango layout each time (about 0.1 s, a
    sixth of GradientDescent's render at 1080p60). Here the labels are typeset once and
    only the two numbers change, through :class:`~scenes.builders.Readout`. Room is kept
    for the run's longest step number and loss, so the labels never move; the digits sit
    on the labels' baseline.
    """

    GAP = 0.14  # between a label and its number
    SPACE = 0.45  # between the step number and the loss label

    def __init__(self, losses: Sequence[float], font_size: float, color: str) -> None:
        self.losses = [float(x) for x in losses]
        shown = [sig(x) for x in self.losses]
        last_step = str(len(self.losses) - 1)
        step_label = MathTex(r"\text{step}", font_size=font_size, color=color)
        loss_label = MathTex(r"f(v_k) =", font_size=font_size, color=color)
        self.step_number = Readout(
            0, decimals=0, font_size=font_size, color=color, max_chars=len(last_step)
        )
        self.loss_value = Readout(
            self.losses[0],
            font_size=font_size,
            color=color,
            max_chars=max(len(t) for t in shown),
            formatter=sig,
            extra_chars="e",
        )
        baseline = step_label[0][0].get_bottom()[1]  # "s" sits on the baseline
        self.step_number.place(np.array([step_label.get_right()[0] + self.GAP, baseline, 0.0]))
        loss_left = (
            step_label.get_right()[0]
            + self.GAP
            + self.step_number.width_of("0" * len(last_step))
            + self.SPACE
        )
        loss_label.shift(
            [loss_left - loss_label.get_left()[0], baseline - loss_label[0][2].get_bottom()[1], 0]
        )  # glyph 2 is the "v", on the baseline
        self.loss_value.place(np.array([loss_label.get_right()[0] + self.GAP, baseline, 0.0]))
        widest_loss = max(self.loss_value.width_of(t) for t in shown)
        #: From the left edge to the right end of the widest loss of the run.
        self.full_width = (
            loss_label.get_right()[0] + self.GAP + widest_loss - step_label.get_left()[0]
        )
        super().__init__(step_label, self.step_number, loss_label, self.loss_value)
        self.step_label, self.loss_label = step_label, loss_label
        self.index = 0

    def show(self, k: int) -> StepReadout:
        """Show step ``k`` and its loss (nothing to do if already shown)."""
        if k != self.index:
            self.step_number.set_value(k)
            self.loss_value.set_value(self.losses[k])
            self.index = k
        return self

    def left_edge(self) -> float:
        return float(self.step_label.get_left()[0])
