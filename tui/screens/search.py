"""Search: a query box, live results as a row of tiles, Enter opens a result's details.

The engine records a ``search`` event per call, so the screen searches after a short pause
in typing (:data:`DEBOUNCE_S`) or at once on Enter, and never twice in a row for the same
query. A result is opened through ``Session.search_click``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.reactive import reactive
from textual.timer import Timer
from textual.widgets import Input, Static
from textual.worker import get_current_worker

from netflix_sim.engine import Catalog, Session
from netflix_sim.engine.types import Tile

from ..widgets.billboard import Billboard
from ..widgets.key_footer import KeyFooter
from ..widgets.search_results import SearchResults
from ..widgets.topbar import TopBar
from .base import SessionScreen
from .details import DetailsScreen

DEBOUNCE_S = 0.4
"""Pause in typing (real seconds) after which the query is searched."""
MAX_QUERY_CHARS = 100
"""Longest query sent to the engine; a longer paste is cut."""

_MOVE = Binding.Group("Move", compact=True)
_HINT = "Search titles, genres, moods and people"


def clean_query(text: str) -> str:
    """The query the screen searches for: printable characters, trimmed, at most
    :data:`MAX_QUERY_CHARS` long ("" means nothing to search)."""
    printable = "".join(ch for ch in text if ch.isprintable())
    return printable.strip()[:MAX_QUERY_CHARS].strip()


class SearchScreen(SessionScreen):
    """Type to search; ↓ or Enter goes to the results, ← → move, Enter opens, Esc goes home."""

    CSS_PATH = "search.tcss"
    BINDINGS = [  # noqa: RUF012
        Binding("down", "results", "Results"),
        Binding("up", "edit", "Edit search"),
        Binding("left", "move(-1)", "Left", group=_MOVE),
        Binding("right", "move(1)", "Right", group=_MOVE),
        Binding("enter", "open", "Details"),
        Binding("escape", "back", "Home"),
    ]

    class CastReady(Message):
        """The catalog's people and credits are read (posted by a thread worker)."""

    @dataclass
    class ResultsReady(Message):
        """Results of a query arrived from the engine (posted by a thread worker)."""

        query: str
        tiles: tuple[Tile, ...]

    debounce_s: ClassVar[float] = DEBOUNCE_S
    """Pause in typing after which the query is searched (tests shorten or lengthen it)."""
    cursor: reactive[int] = reactive(0)
    """Index of the result under the cursor."""

    def __init__(self) -> None:
        """An empty query box and no results."""
        super().__init__()
        self.results: tuple[Tile, ...] = ()
        """The results shown."""
        self.shown_query: str | None = None
        """The query whose results are shown (``None``: none yet)."""
        self.searched_query: str | None = None
        """The latest query sent to the engine."""
        self.searches = 0
        """How many searches this screen asked the engine for."""
        self.opened = False
        """Whether a result was opened (the home page is rebuilt on the way back)."""
        self._timer: Timer | None = None
        self._focus_when_ready = False
        self.cast_ready = False
        """Whether the catalog's cast index was read (warmed when the screen opened)."""

    def compose(self) -> ComposeResult:
        """Top bar, the query box, a status line, the focused result and the results."""
        yield TopBar("Search", id="topbar")
        yield Input(placeholder=_HINT, id="query")
        yield Static(_HINT, id="status")
        yield Billboard(actions=False, id="preview")
        yield SearchResults(id="results")
        yield KeyFooter()

    def on_mount(self) -> None:
        """Show who is watching; the query box has the focus."""
        session = self.session
        self.query_one(TopBar).show_who(session.profile.name, session.context)
        self.query_one("#results").display = False
        self.query_one("#preview").display = False
        self.query_one("#query", Input).focus()
        self.call_after_refresh(self._warm_cast, self.netflix.catalog)

    @work(thread=True, group="cast", exit_on_error=False)
    def _warm_cast(self, catalog: Catalog) -> None:
        """Read the catalog's people and credits (``Catalog.cast``, read at its first use:
        half a second at 100,000 titles) while the viewer starts typing, after the screen
        is painted, so that the first search does not wait for it. A failure here is not
        fatal: the first search reads it again."""
        _index = catalog.cast
        self.post_message(self.CastReady())

    @on(CastReady)
    def _cast_ready(self, message: CastReady) -> None:
        message.stop()
        self.cast_ready = True

    @property
    def query_text(self) -> str:
        """The query as it would be searched now."""
        return clean_query(self.query_one("#query", Input).value)

    @property
    def results_focused(self) -> bool:
        """Whether the results (not the query box) have the focus."""
        return self.focused is self.query_one(SearchResults)

    @property
    def pending(self) -> bool:
        """Whether a search is under way or waiting for a pause in typing."""
        return self._timer is not None or self.searched_query != self.shown_query

    @property
    def tile(self) -> Tile | None:
        """The result under the cursor."""
        return self.results[self.cursor] if self.cursor < len(self.results) else None

    # -- searching ----------------------------------------------------------------------

    @on(Input.Changed, "#query")
    def _changed(self, event: Input.Changed) -> None:
        self._stop_timer()
        self._focus_when_ready = False
        if not self.query_text:
            self._show(None, ())
            return
        self._timer = self.set_timer(self.debounce_s, self._debounced)

    def _stop_timer(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None

    def _debounced(self) -> None:
        self._timer = None
        self.search(self.query_text)

    @on(Input.Submitted, "#query")
    def _submitted(self, event: Input.Submitted) -> None:
        self._stop_timer()
        query = self.query_text
        if not query:
            return
        if query == self.shown_query:
            self.action_results()
        else:
            self._focus_when_ready = True
            self.search(query)

    def search(self, query: str) -> None:
        """Search for ``query`` in a thread worker, unless it was just searched."""
        if not query or query == self.searched_query:
            return
        self.searched_query = query
        self.searches += 1
        self.query_one("#status", Static).update(f"Searching for \u201c{query}\u201d…")
        self._search(self.session, query)

    @work(thread=True, exclusive=True, group="search")
    def _search(self, session: Session, query: str) -> None:
        tiles = tuple(session.search(query))
        if not get_current_worker().is_cancelled:
            self.post_message(self.ResultsReady(query, tiles))

    @on(ResultsReady)
    def _results_ready(self, message: ResultsReady) -> None:
        message.stop()
        if message.query != self.searched_query:
            return  # an older query: a newer one is under way
        self._show(message.query, message.tiles)
        if self._focus_when_ready:
            self._focus_when_ready = False
            self.action_results()

    def _show(self, query: str | None, tiles: tuple[Tile, ...]) -> None:
        self.shown_query = query
        if query is None:
            self.searched_query = None
        self.results = tiles
        widget = self.query_one(SearchResults)
        widget.show_results(query or "", tiles)
        widget.display = bool(tiles)
        self.query_one("#preview").display = bool(tiles)
        if not tiles and widget.has_focus:
            self.query_one("#query", Input).focus()
        self.set_reactive(SearchScreen.cursor, 0)
        self._sync()
        if query is None:
            status = _HINT
        elif tiles:
            found = f"{len(tiles)} result{'s' if len(tiles) != 1 else ''}"
            status = f"{found} for \u201c{query}\u201d   ↓ or Enter to browse them"
        else:
            status = f"No results for \u201c{query}\u201d"
        self.query_one("#status", Static).update(status)
        self.refresh_bindings()

    # -- cursor -------------------------------------------------------------------------

    def watch_cursor(self) -> None:
        """Move the cursor along the results."""
        self._sync()

    def _sync(self) -> None:
        widget = self.query_one(SearchResults)
        widget.cursor = self.cursor
        self.query_one(Billboard).show(self.tile, None, widget.row)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Keys that do nothing right now show greyed out."""
        if action in ("move", "open", "edit"):
            return True if self.results_focused and self.results else None
        if action == "results":
            return True if self.results and not self.results_focused else None
        return True

    def on_descendant_focus(self) -> None:
        """The focus moved between the query box and the results: update the footer."""
        self.refresh_bindings()

    def action_results(self) -> None:
        """Go down to the results."""
        if self.results:
            self.query_one(SearchResults).focus()

    def action_edit(self) -> None:
        """Go back up to the query box."""
        self.query_one("#query", Input).focus()

    def action_move(self, delta: int) -> None:
        """Move left (-1) or right (+1) along the results."""
        if self.results:
            self.cursor = max(0, min(len(self.results) - 1, self.cursor + delta))

    @on(SearchResults.TileClicked)
    def _clicked(self, message: SearchResults.TileClicked) -> None:
        message.stop()
        self.query_one(SearchResults).focus()
        if message.col == self.cursor:
            self.action_open()
        else:
            self.cursor = message.col

    def action_open(self) -> None:
        """Open the result under the cursor (records search_click and open_details)."""
        tile = self.tile
        if tile is None:
            return
        card = self.session.search_click(tile.title_id, self.cursor)
        self.opened = True
        self.app.push_screen(DetailsScreen(card, reason=tile.reason))

    def action_back(self) -> None:
        """Back to the home page."""
        self._stop_timer()
        self.app.pop_screen()
