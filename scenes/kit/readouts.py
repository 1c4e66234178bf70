"""Live numbers on screen: :class:`Readout` (one number, cheap to update every frame)
and :class:`SciStepReadout` (``k = 12   f(v_k) = 7.89 × 10^{-31}``, a descent run's
readout).

``Readout`` chooses its characters with the one formatter
(:func:`scenes.kit.numbers.format_number`) and has a public way to read back what it
draws, so tests never open its private slots.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, ClassVar

import numpy as np
from manim import MathTex, Mobject, VGroup, VMobject
from manim.mobject.text.tex_mobject import SingleStringMathTex

from scenes.kit.numbers import format_number, sig


class Readout(VMobject):
    """A live number with fixed decimals, cheap enough to update every frame.

    ``DecimalNumber`` rebuilds its digits from deep-copied LaTeX glyphs on every
    ``set_value`` (tens of milliseconds a frame at 60 fps). A ``Readout`` typesets each
    character once and on ``set_value`` only moves outlines into a fixed set of slots.
    It grows to the right from its left edge, on the baseline of its digits.
    """

    CHARS = "0123456789.-"
    #: How a character other than a digit, point or minus is typeset (upright, not
    #: math italic): ``e`` is the exponent marker of ``1.23e-4``.
    TEX: ClassVar[dict[str, str]] = {"e": r"\mathrm{e}"}

    def __init__(
        self,
        value: float,
        decimals: int = 2,
        font_size: float = 30,
        color: str = "#ffffff",
        max_chars: int = 12,
        formatter: Callable[[float], str] | None = None,
        extra_chars: str = "",
    ) -> None:
        super().__init__(fill_color=color, fill_opacity=1.0, stroke_width=0)
        self.decimals = decimals
        self.font_size = font_size
        self.formatter = formatter
        self._value = 0.0
        digit_height = SingleStringMathTex("0", font_size=font_size).height
        self._gap = 0.12 * digit_height
        self._glyphs: dict[str, tuple[np.ndarray, float]] = {}
        for ch in self.CHARS + extra_chars:
            tex = SingleStringMathTex(self.TEX.get(ch, ch), font_size=font_size)
            points = np.concatenate([m.points for m in tex.family_members_with_points()])
            left, bottom = points[:, 0].min(), points[:, 1].min()
            if ch == "-":  # a minus sits at mid-digit height
                bottom = bottom - (digit_height - tex.height) / 2
            self._glyphs[ch] = (points - [left, bottom, 0.0], float(tex.width))
        self._slots = [
            VMobject(fill_color=color, fill_opacity=1.0, stroke_width=0) for _ in range(max_chars)
        ]
        # An invisible zero-length curve marks the anchor, so moving or scaling the
        # readout (with its group) also moves where later digits are placed.
        self._anchor_mark = VMobject(stroke_width=0, fill_opacity=0)
        self._anchor_mark.points = np.zeros((4, 3))
        self.add(self._anchor_mark, *self._slots)
        self.set_value(value)

    def text(self, value: float) -> str:
        """The characters shown for ``value``: the formatter's, else ``decimals`` fixed
        decimals (``format_number(value, decimals, mode="fixed")``, never ``-0.00``)."""
        if self.formatter is not None:
            return self.formatter(value)
        return format_number(value, self.decimals, mode="fixed")

    def set_value(self, value: float) -> Readout:
        """Show ``value``; the left edge and baseline stay where they are."""
        self._value = float(value)
        shown = self.text(value)
        if len(shown) > len(self._slots):
            raise ValueError(f"{shown} does not fit in {len(self._slots)} characters")
        unknown = set(shown) - set(self._glyphs)
        if unknown:
            raise ValueError(f"{shown} has characters without a glyph: {sorted(unknown)}")
        x = 0.0
        anchor = self._anchor_mark.points[0]
        for k, slot in enumerate(self._slots):
            if k < len(shown):
                points, width = self._glyphs[shown[k]]
                slot.points = points + anchor + [x, 0.0, 0.0]
                x += width + self._gap
            else:
                slot.points = np.zeros((0, 3))
        return self

    def get_value(self) -> float:
        """The value last set."""
        return self._value

    def width_of(self, shown: str) -> float:
        """The width ``shown`` would take, so neighbours can leave room for it."""
        widths = [self._glyphs[ch][1] for ch in shown]
        return sum(widths) + self._gap * max(0, len(widths) - 1)

    def place(self, left_bottom: np.ndarray) -> Readout:
        """Put the left end of the baseline at ``left_bottom``."""
        self._anchor_mark.points = np.tile(np.asarray(left_bottom, dtype=float), (4, 1))
        return self.set_value(self._value)

    def place_after(self, mob: Mobject, buff: float = 0.15) -> Readout:
        """Put the number right of ``mob``, its digits centred on ``mob``'s centre line."""
        digit_height = float(np.ptp(self._glyphs["0"][0][:, 1]))
        return self.place(mob.get_right() + np.array([buff, -digit_height / 2, 0.0]))

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


