"""A 3-D surface drawn as one mobject, for Manim's Cairo ``ThreeDCamera``.

Manim's :class:`~manim.Surface` is a group of one :class:`~manim.ThreeDVMobject` per
patch, and its ``ThreeDCamera`` projects, depth-sorts, shades and fills each patch
through the generic per-mobject path (bounding boxes, normals and colour arrays in
Python), about 0.2 ms a patch and a frame. A 20 x 20 surface then costs most of a
3-D frame, and an animation of it (``FadeIn``, ``animate.set_fill``) deep-copies and
interpolates 400 mobjects a frame as well.

:class:`FastSurface` holds the same patches (the same 16 Bezier points a patch as
``Surface``, with the uv handles mapped through the function too) in one
:class:`~manim.VMobject`: its points are every patch's points in order and its
``fill_rgbas`` / ``stroke_rgbas`` have one row a patch, so animations interpolate
arrays. :class:`SurfaceCamera`, a ``ThreeDCamera``, draws it: the patches are projected
with the camera's own :meth:`~manim.ThreeDCamera.project_points`, given Manim's depth
keys and Lambert-cubed shading (``get_shaded_rgb`` at the start and end corner, with
Manim's corner normals) with numpy, merged by depth with the other 3-D pieces of the
frame (the axes' pieces) exactly as ``ThreeDCamera.get_mobjects_to_display`` orders
them, and filled with the same two-stop gradient, one short loop of Cairo calls a
patch. The other vectorized mobjects are drawn as ``ThreeDCamera`` draws them, the
frame's work batched (one family walk, one projection, depth keys with numpy); images
and point clouds by ``ThreeDCamera`` itself. The picture is Manim's (the golden frames
did not change) and camera motion works as before.

Paths and points lying on a surface (:func:`draw_on_surface`) are cut into pieces, each
drawn right after the patches under it, so the ridges in front of them hide them.

Use it in a ``ThreeDScene``: call :func:`use_surface_camera` in ``__init__`` (the
pipeline and plain Manim both build the renderer's camera without arguments from the
configuration; this swaps in a :class:`SurfaceCamera` built the same way).
"""

from __future__ import annotations

import itertools as it
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import cairo
import numpy as np
from manim import (
    Camera,
    CapStyleType,
    LineJointType,
    ManimColor,
    Mobject,
    ThreeDCamera,
    VMobject,
    interpolate_color,
)
from manim.camera.camera import CAP_STYLE_MAP, LINE_JOIN_MAP
from numpy.typing import ArrayLike

#: Points a patch: four cubic Bezier curves around the corners (as ``Surface``).
POINTS_PER_PATCH = 16
#: The corner whose light and normal start a patch's gradient, and the one ending it
#: (``get_3d_vmob_start_corner_index`` / ``get_3d_vmob_end_corner_index`` for 16 points).
START, END = 0, 6

#: ``Surface``'s ``pre_function_handle_to_anchor_scale_factor``.
HANDLE_SCALE = 0.00001

SurfaceFunction = Callable[[np.ndarray, np.ndarray], np.ndarray]


def _uv_points(u_range: Sequence[float], v_range: Sequence[float], resolution: int) -> np.ndarray:
    """The 16 uv points of every patch, in ``Surface``'s order (u outer, v inner):
    shape (patches, 16, 2). Each edge is ``interpolate(a, b, t)`` for t = 0, 1/3, 2/3, 1,
    as ``set_points_as_corners`` makes it."""
    us = np.linspace(u_range[0], u_range[1], resolution + 1)
    vs = np.linspace(v_range[0], v_range[1], resolution + 1)
    u1, v1 = (a.reshape(-1) for a in np.meshgrid(us[:-1], vs[:-1], indexing="ij"))
    u2, v2 = (a.reshape(-1) for a in np.meshgrid(us[1:], vs[1:], indexing="ij"))
    corners = np.stack(
        [
            np.stack([u1, v1], axis=1),
            np.stack([u2, v1], axis=1),
            np.stack([u2, v2], axis=1),
            np.stack([u1, v2], axis=1),
            np.stack([u1, v1], axis=1),
        ],
        axis=1,
    )  # (patches, 5, 2)
    start, end = corners[:, :-1], corners[:, 1:]
    ts = np.linspace(0.0, 1.0, 4)
    # Manim's interpolate: (1 - t) * start + t * end, curve by curve.
    curves = (1 - ts)[None, None, :, None] * start[:, :, None] + ts[None, None, :, None] * end[
        :, :, None
    ]
    return curves.reshape(len(corners), POINTS_PER_PATCH, 2)


def _scale_handles(points: np.ndarray, factor: float) -> np.ndarray:
    """``scale_handle_to_anchor_distances(factor)`` on every curve: points of shape
    (patches, 16, d), four curves (anchor, handle, handle, anchor) a patch."""
    c = points.reshape(len(points), 4, 4, points.shape[-1]).copy()
    a1, h1, h2, a2 = c[:, :, 0], c[:, :, 1], c[:, :, 2], c[:, :, 3]
    c[:, :, 1] = a1 + factor * (h1 - a1)
    c[:, :, 2] = a2 + factor * (h2 - a2)
    return c.reshape(points.shape)


