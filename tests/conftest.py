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


@pytest.fixture(scope="session")
def tex_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One LaTeX cache per test worker, so each formula compiles once."""
    return tmp_path_factory.mktemp("tex")


@pytest.fixture
def build_scene(tmp_path: Path, tex_cache: Path) -> Callable[..., Any]:
    """Run a scene's ``construct`` with animations skipped and no video written.

    Returns the scene, whose mobjects are at their final state.
    """

    def build(scene_class: type, params: Any = None) -> Any:
        from manim import tempconfig

        settings = {
            "media_dir": str(tmp_path / "media"),
            "tex_dir": str(tex_cache),
            "text_dir": str(tex_cache.parent / "texts"),
            "write_to_movie": False,
            "save_last_frame": True,
            "pixel_width": 854,
            "pixel_height": 480,
            "frame_rate": 15,
            "verbosity": "ERROR",
            "progress_bar": "none",
            "disable_caching": True,
        }
        with tempconfig(settings):
            scene = scene_class(params=params)
            scene.render()
        return scene

    return build


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