class SciStepReadout(VGroup):
    """``k = 12   f(v_k) = 7.89 × 10^{-31}``: a descent run's live readout with the
    loss in the house scientific notation (:func:`scenes.kit.numbers.sig_tex`), never
    ``7.89e-31``. Labels are typeset once; the step number, mantissa and exponent are
    :class:`Readout` slots, and ``× 10`` shows only for losses that need it. The
    exponent is set at ``exponent_size`` (>= 30 keeps its digits 12 px tall at 480p)."""

    GAP = 0.12
    SPACE = 0.45

    def __init__(
        self,
        losses: Sequence[float],
        font_size: float,
        color: str,
        exponent_size: float = 30,
    ) -> None:
        self.losses = [float(x) for x in losses]
        parts = [sig(x).partition("e") for x in self.losses]
        self.mantissas = [m for m, _, _ in parts]
        self.exponents = [e for _, _, e in parts]
        last_step = str(len(self.losses) - 1)
        step_label = MathTex(r"k =", font_size=font_size, color=color)
        loss_label = MathTex(r"f(v_k) =", font_size=font_size, color=color)
        self.times = MathTex(r"\times 10", font_size=font_size, color=color)
        self.step_number = Readout(
            0, decimals=0, font_size=font_size, color=color, max_chars=len(last_step)
        )
        self.mantissa = Readout(
            0,
            font_size=font_size,
            color=color,
            max_chars=max(len(m) for m in self.mantissas),
            formatter=lambda k: self.mantissas[int(k)],
        )
        self.exponent = Readout(
            0,
            font_size=exponent_size,
            color=color,
            max_chars=max(1, max(len(e) for e in self.exponents)),
            formatter=lambda k: self.exponents[int(k)],
        )
        baseline = place_step_row(self, step_label, loss_label, last_step)
        self.baseline = baseline
        self.mantissa_left = loss_label.get_right()[0] + self.GAP
        self.mantissa.place(np.array([self.mantissa_left, baseline, 0.0]))
        self.digit_height = float(np.ptp(self.mantissa._glyphs["0"][0][:, 1]))
        widest = max(self.mantissa.width_of(m) for m in self.mantissas)
        widest_exp = max(self.exponent.width_of(e) for e in self.exponents)
        sci = any(self.exponents)
        self.full_width = (
            self.mantissa_left
            + widest
            + ((self.GAP + self.times.width + 0.05 + widest_exp) if sci else 0.0)
            - step_label.get_left()[0]
        )
        super().__init__(step_label, self.step_number, loss_label, self.mantissa, self.times)
        self.add(self.exponent)
        self.step_label, self.loss_label = step_label, loss_label
        self.index = -1
        self.show(0)

    def show(self, k: int) -> SciStepReadout:
        """Show step ``k`` and its loss (nothing to do if already shown)."""
        if k == self.index:
            return self
        self.index = k
        self.step_number.set_value(k)
        left = self.mantissa._anchor_mark.points[0]
        self.mantissa.set_value(k)
        right = left[0] + self.mantissa.width_of(self.mantissas[k])
        baseline = left[1]
        # ``× 10`` and the exponent show at the readout's own opacity (the mantissa's):
        # a readout faded in from opacity 0 at a step without them (SurfaceDescent)
        # must raise both, not ``× 10`` alone ("6.94 × 10" with no exponent).
        level = self.mantissa.characters[0].get_fill_opacity()
        for slot in self.exponent.characters:
            slot.set_fill(opacity=level if self.exponents[k] else 0.0)
        if self.exponents[k]:
            self.times.set_opacity(level)
            self.times.shift(
                [right + self.GAP - self.times.get_left()[0],
                 baseline - self.times[0][1].get_bottom()[1], 0.0]
            )  # fmt: skip
            self.exponent.place(
                np.array([self.times.get_right()[0] + 0.05, baseline + 0.55 * self.digit_height, 0])
            )
        else:
            self.times.set_opacity(0.0)
        self.exponent.set_value(k)
        return self

    def visible_parts(self) -> list[Any]:
        """The parts drawn at the current step: all but ``× 10`` and the exponent when
        the loss needs none (fade these in, never the whole group, which would show a
        hidden ``× 10``)."""
        parts = [self.step_label, self.step_number, self.loss_label, self.mantissa]
        return parts + ([self.times, self.exponent] if self.exponents[self.index] else [])

    def still_parts(self) -> list[Any]:
        """The labels ``k =`` and ``f(v_k) =``, which never change: a scene may add them
        on their own below its moving mobjects, so they are drawn once per animation."""
        return [self.step_label, self.loss_label]

    def live_parts(self) -> list[Any]:
        """The parts :meth:`show` changes (step number, mantissa, ``× 10``, exponent):
        added on their own above the moving mobjects, with :meth:`still_parts` below,
        they draw the same picture as the whole group."""
        return [self.step_number, self.mantissa, self.times, self.exponent]

    def shown_loss(self) -> float:
        """The loss the drawn characters say."""
        return float(self.shown_text())

    def shown_text(self) -> str:
        """What is drawn for the loss, as LaTeX-free text: ``7.89e-31`` or ``0.0342``."""
        m = self.mantissa.drawn_text()
        e = self.exponent.drawn_text()
        return f"{m}e{e}" if e else m

    def left_edge(self) -> float:
        return float(self.step_label.get_left()[0])


def place_step_row(readout: Any, step_label: Any, loss_label: Any, last_step: str) -> float:
    """Lay out a step readout's row on one baseline (the "s" of ``step_label``): the step
    number after its label, then the loss label after room for ``last_step``'s digits
    (its glyph 2, the "v", on the baseline). Returns the baseline's y."""
    baseline = float(step_label[0][0].get_bottom()[1])
    readout.step_number.place(np.array([step_label.get_right()[0] + readout.GAP, baseline, 0.0]))
    loss_left = (
        step_label.get_right()[0]
        + readout.GAP
        + readout.step_number.width_of("0" * len(last_step))
        + readout.SPACE
    )
    loss_label.shift(
        [loss_left - loss_label.get_left()[0], baseline - loss_label[0][2].get_bottom()[1], 0]
    )
    return baseline