def _unit_normals(v1: np.ndarray, v2: np.ndarray, tol: float = 1e-6) -> np.ndarray:
    """``manim.utils.space_ops.get_unit_normal`` row by row (shape (n, 3))."""
    div1 = np.abs(v1).max(axis=1, keepdims=True)
    div2 = np.abs(v2).max(axis=1, keepdims=True)
    with np.errstate(invalid="ignore", divide="ignore"):
        u1, u2 = v1 / div1, v2 / div2
        cp = np.cross(u1, u2)
        norm = np.sqrt((cp * cp).sum(axis=1, keepdims=True))
        out = cp / norm
    bad = ~(norm[:, 0] > tol) | (div1[:, 0] == 0) | (div2[:, 0] == 0)
    if np.any(bad):  # aligned or null edges: Manim's fallbacks, one row at a time
        from manim.utils.space_ops import get_unit_normal

        for k in np.flatnonzero(bad):
            out[k] = get_unit_normal(v1[k], v2[k], tol)
    return out


def _light(points: np.ndarray, normals: np.ndarray, source: np.ndarray) -> np.ndarray:
    """The brightness ``get_shaded_rgb`` adds: 0.5 (n . to_sun)^3, halved when negative."""
    to_sun = source - points
    norm = np.linalg.norm(to_sun, axis=1, keepdims=True)
    to_sun = np.divide(to_sun, norm, out=np.zeros_like(to_sun), where=norm > 0)
    light = 0.5 * np.einsum("ij,ij->i", normals, to_sun) ** 3
    return np.where(light < 0, 0.5 * light, light)


class FastSurface(VMobject):  # type: ignore[misc]
    """The parametric surface ``func(u, v)`` over ``u_range`` x ``v_range`` in
    ``resolution`` x ``resolution`` patches, as one mobject.

    ``func`` takes arrays ``u`` and ``v`` (any equal shapes) and returns scene points of
    shape ``u.shape + (3,)``. The patches and their order are ``Surface``'s; each patch
    has its own fill and stroke colour (``fill_rgbas[k]``, ``stroke_rgbas[k]``).
    ``set_fill``, ``set_stroke`` and ``set_opacity`` change every patch; colours by
    height come from :meth:`set_fill_by_value`. Draw it with a :class:`SurfaceCamera`.
    """

    def __init__(
        self,
        func: SurfaceFunction,
        u_range: Sequence[float],
        v_range: Sequence[float],
        resolution: int,
        fill_color: Any = None,
        fill_opacity: float = 1.0,
        stroke_color: Any = None,
        stroke_width: float = 0.5,
        stroke_opacity: float = 1.0,
        **kwargs: Any,
    ) -> None:
        super().__init__(
            fill_color=fill_color,
            fill_opacity=fill_opacity,
            stroke_color=stroke_color,
            stroke_width=stroke_width,
            stroke_opacity=stroke_opacity,
            shade_in_3d=True,
            **kwargs,
        )
        self.resolution = int(resolution)
        # As VMobject.apply_function: the handles are pulled to within 1e-5 of their
        # anchors, mapped, and pushed back out, so each edge leaves its corners along
        # the surface's tangent.
        uv = _scale_handles(_uv_points(u_range, v_range, self.resolution), HANDLE_SCALE)
        points = np.asarray(func(uv[..., 0], uv[..., 1]), dtype=float)
        self.set_points(_scale_handles(points, 1.0 / HANDLE_SCALE).reshape(-1, 3))
        n = self.patch_count
        self.fill_rgbas = np.repeat(self.fill_rgbas[:1], n, axis=0)
        self.stroke_rgbas = np.repeat(self.stroke_rgbas[:1], n, axis=0)

    @classmethod
    def over_axes(
        cls,
        axes: Any,
        height: SurfaceFunction,
        u_range: Sequence[float],
        v_range: Sequence[float],
        resolution: int,
        **style: Any,
    ) -> FastSurface:
        """The graph ``z = height(x, y)`` in ``axes`` (``height`` takes arrays), its
        points ``axes.c2p(x, y, height(x, y))``; ``style`` as for the constructor."""

        def points(u: np.ndarray, v: np.ndarray) -> np.ndarray:
            z = np.asarray(height(u, v), dtype=float)
            drawn = np.asarray(axes.c2p(u.reshape(-1), v.reshape(-1), z.reshape(-1)), dtype=float)
            return drawn.T.reshape((*u.shape, 3))

        return cls(points, u_range, v_range, resolution, **style)

    @property
    def patch_count(self) -> int:
        """How many patches (``resolution ** 2``)."""
        return len(self.points) // POINTS_PER_PATCH

    def patch_points(self) -> np.ndarray:
        """Every patch's 16 scene points: shape (patches, 16, 3)."""
        return self.points.reshape(-1, POINTS_PER_PATCH, 3)

    def patch_midpoints(self) -> np.ndarray:
        """Each patch's ``get_midpoint()``: the point half-way along its outline, with
        Manim's curve lengths (10 samples a curve). Shape (patches, 3)."""
        p = self.patch_points().reshape(-1, 4, 4, 3)  # (patches, curves, 4 points, 3)
        ts = np.linspace(0.0, 1.0, 10)
        basis = np.stack([(1 - ts) ** 3, 3 * (1 - ts) ** 2 * ts, 3 * (1 - ts) * ts**2, ts**3])
        samples = np.einsum("bs,pcbd->pcsd", basis, p)  # (patches, curves, 10, 3)
        lengths = np.linalg.norm(np.diff(samples, axis=2), axis=3).sum(axis=2)
        target = 0.5 * lengths.sum(axis=1)
        before = np.cumsum(lengths, axis=1) - lengths  # length before each curve
        reached = before + lengths >= target[:, None]
        curve = np.argmax(reached, axis=1)
        rows = np.arange(len(p))
        length = lengths[rows, curve]
        residue = np.divide(
            target - before[rows, curve], length, out=np.zeros_like(length), where=length != 0
        )
        r, q = residue, 1 - residue
        b = np.stack([q**3, 3 * q**2 * r, 3 * q * r**2, r**3])  # (4, patches)
        out: np.ndarray = np.einsum("bp,pbd->pd", b, p[rows, curve])
        return out

    def set_fill_by_value(
        self, axes: Any, colorscale: Sequence[tuple[Any, float]], axis: int = 2
    ) -> FastSurface:
        """Colour each patch by the ``axis`` coordinate (in ``axes``) of its midpoint, as
        ``Surface.set_fill_by_value`` with ``(colour, pivot)`` pairs does (fill and
        stroke, linear between the pivots, the end colours beyond them)."""
        colors = [ManimColor(c) for c, _ in colorscale]
        pivots = np.array([float(v) for _, v in colorscale])
        mid = self.patch_midpoints()
        values = np.asarray(axes.point_to_coords(mid), dtype=float)
        value = values[:, axis] if values.shape == mid.shape else values[axis]
        rgb = np.array([c.to_rgb() for c in colors])
        out = np.empty((len(value), 3))
        for k, x in enumerate(value):  # one colour a patch, as Manim's interpolate_color
            if x <= pivots[0]:
                out[k] = rgb[0]
            elif x >= pivots[-1]:
                out[k] = rgb[-1]
            else:
                i = int(np.argmax(pivots > x))
                t = min((x - pivots[i - 1]) / (pivots[i] - pivots[i - 1]), 1)
                out[k] = interpolate_color(colors[i - 1], colors[i], t).to_rgb()
        self.fill_rgbas[:, :3] = out
        self.stroke_rgbas[:, :3] = out
        return self


