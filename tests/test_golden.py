"""Golden frames: each scene's picture at the end of every beat, against a reference.

References are small PNGs (320x180) in tests/golden/<Scene>/<beat>.png, made with
default parameters. The frames come from the session's one checked build of each scene's
defaults (conftest's ``built``), the build test_scene_checks checks too. A frame differs
when its mean absolute difference exceeds MEAN_TOLERANCE or more than PIXEL_FRACTION of
its pixels differ by more than PIXEL_TOLERANCE (out of 255); the test then writes
<beat>.actual.png and <beat>.diff.png next to the reference. Regenerate on purpose with
`make golden` (GOLDEN_UPDATE=1).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from PIL import Image

from conftest import scene_group
from scenes import catalog
from scenes.kit.checking import GOLDEN_SIZE

GOLDEN_DIR = Path(__file__).resolve().parent / "golden"
WIDTH, HEIGHT = 320, 180
assert (WIDTH, HEIGHT) == GOLDEN_SIZE
MEAN_TOLERANCE = 1.5
PIXEL_TOLERANCE = 48
PIXEL_FRACTION = 0.005
UPDATE = bool(os.environ.get("GOLDEN_UPDATE"))


@pytest.mark.parametrize(
    "scene", [pytest.param(e.name, marks=scene_group(e.name)) for e in catalog.SCENES]
)
def test_beat_frames_match_the_references(scene: str, built: Any) -> None:
    report = built(scene, size=(WIDTH, HEIGHT))
    folder = GOLDEN_DIR / scene
    if UPDATE:
        folder.mkdir(parents=True, exist_ok=True)
        for old in folder.glob("*.png"):
            old.unlink()
        for beat, frame in report.frames.items():
            Image.fromarray(frame).save(folder / f"{beat}.png", optimize=True)
        return
    assert report.frames, "no beats were captured"
    failures = []
    for beat, frame in report.frames.items():
        reference_path = folder / f"{beat}.png"
        if not reference_path.exists():
            failures.append(f"{beat}: no reference {reference_path}; run `make golden`")
            continue
        reference = np.asarray(Image.open(reference_path).convert("RGB"), dtype=np.int16)
        diff = np.abs(frame.astype(np.int16) - reference)
        mean = float(diff.mean())
        fraction = float((diff.max(axis=2) > PIXEL_TOLERANCE).mean())
        if mean > MEAN_TOLERANCE or fraction > PIXEL_FRACTION:
            Image.fromarray(frame).save(folder / f"{beat}.actual.png")
            Image.fromarray(np.clip(diff * 4, 0, 255).astype(np.uint8)).save(
                folder / f"{beat}.diff.png"
            )
            failures.append(
                f"{beat}: mean difference {mean:.2f} (max {MEAN_TOLERANCE}), "
                f"{fraction:.2%} of pixels differ (max {PIXEL_FRACTION:.1%}); "
                f"see {beat}.diff.png"
            )
    stale = {p.stem for p in folder.glob("*.png") if "." not in p.stem} - set(report.frames)
    failures += [f"{b}: reference for a beat the scene no longer has" for b in sorted(stale)]
    assert not failures, "\n".join(failures)
