"""Video encoder settings: a faster x264 preset than Manim's default, same quality target.

Manim 0.21 encodes every animation with libx264 at CRF 23 and the ``medium`` preset; at
1080p60 that encoder, not the scene, is the bottleneck. :class:`FastFileWriter` keeps
CRF 23 (the same quality target) and sets a faster preset tuned for flat-colour
animation. ``bench/`` measures the gain in frames per second and the file-size change.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from manim import config
from manim.scene.scene_file_writer import SceneFileWriter

from scenes.pipeline.lock import ENCODE_RESERVE_BYTES, check_free_space

#: Extra libx264 options, on top of Manim's own ``crf=23``. ``veryfast`` cuts encoder
#: work several-fold; ``tune=animation`` suits large flat areas and sharp edges.
X264_OPTIONS: dict[str, str] = {"preset": "veryfast", "tune": "animation"}

#: libvpx-vp9 options for ``--format webm``. Manim passes only ``crf=23``: without ``b=0``
#: libvpx treats that as constrained quality under its default bitrate, at its default
#: (slow) speed. Constant quality
#: at CRF 32 (Google's VP9 guide suggests 33 at 480p, 32 at 720p, 31 at 1080p), the
#: realtime deadline at speed 8 and row multithreading make VP9 encoding several times
#: faster.
VP9_OPTIONS: dict[str, str] = {
    "b": "0",
    "crf": "32",
    "deadline": "realtime",
    "cpu-used": "8",
    "row-mt": "1",
}


class FastFileWriter(SceneFileWriter):
    """Manim's file writer with :data:`X264_OPTIONS` (H.264) or :data:`VP9_OPTIONS` applied,
    which stops a render with ``OSError(ENOSPC)`` before its disk is full: PyAV's
    encoder thread crashes the whole process (status 139, no message) when a write
    fails, so every frame first checks that :data:`ENCODE_RESERVE_BYTES` are free, and
    the joined movie that there is room for it."""

    def open_partial_movie_stream(self, file_path: Any = None) -> None:
        super().open_partial_movie_stream(file_path)
        job = self._current_encode_job
        if job is None:
            return
        extra = {"libx264": X264_OPTIONS, "libvpx-vp9": VP9_OPTIONS}.get(
            job.stream.codec_context.name, {}
        )
        # The codec opens at the first frame, after this: options still apply.
        job.stream.codec_context.options = {**job.stream.codec_context.options, **extra}

    def write_frame(self, frame_or_renderer: Any, num_frames: int = 1) -> None:
        folder = getattr(self, "partial_movie_directory", None)  # none for a PNG sequence
        if folder is not None:
            check_free_space(Path(folder), ENCODE_RESERVE_BYTES, "encoding")
        # Manim writes a held frame (a wait) once to a PNG sequence but num_frames times
        # to a video; a sequence for a video editor needs every frame at the frame rate.
        if config.format == "png" and not config.write_to_movie and num_frames > 1:
            for _ in range(num_frames):
                super().write_frame(frame_or_renderer, 1)
        else:
            super().write_frame(frame_or_renderer, num_frames)

    def combine_to_movie(self) -> None:
        partials = [Path(p) for p in self.partial_movie_files if p is not None]
        size = sum(p.stat().st_size for p in partials if p.exists())
        check_free_space(
            Path(self.movie_file_path).parent, size + ENCODE_RESERVE_BYTES, "the joined movie"
        )
        super().combine_to_movie()