class SurfaceCamera(ThreeDCamera):  # type: ignore[misc]
    """A ``ThreeDCamera`` that draws each :class:`FastSurface` with numpy and one short
    loop of Cairo calls, in Manim's depth order among the other 3-D pieces.

    The other vectorized mobjects are drawn as ``display_vectorized`` draws them (the
    same path, colours, gradients, widths, joints and caps, in the same order), with
    the frame's work batched: one family walk, one projection of every 3-D piece's
    points, the depth keys with numpy, the shaded colours and fixed texts' paths kept
    while they do not change, and nothing drawn for a piece with nothing visible.
    Images and point clouds go through ``ThreeDCamera``.

    Marks on a surface (:func:`draw_on_surface`: a path, dots, a moving point) are cut
    into pieces (a curve of a stroked path, a subpath of a filled one) and each piece is
    drawn right after the nearest patches under it, so the ridges in front hide it.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        #: Marks drawn in a surface's depth order (:meth:`add_surface_marks`).
        self.surface_marks: dict[Mobject, FastSurface] = {}

    def add_surface_marks(self, surface: FastSurface, *mobjects: Mobject) -> None:
        """Draw ``mobjects`` (and their families) as marks lying on ``surface``."""
        for mobject in mobjects:
            for member in mobject.get_family():
                self.surface_marks[member] = surface

    def capture_mobjects(self, mobjects: Iterable[Mobject], **kwargs: Any) -> None:
        self.reset_rotation_matrix()
        mobs = self.family_with_points(mobjects, **kwargs)
        if not mobs:
            return
        rot = self.get_rotation_matrix()
        surfaces = {id(m) for m in mobs if isinstance(m, FastSurface) and m.patch_count > 0}
        plain: list[_Piece] = []
        keys: list[np.ndarray] = []
        owner: list[np.ndarray] = []
        part: list[np.ndarray] = []
        sub: list[np.ndarray] = []
        patch_keys: dict[int, np.ndarray] = {}
        marks: list[tuple[int, _Piece, FastSurface]] = []
        for i, mob in enumerate(mobs):
            if id(mob) in surfaces:
                corners = mob.patch_points()[:, ::4]  # a patch's anchors: its corners
                centres = (corners.min(axis=1) + corners.max(axis=1)) / 2
                key = centres @ rot[2]
                patch_keys[id(mob)] = key
                keys.append(key)
                owner.append(np.full(len(corners), i))
                part.append(np.arange(len(corners)))
                sub.append(np.zeros(len(corners)))
                continue
            piece = _Piece.of(self, i, mob) if isinstance(mob, VMobject) else None
            surface = self.surface_marks.get(mob)
            if piece is not None and surface is not None and id(surface) in surfaces:
                marks.append((i, piece, surface))
                continue
            if piece is not None:
                plain.append(piece)
            keys.append(np.array([np.nan]))  # filled in below
            owner.append(np.array([i]))
            part.append(np.array([-1]))
            sub.append(np.zeros(1))
        pieces = {p.index: p for p in plain}
        for _, p, _ in marks:
            pieces[p.index] = p
        self._project(list(pieces.values()))
        flat_keys = self._depth_keys(mobs, pieces, rot)
        for k, o in enumerate(owner):
            if part[k][0] < 0:
                keys[k] = np.array([flat_keys[int(o[0])]])
        around: dict[int, tuple[np.ndarray, np.ndarray]] = {}
        for i, piece, surface in marks:
            centres, groups = piece.mark_groups()
            if not len(groups):
                continue
            keys.append(_mark_keys(surface, patch_keys[id(surface)], centres, around))
            owner.append(np.full(len(groups), i))
            part.append(np.arange(len(groups)))
            sub.append(np.ones(len(groups)))
            piece.groups = groups
        key = np.concatenate(keys)
        # ThreeDCamera's stable sorted(key=z_key); a mark's piece right after its patch.
        order = np.lexsort((np.concatenate(sub), key))
        owners = np.concatenate(owner)[order]
        parts = np.concatenate(part)[order]
        cuts = np.flatnonzero(np.diff(owners) != 0) + 1
        bounds = [0, *cuts.tolist(), len(order)]
        ctx = self.get_cairo_context(self.pixel_array)
        drawn: dict[int, _Prepared] = {}
        for a, b in it.pairwise(bounds):
            i = int(owners[a])
            mob = mobs[i]
            if id(mob) in surfaces:
                if id(mob) not in drawn:
                    drawn[id(mob)] = self._prepare(mob)
                drawn[id(mob)].draw(ctx, parts[a:b])
            elif i in pieces:
                p = pieces[i]
                if p.groups is None:
                    p.draw(ctx, None)
                else:
                    p.draw(ctx, [r for g in parts[a:b].tolist() for r in p.groups[g]])
            else:
                self._display([mob])

    def family_with_points(self, mobjects: Iterable[Mobject], **kwargs: Any) -> list[Mobject]:
        """``Camera.get_mobjects_to_display``: the families' members with points, in
        order, walked once. Manim removes repeats family by family, keeping the last
        one each time; that is the same as keeping the last of each in the whole walk.
        Manim's own walk when the call asks for more than the default."""
        mobjects = list(mobjects)
        if kwargs.get("excluded_mobjects") or not kwargs.get("include_submobjects", True):
            return list(Camera.get_mobjects_to_display(self, mobjects, **kwargs))
        found: list[Mobject] = []
        stack = list(reversed(mobjects))
        while stack:
            mob = stack.pop()
            found.append(mob)
            stack.extend(reversed(mob.submobjects))
        if len({id(m) for m in found}) != len(found):
            seen: set[int] = set()
            last: list[Mobject] = []
            for mob in reversed(found):
                if id(mob) not in seen:
                    seen.add(id(mob))
                    last.append(mob)
            found = last[::-1]
        with_points = [m for m in found if len(m.points) > 0]
        if self.use_z_index:
            with_points.sort(key=lambda m: m.z_index)
        return with_points

    def _project(self, pieces: list[_Piece]) -> None:
        """Every piece's drawn points, the 3-D ones in one projection."""
        pieces = [p for p in pieces if p.visible]
        solid = [p for p in pieces if p.projected]
        if solid:
            # A piece's gradient runs between two scene points projected as its own.
            ends = [p.gradient_ends() for p in solid]
            drawn = self.project_points(
                np.concatenate([p.scene for p in solid] + [e for e in ends if e is not None])
            )
            start = 0
            for p in solid:
                p.set_drawn(drawn[start : start + len(p.scene)])
                start += len(p.scene)
            for p, e in zip(solid, ends, strict=True):
                if e is not None:
                    p.gradient = drawn[start : start + 2, :2].ravel().tolist()
                    start += 2
        for p in pieces:
            if p.fixed:  # ThreeDCamera leaves a fixed-in-frame mobject's points as they are
                p.set_drawn(p.scene)
            elif not p.projected:
                p.set_drawn(self.transform_points_pre_display(p.mob, p.scene))

    def _depth_keys(
        self, mobs: list[Mobject], pieces: dict[int, _Piece], rot: np.ndarray
    ) -> list[float]:
        """``_depth_key`` of every mobject, the plain vectorized ones with numpy."""
        out = [float(np.inf)] * len(mobs)
        batch: list[int] = []
        for i, mob in enumerate(mobs):
            if not getattr(mob, "shade_in_3d", False):
                continue
            p = pieces.get(i)
            if p is not None and not p.visible:
                continue  # draws nothing: its place does not matter
            if p is not None and p.simple:
                batch.append(i)
            else:
                out[i] = _depth_key(mob, rot)
        if batch:
            anchors = [pieces[i].anchors() for i in batch]
            lengths = np.array([len(a) for a in anchors])
            stacked = np.concatenate(anchors)
            starts = np.concatenate([[0], np.cumsum(lengths)[:-1]])
            lo = np.minimum.reduceat(stacked, starts, axis=0)
            hi = np.maximum.reduceat(stacked, starts, axis=0)
            z = np.dot((hi + lo) / 2, rot.T)[:, 2]
            for i, value in zip(batch, z.tolist(), strict=True):
                out[i] = value
        return out

    # Manim's per-mobject drawing, minus work that draws nothing: a fill or stroke
    # whose every opacity is 0 leaves the pixels as they are (Cairo's OVER), so its
    # colours, gradient and rasterisation are skipped (an axis piece, a path or a
    # contour line is a stroke with a transparent fill; a glyph a fill without stroke).
    def apply_fill(self, ctx: cairo.Context, vmobject: VMobject) -> SurfaceCamera:
        rgbas = vmobject.get_fill_rgbas()
        if not _draws(rgbas):
            return self
        super().apply_fill(ctx, vmobject)
        return self

    def apply_stroke(
        self, ctx: cairo.Context, vmobject: VMobject, background: bool = False
    ) -> SurfaceCamera:
        if vmobject.get_stroke_width(background) == 0:
            return self
        rgbas = vmobject.get_stroke_rgbas(background)
        if not _draws(rgbas):
            return self
        super().apply_stroke(ctx, vmobject, background)
        return self

    # Work that is the same from frame to frame, kept: a 3-D piece's shaded colours
    # depend on its scene points, its colours and the light, not on the camera (the axes'
    # pieces never move, so they are shaded once); a mobject fixed in the frame (a
    # formula's glyphs) has the same Cairo path as long as its points are the same.
    # Keys hold the bytes of what the result depends on, so a change is a miss.
    _CACHE_LIMIT = 4096

    def modified_rgbas(self, vmobject: VMobject, rgbas: np.ndarray) -> np.ndarray:
        if not (self.should_apply_shading and vmobject.shade_in_3d) or len(vmobject.points) > 64:
            return super().modified_rgbas(vmobject, rgbas)
        cache = self.__dict__.setdefault("_shaded", {})
        key = (
            id(vmobject),
            np.asarray(rgbas).tobytes(),
            vmobject.points.tobytes(),
            self.light_source.points[0].tobytes(),
        )
        hit = cache.get(key)
        if hit is None:
            if len(cache) > self._CACHE_LIMIT:
                cache.clear()
            hit = cache[key] = np.array(super().modified_rgbas(vmobject, rgbas))
        return np.array(hit)

    def set_cairo_context_path(self, ctx: cairo.Context, vmobject: VMobject) -> SurfaceCamera:
        if vmobject not in self.fixed_in_frame_mobjects:
            super().set_cairo_context_path(ctx, vmobject)
            return self
        cache = self.__dict__.setdefault("_paths", {})
        key = (id(vmobject), vmobject.points.tobytes())
        path = cache.get(key)
        if path is None:
            if len(cache) > self._CACHE_LIMIT:
                cache.clear()
            ctx.new_path()  # Manim leaves the old path in place when there are no points
            super().set_cairo_context_path(ctx, vmobject)
            path = cache[key] = ctx.copy_path()
        ctx.new_path()
        ctx.append_path(path)
        return self

    def _display(self, mobs: list[Mobject]) -> None:
        """Draw ``mobs`` in order as ``Camera.capture_mobjects`` does (batched by type)."""
        for group_type, group in it.groupby(mobs, self.type_or_raise):
            self.display_funcs[group_type](list(group), self.pixel_array)

    def _prepare(self, surface: FastSurface) -> _Prepared:
        """The surface's projected outlines, gradients and colours for this frame."""
        p = surface.patch_points()
        flat = surface.points
        finite = np.isfinite(p).all(axis=(1, 2))
        drawn = self.project_points(np.where(np.isfinite(flat), flat, 0.0)).reshape(p.shape)
        fill = np.broadcast_to(surface.get_fill_rgbas()[:, :4], (len(p), 4))
        stroke = np.broadcast_to(surface.get_stroke_rgbas()[:, :4], (len(p), 4))
        width = surface.get_stroke_width()
        fills = [fill, fill]
        strokes = [stroke, stroke]
        if self.should_apply_shading and surface.shade_in_3d:
            source = self.light_source.points[0]
            n_start = _unit_normals(p[:, 3] - p[:, 0], p[:, 12] - p[:, 0])
            n_end = _unit_normals(p[:, 9] - p[:, 6], p[:, 3] - p[:, 6])
            lights = (_light(p[:, START], n_start, source), _light(p[:, END], n_end, source))
            fills = [_lit(fill, light) for light in lights]
            strokes = [_lit(stroke, light) for light in lights]
        visible = finite & ((fill[:, 3] > 0) | ((stroke[:, 3] > 0) & (width > 0)))
        return _Prepared(
            outline=drawn[:, :, :2].reshape(len(p), -1),
            gradient=np.concatenate([drawn[:, START, :2], drawn[:, END, :2]], axis=1),
            fill=_cairo_stops(fills),
            stroke=_cairo_stops(strokes) if width > 0 else None,
            line_width=width * self.cairo_line_width_multiple,
            visible=visible,
        )


