"""Labels beside arrow tips that never cover a tip or each other: :class:`LabelPlacer`."""

from __future__ import annotations

import numpy as np
from manim import RIGHT, Mobject

#: Clearance (scene units) between a label and other labels or the region's edge.
LABEL_GAP = 0.06

Box = tuple[float, float, float, float]  # left, right, bottom, top


def covered_by(points: np.ndarray, labels: list[Mobject], clearance: float) -> np.ndarray:
    """Which of ``points`` (rows of scene coordinates) lie within ``clearance`` of the
    bounding box of one of ``labels`` (labels with no points cover nothing): the marks
    to leave out so that none reads as part of a label ("u." for a dot after "u")."""
    pts = np.asarray(points, dtype=float).reshape(-1, 3)
    covered = np.zeros(len(pts), dtype=bool)
    for label in labels:
        if not label.has_points() and not any(m.has_points() for m in label.get_family()):
            continue
        left, bottom = label.get_left()[0] - clearance, label.get_bottom()[1] - clearance
        right, top = label.get_right()[0] + clearance, label.get_top()[1] + clearance
        covered |= (
            (pts[:, 0] > left) & (pts[:, 0] < right) & (pts[:, 1] > bottom) & (pts[:, 1] < top)
        )
    return covered


class LabelPlacer:
    """Puts labels beside arrow tips so that they never cover a tip or each other.

    Each label tries spots around its tip (beside the arrow first, then past its tip,
    then the diagonals, then twice as far) and takes the first spot that stays inside
    the region ``bounds``, keeps clear of every label placed so far and of every tip,
    covering as few points of the arrows' shafts as possible. A label with no free
    spot is left where it is and :meth:`place` returns False (the caller leaves it out).
    """

    def __init__(self, bounds: Box) -> None:
        self.bounds = bounds  # left, right, bottom, top
        self.boxes: list[Box] = []
        self.tips: list[np.ndarray] = []
        self.shafts: list[np.ndarray] = []

    def avoid_arrow(self, start: np.ndarray, end: np.ndarray) -> None:
        """Keep clear of the tip ``end`` (a hard rule) and the shaft (a soft one)."""
        self.tips.append(np.asarray(end, dtype=float))
        for t in np.linspace(0.05, 0.95, 12):
            self.shafts.append(start + t * (end - start))

    def avoid_axes(self, origin: np.ndarray) -> None:
        """Prefer spots off the coordinate axes through ``origin`` (a soft rule)."""
        left, right, bottom, top = self.bounds
        for x in np.arange(left, right, 0.1):
            self.shafts.append(np.array([x, origin[1], 0.0]))
        for y in np.arange(bottom, top, 0.1):
            self.shafts.append(np.array([origin[0], y, 0.0]))

    def avoid_point(self, p: np.ndarray) -> None:
        """Keep clear of the point ``p`` (a hard rule)."""
        self.tips.append(np.asarray(p, dtype=float))

    @staticmethod
    def box(label: Mobject, centre: np.ndarray) -> Box:
        """The box ``label`` would cover centred at ``centre``, with :data:`LABEL_GAP`."""
        w, h = label.width / 2 + LABEL_GAP, label.height / 2 + LABEL_GAP
        return (centre[0] - w, centre[0] + w, centre[1] - h, centre[1] + h)

    @staticmethod
    def inside(box: Box, p: np.ndarray) -> bool:
        """True when ``p`` lies strictly inside ``box``."""
        return box[0] < p[0] < box[1] and box[2] < p[1] < box[3]

    def place(self, label: Mobject, anchor: np.ndarray, along: np.ndarray, side: int = 1) -> bool:
        """Move ``label`` near ``anchor`` (``along``: the arrow's screen direction;
        ``side``: which side of it to try first). False when no spot is free."""
        length = float(np.hypot(along[0], along[1]))
        d = along / length if length > 1e-9 else RIGHT
        n = np.array([-d[1], d[0], 0.0]) * side
        reach = 0.25 + 0.5 * max(label.width, label.height)
        directions = [n, d + n, d, -n, d - n, -d + n, -d - n, -d]
        spots = [
            anchor + k * reach * w / np.hypot(w[0], w[1])
            for k in (1.0, 1.6, 2.4)
            for w in directions
        ]
        left, right, bottom, top = self.bounds
        best: tuple[int, int] | None = None
        for index, spot in enumerate(spots):
            box = self.box(label, spot)
            if box[0] < left or box[1] > right or box[2] < bottom or box[3] > top:
                continue
            if any(
                box[0] < b[1] and b[0] < box[1] and box[2] < b[3] and b[2] < box[3]
                for b in self.boxes
            ):
                continue
            if any(self.inside(box, p) for p in self.tips):
                continue
            hits = sum(self.inside(box, p) for p in self.shafts)
            if best is None or hits < best[1]:
                best = (index, hits)
            if hits == 0:
                break
        if best is None:
            return False
        spot = spots[best[0]]
        label.move_to(spot)
        self.boxes.append(self.box(label, spot))
        return True
