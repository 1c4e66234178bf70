"""A lecture's handout as a PDF (fpdf2): a title page, then one page per clip.

Each clip's page has its title, its poster, the caption of every beat and its key
numbers (the short scalar and vector entries of the sidecar's ``data``). A title card
before a clip is printed on that clip's page as its question. Made to be printed in
black and white: black text on white, and the poster in grey levels, inverted when its
background is dark (the dark theme) so the page is not a block of toner.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from scenes.pipeline.lectures import Segment

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")  # Debian's fonts-dejavu-core
#: Numbers on a page: at most this many entries, each a number, a flag, a short word
#: or a short vector.
MAX_NUMBERS = 14
MAX_VECTOR = 6


def _fmt(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            return str(value)
        if value != 0 and (abs(value) >= 1e5 or abs(value) < 1e-3):
            return f"{value:.3e}"
        return f"{value:.4g}"
    if isinstance(value, list):
        return "[" + ", ".join(_fmt(v) for v in value) + "]"
    return str(value)


def _short(value: Any) -> bool:
    """A value that reads as a key number: a scalar, a short word or a small array."""
    if isinstance(value, bool | int | float):
        return True
    if isinstance(value, str):
        return len(value) <= 40
    if isinstance(value, list) and 0 < len(value) <= MAX_VECTOR:
        if all(isinstance(v, bool | int | float) for v in value):
            return True
        return (
            all(
                isinstance(row, list)
                and len(row) <= 3
                and all(isinstance(v, bool | int | float) for v in row)
                for row in value
            )
            and len(value) <= 3
        )
    return False


def key_numbers(data: dict[str, Any]) -> list[tuple[str, str]]:
    """The sidecar ``data`` entries a handout shows, in the sidecar's order."""
    rows = [(k, _fmt(v)) for k, v in data.items() if _short(v)]
    return [(k, v) for k, v in rows if len(v) <= 90][:MAX_NUMBERS]


def printable_poster(poster: Path, target: Path) -> Path:
    """The poster in grey levels, inverted if its background is dark, the marks darkened."""
    from PIL import Image, ImageOps

    with Image.open(poster) as image:
        grey = image.convert("L")
    corners = [grey.getpixel((x, y)) for x in (0, grey.width - 1) for y in (0, grey.height - 1)]
    if sum(int(c) for c in corners) / 4 < 128:  # type: ignore[arg-type]
        grey = ImageOps.invert(grey)
    grey = ImageOps.autocontrast(grey, cutoff=0)
    # Coloured marks and text end as mid greys: darken everything but the paper white.
    grey = grey.point(lambda v: v if v >= 235 else int(v * 0.55))
    grey.save(target)
    return target


def write(meta: dict[str, Any], parts: Sequence[Segment], target: Path) -> int:
    """Write the handout of a lecture (its sidecar ``meta`` and segments); returns the
    number of pages."""
    import logging

    from fpdf import FPDF
    from fpdf.enums import XPos, YPos

    from scenes.pipeline.lectures import Clip

    logging.getLogger("fontTools").setLevel(logging.WARNING)  # not a line per font table

    pdf = FPDF(orientation="portrait", unit="mm", format="A4")
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.add_font("DejaVu", "", str(FONT_DIR / "DejaVuSans.ttf"))
    pdf.add_font("DejaVu", "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
    pdf.set_title(meta["title"])
    pdf.set_creator("mlmath-viz")
    width = pdf.w - pdf.l_margin - pdf.r_margin

    def line(height: float, text: str, align: str = "L", w: float = width) -> None:
        """A paragraph from the left margin; the next one starts below it."""
        pdf.multi_cell(w, height, text, align=align, new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    # The title page: the lecture, then its parts with their times.
    pdf.add_page()
    pdf.set_font("DejaVu", "B", 24)
    pdf.ln(30)
    line(11, meta["title"], align="C")
    pdf.ln(6)
    pdf.set_font("DejaVu", "", 11)
    minutes, seconds = divmod(round(meta["duration_s"]), 60)
    line(
        6,
        f"A lecture of {minutes} min {seconds:02d} s in {len(meta['clips'])} parts",
        align="C",
    )
    pdf.ln(10)
    pdf.set_font("DejaVu", "", 12)
    for k, clip in enumerate(meta["clips"], start=1):
        start = round(clip["start_s"])
        label = clip["title"] if clip["kind"] == "clip" else f"“{clip['title']}”"
        line(7, f"{k}.  {start // 60}:{start % 60:02d}   {label}")
    pdf.ln(8)
    pdf.set_font("DejaVu", "", 9)
    line(5, f"Regenerate: {meta['command']}")

    question: str | None = None
    folder = target.parent / "handout-posters"
    folder.mkdir(exist_ok=True)
    for k, part in enumerate(parts):
        if not isinstance(part.entry, Clip):
            question = part.title
            continue
        job = part.entry.job
        pdf.add_page()
        pdf.set_font("DejaVu", "B", 16)
        line(8, part.title)
        pdf.set_font("DejaVu", "", 9)
        at = round(part.start_s)
        line(5, f"{job.stem}  ·  from {at // 60}:{at % 60:02d} in the video")
        if question:
            pdf.ln(2)
            pdf.set_font("DejaVu", "B", 11)
            line(6, f"Question: {question}")
            question = None
        pdf.ln(3)
        _, poster, _ = job.outputs()
        grey = printable_poster(poster, folder / f"{k:02d}.png")
        height = width * meta["height"] / meta["width"]
        pdf.image(str(grey), x=pdf.l_margin, w=width, h=height)
        pdf.ln(3)
        pdf.set_font("DejaVu", "B", 11)
        line(6, "What happens")
        pdf.set_font("DejaVu", "", 10)
        for beat in part.meta.get("beats", []):
            if beat.get("caption"):
                line(5, f"•  {beat['caption']}")
                pdf.ln(1)
        rows = key_numbers(part.meta.get("data", {}))
        if rows:
            pdf.ln(2)
            pdf.set_font("DejaVu", "B", 11)
            line(6, "Key numbers")
            pdf.set_font("DejaVu", "", 9)
            for key, value in rows:
                pdf.cell(48, 5, key)
                line(5, value, w=width - 48)
    pdf.output(str(target))
    for png in folder.glob("*.png"):
        png.unlink()
    folder.rmdir()
    return int(pdf.page_no())