def _draws(rgbas: np.ndarray) -> bool:
    """Whether a fill or stroke with these colours changes any pixel: some opacity is
    above 0 (Cairo's OVER leaves the pixels as they are at 0). No colours at all is
    Manim's default colour, which draws."""
    return not len(rgbas) or bool((rgbas[:, 3] > 0).any())


def _depth_key(mob: Mobject, rot: np.ndarray) -> float:
    """``ThreeDCamera``'s sort key: the depth of the mobject's centre (its anchors'
    bounding box), ``inf`` (drawn last, in order) when it is not a 3-D piece."""
    if not getattr(mob, "shade_in_3d", False):
        return float(np.inf)
    points = mob.points
    if mob.submobjects or hasattr(mob, "z_index_group") or not isinstance(mob, VMobject):
        centre = mob.get_z_index_reference_point()
    else:
        n = mob.n_points_per_cubic_curve
        anchors = points if len(points) == 1 else np.concatenate([points[::n], points[n - 1 :: n]])
        centre = (anchors.max(axis=0) + anchors.min(axis=0)) / 2
    return float(np.dot(centre, rot.T)[2])


def _mark_keys(
    surface: FastSurface,
    key: np.ndarray,
    points: np.ndarray,
    memo: dict[int, tuple[np.ndarray, np.ndarray]],
) -> np.ndarray:
    """The sort key of a mark's pieces centred at ``points`` (shape (n, 3)): the
    largest key (the nearest to the camera) of the patches around the nearest patch, so
    a piece is drawn after the surface it lies on and before the ridges in front.
    ``memo`` keeps each surface's patch centres and keys around for the frame's marks."""
    found = memo.get(id(surface))
    if found is None:
        res = surface.resolution
        corners = surface.patch_points()[:, ::4]
        centres = (corners.min(axis=1) + corners.max(axis=1)) / 2
        grid = np.pad(key.reshape(res, res), 1, constant_values=-np.inf)
        around = np.max(
            [
                grid[1 + di : 1 + di + res, 1 + dj : 1 + dj + res]
                for di in (-1, 0, 1)
                for dj in (-1, 0, 1)
            ],
            axis=0,
        ).reshape(-1)
        found = memo[id(surface)] = (centres, around)
    centres, around = found
    d = ((points[:, None, :] - centres[None, :, :]) ** 2).sum(axis=2)
    out: np.ndarray = around[np.argmin(d, axis=1)]
    return out


