"""The home page: ranked rows of tiles, a cursor, and the signals it records."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Static
from textual.worker import get_current_worker

from netflix_sim.engine import Session
from netflix_sim.engine.types import Context, Notice, Page, Tile, TitleCard

from ..messages import HomePageReady
from ..widgets.billboard import Billboard
from ..widgets.key_footer import KeyFooter
from ..widgets.page_scroll import PageScroll
from ..widgets.title_row import TitleRow
from ..widgets.topbar import Bell, TopBar
from .base import SessionScreen

if TYPE_CHECKING:  # the screens home opens are imported when first opened: a faster start
    from .search import SearchScreen

_ROWS = Binding.Group("Rows", compact=True)
_TITLES = Binding.Group("Titles", compact=True)


class HomeScreen(SessionScreen):
    """A billboard and rows of titles: arrows (or the mouse wheel) move the cursor, Enter
    or i opens details, p plays, m adds to or removes from My List, / opens search, n the
    notifications.

    Every move records through the session: ``dwell`` on the tile left, ``scroll`` with
    the direction, ``focus`` on the tile reached. The page is rebuilt whenever the
    screen shows again, so it reshapes as the model learns.
    """

    @dataclass
    class NoticesReady(Message):
        """The profile's notices, computed by the page worker."""

        notices: list[Notice]

    CSS_PATH = "home.tcss"
    BINDINGS = [  # noqa: RUF012
        Binding("up", "move_row(-1)", "Up", group=_ROWS),
        Binding("down", "move_row(1)", "Down", group=_ROWS),
        Binding("left", "move_col(-1)", "Left", group=_TITLES),
        Binding("right", "move_col(1)", "Right", group=_TITLES),
        Binding("enter", "open", "Details"),
        Binding("p", "play", "Play"),
        Binding("i", "open", "More Info"),
        Binding("m", "my_list", "My List"),
        Binding("slash", "search", "Search", key_display="/"),
        Binding("n", "notifications", "Alerts"),
        Binding("escape", "profiles", "Profiles"),
    ]

    cursor_row: reactive[int] = reactive(0)
    """Row of the cursor on the page."""
    cursor_col: reactive[int] = reactive(0)
    """Tile of the cursor on its row."""
    loading: reactive[bool] = reactive(True)
    """Whether a page is being built."""

    def __init__(self) -> None:
        """An empty home; the page arrives from a worker."""
        super().__init__()
        self.page: Page | None = None
        """The page shown."""
        self.pages_shown = 0
        """How many pages were shown (1 after the first load)."""
        self._rows: list[TitleRow] = []
        self._focused: tuple[str, int, int, int] | None = None
        self._anchor: tuple[str, int] | None = None
        self._stale = False
        self._focus_since_ms = 0
        self._cards: dict[int, TitleCard] = {}
        self._search: SearchScreen | None = None
        self.notices: list[Notice] = []
        """The profile's notices (the bell), refreshed with every page."""

    def compose(self) -> ComposeResult:
        """Top bar, billboard, rows and footer."""
        yield TopBar("Home", id="topbar")
        yield Billboard(id="billboard")
        yield PageScroll(id="rows", can_focus=False)
        yield Static("Loading your page…", id="loading")
        yield KeyFooter()

    def on_mount(self) -> None:
        """Remember our session and show who is watching, on what, when."""
        self._session = self.session
        self._show_who(self._session.context)

    def _show_who(self, context: Context) -> None:
        self.query_one(TopBar).show_who(self._session.profile.name, context)

    # -- page loading -------------------------------------------------------------------

    def on_screen_resume(self) -> None:
        """(Re)build the page after details/player: the model may have changed."""
        if self._search is not None:  # back from search: stale if a result was opened
            self._stale = self._stale or self._search.opened
            self._search = None
        if self.page is None or self._stale:
            self._stale = False
            self.load_page()
        else:  # back from an overlay (help): the cursor's tile is looked at again
            self.enter_tile()

    def on_screen_suspend(self) -> None:
        """Another screen covers us: the tile under the cursor is no longer looked at."""
        self.leave_tile()

    def on_unmount(self) -> None:
        """Record the last dwell before the session ends."""
        self.leave_tile()

    def load_page(self) -> None:
        """Ask the engine for a fresh page in a thread worker."""
        self.loading = True
        self._build_page(self._session)

    @work(thread=True, exclusive=True, group="home")
    def _build_page(self, session: Session) -> None:
        page = session.home()
        if get_current_worker().is_cancelled:
            return
        self.post_message(HomePageReady(page))
        notices = session.notifications()
        if not get_current_worker().is_cancelled:
            self.post_message(self.NoticesReady(notices))

    @on(NoticesReady)
    def _notices_ready(self, message: NoticesReady) -> None:
        message.stop()
        self.notices = message.notices
        self.query_one(TopBar).show_notices(
            sum(1 for n in self.notices if not n.read), len(self.notices)
        )

    @on(HomePageReady)
    def _page_ready(self, message: HomePageReady) -> None:
        message.stop()
        self.show_page(message.page)

    def show_page(self, page: Page) -> None:
        """Show ``page``, keeping the cursor on the same title when it is still there."""
        spot = None
        if self._anchor is not None:
            row_id, title_id = self._anchor
            spot = page.locate(title_id, row_id)
        self.leave_tile()
        previous = {r.id: i for i, r in enumerate(self.page.rows)} if self.page else {}
        self.page = page
        self._show_who(page.context)
        self._cards.clear()
        container = self.query_one("#rows", PageScroll)
        for index, row in enumerate(page.rows):
            moved = (previous[row.id] - index if row.id in previous else None) if previous else 0
            if index < len(self._rows):
                self._rows[index].show(row, index, moved=moved)
            else:
                widget = TitleRow(row, index, moved=moved)
                self._rows.append(widget)
                container.mount(widget)
        for widget in self._rows[len(page.rows) :]:
            widget.remove()
        del self._rows[len(page.rows) :]
        r, c = spot if spot is not None else (0, 0)
        if self._rows:
            self._rows[r].cursor = c
        self.set_reactive(HomeScreen.cursor_row, r)
        self.set_reactive(HomeScreen.cursor_col, c)
        self._sync(scroll=True)
        self.pages_shown += 1
        self.loading = False
        if self.is_current:
            self.enter_tile()

    def set_loading(self, loading: bool) -> None:
        """Nothing: home's :attr:`loading` is its own (the loading line, then "updating…"
        over the old page), not Textual's loading indicator covering the whole screen."""

    def watch_loading(self, loading: bool) -> None:
        """Show the loading line until the first page arrives, then a hint in the top bar."""
        self.query_one("#loading").display = loading and self.page is None
        nav = "Home  [dim]updating…[/]" if loading and self.page is not None else "Home"
        self.query_one(TopBar).set_nav(nav)

    # -- cursor -------------------------------------------------------------------------

    @property
    def tile(self) -> Tile | None:
        """The tile under the cursor."""
        if self.page is None or not self.page.rows:
            return None
        tiles = self.page.rows[self.cursor_row].tiles
        return tiles[self.cursor_col] if self.cursor_col < len(tiles) else None

    def watch_cursor_row(self) -> None:
        """Activate the cursor's row and bring it into view."""
        self._sync(scroll=True)

    def watch_cursor_col(self) -> None:
        """Move the cursor along its row."""
        self._sync()

    def _sync(self, *, scroll: bool = False) -> None:
        if not self._rows:
            self.query_one(Billboard).show(None, None, None)
            return
        for index, widget in enumerate(self._rows):
            widget.active = index == self.cursor_row
        current = self._rows[self.cursor_row]
        current.cursor = self.cursor_col
        if scroll:
            if current.virtual_region.height:  # laid out: scroll in this frame
                self._scroll_to_row(current)
            else:
                self.call_after_refresh(self._scroll_to_row, current)
        tile = self.tile
        card = self._card(tile.title_id) if tile else None
        featured = (self.cursor_row, self.cursor_col) == (0, 0)
        self.query_one(Billboard).show(tile, card, current.row, featured=featured)

    def _scroll_to_row(self, widget: TitleRow) -> None:
        if widget.is_attached:
            rows = self.query_one("#rows", PageScroll)  # in this frame, not after it
            rows.scroll_to_widget(widget, animate=False, top=True, immediate=True)

    def _card(self, title_id: int) -> TitleCard | None:
        if title_id not in self._cards:
            self._cards[title_id] = self._session.title_card(title_id)
        return self._cards[title_id]

    def enter_tile(self) -> None:
        """The cursor reached a tile: record ``focus`` and start timing the dwell."""
        tile = self.tile
        if tile is None or self.page is None:
            self._focused = None
            return
        row = self.page.rows[self.cursor_row]
        self._focused = (row.id, self.cursor_row, self.cursor_col, tile.title_id)
        self._anchor = (row.id, tile.title_id)
        self._session.focus(row.id, self.cursor_row, self.cursor_col, tile.title_id)
        self._focus_since_ms = self._session.clock.now_ms()

    def leave_tile(self) -> None:
        """The cursor leaves its tile: record how long it sat there (once)."""
        if self._focused is None:
            return
        row_id, r, c, title_id = self._focused
        self._focused = None
        if not self.netflix.has_session or self.netflix.session is not self._session:
            return
        seconds = max(0.0, (self._session.clock.now_ms() - self._focus_since_ms) / 1000)
        self._session.dwell(title_id, seconds, row_id=row_id, row_pos=r, col_pos=c)

    def _move(self, row: int, col: int, direction: str | None) -> None:
        """Move the cursor to (``row``, ``col``), recording dwell, scroll and focus."""
        if self.page is None:
            return
        old_row, old_col = self.cursor_row, self.cursor_col
        self.leave_tile()
        if direction is not None:
            self._session.scroll(
                direction, row_id=self.page.rows[old_row].id, row_pos=old_row, col_pos=old_col
            )
        self.cursor_row = row
        self.cursor_col = col
        self.enter_tile()

    def action_move_row(self, delta: int) -> None:
        """Move to the row above (-1) or below (+1), at that row's own cursor."""
        if self.page is None or not self._rows:
            return
        row = max(0, min(len(self._rows) - 1, self.cursor_row + delta))
        if row != self.cursor_row:
            self._move(row, self._rows[row].cursor, "down" if delta > 0 else "up")

    def action_move_col(self, delta: int) -> None:
        """Move left (-1) or right (+1) along the row."""
        if self.page is None or not self._rows:
            return
        tiles = self.page.rows[self.cursor_row].tiles
        col = max(0, min(len(tiles) - 1, self.cursor_col + delta))
        if col != self.cursor_col:
            self._move(self.cursor_row, col, "right" if delta > 0 else "left")

    @on(PageScroll.Wheel)
    def _wheel(self, message: PageScroll.Wheel) -> None:
        """The mouse wheel moves the cursor as the arrows do (and is recorded alike)."""
        message.stop()
        if message.rows:
            self.action_move_row(message.rows)
        elif message.cols:
            self.action_move_col(message.cols)

    def on_mouse_scroll_down(self, event: events.MouseScrollDown) -> None:
        """The wheel over the billboard or the top bar: down a row too."""
        event.stop()
        self.action_move_row(1)

    def on_mouse_scroll_up(self, event: events.MouseScrollUp) -> None:
        """The wheel over the billboard or the top bar: up a row too."""
        event.stop()
        self.action_move_row(-1)

    @on(TitleRow.TileClicked)
    def _tile_clicked(self, message: TitleRow.TileClicked) -> None:
        row, col = message.title_row.index, message.col
        if (row, col) == (self.cursor_row, self.cursor_col):
            self.action_open()
        else:
            self._move(row, col, None)

    # -- leaving ------------------------------------------------------------------------

    def action_open(self) -> None:
        """Open the details of the title under the cursor."""
        tile = self.tile
        if tile is None or self.page is None:
            return
        row_id, r, c = self.page.rows[self.cursor_row].id, self.cursor_row, self.cursor_col
        self.leave_tile()
        card = self._session.open_details(tile.title_id, row_id=row_id, row_pos=r, col_pos=c)
        origin = {"row_id": row_id, "row_pos": r, "col_pos": c}
        self._stale = True
        from .details import DetailsScreen

        self.app.push_screen(DetailsScreen(card, origin=origin, reason=tile.reason))

    @on(Billboard.PlayPressed)
    def _billboard_play(self, message: Billboard.PlayPressed) -> None:
        message.stop()
        self.action_play()

    @on(Billboard.InfoPressed)
    def _billboard_info(self, message: Billboard.InfoPressed) -> None:
        message.stop()
        self.action_open()

    def action_play(self) -> None:
        """Play the title under the cursor (the billboard's), resuming where it stopped."""
        tile = self.tile
        if tile is None or self.page is None:
            return
        origin = {
            "row_id": self.page.rows[self.cursor_row].id,
            "row_pos": self.cursor_row,
            "col_pos": self.cursor_col,
        }
        card = self._card(tile.title_id)
        self.leave_tile()
        self._stale = True
        from .player import PlayerScreen

        self.app.push_screen(PlayerScreen(card, origin=origin))

    def action_my_list(self) -> None:
        """Add the title under the cursor to My List, or take it off; the page is rebuilt."""
        tile = self.tile
        if tile is None:
            return
        add = tile.title_id not in self._session.my_list
        self._session.set_my_list(tile.title_id, add=add)
        self._cards.pop(tile.title_id, None)
        self.notify(f"{'Added to' if add else 'Removed from'} My List", title=tile.name, timeout=3)
        self.load_page()

    @on(Bell.Pressed)
    def _bell(self, message: Bell.Pressed) -> None:
        message.stop()
        self.action_notifications()

    def action_notifications(self) -> None:
        """Show the notices; opening one records ``open_details`` (source "notification")."""
        from .notifications import NotificationsScreen

        self.app.push_screen(NotificationsScreen(self.notices), self._notice_chosen)

    def _notice_chosen(self, notice: Notice | None) -> None:
        if notice is None or not self.netflix.has_session:
            return
        self.leave_tile()
        card = self._session.open_notification(notice)
        self.notices = [n if n.id != notice.id else _read(n) for n in self.notices]
        self.query_one(TopBar).show_notices(
            sum(1 for n in self.notices if not n.read), len(self.notices)
        )
        self._stale = True
        from .details import DetailsScreen

        self.app.push_screen(DetailsScreen(card, reason=notice.message))

    def action_search(self) -> None:
        """Open the search screen (home is rebuilt on the way back if a result was opened)."""
        from .search import SearchScreen

        self._search = SearchScreen()
        self.app.push_screen(self._search)

    def action_profiles(self) -> None:
        """Back to "Who's watching?" (ends this session)."""
        self.netflix.leave_profile()


def _read(notice: Notice) -> Notice:
    """``notice``, marked read."""
    return replace(notice, read=True)
