"""A focusable row of tiles with a title of its own (More Like This on details)."""

from __future__ import annotations

from textual.strip import Strip

from netflix_sim.engine.types import Row, Tile

from .title_row import TitleRow


class TileStrip(TitleRow):
    """A :class:`TitleRow` of given tiles; its cursor tile is highlighted."""

    def __init__(self, row_id: str, *, id: str | None = None) -> None:
        """An empty strip whose row id is ``row_id``."""
        super().__init__(Row(id=row_id, name="", reason="", kind="system", tiles=()), 0, id=id)
        self.row_id = row_id
        """Id of the row shown."""

    def show_tiles(self, name: str, tiles: tuple[Tile, ...], reason: str = "") -> None:
        """Show ``tiles`` under ``name``, the cursor on the first."""
        self.show(Row(id=self.row_id, name=name, reason=reason, kind="system", tiles=tiles), 0)
        self.active = bool(tiles)

    def lines(self) -> list[Strip]:
        """The row as drawn; nothing (blank lines) while it has neither name nor tiles, so
        that the strip can hold its place while its tiles load."""
        row = self.row
        if row is None or not (row.name or row.tiles):
            return []
        return super().lines()

    @property
    def tiles(self) -> tuple[Tile, ...]:
        """The tiles shown."""
        return self.row.tiles if self.row is not None else ()