class _Piece:
    """One vectorized mobject as ``display_vectorized`` draws it this frame: its drawn
    points, subpaths, colours and widths, for :class:`SurfaceCamera`."""

    def __init__(self, camera: SurfaceCamera, index: int, mob: VMobject) -> None:
        self.camera, self.index, self.mob = camera, index, mob
        self.groups: list[list[tuple[int, int, bool]]] | None = None
        self.fixed = mob in camera.fixed_in_frame_mobjects
        self.oriented = mob in camera.fixed_orientation_mobjects
        points = mob.points
        self.finite = bool(np.isfinite(points).all())
        self.scene = points if self.finite else np.zeros((1, 3))
        self.projected = self.finite and not self.fixed and not self.oriented
        self.simple = (
            not mob.submobjects and not hasattr(mob, "z_index_group") and len(points) % 4 == 0
        )
        fill = mob.get_fill_rgbas()
        self.fill = _draws(fill)
        self.stroke = self._stroked(False)
        self.background = self._stroked(True)
        self.visible = self.finite and (self.fill or self.stroke or self.background)
        self._subpaths: list[tuple[int, int, bool]] | None = None
        #: The drawn gradient's two end points (x0, y0, x1, y1), when it has one.
        self.gradient: list[float] | None = None
        self._sources: dict[bool | None, Any] = {}
        self._rgbas: dict[bool | None, np.ndarray] = {}

    @classmethod
    def of(cls, camera: SurfaceCamera, index: int, mob: VMobject) -> _Piece | None:
        """The piece, or ``None`` when ``ThreeDCamera`` must draw ``mob`` (an image fill)."""
        if mob.get_background_image() is not None:
            return None
        return cls(camera, index, mob)

    def _stroked(self, background: bool) -> bool:
        if self.mob.get_stroke_width(background) == 0:
            return False
        rgbas = self.mob.get_stroke_rgbas(background)
        return _draws(rgbas)

    def rgbas(self, background: bool | None) -> np.ndarray:
        """The colours the camera draws: the fill (``None``) or a stroke, shaded."""
        found = self._rgbas.get(background)
        if found is None:
            cam, vm = self.camera, self.mob
            if background is None:
                found = cam.get_fill_rgbas(vm)
            else:
                found = cam.get_stroke_rgbas(vm, background=background)
            self._rgbas[background] = found
        return found

    def gradient_ends(self) -> np.ndarray | None:
        """The scene points a gradient source runs between, ``None`` when every colour
        the piece draws is one colour (Cairo then takes a plain source)."""
        drawn = [
            b for b, on in ((None, self.fill), (False, self.stroke), (True, self.background)) if on
        ]
        if all(len(self.rgbas(b)) == 1 for b in drawn):
            return None
        return np.array(self.mob.get_gradient_start_and_end_points(), dtype=float)

    def set_drawn(self, drawn: np.ndarray) -> None:
        self.drawn = drawn
        self.flat = drawn[:, :2].ravel().tolist()

    def anchors(self) -> np.ndarray:
        """The scene points ``_depth_key`` takes the centre of (a curve's two anchors)."""
        p = self.scene
        return np.concatenate([p[::4], p[3::4]]) if len(p) > 1 else p

    @property
    def subpaths(self) -> list[tuple[int, int, bool]]:
        """``(start, end, closed)`` of each subpath, as ``set_cairo_context_path`` finds
        them in the drawn points."""
        if self._subpaths is None:
            vm, pts = self.mob, self.drawn
            out = []
            for start, end in vm.get_subpath_split_indices_from_points(pts, n_dims=2).tolist():
                if end - start < 4:
                    continue
                out.append(
                    (start, end, bool(vm.consider_points_equals_2d(pts[start], pts[end - 1])))
                )
            self._subpaths = out
        return self._subpaths

    def mark_groups(self) -> tuple[np.ndarray, list[list[tuple[int, int, bool]]]]:
        """A mark's pieces, each a list of point ranges, and their scene centres: a
        filled mark by subpath, a stroked one by curve."""
        if not self.visible:
            return np.zeros((0, 3)), []
        p = self.scene
        if self.fill:
            groups = [[s] for s in self.subpaths]
            centres = [p[a:b].mean(axis=0) for a, b, _ in self.subpaths]
        else:
            groups = [[(a, a + 4, False)] for s, e, _ in self.subpaths for a in range(s, e - 3, 4)]
            centres = [p[g[0][0] : g[0][0] + 4].mean(axis=0) for g in groups]
        if not groups:
            return np.zeros((0, 3)), []
        return np.array(centres), groups

    def draw(self, ctx: cairo.Context, ranges: list[tuple[int, int, bool]] | None) -> None:
        """Draw the subpaths ``ranges`` (``None``: all) as ``display_vectorized`` draws
        the mobject."""
        if not self.visible:
            return
        cam, vm = self.camera, self.mob
        if ranges is None and self.fixed:
            cache = cam.__dict__.setdefault("_paths", {})
            key = (id(vm), vm.points.tobytes())
            path = cache.get(key)
            if path is None:
                if len(cache) > cam._CACHE_LIMIT:
                    cache.clear()
                self._path(ctx, self.subpaths)
                path = cache[key] = ctx.copy_path()
            ctx.new_path()
            ctx.append_path(path)
        elif ranges is None:
            self._path(ctx, self.subpaths)
        else:
            self._path(ctx, _merged(sorted(ranges), self.subpaths))
        if self.background:
            self._apply_stroke(ctx, True)
        if self.fill:
            self._source(ctx, None)
            ctx.fill_preserve()
        if self.stroke:
            self._apply_stroke(ctx, False)

    def _path(self, ctx: cairo.Context, ranges: list[tuple[int, int, bool]]) -> None:
        x = self.flat
        ctx.new_path()
        new_sub_path, move_to, curve_to, close_path = (
            ctx.new_sub_path,
            ctx.move_to,
            ctx.curve_to,
            ctx.close_path,
        )
        for start, end, closed in ranges:
            new_sub_path()
            move_to(x[2 * start], x[2 * start + 1])
            for i in range(start, end - 3, 4):
                b = 2 * i + 2
                curve_to(x[b], x[b + 1], x[b + 2], x[b + 3], x[b + 4], x[b + 5])
            if closed:
                close_path()

    def _apply_stroke(self, ctx: cairo.Context, background: bool) -> None:
        cam, vm = self.camera, self.mob
        width = vm.get_stroke_width(background)
        self._source(ctx, background)
        ctx.set_line_width(
            width * cam.cairo_line_width_multiple * (cam.frame_width / cam.frame_width)
        )
        if vm.joint_type != LineJointType.AUTO:
            ctx.set_line_join(LINE_JOIN_MAP[vm.joint_type])
        if vm.cap_style != CapStyleType.AUTO:
            ctx.set_line_cap(CAP_STYLE_MAP[vm.cap_style])
        ctx.stroke_preserve()

    def _source(self, ctx: cairo.Context, background: bool | None) -> None:
        """``set_cairo_context_color`` for the fill (``background`` ``None``) or a
        stroke, the source made once a frame (a mark's pieces draw it many times)."""
        source = self._sources.get(background)
        if source is None:
            rgbas = self.rgbas(background)
            if len(rgbas) == 1:
                r = rgbas[0].tolist()
                source = (r[2], r[1], r[0], r[3])
            else:
                if self.gradient is None:  # not projected with the others (fixed)
                    ends = self.mob.get_gradient_start_and_end_points()
                    drawn = self.camera.transform_points_pre_display(self.mob, np.array(ends))
                    self.gradient = [float(v) for point in drawn for v in point[:2]]
                source = cairo.LinearGradient(*self.gradient)
                for rgba, offset in zip(
                    rgbas.tolist(), np.linspace(0, 1, len(rgbas)).tolist(), strict=True
                ):
                    source.add_color_stop_rgba(offset, rgba[2], rgba[1], rgba[0], rgba[3])
            self._sources[background] = source
        if isinstance(source, tuple):
            ctx.set_source_rgba(*source)
        else:
            ctx.set_source(source)


