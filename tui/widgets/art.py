"""Rich drawing helpers for artwork: tiles on a row and the big details block.

Pure functions from engine dataclasses to Rich ``Text`` lines; no widgets here, so the row
widget can draw a whole row of tiles as one renderable.
"""

from __future__ import annotations

import textwrap
from functools import lru_cache

import numpy as np
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.strip import Strip

from netflix_sim.engine.types import Tile

from .ink import DARK_INK, RED, Ink
from .poster import cell_colours, cell_style, paint, poster_seed, quantise

TILE_WIDTH = 22
"""Cells of one tile, borders included."""
TILE_HEIGHT = 6
"""Lines of one tile, borders included."""

_KIND_LABEL = {"movie": "FILM", "series": "SERIES"}


def _rgb(colour: str) -> tuple[int, int, int]:
    colour = colour.lstrip("#")
    if len(colour) != 6:
        return (34, 31, 31)
    return int(colour[0:2], 16), int(colour[2:4], 16), int(colour[4:6], 16)


def readable_on(background: str) -> str:
    """White or near-black, whichever reads better on ``background``."""
    r, g, b = _rgb(background)
    luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b
    return "#111111" if luminance > 150 else "#ffffff"


def kind_label(kind: str) -> str:
    """``FILM`` or ``SERIES`` (or the kind upper-cased)."""
    return _KIND_LABEL.get(kind, kind.upper())


def wrap_name(name: str, width: int, lines: int) -> list[str]:
    """``name`` wrapped to ``width`` cells on at most ``lines`` lines, with an ellipsis."""
    wrapped = textwrap.wrap(name, width) or [""]
    if len(wrapped) > lines:
        wrapped = wrapped[:lines]
        last = wrapped[-1]
        wrapped[-1] = (last[: width - 1] if len(last) >= width else last) + "…"
    return [line[:width] for line in wrapped]


def _fit(text: Text, width: int) -> Text:
    text.truncate(width, overflow="ellipsis", pad=True)
    return text


PICK_MARK = " ✓ "
"""Badge on the top border of a picked tile."""


INFO_LINE = TILE_HEIGHT - 2
"""Index of a tile's bottom strip (% match and year) among its lines."""


def tile_lines(
    tile: Tile,
    *,
    highlighted: bool,
    dimmed: bool = False,
    picked: bool = False,
    info: Text | None = None,
    width: int = TILE_WIDTH,
    ink: Ink = DARK_INK,
) -> list[Text]:
    """The :data:`TILE_HEIGHT` lines of one tile, each exactly ``width`` cells.

    ``highlighted`` draws the cursor's heavy border; ``picked`` a red border with a ✓.
    ``info`` replaces the bottom strip (% match and year). The border and the strip take
    the theme's ``ink``; the art is the same in every theme.
    """
    inner = max(TILE_WIDTH, width) - 2
    bg, accent = tile.palette
    border, (corners, bar_char, side) = _border(highlighted, dimmed, picked, ink)
    bottom = corners[2] + bar_char * inner + corners[3]
    if picked:
        badge = Text(PICK_MARK, style=Style(color="#ffffff", bgcolor=RED, bold=True))
        top = Text.assemble(
            (corners[0] + bar_char * (inner - len(PICK_MARK) - 1), border),
            badge,
            (bar_char + corners[1], border),
        )
    else:
        top = Text(corners[0] + bar_char * inner + corners[1], style=border)
    art = _tile_art(tile.name, tile.aspect, (bg, accent), inner, tile.kind, tile.progress)
    lines = [top]
    for line in art:
        lines.append(Text.assemble((side, border), line, (side, border)))
    lines.append(
        tile_info_line(
            tile,
            highlighted=highlighted,
            dimmed=dimmed,
            picked=picked,
            info=info,
            width=width,
            ink=ink,
        )
    )
    lines.append(Text(bottom, style=border))
    return lines


def _border(
    highlighted: bool, dimmed: bool, picked: bool, ink: Ink
) -> tuple[Style, tuple[str, str, str]]:
    """A tile's border style, and its corners, bar and side characters."""
    colour = RED if picked else ink.highlight if highlighted else ink.line if dimmed else ink.faint
    border = Style(color=colour, bold=highlighted)
    if highlighted:
        return border, ("┏┓┗┛", "━", "┃")
    return border, ("╭╮╰╯", "─", "│")


