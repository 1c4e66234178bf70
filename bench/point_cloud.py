"""A bench-only scene: N points as one mobject, drifting and rotating for three seconds."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import numpy as np
from manim import PI, PMobject, Rotate

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scenes.kit.scene import MathScene
from scenes.kit.style import PALETTE
from scenes.linear_algebra.params import LinearMapParams


class PointCloud(MathScene):
    """A point cloud.

    N points held by one PMobject rotate for three seconds (benchmark only).
    """

    params_type = LinearMapParams  # unused; the cloud size comes from BENCH_POINTS

    def construct(self) -> None:
        n = int(os.environ.get("BENCH_POINTS", "10000"))
        rng = np.random.default_rng(0)
        xy = rng.normal(scale=1.3, size=(n, 2))
        cloud = PMobject(stroke_width=3)
        cloud.add_points(np.c_[xy, np.zeros(n)], color=PALETTE.sample)
        self.beat("cloud", f"{n} points")
        self.add(cloud)
        self.play(Rotate(cloud, PI / 2), run_time=3)