def _merged(
    ranges: list[tuple[int, int, bool]], subpaths: list[tuple[int, int, bool]]
) -> list[tuple[int, int, bool]]:
    """Consecutive point ranges of one subpath joined (closed when they make up a whole
    closed subpath), so a mark's curves drawn together join as in the whole mobject."""
    out: list[tuple[int, int, bool]] = []
    starts = {s for s, _, _ in subpaths}
    for start, end, _ in ranges:
        if out and out[-1][1] == start and start not in starts:
            out[-1] = (out[-1][0], end, False)
        else:
            out.append((start, end, False))
    whole = {(s, e): c for s, e, c in subpaths}
    return [(s, e, whole.get((s, e), False)) for s, e, _ in out]


def _lit(rgbas: np.ndarray, light: np.ndarray) -> np.ndarray:
    out = np.array(rgbas, dtype=float)
    out[:, :3] += light[:, None]
    return out


def _cairo_stops(pair: list[np.ndarray]) -> np.ndarray:
    """Two colour stops a patch as Cairo takes them: (b, g, r, a) twice (Manim passes the
    channels reversed, as its pixel array is BGRA), clamped to [0, 1] as Cairo does."""
    start, end = (np.clip(c, 0.0, 1.0) for c in pair)
    return np.concatenate([start[:, 2::-1], start[:, 3:], end[:, 2::-1], end[:, 3:]], axis=1)


