"""Profile one render of one scene: where the main thread's time goes.

The scene is rendered as the render driver does it (:func:`scenes.pipeline.produce.produce`)
under :mod:`cProfile`. Encoder threads are not profiled (they run beside the drawing on
the other core); time the main thread spends waiting for them shows as lock waits.

Prints the main thread's time by area (Cairo drawing, Manim's camera, animations,
mobject methods, the scene kit, the encoder hand-off, the rest), then the top functions
by own time.

Usage: ``python bench/profile_scene.py SCENE [QUALITY] [--top N] [--out DIR]``
(``make profile SCENE=ChainRule [QUALITY=high]``).
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

# (area, test on the profiled function's file and name), first match wins.
AREAS: list[tuple[str, str]] = [
    ("waiting on locks (the encoder queue is full)", "_thread.lock"),
    ("encoder hand-off", "queue.py"),
    ("subprocesses (LaTeX, dvisvgm; none when cached)", "posix.waitpid"),
    ("imports", "<frozen importlib"),
    ("imports", "marshal.loads"),
    ("SVG parsing of LaTeX glyphs (svgelements)", "svgelements"),
    ("Pango text layout (manimpango)", "manimpango"),
    ("Cairo drawing (C calls)", "cairo."),
    ("Manim camera (paths, colours)", "manim/camera"),
    ("scene kit (scenes/kit)", "scenes/kit"),
    ("scene code (scenes/<topic>)", "scenes/"),
    ("numeric core (mlmath_viz)", "mlmath_viz/"),
    ("animations and updaters (manim/animation)", "manim/animation"),
    ("mobject methods (manim/mobject)", "manim/mobject"),
    ("Manim scene loop (manim/scene, renderer)", "manim/"),
    ("numpy", "numpy"),
]


def area_of(filename: str, function: str) -> str:
    where = f"{filename}:{function}"
    for area, needle in AREAS:
        if needle in where:
            return area
    return "the rest"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("scene")
    parser.add_argument("quality", nargs="?", default="high")
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--out", type=Path, help="keep the render and the LaTeX cache here")
    args = parser.parse_args()

    from scenes.pipeline import plan, produce

    out_dir = args.out or Path(tempfile.mkdtemp(prefix="mlmath-profile-"))
    try:
        (job,) = plan.plan([args.scene], quality=args.quality, out_dir=str(out_dir))
        staging = out_dir / "staging"
        shutil.rmtree(staging, ignore_errors=True)
        staging.mkdir(parents=True)
        profiler = cProfile.Profile()
        started = time.perf_counter()
        profiler.enable()
        produce.produce(job, staging)
        profiler.disable()
        wall = time.perf_counter() - started
    finally:
        if args.out is None:
            shutil.rmtree(out_dir, ignore_errors=True)

    stats = pstats.Stats(profiler)
    raw = stats.stats  # type: ignore[attr-defined]
    by_area: dict[str, float] = {}
    for (filename, _line, function), (_cc, _nc, tottime, _ct, _callers) in raw.items():
        area = area_of(filename, function)
        by_area[area] = by_area.get(area, 0.0) + tottime
    total = sum(by_area.values())
    print(f"{args.scene} at {args.quality}: {wall:.1f} s wall, {total:.1f} s profiled")
    for area, seconds in sorted(by_area.items(), key=lambda kv: -kv[1]):
        print(f"  {seconds / total:6.1%}  {seconds:7.2f} s  {area}")
    if args.top > 0:
        print()
        stats.sort_stats("tottime").print_stats(args.top)


if __name__ == "__main__":
    main()
