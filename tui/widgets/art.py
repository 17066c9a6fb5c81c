"""Rich drawing helpers for artwork: tiles on a row and the big details block.

Pure functions from engine dataclasses to Rich ``Text`` lines; no widgets here, so the row
widget can draw a whole row of tiles as one renderable.
"""

from __future__ import annotations

import textwrap
import zlib

from rich.style import Style
from rich.text import Text

from netflix_sim.engine.types import Tile

RED = "#e50914"
"""The accent colour."""
GREEN = "#46d369"
"""Colour of "% match"."""
MUTED = "#8c8c8c"
"""Secondary text."""
CARD_BG = "#181818"
"""Background of a tile's info strip."""

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


def tile_lines(
    tile: Tile,
    *,
    highlighted: bool,
    dimmed: bool = False,
    picked: bool = False,
    info: Text | None = None,
    width: int = TILE_WIDTH,
) -> list[Text]:
    """The :data:`TILE_HEIGHT` lines of one tile, each exactly ``width`` cells.

    ``highlighted`` draws the cursor's heavy border; ``picked`` a red border with a ✓.
    ``info`` replaces the bottom strip (% match and year).
    """
    inner = max(TILE_WIDTH, width) - 2
    bg, accent = tile.palette
    fg = readable_on(bg)
    colour = RED if picked else "#ffffff" if highlighted else "#333333" if dimmed else "#5a5a5a"
    border = Style(color=colour, bold=highlighted)
    if highlighted:
        corners, bar_char, side = "┏┓┗┛", "━", "┃"
    else:
        corners, bar_char, side = "╭╮╰╯", "─", "│"
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
    art = Style(color=fg, bgcolor=bg, bold=True)
    bar = Style(color=accent, bgcolor=bg)
    names = wrap_name(tile.name, inner - 2, 2)
    lines = [top]
    for name in names:
        lines.append(
            Text.assemble(
                (side, border), ("▌", bar), _fit(Text(name, style=art), inner - 1), (side, border)
            )
        )
    if len(names) == 1:  # room for what the artwork variant shows
        caption = Text(tile.aspect, style=Style(color=blend(fg, bg, 0.35), bgcolor=bg, italic=True))
        lines.append(
            Text.assemble((side, border), ("▌", bar), _fit(caption, inner - 1), (side, border))
        )
    # Third artwork line: kind badge, or progress for Continue Watching.
    if tile.progress is not None:
        filled = round(max(0.0, min(1.0, tile.progress)) * (inner - 2))
        middle = Text.assemble(
            (" ", art),
            ("━" * filled, Style(color=RED, bgcolor=bg)),
            ("━" * (inner - 2 - filled), Style(color="#777777", bgcolor=bg)),
            (" ", art),
        )
    else:
        label = kind_label(tile.kind)
        middle = Text.assemble(
            ("▌", bar),
            (" " * (inner - 2 - len(label)), art),
            (label, Style(color=accent, bgcolor=bg, bold=True)),
            (" ", art),
        )
    lines.append(Text.assemble((side, border), _fit(middle, inner), (side, border)))
    if info is None:
        info = Text.assemble(
            (f" {tile.match}% match", Style(color=GREEN, bold=True)),
            (f"  {tile.year}", Style(color=MUTED)),
        )
    info = Text.assemble(info, style=Style(bgcolor=CARD_BG))
    lines.append(Text.assemble((side, border), _fit(info, inner), (side, border)))
    lines.append(Text(bottom, style=border))
    return lines


def blank_tile(width: int = TILE_WIDTH) -> list[Text]:
    """Empty space the size of a tile."""
    return [Text(" " * width) for _ in range(TILE_HEIGHT)]


def letter_spaced(name: str) -> str:
    """``NAME`` upper-cased with a space between letters, for big artwork lettering."""
    return "  ".join(" ".join(word) for word in name.upper().split())


def blend(colour: str, other: str, t: float) -> str:
    """``colour`` moved a fraction ``t`` of the way to ``other``."""
    a, b = _rgb(colour), _rgb(other)
    mixed = (round(x + (y - x) * t) for x, y in zip(a, b, strict=True))
    return "#" + "".join(f"{v:02x}" for v in mixed)


def big_artwork(
    name: str, palette: tuple[str, str], aspect: str, kind: str, width: int, height: int
) -> Text:
    """A ``width`` x ``height`` block of artwork with the title lettered across it.

    The background glows in the accent colour at a spot that depends on the artwork
    variant, and fades to black at the bottom like a hero image over the page.
    """
    width, height = max(width, 12), max(height, 4)
    bg, accent = palette
    fg = readable_on(bg)
    seed = zlib.crc32(f"{name}|{aspect}".encode())
    cx = width * (0.15 + 0.7 * ((seed & 0xFF) / 255))
    cy = height * (0.2 + 0.4 * (((seed >> 8) & 0xFF) / 255))
    radius = max(6.0, min(width / 2.2, height * 1.6))
    fade_from = height * 0.55

    def cell_bg(x: int, y: int) -> str:
        distance = (((x - cx) / 2.0) ** 2 + (y - cy) ** 2) ** 0.5 / (radius / 2.0)
        colour = blend(bg, accent, 0.45 * max(0.0, 1.0 - distance) ** 1.6)
        if y >= fade_from:
            colour = blend(
                colour, "#000000", min(0.9, (y - fade_from + 1) / (height - fade_from + 1))
            )
        return colour

    chars = [[" "] * width for _ in range(height)]
    styles: list[list[Style | None]] = [[None] * width for _ in range(height)]

    def put(y: int, x: int, text: str, style: Style) -> None:
        for i, char in enumerate(text):
            if 0 <= x + i < width and 0 <= y < height:
                chars[y][x + i] = char
                styles[y][x + i] = style

    inner = width - 4
    lettered = letter_spaced(name)
    words = lettered if len(lettered) <= inner * 2 else name.upper()
    title_lines = (textwrap.wrap(words, inner) or [""])[: max(1, height - 3)]
    top = max(1, (height - len(title_lines) - 1) // 2)
    put(0, 1, " N ", Style(color="#ffffff", bgcolor=RED, bold=True))
    put(0, 5, kind_label(kind), Style(color=accent, bold=True))
    for n, line in enumerate(title_lines):
        put(top + n, (width - len(line)) // 2, line, Style(color=fg, bold=True))
    bar = "━" * min(inner, max(6, len(title_lines[0])))
    put(top + len(title_lines), (width - len(bar)) // 2, bar, Style(color=accent))
    if aspect:
        put(
            height - 1,
            max(0, width - len(aspect) - 1),
            aspect,
            Style(color=blend(fg, "#000000", 0.35), italic=True),
        )

    rows: list[Text] = []
    for y in range(height):
        line = Text(no_wrap=True)
        for x in range(width):
            style = Style(bgcolor=cell_bg(x, y))
            if styles[y][x] is not None:
                style = style + styles[y][x]
            line.append(chars[y][x], style)
        rows.append(line)
    return Text("\n").join(rows)
