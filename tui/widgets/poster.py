"""Procedural posters: each artwork variant painted from its aspect and palette.

A poster is a small RGB canvas (numpy, values 0..1): a background graded from the
variant's palette, lit by its accent colour, with a motif for what the variant emphasises
(a face for an actor close-up, a burst for an action scene, a sun on the horizon for a
classic scene, mountains for a landscape, ...). Two variants of one title differ in
palette, motif and composition, so they look clearly different.

The canvas is drawn in the terminal with half blocks (two pixels a cell, :func:`half_block_lines`)
or, where the optional ``textual-image`` package and the terminal can show real pixels,
as an image (:func:`poster_image`, :func:`pixel_posters_available`).
"""

from __future__ import annotations

import importlib.util
import os
import zlib
from functools import lru_cache
from typing import Any

import numpy as np
from rich.style import Style
from rich.text import Text

MOTIFS = (
    "actor close-up",
    "action scene",
    "romance",
    "classic scene",
    "ensemble cast",
    "villain",
    "landscape",
    "comedic moment",
    "mystery",
    "family",
)
"""Aspects with a motif of their own (any other aspect gets a plain glow)."""


def rgb(colour: str) -> np.ndarray:
    """``#rrggbb`` as three floats in 0..1 (a dark grey for anything else)."""
    colour = colour.lstrip("#")
    if len(colour) != 6:
        return np.asarray([0.13, 0.12, 0.12])
    return np.asarray([int(colour[i : i + 2], 16) / 255 for i in (0, 2, 4)])


def hex_colour(pixel: np.ndarray) -> str:
    """Three floats in 0..1 as ``#rrggbb``."""
    r, g, b = (round(min(1.0, max(0.0, float(v))) * 255) for v in pixel)
    return f"#{r:02x}{g:02x}{b:02x}"


def _seed(name: str, aspect: str, palette: tuple[str, str]) -> int:
    return zlib.crc32(f"{name}|{aspect}|{palette[0]}|{palette[1]}".encode())


def _disc(x: np.ndarray, y: np.ndarray, cx: float, cy: float, r: float) -> np.ndarray:
    return ((x - cx) ** 2 + (y - cy) ** 2) <= r * r


def _ellipse(x: np.ndarray, y: np.ndarray, cx: float, cy: float, rx: float, ry: float):
    return ((x - cx) / max(rx, 1e-6)) ** 2 + ((y - cy) / max(ry, 1e-6)) ** 2 <= 1.0


def _figure(x: np.ndarray, y: np.ndarray, cx: float, base: float, size: float) -> np.ndarray:
    """A head-and-shoulders silhouette standing on ``base``, ``size`` pixels tall."""
    head = _disc(x, y, cx, base - size * 0.72, size * 0.2)
    body = _ellipse(x, y, cx, base, size * 0.34, size * 0.45)
    return head | (body & (y <= base))