#: The largest difference between a patch's two gradient stops (any channel, with the
#: alpha it is drawn with, in [0, 1]) for which the patch is filled with their mean
#: colour instead: no pixel then moves by more than half of it, one level in 255 for
#: each flat patch drawn over it.
#: Pixman's translucent gradient fills cost about 2.5 times a solid fill; at the
#: default view 4 in 10 of SurfaceDescent's patches are this flat.
FLAT_STEP = 2.0 / 255.0


def _flat_stops(stops: np.ndarray) -> tuple[list[bool], list[list[float]]]:
    """Which two-stop gradients (rows of Cairo's ``b, g, r, a`` twice) are flat within
    :data:`FLAT_STEP`, drawn premultiplied as Cairo blends them, and each row's mean stop."""
    start, end = stops[:, :4], stops[:, 4:]
    drawn = np.abs(start[:, :3] * start[:, 3:] - end[:, :3] * end[:, 3:]).max(axis=1)
    step = np.maximum(drawn, np.abs(start[:, 3] - end[:, 3]))
    flat: list[bool] = (step <= FLAT_STEP).tolist()
    mean: list[list[float]] = ((start + end) / 2).tolist()
    return flat, mean


def _set_stops(
    ctx: cairo.Context, ends: list[float], flat: bool, mean: list[float], stops: list[float]
) -> None:
    """Set a patch's source: its mean colour when ``flat``, else the two-stop gradient
    ``stops`` (Cairo's ``b, g, r, a`` twice) from ``ends[:2]`` to ``ends[2:]``."""
    if flat:
        ctx.set_source_rgba(mean[0], mean[1], mean[2], mean[3])
        return
    pattern = cairo.LinearGradient(ends[0], ends[1], ends[2], ends[3])
    pattern.add_color_stop_rgba(0.0, stops[0], stops[1], stops[2], stops[3])
    pattern.add_color_stop_rgba(1.0, stops[4], stops[5], stops[6], stops[7])
    ctx.set_source(pattern)