def tile_info_line(
    tile: Tile,
    *,
    highlighted: bool,
    dimmed: bool = False,
    picked: bool = False,
    info: Text | None = None,
    width: int = TILE_WIDTH,
    ink: Ink = DARK_INK,
) -> Text:
    """Line :data:`INFO_LINE` of :func:`tile_lines`: the bottom strip between the sides
    (``info``, else % match and year), the only line that shows the tile's match."""
    inner = max(TILE_WIDTH, width) - 2
    border, (_corners, _bar, side) = _border(highlighted, dimmed, picked, ink)
    if info is None:
        info = Text.assemble(
            (f" {tile.match}% match", Style(color=ink.match, bold=True)),
            (f"  {tile.year}", Style(color=ink.muted)),
        )
    info = Text.assemble(info, style=Style(bgcolor=ink.card))
    return Text.assemble((side, border), _fit(info, inner), (side, border))


def letter_spaced(name: str) -> str:
    """``NAME`` upper-cased with a space between letters, for big artwork lettering."""
    return "  ".join(" ".join(word) for word in name.upper().split())


def title_lettering(name: str, width: int, lines: int) -> list[str]:
    """``name`` upper-cased for a poster in at most ``lines`` lines of ``width`` cells:
    letter-spaced when that fits (words never broken), else plain, else cut."""
    words = name.upper().split() or [""]
    for spaced in (True, False):
        parts = [" ".join(w) if spaced else w for w in words]
        wrapped: list[str] = []
        for part in parts:
            gap = "   " if spaced else " "
            if wrapped and len(wrapped[-1]) + len(gap) + len(part) <= width:
                wrapped[-1] += gap + part
            else:
                wrapped.append(part)
        if len(wrapped) <= lines and all(len(w) <= width for w in wrapped):
            return wrapped
    return wrap_name(name.upper(), width, lines)


def blend(colour: str, other: str, t: float) -> str:
    """``colour`` moved a fraction ``t`` of the way to ``other``."""
    a, b = _rgb(colour), _rgb(other)
    mixed = (round(x + (y - x) * t) for x, y in zip(a, b, strict=True))
    return "#" + "".join(f"{v:02x}" for v in mixed)


@lru_cache(maxsize=2048)
def _tile_canvas(
    aspect: str, palette: tuple[str, str], width: int, seed: int
) -> tuple[list[list[str]], list[list[str]], list[list[str]]]:
    """Top-pixel, bottom-pixel and average colours of a tile's 3 art lines."""
    canvas = paint(aspect, palette, width, 6, seed=seed)
    return quantise(canvas[0::2]), quantise(canvas[1::2]), cell_colours(canvas)


def _shade(colour: str, t: float) -> str:
    return blend(colour, "#000000", t)


def _tile_art(
    name: str,
    aspect: str,
    palette: tuple[str, str],
    inner: int,
    kind: str,
    progress: float | None,
) -> list[Text]:
    """The 3 art lines of a tile: the variant's poster in half blocks, the name (and the
    aspect, when the name takes one line) lettered on a shaded band at the left, then the
    kind badge, or a progress bar for Continue Watching."""
    bg, accent = palette
    top, bottom, average = _tile_canvas(aspect, palette, inner, poster_seed(name, aspect, palette))
    names = wrap_name(name, inner - 2, 2)
    labels = [(n, False) for n in names]
    if len(names) == 1:
        labels.append((aspect[: inner - 2], True))
    lines = []
    band = _shade(bg, 0.45)  # one shade behind the lettering: it reads as one label
    fg = readable_on(band)
    for y, (label, caption) in enumerate(labels):
        line = Text(no_wrap=True, end="")
        line.append("\u258c", Style(color=accent, bgcolor=band))
        if caption:
            style = Style(color=blend(fg, band, 0.3), bgcolor=band, italic=True)
        else:
            style = Style(color=fg, bgcolor=band, bold=True)
        line.append(f"{label} ", style)
        for x in range(len(label) + 2, inner):
            line.append("\u2580", cell_style(top[y][x], bottom[y][x]))
        lines.append(line)
    line = Text(no_wrap=True, end="")
    if progress is not None:  # Continue Watching: where the viewer stopped
        filled = round(max(0.0, min(1.0, progress)) * (inner - 2))
        cell_bg = _shade(bg, 0.5)
        line.append(" ", Style(bgcolor=cell_bg))
        line.append("\u2501" * filled, Style(color=RED, bgcolor=cell_bg, bold=True))
        line.append("\u2501" * (inner - 2 - filled), Style(color="#777777", bgcolor=cell_bg))
        line.append(" ", Style(bgcolor=cell_bg))
    else:  # the poster, then the kind badge at the right
        badge = f" {kind_label(kind)} "
        line.append("\u258c", Style(color=accent, bgcolor=_shade(average[2][0], 0.5)))
        for x in range(1, inner - len(badge)):
            line.append("\u2580", cell_style(top[2][x], bottom[2][x]))
        line.append(badge, Style(color=readable_on(accent), bgcolor=accent, bold=True))
    lines.append(line)
    return lines