def paint(
    aspect: str, palette: tuple[str, str], width: int, height: int, *, seed: int = 0
) -> np.ndarray:
    """The poster canvas: ``height`` x ``width`` x 3 floats in 0..1 (square pixels).

    ``seed`` moves the composition (mirroring, the glow, scattered details) so that two
    variants with the same aspect still differ.
    """
    w, h = max(width, 4), max(height, 4)
    bg, accent = rgb(palette[0]), rgb(palette[1])
    dark = bg * 0.25
    y, x = np.mgrid[0:h, 0:w].astype(np.float64) + 0.5
    mirror = bool(seed & 1)
    if mirror:
        x = w - x
    # background: the palette graded top to bottom, lit by the accent at a seeded spot
    t = (y / h)[..., None]
    canvas = bg * (1.15 - 0.55 * t) + dark * (0.4 * t)
    gx = w * (0.55 + 0.3 * ((seed >> 8 & 0xFF) / 255))
    gy = h * (0.15 + 0.3 * ((seed >> 16 & 0xFF) / 255))
    glow = np.exp(-(((x - gx) / (0.45 * w)) ** 2 + ((y - gy) / (0.55 * h)) ** 2))
    canvas = canvas * (1 - 0.55 * glow[..., None]) + accent * (0.55 * glow[..., None])
    s = float(min(w, h * 1.4))

    def fill(mask: np.ndarray, colour: np.ndarray, alpha: float = 1.0) -> None:
        canvas[mask] = canvas[mask] * (1 - alpha) + colour * alpha

    silhouette = bg * 0.18
    rim = accent * 0.9 + 0.1
    if aspect == "actor close-up":
        cx, cy, r = w * 0.72, h * 0.42, s * 0.26
        head = _disc(x, y, cx, cy, r)
        halo = _disc(x, y, cx - r * 0.12, cy - r * 0.1, r * 1.12) & ~head
        shoulders = _ellipse(x, y, cx, h * 1.08, s * 0.48, h * 0.42)
        fill(halo, rim, 0.85)
        fill(head | shoulders, silhouette)
        eye = _disc(x, y, cx - r * 0.38, cy - r * 0.05, max(0.6, r * 0.12))
        fill(eye, rim, 0.7)
    elif aspect == "action scene":
        cx, cy = w * 0.7, h * 0.45
        angle = np.arctan2(y - cy, x - cx)
        dist = np.hypot(x - cx, (y - cy) * 1.2)
        rays = (np.cos(angle * 9 + (seed & 7)) > 0.55) & (dist < s * 0.62)
        core = dist < s * 0.16
        fill(rays, rim, 0.75)
        fill(core, np.asarray([1.0, 0.95, 0.8]))
        streak = np.abs((x - y * 1.6) % (w * 0.5) - w * 0.25) < 0.6
        fill(streak & (y > h * 0.55), accent, 0.5)
        ground = y > h * 0.82
        fill(ground, silhouette)
        fill(_figure(x, y, w * 0.28, h * 0.86, h * 0.5), silhouette)
    elif aspect == "romance":
        cx, cy, r = w * 0.68, h * 0.36, s * 0.11
        heart = _disc(x, y, cx - r, cy, r * 1.05) | _disc(x, y, cx + r, cy, r * 1.05)
        heart |= (y >= cy) & (np.abs(x - cx) <= (2.1 * r) * (1 - (y - cy) / (2.2 * r)))
        fill(heart, rim)
        fill(_figure(x, y, w * 0.55, h * 1.02, h * 0.55), silhouette)
        fill(_figure(x, y, w * 0.8, h * 1.02, h * 0.6), silhouette)
    elif aspect == "classic scene":
        horizon = h * 0.66
        sun = _disc(x, y, w * 0.68, horizon, s * 0.24) & (y < horizon)
        fill(sun, rim)
        bands = (y < horizon) & (np.abs((y - horizon) % 3) < 0.5) & sun
        fill(bands, bg, 0.6)
        fill(y >= horizon, dark * 1.6)
        fill(np.abs(y - horizon) < 0.5, accent, 0.6)
    elif aspect == "ensemble cast":
        count = 5
        for k in range(count):
            size = h * (0.42 + 0.16 * ((seed >> (k * 3)) & 3) / 3)
            cx = w * (0.12 + 0.76 * k / (count - 1))
            fill(_figure(x, y, cx, h * 1.02, size), silhouette * (0.8 + 0.1 * k))
            fill(
                _disc(x, y, cx, h * 1.02 - size * 0.72, size * 0.2 + 0.8)
                & ~_figure(x, y, cx, h * 1.02, size),
                rim,
                0.35,
            )
    elif aspect == "villain":
        vignette = np.hypot((x - w * 0.7) / w, (y - h * 0.45) / h)
        canvas *= np.clip(1.25 - 1.3 * vignette, 0.15, 1.0)[..., None]
        fill(_figure(x, y, w * 0.7, h * 1.05, h * 0.95), silhouette * 0.5)
        ey = h * 0.4
        for ex in (w * 0.64, w * 0.76):
            fill(_ellipse(x, y, ex, ey, max(0.9, s * 0.05), max(0.5, s * 0.025)), rim)
    elif aspect == "landscape":
        ridge1 = h * (0.5 + 0.16 * np.abs(((x / w * 2.3 + (seed & 3) * 0.2) % 1) - 0.5) * 2)
        ridge2 = h * (0.68 + 0.1 * np.sin(x / w * 7 + (seed & 15)))
        fill(_disc(x, y, w * 0.78, h * 0.22, s * 0.1), rim)
        fill(y >= ridge1, bg * 0.55 + accent * 0.1)
        fill(y >= ridge2, silhouette)
    elif aspect == "comedic moment":
        rng = np.random.default_rng(seed)
        colours = [rim, np.asarray([1.0, 1.0, 1.0]), 1 - accent * 0.8, bg * 1.8]
        for _ in range(max(6, w * h // 40)):
            px, py = rng.uniform(0, w), rng.uniform(0, h)
            fill(_disc(x, y, px, py, 0.7), colours[int(rng.integers(len(colours)))])
        cx, cy, r = w * 0.7, h * 0.5, s * 0.24
        fill(_disc(x, y, cx, cy, r), rim)
        smile = _disc(x, y, cx, cy, r * 0.62) & ~_disc(x, y, cx, cy - r * 0.2, r * 0.62)
        fill(smile | _disc(x, y, cx - r * 0.35, cy - r * 0.3, r * 0.12), silhouette)
        fill(_disc(x, y, cx + r * 0.35, cy - r * 0.3, r * 0.12), silhouette)
    elif aspect == "mystery":
        fog = np.clip((y / h - 0.45) * 1.6, 0, 1) * (0.5 + 0.5 * np.sin(x / w * 9 + seed % 5))
        canvas[:] = canvas * (1 - 0.35 * fog[..., None]) + 0.75 * (0.35 * fog[..., None])
        cone = (np.abs(x - w * 0.68) < (y / h) * w * 0.18) & (y < h * 0.9)
        fill(cone, rim, 0.35)
        fill(_figure(x, y, w * 0.68, h * 0.92, h * 0.42), silhouette)
        fill(_disc(x, y, w * 0.68, h * 0.06, s * 0.05), rim)
    elif aspect == "family":
        base = h * 0.95
        house = (np.abs(x - w * 0.72) < w * 0.14) & (y > h * 0.5) & (y < base)
        roof = (y <= h * 0.5) & (y > h * 0.5 - (w * 0.18 - np.abs(x - w * 0.72)) * 0.8)
        fill(house | roof, silhouette)
        fill((np.abs(x - w * 0.72) < w * 0.04) & (y > h * 0.62) & (y < h * 0.75), rim)
        for cx, size in ((w * 0.3, h * 0.5), (w * 0.42, h * 0.36), (w * 0.5, h * 0.28)):
            fill(_figure(x, y, cx, base, size), silhouette)
    return np.clip(canvas, 0.0, 1.0)


@lru_cache(maxsize=4096)
def cell_style(top: str, bottom: str) -> Style:
    """The style of a half-block cell: ``top`` pixel as the colour, ``bottom`` as the background."""
    return Style(color=top, bgcolor=bottom)


def quantise(pixels: np.ndarray) -> list[list[str]]:
    """Pixels as ``#rrggbb`` strings, 64 levels a channel (fewer distinct styles)."""
    levels = np.clip(np.rint(pixels * 63), 0, 63).astype(np.int64) * 255 // 63
    packed = (levels[..., 0] << 16) | (levels[..., 1] << 8) | levels[..., 2]
    return [[f"#{v:06x}" for v in row] for row in packed.tolist()]


def half_block_lines(canvas: np.ndarray) -> list[Text]:
    """The canvas as lines of half blocks: each cell shows two pixels (top and bottom)."""
    h, w = canvas.shape[:2]
    if h % 2:
        canvas = np.concatenate([canvas, canvas[-1:]], axis=0)
    colours = quantise(canvas)
    lines = []
    for r in range(0, len(colours), 2):
        line = Text(no_wrap=True, end="")
        top, bottom = colours[r], colours[r + 1]
        for c in range(w):
            line.append("\u2580", cell_style(top[c], bottom[c]))
        lines.append(line)
    return lines


def cell_colours(canvas: np.ndarray) -> list[list[str]]:
    """The average colour of each cell (two pixels high) as ``#rrggbb``."""
    if canvas.shape[0] % 2:
        canvas = np.concatenate([canvas, canvas[-1:]], axis=0)
    cells = (canvas[0::2] + canvas[1::2]) / 2
    return quantise(cells)


def poster_seed(name: str, aspect: str, palette: tuple[str, str]) -> int:
    """The composition seed of one artwork variant."""
    return _seed(name, aspect, palette)


# -- real pixels (optional) ----------------------------------------------------------

_PIXELS: dict[str, Any] = {}


def pixel_posters_available() -> bool:
    """Whether posters can be shown as real pixels: ``textual-image`` is installed, it was
    probed by :func:`probe_pixel_posters` before the app started, and the terminal speaks
    Sixel or the Kitty graphics protocol. ``NETFLIX_SIM_IMAGES=0`` turns them off."""
    return bool(_PIXELS.get("widget")) and os.environ.get("NETFLIX_SIM_IMAGES", "1") != "0"


def probe_pixel_posters() -> bool:
    """Ask the terminal (once, before the Textual app starts) whether it shows images.

    Imports ``textual-image`` lazily, which queries the terminal; without the package, or
    on a terminal without Sixel/TGP, posters stay in block characters. Returns whether
    pixel posters are on.
    """
    if "probed" in _PIXELS:
        return pixel_posters_available()
    _PIXELS["probed"] = True
    if os.environ.get("NETFLIX_SIM_IMAGES", "1") == "0":
        return False
    if importlib.util.find_spec("textual_image") is None:
        return False
    try:
        from textual_image import renderable
        from textual_image.widget import Image as ImageWidget
    except Exception:
        return False
    if renderable.Image in (renderable.SixelImage, renderable.TGPImage):
        _PIXELS["widget"] = ImageWidget
    return pixel_posters_available()


def image_widget_class() -> Any:
    """The ``textual-image`` widget class chosen by :func:`probe_pixel_posters` (or None)."""
    return _PIXELS.get("widget") if pixel_posters_available() else None


def poster_image(
    name: str, aspect: str, palette: tuple[str, str], width: int, height: int, scale: int = 8
) -> Any:
    """The poster as a Pillow image, ``scale`` pixels per canvas pixel, the title lettered
    across it (needs Pillow, which comes with ``textual-image``)."""
    from PIL import Image, ImageDraw, ImageFont

    canvas = paint(aspect, palette, width, height, seed=poster_seed(name, aspect, palette))
    data = (canvas * 255).astype(np.uint8)
    image = Image.fromarray(data, "RGB").resize(
        (width * scale, height * scale), Image.Resampling.BICUBIC
    )
    draw = ImageDraw.Draw(image)
    size = max(10, int(height * scale * 0.12))
    try:
        font: Any = ImageFont.load_default(size=size)
    except TypeError:  # an old Pillow without sized default fonts
        font = ImageFont.load_default()
    text = name.upper()
    box = draw.textbbox((0, 0), text, font=font)
    tx = max(4, (image.width - (box[2] - box[0])) // 2)
    ty = int(image.height * 0.62)
    draw.text((tx + 2, ty + 2), text, font=font, fill=(0, 0, 0))
    draw.text((tx, ty), text, font=font, fill=(255, 255, 255))
    return image


__all__ = [
    "MOTIFS",
    "cell_colours",
    "half_block_lines",
    "hex_colour",
    "paint",
    "pixel_posters_available",
    "poster_image",
    "poster_seed",
    "probe_pixel_posters",
]
