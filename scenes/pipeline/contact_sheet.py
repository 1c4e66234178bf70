"""Contact sheets: every poster of a render folder tiled into one PNG, stem under each.

``make render`` leaves one poster per render, ``renders/<quality>/<stem>.png`` (a
non-default theme's stems end in ``--<theme>``, e.g. ``LinearMap--light``). ``make
contact-sheet`` (``python -m scenes.pipeline.contact_sheet``) writes, per quality
folder and theme found, ``renders/contact-sheet-<quality>.png`` (the default theme)
and ``renders/contact-sheet-<quality>--<theme>.png``: the posters in name order, in a
grid of ``columns`` tiles a row, each scaled to ``tile_width`` with its stem written
under it, so that a whole gallery can be looked at on one screen. No Manim here.
"""

from __future__ import annotations

import argparse
import math
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from scenes.kit.palettes import DEFAULT_THEME, THEMES

#: Tiles per row.
COLUMNS = 6
#: Width of one poster on the sheet, in pixels.
TILE_WIDTH = 320
#: Room under each poster for its stem, and the gap around tiles, in pixels.
LABEL_HEIGHT = 22
GAP = 8
BACKGROUND = (24, 26, 32)
LABEL_COLOUR = (235, 235, 235)


def grid_shape(count: int, columns: int = COLUMNS) -> tuple[int, int]:
    """(rows, columns) of a sheet of ``count`` tiles, at most ``columns`` a row."""
    if count <= 0:
        return 0, 0
    cols = min(columns, count)
    return math.ceil(count / cols), cols


def theme_of(stem: str) -> str:
    """The theme a poster was rendered in, from its stem (``X--light`` -> ``light``)."""
    for name in THEMES:
        if name != DEFAULT_THEME and stem.endswith(f"--{name}"):
            return name
    return DEFAULT_THEME


def posters(quality_dir: Path) -> dict[str, list[Path]]:
    """The posters in ``quality_dir`` by theme, each list in name order."""
    found: dict[str, list[Path]] = {}
    for path in sorted(quality_dir.glob("*.png")):
        found.setdefault(theme_of(path.stem), []).append(path)
    return found


def _font(size: int) -> Any:
    from PIL import ImageFont

    try:
        return ImageFont.load_default(size=size)
    except TypeError:  # Pillow < 10.1: one bitmap size
        return ImageFont.load_default()


def sheet(paths: Sequence[Path], *, columns: int = COLUMNS, tile_width: int = TILE_WIDTH) -> Any:
    """One image tiling ``paths`` (posters) in a grid, each stem written under it."""
    from PIL import Image, ImageDraw

    rows, cols = grid_shape(len(paths), columns)
    thumbs = []
    for path in paths:
        with Image.open(path) as im:
            im = im.convert("RGB")
            height = max(1, round(im.height * tile_width / im.width))
            thumbs.append(im.resize((tile_width, height), Image.Resampling.LANCZOS))
    tile_height = max((t.height for t in thumbs), default=0)
    cell_w, cell_h = tile_width + GAP, tile_height + LABEL_HEIGHT + GAP
    out = Image.new("RGB", (GAP + cols * cell_w, GAP + rows * cell_h), BACKGROUND)
    draw = ImageDraw.Draw(out)
    font = _font(14)
    for k, (path, thumb) in enumerate(zip(paths, thumbs, strict=True)):
        row, col = divmod(k, cols)
        x, y = GAP + col * cell_w, GAP + row * cell_h
        out.paste(thumb, (x, y))
        label = path.stem
        if draw.textlength(label, font=font) > tile_width:
            while len(label) > 1 and draw.textlength(label + "…", font=font) > tile_width:
                label = label[:-1]
            label += "…"
        draw.text((x, y + tile_height + 3), label, fill=LABEL_COLOUR, font=font)
    return out


def write(
    out_dir: Path,
    qualities: Sequence[str] | None = None,
    *,
    columns: int = COLUMNS,
    tile_width: int = TILE_WIDTH,
) -> list[Path]:
    """Write one contact sheet per quality folder of ``out_dir`` (or ``qualities``) and
    theme; returns the sheets written, in order."""
    folders = (
        [out_dir / q for q in qualities]
        if qualities
        else sorted(p for p in out_dir.iterdir() if p.is_dir())
    )
    written = []
    for folder in folders:
        for theme, paths in sorted(posters(folder).items()):
            suffix = "" if theme == DEFAULT_THEME else f"--{theme}"
            target = out_dir / f"contact-sheet-{folder.name}{suffix}.png"
            sheet(paths, columns=columns, tile_width=tile_width).save(target)
            written.append(target)
    return written


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m scenes.pipeline.contact_sheet", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--out", default="renders", help="render folder (default: renders)")
    parser.add_argument(
        "--quality",
        action="append",
        default=[],
        help="quality folder(s) to tile (default: every one found)",
    )
    parser.add_argument("--columns", type=int, default=COLUMNS, help="tiles a row")
    parser.add_argument("--tile-width", type=int, default=TILE_WIDTH, help="pixels a tile")
    args = parser.parse_args(argv)
    out = Path(args.out)
    missing = [q for q in args.quality if not (out / q).is_dir()]
    if missing or not out.is_dir():
        where = out / missing[0] if missing else out
        print(f"error: contact-sheet: no folder {where} (run make render first)", file=sys.stderr)
        return 2
    written = write(out, args.quality or None, columns=args.columns, tile_width=args.tile_width)
    if not written:
        print(f"error: contact-sheet: no posters under {out}/<quality>/", file=sys.stderr)
        return 1
    for path in written:
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