def poster_cells(
    name: str, palette: tuple[str, str], aspect: str, kind: str, width: int, height: int
) -> tuple[list[list[str]], list[list[Style]]]:
    """A ``width`` x ``height`` poster of one artwork variant with the title lettered on it,
    as a character and a style per cell.

    The motif and colours come from the variant's aspect and palette
    (:func:`~.poster.paint`), drawn in half blocks; the bottom fades to black like a hero
    image over the page.
    """
    width, height = max(width, 12), max(height, 4)
    accent = palette[1]
    seed = poster_seed(name, aspect, palette)
    canvas = paint(aspect, palette, width, height * 2, seed=seed)
    fade_from = int(height * 2 * 0.7)
    if fade_from < height * 2:
        ramp = np.linspace(0.0, 0.75, height * 2 - fade_from)[:, None, None]
        canvas[fade_from:] *= 1 - ramp
    top, bottom, average = quantise(canvas[0::2]), quantise(canvas[1::2]), cell_colours(canvas)
    chars = [["▀"] * width for _ in range(height)]
    styles: list[list[Style]] = [
        [cell_style(top[y][x], bottom[y][x]) for x in range(width)] for y in range(height)
    ]

    def put(y: int, x: int, text: str, style: Style, *, shade: float = 0.0) -> None:
        inside = [i for i in range(len(text)) if 0 <= x + i < width and 0 <= y < height]
        if not inside:
            return
        # one background under the whole label (the mean of the cells it covers)
        covered = [_rgb(average[y][x + i]) for i in inside]
        mean = "#" + "".join(f"{sum(c[k] for c in covered) // len(covered):02x}" for k in range(3))
        label_bg = Style(bgcolor=_shade(mean, shade) if shade else mean)
        for i in inside:
            chars[y][x + i] = text[i]
            styles[y][x + i] = label_bg + style

    inner = width - 4
    title_lines = title_lettering(name, inner, max(1, min(3, height - 3)))
    first = max(1, min(height - len(title_lines) - 2, int(height * 0.58)))
    put(0, 1, " N ", Style(color="#ffffff", bgcolor=RED, bold=True))
    put(0, 5, f" {kind_label(kind)} ", Style(color="#ffffff", bold=True), shade=0.5)
    for n, line in enumerate(title_lines):
        x = (width - len(line)) // 2
        put(first + n, x - 1, f" {line} ", Style(color="#ffffff", bold=True), shade=0.6)
    bar = "━" * min(inner, max(6, len(title_lines[0])))
    put(first + len(title_lines), (width - len(bar)) // 2, bar, Style(color=accent, bold=True))
    if aspect:
        put(
            height - 1,
            max(0, width - len(aspect) - 1),
            aspect,
            Style(color="#cfcfcf", italic=True),
            shade=0.3,
        )

    return chars, styles


def cell_segments(chars: list[str], styles: list[Style]) -> list[Segment]:
    """One line of cells as segments, runs of one style merged."""
    segments: list[Segment] = []
    run: list[str] = []
    current: Style | None = None
    for char, style in zip(chars, styles, strict=True):
        if style is not current and run:
            segments.append(Segment("".join(run), current))
            run = []
        current = style
        run.append(char)
    if run:
        segments.append(Segment("".join(run), current))
    return segments


@lru_cache(maxsize=256)
def poster_strips(
    name: str,
    palette: tuple[str, str],
    aspect: str,
    kind: str,
    width: int,
    height: int,
) -> tuple[Strip, ...]:
    """The :func:`~.art.poster_cells` poster of one artwork variant as strips (cached)."""
    chars, styles = poster_cells(name, palette, aspect, kind, width, height)
    return tuple(
        Strip(cell_segments(char_row, style_row), width)
        for char_row, style_row in zip(chars, styles, strict=True)
    )
