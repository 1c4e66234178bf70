"""Title cards of a lecture: a sentence on the theme's background, rendered by Manim.

A card is a tiny Manim scene rendered with the pipeline's renderer and encoder
(:func:`scenes.pipeline.produce.new_scene`) at the lecture's quality, frame rate, size
and theme, so its H.264 stream has the same codec parameters as the clips and the
lecture can join them without re-encoding. It also yields the card's picture (the
poster of a card slide and of its handout page).
"""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import TYPE_CHECKING, Any

from manim import DOWN, UP, FadeIn, Scene, Text, VGroup, config

from scenes.kit.style import BODY_SIZE, PALETTE, TEXT_SIZE, theme
from scenes.pipeline.jobs import QUALITIES, RenderJob

if TYPE_CHECKING:
    from scenes.pipeline.lectures import Card, Lecture

#: Characters per line of a card's sentence.
WRAP = 34
FADE_SECONDS = 0.5


class TitleCard(Scene):
    """A lecture's title card: its sentence, large, and the lecture's title above it."""

    def __init__(self, text: str, heading: str, seconds: float, **kwargs: Any) -> None:
        self.text = text
        self.heading = heading
        self.seconds = seconds
        super().__init__(**kwargs)

    def setup(self) -> None:
        self.camera.background_color = PALETTE.background

    def construct(self) -> None:
        lines = textwrap.wrap(self.text, WRAP) or [self.text]
        body = VGroup(
            *(Text(line, font_size=BODY_SIZE * 1.2, color=PALETTE.text) for line in lines)
        ).arrange(DOWN, buff=0.25)
        heading = Text(self.heading, font_size=TEXT_SIZE * 1.2, color=PALETTE.muted)
        heading.next_to(body, UP, buff=0.8)
        card = VGroup(heading, body).move_to((0, 0, 0))
        # Inside the title-safe 90% of the frame, however long the lecture's title.
        safe = 0.9 * config.frame_width
        if card.width > safe:
            card.scale(safe / card.width)
        fade = min(FADE_SECONDS, self.seconds / 4)
        self.play(FadeIn(heading, body), run_time=fade)
        self.wait(self.seconds - fade)


def render_card(card: Card, lecture: Lecture, folder: Path, *, name: str) -> Path:
    """Render ``card`` into ``folder``; returns the web-ready MP4 (its poster is the
    ``.png`` beside it)."""
    from manim import tempconfig
    from PIL import Image

    from scenes.pipeline import outputs
    from scenes.pipeline.produce import manim_config, new_scene

    folder.mkdir(parents=True, exist_ok=True)
    job = RenderJob(
        scene="TitleCard",
        stem=name,
        preset=None,
        params={},
        quality=lecture.quality,
        out_dir=lecture.out_dir,
        input_hash="",
        command="",
        theme=lecture.theme,
    )
    settings = manim_config(job, folder / "media")
    with theme(lecture.theme), tempconfig(settings):
        scene = new_scene(TitleCard, text=card.text, heading=lecture.title, seconds=card.seconds)
        scene.render()
        movie = Path(scene.renderer.file_writer.movie_file_path)
        frame = scene.renderer.get_frame()
    q = QUALITIES[lecture.quality]
    if not movie.exists():
        raise RuntimeError(f"Manim wrote no video for the card {card.text!r}")
    video = folder / f"{name}.mp4"
    outputs.faststart(movie, video)
    Image.fromarray(frame).convert("RGB").resize((q.width, q.height)).save(
        video.with_suffix(".png")
    )
    return video
