"""The pipeline, not the scene, chooses the renderer: Cairo with the fast file writer."""

from __future__ import annotations

from pathlib import Path

import pytest

from scenes import catalog
from scenes.kit.config import manim_settings


@pytest.mark.parametrize(("scene", "three_d"), [("LinearMap", False), ("SurfaceDescent", True)])
def test_pipeline_scenes_get_the_fast_writer_and_their_camera(
    scene: str, three_d: bool, tmp_path: Path
) -> None:
    from manim import Camera, ThreeDCamera, tempconfig
    from manim.scene.scene_file_writer import SceneFileWriter

    from scenes.pipeline.encoding import FastFileWriter
    from scenes.pipeline.produce import new_scene

    scene_class = catalog.BY_NAME[scene].scene_class()
    settings = manim_settings(
        media_dir=tmp_path / "media",
        cache_dir=tmp_path / "cache",
        pixel_width=854,
        pixel_height=480,
        frame_rate=15,
        write_to_movie=True,
    )
    with tempconfig(settings):
        built = new_scene(scene_class)
        plain = scene_class()  # what plain `manim` builds: Manim's own writer
    assert isinstance(built.renderer.file_writer, FastFileWriter)
    assert isinstance(built.renderer.camera, ThreeDCamera) == three_d
    assert isinstance(built.renderer.camera, Camera)
    assert type(plain.renderer.file_writer) is SceneFileWriter
    assert type(plain.renderer.camera) is type(built.renderer.camera)
