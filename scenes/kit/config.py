"""Manim's settings for every way a scene is built: one function, used by the render
pipeline, the scene checker and the tests, so that all three draw the same picture."""

from __future__ import annotations

from pathlib import Path
from typing import Any


def manim_settings(
    *,
    media_dir: Path,
    cache_dir: Path,
    pixel_width: int,
    pixel_height: int,
    frame_rate: int,
    write_to_movie: bool,
    **extra: Any,
) -> dict[str, Any]:
    """Settings for :func:`manim.tempconfig`.

    ``cache_dir`` holds the LaTeX (``tex``) and text (``texts``) caches; without video
    (``write_to_movie=False``) the last frame is kept so that frames can be read. Caching
    of partial movies, progress bars and update notices are always off. ``extra``
    overrides or adds any other Manim setting (``output_file``, ``verbosity``, ...).
    """
    settings: dict[str, Any] = {
        "media_dir": str(media_dir),
        "tex_dir": str(Path(cache_dir) / "tex"),
        "text_dir": str(Path(cache_dir) / "texts"),
        "pixel_width": pixel_width,
        "pixel_height": pixel_height,
        "frame_rate": frame_rate,
        "write_to_movie": write_to_movie,
        "save_last_frame": not write_to_movie,
        "disable_caching": True,
        "progress_bar": "none",
        "verbosity": "ERROR",
        "preview": False,
        "notify_outdated_version": False,
    }
    settings.update(extra)
    return settings
