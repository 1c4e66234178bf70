"""What a render is: quality presets, output formats, one job and its result."""

from __future__ import annotations

import functools
import importlib.metadata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from scenes.kit.palettes import DEFAULT_THEME


@dataclass(frozen=True)
class Quality:
    """One of Manim's quality presets."""

    name: str
    width: int
    height: int
    fps: int


QUALITIES: dict[str, Quality] = {
    q.name: q
    for q in (
        Quality("low", 854, 480, 15),
        Quality("medium", 1280, 720, 30),
        Quality("high", 1920, 1080, 60),
        Quality("4k", 3840, 2160, 60),
    )
}


#: ``--format`` choices besides the MP4 every render makes, and the file or folder each
#: writes next to it (``<stem><suffix>``).
EXTRA_FORMATS: dict[str, str] = {"webm": ".webm", "gif": ".gif", "png-sequence": ".frames"}
FORMATS = ("mp4", *EXTRA_FORMATS)
SECTIONS_SUFFIX = ".sections"
#: A GIF is for a web page: at most this wide and this many frames per second.
GIF_MAX_WIDTH = 640
GIF_MAX_FPS = 15


@dataclass(frozen=True)
class RenderJob:
    """One video to make: a scene, its resolved parameters, and where it goes."""

    scene: str
    stem: str
    preset: str | None
    params: dict[str, Any]  # resolved, plain JSON types
    quality: str
    out_dir: str
    input_hash: str
    command: str
    theme: str = DEFAULT_THEME
    #: Outputs besides the MP4, poster, captions and sidecar (see :data:`EXTRA_FORMATS`).
    formats: tuple[str, ...] = ()
    transparent: bool = False  # webm and png-sequence with an alpha channel
    sections: bool = False  # one clip per beat in <stem>.sections/
    #: A sweep declared in scenes.toml: its name and this render's swept values.
    sweep: str | None = None
    sweep_values: dict[str, Any] | None = None

    @property
    def target_dir(self) -> Path:
        """``DIR/<quality>``."""
        return Path(self.out_dir) / self.quality

    def outputs(self) -> tuple[Path, Path, Path]:
        """The video, poster and sidecar paths."""
        base = self.target_dir / self.stem
        return base.with_suffix(".mp4"), base.with_suffix(".png"), base.with_suffix(".json")

    def extra_outputs(self) -> list[Path]:
        """The files and folders asked for on top of :meth:`outputs`."""
        names = [EXTRA_FORMATS[f] for f in self.formats]
        if self.sections:
            names.append(SECTIONS_SUFFIX)
        return [self.target_dir / f"{self.stem}{suffix}" for suffix in names]


@dataclass(frozen=True)
class RenderResult:
    """What happened to one job."""

    stem: str
    status: str  # "rendered", "skipped" or "failed"
    seconds: float
    error: str = ""


@functools.cache
def manim_version() -> str:
    """Installed Manim version, read without importing Manim (once per process)."""
    return importlib.metadata.version("manim")