class _Prepared:
    """One frame's drawing data of a :class:`FastSurface`, patch by patch."""

    def __init__(
        self,
        outline: np.ndarray,
        gradient: np.ndarray,
        fill: np.ndarray,
        stroke: np.ndarray | None,
        line_width: float,
        visible: np.ndarray,
    ) -> None:
        self.outline = outline.tolist()
        self.gradient = gradient.tolist()
        self.fill = fill.tolist()
        self.flat_fill, self.mean_fill = _flat_stops(fill)
        self.stroke = stroke.tolist() if stroke is not None else None
        if stroke is not None:
            self.flat_stroke, self.mean_stroke = _flat_stops(stroke)
        self.line_width = line_width
        self.visible = visible

    def draw(self, ctx: cairo.Context, patches: ArrayLike) -> None:
        """Fill (then stroke) ``patches`` in the given order, each as ``display_vectorized``
        draws a shaded 3-D patch: its closed Bezier outline and a two-stop gradient from
        its start corner to its end corner (its mean colour when the two stops are flat
        within :data:`FLAT_STEP`)."""
        idx = np.asarray(patches)
        idx = idx[self.visible[idx]].tolist()
        outline, gradient, fill, stroke = self.outline, self.gradient, self.fill, self.stroke
        new_path, move_to, curve_to = ctx.new_path, ctx.move_to, ctx.curve_to
        close_path, set_stops = ctx.close_path, _set_stops
        flat_fill, mean_fill = self.flat_fill, self.mean_fill
        fill_preserve, stroke_preserve = ctx.fill_preserve, ctx.stroke_preserve
        if stroke is not None:
            flat_stroke, mean_stroke = self.flat_stroke, self.mean_stroke
            ctx.set_line_width(self.line_width)
        for k in idx:
            x = outline[k]
            new_path()
            move_to(x[0], x[1])
            curve_to(x[2], x[3], x[4], x[5], x[6], x[7])
            curve_to(x[10], x[11], x[12], x[13], x[14], x[15])
            curve_to(x[18], x[19], x[20], x[21], x[22], x[23])
            curve_to(x[26], x[27], x[28], x[29], x[30], x[31])
            close_path()
            g = gradient[k]
            set_stops(ctx, g, flat_fill[k], mean_fill[k], fill[k])
            fill_preserve()
            if stroke is not None:
                set_stops(ctx, g, flat_stroke[k], mean_stroke[k], stroke[k])
                stroke_preserve()


def use_surface_camera(scene: Any) -> None:
    """Give ``scene``'s Cairo renderer a :class:`SurfaceCamera` in place of its
    ``ThreeDCamera`` (call it in the scene's ``__init__``, inside the configuration the
    renderer was made in: the new camera is built from it, as the old one was)."""
    renderer = getattr(scene, "renderer", None)
    camera = getattr(renderer, "camera", None)
    if isinstance(camera, ThreeDCamera) and not isinstance(camera, SurfaceCamera):
        renderer.camera = SurfaceCamera()


def draw_on_surface(scene: Any, surface: FastSurface, *mobjects: Mobject) -> None:
    """Draw ``mobjects`` (paths, dots, a moving point lying on ``surface``) in the
    surface's depth order, so the ridges in front of them hide them (with a
    :class:`SurfaceCamera`; any other camera draws them as before)."""
    camera = getattr(getattr(scene, "renderer", None), "camera", None)
    if isinstance(camera, SurfaceCamera):
        camera.add_surface_marks(surface, *mobjects)
