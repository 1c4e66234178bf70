"""Backpropagation: the chain rule, edge by edge.

Render it with plain Manim: ``manim -pql scenes/calculus/backpropagation.py Backpropagation``.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from manim import (
    DL,
    DOWN,
    RIGHT,
    UR,
    ChangeDecimalToValue,
    Create,
    DecimalNumber,
    FadeIn,
    FadeOut,
    Indicate,
    Line,
    MathTex,
    Mobject,
    Rectangle,
    ReplacementTransform,
    RoundedRectangle,
    VGroup,
)

if __package__ in (None, ""):  # run as a file by plain `manim scenes/calculus/backpropagation.py`
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from mlmath_viz import autodiff
from scenes.calculus.params import (
    BackpropagationParams,
)
from scenes.kit.numbers import format_number, latex_number, sig, sig_tex
from scenes.kit.plots import clip_segment
from scenes.kit.scene import Invariant, MathScene
from scenes.kit.style import PALETTE

NODE_W, NODE_H = 1.6, 1.05


COLUMN_X = {"input": -5.5, "hidden": -0.95, "output": 2.75, "loss": 5.55}


GRAPH_Y = 1.15


NUMBER_SIZE = 31  # weights, node values and gradients: digits >= 12 px at 480p
INDEXED_SIZE = 33  # small math with subscripts (at 90%): indices 12.3 px at 480p
NAME_SIZE = 42  # node names: their subscripts >= 12 px at 480p
FORMULA_SIZE = 42  # sub- and superscripts >= 12 px
EDGE_WIDTH = 4.0  # >= 2 px at 480p
LABEL_MARGIN = 0.06  # clearance kept between a weight label's box and other marks


ACTIVATION_TEX = {"tanh": r"\tanh z_j", "sigmoid": r"\sigma(z_j)", "relu": r"\max(0, z_j)"}


LOCAL_TEX = {"tanh": r"1 - h_1^2", "sigmoid": r"h_1(1 - h_1)", "relu": r"[z_1 > 0]"}


def _number(value: float, color: str, digits: int = 2) -> DecimalNumber:
    d = DecimalNumber(value, num_decimal_places=digits, font_size=NUMBER_SIZE, color=color)
    d.set_stroke(PALETTE.background, width=5, background=True)
    return d


Edge = tuple[str, int, int, Line, DecimalNumber]  # kind ("W" or "v"), j, i, line, label

Box = tuple[float, float, float, float]  # x0, x1, y0, y1


def _box_of(mob: Mobject) -> Box:
    (x0, y0, _), (x1, y1, _) = mob.get_corner(DL), mob.get_corner(UR)
    return float(x0), float(x1), float(y0), float(y1)


def segment_meets_box(a: np.ndarray, b: np.ndarray, box: Box) -> bool:
    """Whether the segment a-b passes through the box (the kit's Liang-Barsky clip)."""
    x0, x1, y0, y1 = box
    return clip_segment(a, b, ((x0, x1), (y0, y1))) is not None


def boxes_meet(u: Box, v: Box) -> bool:
    return u[0] < v[1] and v[0] < u[1] and u[2] < v[3] and v[2] < u[3]


def label_position(
    a: np.ndarray,
    b: np.ndarray,
    w: float,
    h: float,
    segments: list[tuple[np.ndarray, np.ndarray]],
    obstacles: list[Box],
    preferred: float,
) -> float:
    """The proportion t along a-b where a w x h box centred on the edge meets no other
    segment (so no crossing) and no obstacle box, with as wide a clearance as the edge
    allows (so the label is not read as another edge's), nearest ``preferred``."""
    candidates = sorted(np.linspace(0.08, 0.92, 85), key=lambda t: abs(t - preferred))
    for clearance in (0.3, 0.24, 0.18, 0.12, 0.06, 0.0):
        for t in candidates:
            c = a + t * (b - a)
            hw, hh = w / 2 + clearance, h / 2 + clearance
            box = (c[0] - hw, c[0] + hw, c[1] - hh, c[1] + hh)
            if any(segment_meets_box(p, q, box) for p, q in segments):
                continue
            if any(boxes_meet(box, o) for o in obstacles):
                continue
            return float(t)
    raise ValueError("no place on the edge keeps its weight label clear of the others")


def loss_digits(*losses: float) -> int:
    """Decimal places that show every loss with at least two significant figures."""
    smallest = min(abs(v) for v in losses if v != 0) if any(losses) else 1.0
    return int(min(6, max(2, 1 - np.floor(np.log10(smallest)))))


@dataclass
class BackpropPicture:
    """What Backpropagation draws, for its beats, invariants and tests."""

    before: autodiff.NetworkPass  # the pass before the step
    after: autodiff.NetworkPass  # the pass after it
    weights: autodiff.Weights
    new_weights: autodiff.Weights
    boxes: dict[tuple[str, int], RoundedRectangle]
    values: dict[tuple[str, int], DecimalNumber]  # the node readouts
    node_group: VGroup
    edges: list[Edge]  # each edge's label is swapped as the beats relabel it
    loss_edge: Line
    pads: VGroup
    target: MathTex
    grads_text: dict[tuple[str, int], VGroup]  # label and number under a node
    forward_tex: MathTex
    chain: MathTex
    chain_numbers: MathTex
    chain_names: MathTex
    update_tex: MathTex


class Backpropagation(MathScene):
    """Backpropagation: the chain rule, edge by edge.

    A small network computes its output and loss left to right; the gradients then flow
    right to left, each edge multiplying by its local derivative, and one gradient step
    on the weights lowers the loss.
    """

    params_type = BackpropagationParams

    def construct(self) -> None:
        self.picture = self.build_picture()
        self.network()
        self.forward()
        self.backward()
        self.update()

    # -- the beats -------------------------------------------------------------------

    def network(self) -> None:
        """The viewer meets the network: its nodes, its edges and the weights on them."""
        pic, p = self.picture, self.params
        self.beat(
            "network",
            f"A network with 2 inputs, {p.hidden} {p.activation} hidden units and one output; "
            "the numbers on the edges are its weights.",
        )
        self.play(*(Create(e_[3]) for e_ in pic.edges), Create(pic.loss_edge), run_time=1.0)
        self.add(pic.pads)
        self.play(
            FadeIn(pic.node_group),
            *(FadeIn(e_[4]) for e_ in pic.edges),
            FadeIn(pic.target),
            run_time=1.0,
        )

    def forward(self) -> None:
        """Forward pass: the values fill in left to right, ending in the loss."""
        pic, p, before = self.picture, self.params, self.picture.before
        self.beat(
            "forward",
            f"Forward pass: x = ({format_number(p.x[0])}, {format_number(p.x[1])}) gives "
            f"ŷ = {sig(before.y_hat)} and the loss L = ½(ŷ − y)² = {sig(before.loss)} for the "
            f"target y = {format_number(p.target)}.",
        )
        self.play(FadeIn(pic.forward_tex), run_time=0.6)
        steps = [
            [("x", 0), ("x", 1)],
            [("h", j) for j in range(p.hidden)],
            [("y", 0)],
            [("L", 0)],
        ]
        numbers = {
            ("x", 0): before.x[0],
            ("x", 1): before.x[1],
            ("y", 0): before.y_hat,
            ("L", 0): before.loss,
            **{("h", j): before.h[j] for j in range(p.hidden)},
        }
        for group in steps:
            for key in group:
                pic.values[key].set_value(numbers[key])
            self.play(*(FadeIn(pic.values[k], shift=0.15 * RIGHT) for k in group), run_time=0.5)
        self.wait(0.4)

    def backward(self) -> None:
        """Backward pass: the gradient flows right to left, each edge multiplying by its
        local derivative (the chain rule, written out for w11)."""
        pic, p, before = self.picture, self.params, self.picture.before
        a, b = before.d_y_hat, pic.weights.v[0]
        c, d = before.local_phi[0], before.x[0]
        e = before.grads.w[0][0]
        self.beat(
            "backward",
            f"Backward pass: ∂L/∂ŷ = ŷ − y = {sig(before.d_y_hat)} flows back; each edge "
            f"multiplies by its local derivative, so ∂L/∂w11 = ({sig(a)})({sig(b)})({sig(c)})"
            f"({sig(d)}) = {sig(e)}.",
        )
        self.play(
            FadeOut(pic.forward_tex),
            pic.loss_edge.animate.set_color(PALETTE.gradient),
            FadeIn(pic.grads_text[("y", 0)]),
            run_time=0.7,
        )
        v_edges = [e_ for e_ in pic.edges if e_[0] == "v"]
        w_edges = [e_ for e_ in pic.edges if e_[0] == "W"]
        grads_by_edge = {("v", j, 0): before.grads.v[j] for j in range(p.hidden)}
        grads_by_edge.update(
            {("W", j, i): before.grads.w[j][i] for j in range(p.hidden) for i in range(2)}
        )
        self.play(
            *(e_[3].animate.set_color(PALETTE.gradient) for e_ in v_edges),
            *(FadeIn(pic.grads_text[("h", j)]) for j in range(p.hidden)),
            *self.relabel("v", grads_by_edge, PALETTE.gradient),
            run_time=1.0,
        )
        self.play(
            *(e_[3].animate.set_color(PALETTE.gradient) for e_ in w_edges),
            *self.relabel("W", grads_by_edge, PALETTE.gradient),
            FadeIn(pic.chain),
            run_time=1.0,
        )
        self.play(FadeIn(pic.chain_numbers), FadeIn(pic.chain_names), run_time=0.8)
        self.wait(1.2)

    def update(self) -> None:
        """One gradient step changes every weight; run forward again and the loss moves."""
        pic, p = self.picture, self.params
        before, after = pic.before, pic.after
        change = "drops" if after.loss < before.loss else "rises"
        self.beat(
            "update",
            f"One gradient step w ← w − {sig(p.lr)}·∂L/∂w changes every weight; "
            f"run forward again, the loss {change} from {sig(before.loss)} to {sig(after.loss)}.",
        )
        self.play(
            FadeOut(pic.chain),
            FadeOut(pic.chain_numbers),
            FadeOut(pic.chain_names),
            *(FadeOut(g) for g in pic.grads_text.values()),
            run_time=0.6,
        )
        new_by_edge = {("v", j, 0): pic.new_weights.v[j] for j in range(p.hidden)}
        new_by_edge.update(
            {("W", j, i): pic.new_weights.w[j][i] for j in range(p.hidden) for i in range(2)}
        )
        self.play(
            *(e_[3].animate.set_color(PALETTE.muted) for e_ in pic.edges),
            pic.loss_edge.animate.set_color(PALETTE.muted),
            *self.relabel(None, new_by_edge, PALETTE.text),
            FadeIn(pic.update_tex),
            run_time=1.0,
        )
        new_numbers = {
            ("y", 0): after.y_hat,
            ("L", 0): after.loss,
            **{("h", j): after.h[j] for j in range(p.hidden)},
        }
        self.play(
            *(ChangeDecimalToValue(pic.values[k], v) for k, v in new_numbers.items()),
            Indicate(pic.boxes[("L", 0)]),
            run_time=1.2,
        )
        self.wait(1.5)

    def relabel(
        self, kind_wanted: str | None, value_of: dict[tuple[str, int, int], float], colour: str
    ) -> list[ReplacementTransform]:
        """Swap edge labels for new numbers (kept in picture.edges so they can be read)."""
        edges = self.picture.edges
        anims = []
        for k, (kind, j, i, line, label) in enumerate(edges):
            if kind_wanted is not None and kind != kind_wanted:
                continue
            new = _number(value_of[(kind, j, i)], colour).move_to(label.get_center())
            anims.append(ReplacementTransform(label, new))
            edges[k] = (kind, j, i, line, new)
        return anims

    # -- what is drawn -----------------------------------------------------------------

    def build_picture(self) -> BackpropPicture:
        """The passes before and after the step, the graph and the formulas (not shown)."""
        p: BackpropagationParams = self.params
        rng = np.random.default_rng(p.seed)
        weights = autodiff.initial_weights(rng, p.hidden)
        before = autodiff.network_pass(p.x, p.target, weights, p.activation)
        new_weights = autodiff.sgd_step_weights_only(weights, before.grads, p.lr)
        after = autodiff.network_pass(p.x, p.target, new_weights, p.activation)
        self._record(weights, before, new_weights, after)
        positions = self._positions()
        boxes, values, node_group = self.build_nodes(
            positions, loss_digits(before.loss, after.loss)
        )
        target = MathTex(
            rf"y = {latex_number(p.target)}", font_size=NUMBER_SIZE, color=PALETTE.muted
        )
        target.next_to(boxes[("L", 0)], DOWN, buff=0.15)
        grads_text = self.build_gradient_rows(boxes, before)
        edges, loss_edge, pads = self.build_edges(
            positions, weights, before.grads, new_weights, {**boxes, **grads_text}
        )
        forward_tex, chain, chain_numbers, chain_names, update_tex = self.build_formulas(
            weights, before, after
        )
        return BackpropPicture(
            before, after, weights, new_weights, boxes, values, node_group, edges, loss_edge,
            pads, target, grads_text, forward_tex, chain, chain_numbers, chain_names, update_tex,
        )  # fmt: skip

    def _record(
        self,
        weights: autodiff.Weights,
        before: autodiff.NetworkPass,
        new_weights: autodiff.Weights,
        after: autodiff.NetworkPass,
    ) -> None:
        """The sidecar: the weights, both passes and the gradients."""
        p: BackpropagationParams = self.params
        self.data = {
            "weights": {"W": [list(r) for r in weights.w], "v": list(weights.v)},
            "activations": {
                "x": list(before.x),
                "z": list(before.z),
                "h": list(before.h),
                "y_hat": before.y_hat,
                "y": before.y,
                "loss": before.loss,
            },
            "gradients": {
                "W": [list(r) for r in before.grads.w],
                "v": list(before.grads.v),
                "y_hat": before.d_y_hat,
                "h": list(before.d_h),
                "z": list(before.d_z),
                "local_phi": list(before.local_phi),
            },
            "loss_before": before.loss,
            "loss_after": after.loss,
            "weights_after": {"W": [list(r) for r in new_weights.w], "v": list(new_weights.v)},
            "activations_after": {"h": list(after.h), "y_hat": after.y_hat},
            "lr": p.lr,
            "activation": p.activation,
        }

    def _positions(self) -> dict[tuple[str, int], tuple[float, float]]:
        """Where each node's centre sits."""
        p: BackpropagationParams = self.params
        spread = 2.2 if p.hidden == 2 else 1.7
        hidden_y = [GRAPH_Y + spread * (0.5 * (p.hidden - 1) - j) for j in range(p.hidden)]
        return {
            ("x", 0): (COLUMN_X["input"], GRAPH_Y + 1.25),
            ("x", 1): (COLUMN_X["input"], GRAPH_Y - 1.25),
            **{("h", j): (COLUMN_X["hidden"], y) for j, y in enumerate(hidden_y)},
            ("y", 0): (COLUMN_X["output"], GRAPH_Y),
            ("L", 0): (COLUMN_X["loss"], GRAPH_Y),
        }

    @staticmethod
    def build_nodes(
        positions: dict[tuple[str, int], tuple[float, float]],
        loss_digits: int = 2,
    ) -> tuple[
        dict[tuple[str, int], RoundedRectangle], dict[tuple[str, int], DecimalNumber], VGroup
    ]:
        """Nodes: name on top, value below; gradients appear under them later."""
        names = {"x": "x_{%d}", "h": "h_{%d}", "y": r"\hat y", "L": "L"}
        colours = {
            "x": PALETTE.muted,
            "h": PALETTE.accent,
            "y": PALETTE.path,
            "L": PALETTE.interval,
        }
        boxes, values = {}, {}
        node_group = VGroup()
        for key, (cx, cy) in positions.items():
            kind, j = key
            box = RoundedRectangle(
                corner_radius=0.15,
                width=NODE_W,
                height=NODE_H,
                color=colours[kind],
                stroke_width=3,
                fill_color=PALETTE.background,
                fill_opacity=1.0,
            ).move_to([cx, cy, 0])
            name = names[kind] % (j + 1) if "%" in names[kind] else names[kind]
            label = MathTex(name, font_size=NAME_SIZE, color=colours[kind])
            label.move_to([cx, cy + 0.22, 0])
            value = _number(0.0, PALETTE.text, digits=loss_digits if kind == "L" else 2)
            value.move_to([cx, cy - 0.25, 0])
            boxes[key], values[key] = box, value
            node_group.add(box, label)
        return boxes, values, node_group

    def build_edges(
        self,
        positions: dict[tuple[str, int], tuple[float, float]],
        weights: autodiff.Weights,
        grads: autodiff.Weights,
        new_weights: autodiff.Weights,
        boxes: dict[tuple[str, int], Mobject],
    ) -> tuple[list[Edge], Line, VGroup]:
        """The edges with their weight labels, the loss edge, and pads under the labels."""
        p: BackpropagationParams = self.params

        def edge(a: tuple[str, int], b: tuple[str, int]) -> Line:
            ax, ay = positions[a]
            bx, by = positions[b]
            return Line(
                [ax + NODE_W / 2, ay, 0],
                [bx - NODE_W / 2, by, 0],
                color=PALETTE.muted,
                stroke_width=EDGE_WIDTH,
            )

        lines: list[tuple[str, int, int, Line]] = [
            ("W", j, i, edge(("x", i), ("h", j))) for j in range(p.hidden) for i in range(2)
        ]
        lines += [("v", j, 0, edge(("h", j), ("y", 0))) for j in range(p.hidden)]
        loss_edge = edge(("y", 0), ("L", 0))
        # Each label's box must hold every number the edge shows (weight, gradient, new
        # weight), clear of every other edge, every node and every label placed before it.
        shown = {
            "W": (weights.w, grads.w, new_weights.w),
            "v": ((weights.v,), (grads.v,), (new_weights.v,)),
        }
        segments = [(line.get_start(), line.get_end()) for *_, line in lines]
        segments.append((loss_edge.get_start(), loss_edge.get_end()))
        obstacles = [_box_of(b) for b in boxes.values()]
        edges: list[Edge] = []
        pads = VGroup()
        for k, (kind, j, i, line) in enumerate(lines):
            values = [m[j][i] if kind == "W" else m[0][j] for m in shown[kind]]
            numbers = [_number(v, PALETTE.text) for v in values]
            w = max(n.width for n in numbers) + 2 * LABEL_MARGIN
            h = max(n.height for n in numbers) + 2 * LABEL_MARGIN
            others = [seg for n, seg in enumerate(segments) if n != k]
            a, b = line.get_start(), line.get_end()
            t = label_position(a, b, w, h, others, obstacles, 0.3 if kind == "W" else 0.45)
            centre = a + t * (b - a)
            label = numbers[0].move_to(centre)
            obstacles.append(
                (centre[0] - w / 2, centre[0] + w / 2, centre[1] - h / 2, centre[1] + h / 2)
            )
            edges.append((kind, j, i, line, label))
            pad = Rectangle(
                width=w - LABEL_MARGIN,
                height=h - LABEL_MARGIN,
                fill_color=PALETTE.background,
                fill_opacity=1.0,
                stroke_width=0,
            )
            pads.add(pad.move_to(centre))
        return edges, loss_edge, pads

    def build_gradient_rows(
        self, boxes: dict[tuple[str, int], RoundedRectangle], before: autodiff.NetworkPass
    ) -> dict[tuple[str, int], VGroup]:
        """Gradient readouts under the output and hidden nodes."""
        p: BackpropagationParams = self.params
        grad_labels = {
            ("y", 0): r"\partial L/\partial \hat y =",
            **{("h", j): rf"\partial L/\partial h_{j + 1} =" for j in range(p.hidden)},
        }
        grad_values = {
            ("y", 0): before.d_y_hat,
            **{("h", j): before.d_h[j] for j in range(p.hidden)},
        }
        grads_text = {}
        for key, tex in grad_labels.items():
            row = VGroup(
                MathTex(tex, font_size=INDEXED_SIZE, color=PALETTE.gradient),
                _number(grad_values[key], PALETTE.gradient),
            ).arrange(RIGHT, buff=0.06)
            row[0].set_stroke(PALETTE.background, width=5, background=True)
            row.next_to(boxes[key], DOWN, buff=0.04)
            grads_text[key] = row
        return grads_text

    def build_formulas(
        self, weights: autodiff.Weights, before: autodiff.NetworkPass, after: autodiff.NetworkPass
    ) -> tuple[MathTex, MathTex, MathTex, MathTex, MathTex]:
        """The formulas under the graph: forward, the chain rule (symbols, numbers,
        names) and the update."""
        p: BackpropagationParams = self.params
        band_top = -1.5
        act = ACTIVATION_TEX[p.activation]
        forward_tex = MathTex(
            rf"z_j = \sum\nolimits_i w_{{ji}} x_i,\quad h_j = {act},\quad "
            r"\hat y = \sum\nolimits_j v_j h_j,\quad L = \frac{1}{2}(\hat y - y)^2",
            font_size=FORMULA_SIZE,
            color=PALETTE.text,
        )
        a, b = before.d_y_hat, weights.v[0]
        c, d = before.local_phi[0], before.x[0]
        e = before.grads.w[0][0]
        chain = MathTex(
            r"\frac{\partial L}{\partial w_{11}} = \frac{\partial L}{\partial \hat y}"
            r"\cdot\frac{\partial \hat y}{\partial h_1}\cdot\frac{\partial h_1}{\partial z_1}"
            r"\cdot\frac{\partial z_1}{\partial w_{11}}",
            font_size=FORMULA_SIZE,
            color=PALETTE.gradient,
        )
        chain_numbers = MathTex(
            rf"= ({sig_tex(a)})\cdot({sig_tex(b)})\cdot({sig_tex(c)})\cdot({sig_tex(d)})"
            rf" = {sig_tex(e)}",
            font_size=FORMULA_SIZE,
            color=PALETTE.gradient,
        )
        chain_names = MathTex(
            rf"\hat y - y,\quad v_1,\quad {LOCAL_TEX[p.activation]},\quad x_1",
            font_size=INDEXED_SIZE,
            color=PALETTE.muted,
        )
        update_tex = MathTex(
            rf"w \leftarrow w - \eta\,\frac{{\partial L}}{{\partial w}},\quad "
            rf"\eta = {sig_tex(p.lr)}"
            rf"\qquad L:\ {sig_tex(before.loss)} \to {sig_tex(after.loss)}",
            font_size=FORMULA_SIZE,
            color=PALETTE.text,
        )
        for m in (forward_tex, chain, chain_numbers, update_tex):
            if m.width > 12.6:
                m.scale_to_fit_width(12.6)
        forward_tex.move_to([0, band_top - 0.35, 0])
        chain.next_to([0, band_top, 0], DOWN, buff=0)
        chain_numbers.next_to(chain, DOWN, buff=0.06)
        chain_names.next_to(chain_numbers, DOWN, buff=0.04)
        update_tex.move_to([0, band_top - 0.4, 0])
        return forward_tex, chain, chain_numbers, chain_names, update_tex

    def invariants(self, beat: str) -> list[Invariant]:
        """Node readouts equal the activations, edge labels equal the weights (or their
        gradients during the backward pass) and sit on their edges."""
        if beat not in ("forward", "backward", "update"):
            return []
        d = self.data
        checks: list[Invariant] = []
        act = (
            d["activations"]
            if beat != "update"
            else {
                **d["activations"],
                "h": d["activations_after"]["h"],
                "y_hat": d["activations_after"]["y_hat"],
                "loss": d["loss_after"],
            }
        )
        for j, h in enumerate(act["h"]):
            checks.append(
                Invariant(
                    f"h{j + 1} readout", self.picture.values[("h", j)].get_value(), h, atol=1e-12
                )
            )
        checks.append(
            Invariant(
                "y_hat readout", self.picture.values[("y", 0)].get_value(), act["y_hat"], atol=1e-12
            )
        )
        checks.append(
            Invariant(
                "loss readout", self.picture.values[("L", 0)].get_value(), act["loss"], atol=1e-12
            )
        )
        if beat == "forward":
            source = {
                ("W", j, i): d["weights"]["W"][j][i]
                for j in range(len(d["weights"]["v"]))
                for i in range(2)
            }
            source.update({("v", j, 0): v for j, v in enumerate(d["weights"]["v"])})
        elif beat == "backward":
            source = {
                ("W", j, i): d["gradients"]["W"][j][i]
                for j in range(len(d["weights"]["v"]))
                for i in range(2)
            }
            source.update({("v", j, 0): v for j, v in enumerate(d["gradients"]["v"])})
            checks.append(
                Invariant(
                    "dL/dy_hat readout",
                    self.picture.grads_text[("y", 0)][1].get_value(),
                    d["gradients"]["y_hat"],
                    atol=1e-12,
                )
            )
            for j, g in enumerate(d["gradients"]["h"]):
                checks.append(
                    Invariant(
                        f"dL/dh{j + 1} readout",
                        self.picture.grads_text[("h", j)][1].get_value(),
                        g,
                        atol=1e-12,
                    )
                )
        else:
            source = {
                ("W", j, i): d["weights_after"]["W"][j][i]
                for j in range(len(d["weights"]["v"]))
                for i in range(2)
            }
            source.update({("v", j, 0): v for j, v in enumerate(d["weights_after"]["v"])})
        for kind, j, i, line, label in self.picture.edges:
            shown = label.get_value()
            name = f"{kind}[{j + 1}{'' if kind == 'v' else i + 1}]"
            checks.append(Invariant(f"edge {name} label", shown, source[(kind, j, i)], atol=1e-12))
            a, b = line.get_start(), line.get_end()
            c = label.get_center()
            t = float(np.clip((c - a) @ (b - a) / ((b - a) @ (b - a)), 0, 1))
            checks.append(
                Invariant(
                    f"edge {name} label sits on its edge",
                    float(np.linalg.norm(a + t * (b - a) - c)),
                    0.0,
                    atol=1e-6,
                )
            )
        return checks
