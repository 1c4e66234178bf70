"""Shared fixtures: a fixed seed, a scene builder that needs no video, the CLI runner."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pytest

PROJECT_DIR = Path(__file__).resolve().parent.parent
SEED = 20261125


@pytest.fixture
def rng() -> np.random.Generator:
    """A local generator with a fixed seed (never the global numpy state)."""
    return np.random.default_rng(SEED)


def shared_tex_dir(factory: pytest.TempPathFactory) -> Path:
    """The LaTeX cache of this test worker, shared by every test module in it, so a
    formula such as ``A =`` compiles once per worker, not once per module."""
    path = factory.getbasetemp() / "tex"
    path.mkdir(exist_ok=True)
    return path


@pytest.fixture(scope="session")
def tex_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One LaTeX cache per test worker (:func:`shared_tex_dir`)."""
    return shared_tex_dir(tmp_path_factory)


def render_without_video(
    scene_class: type,
    params: Any,
    media_dir: Path,
    tex_dir: Path,
    observer: Callable[[Any, Any], None] | None = None,
) -> Any:
    """Build ``scene_class(params=params)`` and render it at 854x480 with animations
    skipped and no video written.

    The scene is made inside the configuration, so its camera has that size. Its
    mobjects end in their final state; ``observer(scene, beat)`` (the scene's
    ``beat_observer``) sees them at the end of every beat. Returns the scene.
    """
    from manim import tempconfig

    from scenes.kit.config import manim_settings

    settings = manim_settings(
        media_dir=media_dir,
        cache_dir=tex_dir.parent,
        pixel_width=854,
        pixel_height=480,
        frame_rate=15,
        write_to_movie=False,
    )
    with tempconfig(settings):
        scene = scene_class(params=params)
        if observer is not None:
            scene.beat_observer = observer
        scene.render()
    return scene


@pytest.fixture
def build_scene(tmp_path: Path, tex_cache: Path) -> Callable[..., Any]:
    """Build a scene with :func:`render_without_video`; returns it in its final state."""

    def build(scene_class: type, params: Any = None) -> Any:
        return render_without_video(scene_class, params, tmp_path / "media", tex_cache)

    return build


def rejected_render(tmp_path: Path, *args: str) -> str:
    """Run ``python -m scenes render ARGS --out DIR`` on input it must refuse.

    Asserts that it exits with status 2, prints exactly one line to stderr starting with
    ``error: ``, and writes nothing; returns that line for the caller's own checks.
    """
    out_dir = tmp_path / "out"
    result = run_cli("render", *args, "--out", str(out_dir))
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("error: "), lines[0]
    assert not out_dir.exists()
    return lines[0]


def run_cli(*args: str, cwd: Path = PROJECT_DIR) -> subprocess.CompletedProcess[str]:
    """Run the real entry point ``python -m scenes`` and capture its output."""
    env = {**os.environ, "PYTHONPATH": str(PROJECT_DIR)}
    return subprocess.run(
        [sys.executable, "-m", "scenes", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
