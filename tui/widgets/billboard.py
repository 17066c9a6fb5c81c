"""The preview strip above the rows: the title under the cursor, at a glance."""

from __future__ import annotations

import textwrap

from rich.console import Group, RenderableType
from rich.style import Style
from rich.text import Text
from textual.widget import Widget

from netflix_sim.engine.types import Row, Tile, TitleCard

from .art import GREEN, MUTED, RED, kind_label


def duration_label(card: TitleCard) -> str:
    """``1h 52m`` for a movie, ``3 Seasons`` for a series."""
    if card.kind == "series" and card.seasons:
        return f"{card.seasons} Season{'s' if card.seasons != 1 else ''}"
    hours, minutes = divmod(card.runtime_min, 60)
    return f"{hours}h {minutes:02d}m" if hours else f"{minutes}m"


class Billboard(Widget):
    """Name, match, facts, why it is shown and synopsis of the focused title."""

    DEFAULT_CSS = """
    Billboard {
        height: 5;
        padding: 0 2;
        background: #0b0b0b;
        border-bottom: solid #222222;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        """An empty billboard."""
        super().__init__(id=id)
        self._tile: Tile | None = None
        self._card: TitleCard | None = None
        self._row: Row | None = None

    def show(self, tile: Tile | None, card: TitleCard | None, row: Row | None) -> None:
        """Preview ``tile`` (with its ``card``) from ``row``."""
        self._tile, self._card, self._row = tile, card, row
        self.refresh()

    def reason(self) -> str:
        """Why the focused title is shown: the tile's own reason, else its row's."""
        if self._tile is not None and self._tile.reason:
            return self._tile.reason
        return self._row.reason if self._row is not None else ""

    def render(self) -> RenderableType:
        """Name, facts, why (a line of its own when there is room) and synopsis."""
        tile, card = self._tile, self._card
        if tile is None:
            return Text("")
        width = max(20, self.content_size.width)
        height = self.content_size.height or 4
        name = Text.assemble(
            ("▌ ", Style(color=tile.palette[1], bold=True)),
            (tile.name.upper(), Style(color="#ffffff", bold=True)),
        )
        reason = self.reason()
        why = Text(f"Why: {reason}", style=Style(color=MUTED, italic=True)) if reason else None
        facts = Text.assemble(
            (f"{tile.match}% match", Style(color=GREEN, bold=True)),
            (f"   {tile.year}", Style(color="#e5e5e5")),
        )
        if card is not None:
            facts.append("   ")
            facts.append(f" {card.maturity} ", Style(color="#e5e5e5", bgcolor="#333333"))
            facts.append(f"   {duration_label(card)}", Style(color="#e5e5e5"))
            if card.genres:
                facts.append("   " + " · ".join(card.genres[:3]), Style(color=MUTED))
            if card.rating is not None:
                facts.append("   " + rating_label(card.rating), Style(color=RED, bold=True))
        else:
            facts.append(f"   {kind_label(tile.kind)}", Style(color=MUTED))
        lines = [name, facts]
        if why is not None and height >= 5:
            lines.append(why)
        elif why is not None:  # short: the reason goes beside the name
            name.append("   ")
            name.append_text(why)
        room = max(0, height - len(lines))
        synopsis = textwrap.wrap(card.synopsis if card else "", width) or [""]
        if len(synopsis) > room:
            rest = textwrap.shorten(" ".join(synopsis[room - 1 :]), width, placeholder="…")
            synopsis = [*synopsis[: room - 1], rest] if room else []
        lines += [Text(line, style=Style(color="#b3b3b3")) for line in synopsis]
        for line in lines:
            line.no_wrap = True
            line.truncate(width, overflow="ellipsis")
        return Group(*lines)


def rating_label(rating: int | None) -> str:
    """How a thumbs rating reads: "Love this!", "I like this", "Not for me", or ""."""
    return {2: "♥ Love this!", 1: "▲ I like this", -1: "▼ Not for me"}.get(rating or 0, "")
