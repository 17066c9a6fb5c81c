"""Search results: one focusable row of tiles (title, year, kind, % match)."""

from __future__ import annotations

from netflix_sim.engine.types import Row, Tile

from .title_row import TitleRow

RESULTS_ROW_ID = "search"
"""Id of the row the results are shown as."""


def results_row(query: str, tiles: tuple[Tile, ...]) -> Row:
    """The results for ``query`` as a row the widget can draw."""
    name = f"Results for \u201c{query}\u201d" if query else "Results"
    return Row(id=RESULTS_ROW_ID, name=name, reason="", kind="system", tiles=tiles)


class SearchResults(TitleRow):
    """A :class:`TitleRow` that takes the focus; its cursor shows while it has it."""

    can_focus = True

    DEFAULT_CSS = """
    SearchResults:focus {
        background: $ink-focus;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        """No results yet."""
        super().__init__(results_row("", ()), 0, id=id)

    def show_results(self, query: str, tiles: tuple[Tile, ...]) -> None:
        """Show ``tiles`` found for ``query``, the cursor on the first."""
        self.show(results_row(query, tiles), 0)

    def on_focus(self) -> None:
        """Highlight the cursor tile."""
        self.active = True

    def on_blur(self) -> None:
        """Dim the row while the query is being edited."""
        self.active = False
