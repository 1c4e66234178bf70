"""The plain-Manim baseline: one scene rendered as ``manim -q<x> file.py Scene`` would.

Manim's own file writer and encoder settings (libx264, CRF 23, preset ``medium``), its
default caching on, a fresh media folder, in a fresh process (imports included in the
time). The LaTeX cache is the warm one the driver uses, so neither side pays for the
first compile of a formula.

Usage: ``python bench/plain_manim.py SCENE QUALITY MEDIA_DIR TEX_DIR``; prints JSON.
"""

from __future__ import annotations

import importlib
import json
import sys
import time
from pathlib import Path

STARTED = time.perf_counter()
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main() -> None:
    from manim import ThreeDCamera, ThreeDScene, tempconfig
    from manim.camera.camera import Camera
    from manim.renderer.cairo_renderer import CairoRenderer
    from manim.scene.scene_file_writer import SceneFileWriter

    from scenes import catalog
    from scenes.pipeline.jobs import QUALITIES

    name, quality, media, tex = sys.argv[1:5]
    q = QUALITIES[quality]
    scene_class = getattr(importlib.import_module(catalog.BY_NAME[name].module), name)
    settings = {
        "media_dir": media,
        "tex_dir": tex,
        "pixel_width": q.width,
        "pixel_height": q.height,
        "frame_rate": q.fps,
        "verbosity": "WARNING",
        "progress_bar": "none",
        "notify_outdated_version": False,
    }
    with tempconfig(settings):
        camera = ThreeDCamera if issubclass(scene_class, ThreeDScene) else Camera
        renderer = CairoRenderer(camera_class=camera, file_writer_class=SceneFileWriter)
        scene = scene_class(renderer=renderer)
        scene.render()
        video = Path(scene.renderer.file_writer.movie_file_path)
    wall = time.perf_counter() - STARTED
    print(json.dumps({"wall_s": wall, "bytes": video.stat().st_size}))


if __name__ == "__main__":
    main()
