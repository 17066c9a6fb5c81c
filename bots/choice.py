"""The choice model: a cascade over the home page, then details, play, thumbs or give up.

Every judgement is on the persona's own scale, the *fit*: 0 at the utility of its top tenth
of the catalogue, 1 at its best title (taste scales differ between personas; see
:mod:`.truth` for utility and appeal).

- **Cascade.** The bot reads the page top-down and each row left to right. Attention falls
  with the row (a row is read, or only skimmed when deep down or dull at first sight) and
  with the column (after each tile it goes on along the row with probability
  ``col_keep``, else down). A look costs about a second, more when the tile tempts (so
  only tempting tiles get a dwell of 2 s or more), a move a little more.
- **Click.** A tile looked at is opened with probability ``sigmoid(click_slope * (fit of
  its appeal - click_fit))``; titles passed in earlier sessions are mostly passed again at
  a glance, finished ones always (:class:`.state.BotMemory`).
- **Details.** It reads for 4 to 10 s, then plays with probability rising with the title's
  fit, or goes back (a thumbs down now and then for a title it dislikes).
- **Watching.** The share watched grows with fit (the seed crowd's law on the fit scale:
  poor fits are left early, the best watched through), with a pause or a 10 s rewind now
  and then; then a thumbs up (or two) when it loved it, a thumbs down when it left a poor
  fit early; bingers look for another title.
- **Patience.** Browsing seconds without a play count against the persona's patience (60
  to 90 s); when it runs out the bot abandons (or leaves, after a play). A searcher types
  its favourite genre at the start; others sometimes search once browsing drags on.

Decisions depend only on the views (:class:`.driver.View`), the persona, the bot's state
and memory and its generator's draws, so two drivers showing the same views get the same
actions.
"""

from __future__ import annotations

import math
from collections import deque
from dataclasses import dataclass

import numpy as np

from netflix_sim.engine.pages import FIRST_SCREEN_COLS, FIRST_SCREEN_ROWS
from netflix_sim.engine.types import Page, PlaybackState, Row, tile_column

from .actions import (
    Abandon,
    Action,
    Back,
    Leave,
    Move,
    OpenDetails,
    Pause,
    Play,
    Search,
    Seek,
    Stop,
    Thumbs,
    Wait,
    Watch,
)
from .driver import DETAILS, HOME, PLAYER, View
from .personas import Persona
from .state import BotMemory, BotState, PlayLog, SessionRecord
from .truth import GroundTruth

FIRST_ROWS, FIRST_COLS = FIRST_SCREEN_ROWS, FIRST_SCREEN_COLS
"""The first screen: what a page view shows before any scroll (as the engine impresses)."""


@dataclass(frozen=True)
class ChoiceParams:
    """Tunable constants of the choice model (the defaults are the tuned ones)."""

    move_s: float = 0.3
    """Seconds per cursor move (a key press and the eye's travel)."""
    glance_s: float = 0.4
    """Seconds on a tile already looked at this session."""
    skim_s: float = 1.5
    """Seconds to skim a row without reading its tiles."""
    look_sd: float = 0.35
    """Spread (log-normal sigma) of the time spent looking at a tile."""
    interest_s: float = 2.5
    """Extra seconds spent on a tile that fits: ``interest_s * sigmoid(interest_slope *
    fit)`` (a dull tile gets a glance under 2 s, a tempting one a dwell of 2 to 4 s)."""
    interest_slope: float = 3.0
    click_fit: float = 0.65
    """A tile whose appeal has this fit is opened half the time (fit: 0 at the persona's
    top-decile utility, 1 at its best title; 0.65 is about its top 1.5 %)."""
    click_slope: float = 14.0
    row_fit: float = 0.0
    """Fit of a row's best visible tile at which its attention factor is halfway."""
    row_slope: float = 4.0
    row_interest: float = 0.3
    """How much of a row's attention hangs on its visible tiles' appeal (the rest on depth)."""
    row_floor: float = 0.3
    """Least attention a row keeps however deep it is."""
    max_cols: int = 12
    """The bot never goes further along a row than this many tiles."""
    read_s: tuple[float, float] = (4.0, 10.0)
    """Seconds reading a details screen."""
    play_fit: float = 0.5
    """An opened title of this fit is played half the time (0.5: about its top 3 %)."""
    play_slope: float = 10.0
    decline_down: float = 0.3
    """Chance of a thumbs down on a declined title the bot dislikes (affinity < 0)."""
    reconsider: float = 0.3
    """Chance of looking again at a title passed in an earlier session (per time passed)."""
    max_plays: int = 3
    """Most plays in one session."""
    type_s_per_char: float = 0.25
    """Typing speed in the search box."""
    search_positions: tuple[float, ...] = (0.6, 0.25, 0.15)
    """Chance of opening search result 0, 1, 2."""
    pause_chance: float = 0.25
    """Chance of one pause during a play of more than 10 minutes."""
    pause_s: tuple[float, float] = (5.0, 60.0)
    rewind_chance: float = 0.3
    """Chance of rewinding 10 s once, when the fit is above :attr:`rewind_fit`."""
    rewind_fit: float = 0.5
    watch_slope: float = 8.0
    watch_mid: float = 0.6
    """Satisfaction (0 at the persona's top-decile affinity, 1 at its best title) at which
    the watched share is middling; poorer fits are left early, the best watched through."""
    end_margin: float = 0.99
    """A play never goes past this share of the title (credits are skipped)."""
    up_chance: float = 0.35
    """Chance of a thumbs up after watching most of a title (scaled by its fit, 0..1)."""
    love_fit: float = 0.75
    """Above this fit a thumbs up is two thumbs up half the time."""
    down_chance: float = 0.4
    """Chance of a thumbs down after leaving a poor title early."""


DEFAULT_CHOICE = ChoiceParams()


def _sigmoid(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-x))


def intra_page_diversity(vectors: np.ndarray) -> float:
    """Mean pairwise ``1 - cosine`` of unit vectors (0 when fewer than two)."""
    n = len(vectors)
    if n < 2:
        return 0.0
    total = vectors.sum(axis=0)
    same = (float(total @ total) - float(np.einsum("ij,ij->", vectors, vectors))) / (n * (n - 1))
    return 1.0 - same


class Bot:
    """One persona living one session: ``next_action(view)`` until it abandons or leaves."""

    def __init__(
        self,
        persona: Persona,
        truth: GroundTruth,
        rng: np.random.Generator,
        params: ChoiceParams = DEFAULT_CHOICE,
        *,
        policy: str = "",
        bot: int = 0,
        session: int = 0,
        memory: BotMemory | None = None,
    ) -> None:
        """A bot for one session; ``rng`` is its only source of randomness. ``memory`` is
        what it remembers of its earlier sessions (updated when this one ends)."""
        self.persona = persona
        self.truth = truth
        self.mine = truth.for_persona(persona)
        self._top_decile = self.mine.utility_quantile(0.9)
        self._best = self.mine.utility_quantile(1.0)
        self.rng = rng
        self.params = params
        self.label = (policy, bot, session)
        self.state = BotState(patience_s=persona.patience_s)
        self.memory = memory if memory is not None else BotMemory()
        self._plan: deque[Action] = deque()
        self._start_ms: int | None = None
        self._last_ms = 0
        self._last_screen = HOME
        self._page_id: str | None = None
        self._rows_decided: set[int] = set()
        self._details_done: int | None = None
        """Title whose details were read and decided on."""
        self._opened_from = "home"
        self._play: PlayLog | None = None
        self._watch_planned = False
        self._after_play = False
        self._searched_late = False
        self._first = True
        self._ended: Action | None = None
        self._match: list[int] = []
        self._affinity: list[float] = []
        self._shown: set[int] = set()
        self._diversity: list[float] = []

    # -- observing ----------------------------------------------------------------

    def _observe(self, view: View) -> None:
        state = self.state
        if self._start_ms is None:
            self._start_ms = self._last_ms = view.now_ms
        delta = (view.now_ms - self._last_ms) / 1000.0
        self._last_ms = view.now_ms
        state.spend(delta, browsing=self._last_screen != PLAYER)
        self._last_screen = view.screen
        page = view.page
        if view.screen == HOME and page is not None and page.page_id != self._page_id:
            self._new_page(page, view.row)

    def _new_page(self, page: Page, row: int) -> None:
        self._page_id = page.page_id
        self.state.page_ids.append(page.page_id)
        self._rows_decided = {row}  # the cursor's row is being read already
        ids: list[int] = []
        for r in page.rows[:FIRST_ROWS]:  # read from the columns: no tile is made
            ids += tile_column(r.tiles, "title_id")[:FIRST_COLS]
            self._match += tile_column(r.tiles, "match")[:FIRST_COLS]
        self._affinity += [round(a, 6) for a in self.mine.affinities(ids)]
        self._shown.update(ids)
        if ids:
            vectors = self.truth.vectors_for(ids)
            self._diversity.append(round(intra_page_diversity(vectors), 6))

    # -- deciding -----------------------------------------------------------------

    def next_action(self, view: View) -> Action:
        """The next action, given what is on screen."""
        self._observe(view)
        if self._ended is not None:
            raise RuntimeError("the session has ended")
        if len(self.state.decisions) >= 3000:
            self._plan.clear()
            action: Action = Leave()
        elif self._plan:
            action = self._plan.popleft()
        elif view.screen == HOME:
            action = self._on_home(view)
        elif view.screen == DETAILS:
            action = self._on_details(view)
        elif view.screen == PLAYER:
            action = self._on_player(view)
        else:
            action = Leave()
        if isinstance(action, Wait) and view.screen != PLAYER:
            left = self.state.patience_left_s
            if action.seconds > left:  # patience runs out mid-way: stop there, then give up
                self._plan.clear()
                action = Wait(round(left, 3)) if left >= 0.001 else self._give_up()
        self.state.decisions.append(action)
        if isinstance(action, Abandon | Leave):
            self._ended = action
            self._plan.clear()
            self.memory.remember(self.state)
        elif isinstance(action, Play):
            self._start_play(view)
        return action

    def _queue(self, *actions: Action) -> Action:
        self._plan.extend(actions[1:])
        return actions[0]

    def _give_up(self) -> Action:
        return Leave() if self.state.plays else Abandon()

    def _out_of_patience(self) -> bool:
        return self.state.patience_left_s < 0.001

    def _on_home(self, view: View) -> Action:
        page = view.page
        if self._out_of_patience() or page is None or not page.rows:
            return self._give_up()
        persona, p = self.persona, self.params
        if self._first:
            self._first = False
            if self.rng.random() < persona.search_rate:
                return self._search()
        elif (
            not self._searched_late
            and not self.state.searches
            and self.state.browse_s >= self.state.patience_s / 2
        ):
            self._searched_late = True
            if self.rng.random() < persona.search_rate / 2:
                return self._search()
        r, c = view.row, view.col
        row = page.rows[r]
        if r not in self._rows_decided:
            self._rows_decided.add(r)
            if r + 1 < len(page.rows) and self.rng.random() >= self._row_attention(row, r, c):
                return self._queue(Wait(p.skim_s), Move("down"))
        if c >= len(row.tiles):
            return self._next_move(page, r, c, 0.0)
        tile = row.tiles[c]
        state = self.state
        if not state.review(tile.title_id):
            return self._next_move(page, r, c, p.glance_s)
        self._shown.add(tile.title_id)
        if self._recognised(tile.title_id):  # seen in an earlier session: passed again
            state.declined.add(tile.title_id)
            return self._next_move(page, r, c, p.glance_s + p.move_s)
        fit = self._fit(self.mine.appeal(tile.title_id, tile.artwork_id))
        look = persona.look_s * float(self.rng.lognormal(0.0, p.look_sd))
        look += p.interest_s * _sigmoid(p.interest_slope * fit)
        look = round(look, 3)
        click_at = p.click_fit + persona.click_bias
        if self.rng.random() < _sigmoid(p.click_slope * (fit - click_at)):
            self._opened_from = "home"
            return self._queue(Wait(look), OpenDetails())
        state.declined.add(tile.title_id)
        return self._next_move(page, r, c, look + p.move_s)

    def _recognised(self, title_id: int) -> bool:
        """Whether the bot passes a title at a glance: it finished it before, or passed it
        in earlier sessions (reconsidered with chance ``reconsider ** times``)."""
        memory = self.memory
        if title_id in memory.finished:
            return True
        times = memory.passed.get(title_id, 0)
        return times > 0 and self.rng.random() >= self.params.reconsider**times

    def _row_attention(self, row: Row, r: int, c: int) -> float:
        """Chance of reading row ``r`` (else it is skimmed): falls with depth and dullness."""
        p = self.params
        start = max(0, c - FIRST_COLS + 1)
        tiles = row.tiles
        # the first four of the visible tiles (made one by one: a slice makes them all)
        visible = [tiles[k] for k in range(start, min(len(tiles), start + 4))]
        if not visible:
            return 0.0
        mine = self.mine
        interest = max(self._fit(mine.appeal(t.title_id, t.artwork_id)) for t in visible)
        depth = max(p.row_floor, self.persona.row_keep**r)
        pull = _sigmoid(p.row_slope * (interest - p.row_fit))
        return depth * (1.0 - p.row_interest + p.row_interest * pull)

    def _next_move(self, page: Page, r: int, c: int, seconds: float) -> Action:
        row = page.rows[r]
        can_right = c + 1 < min(len(row.tiles), self.params.max_cols)
        can_down = r + 1 < len(page.rows)
        if can_right and (not can_down or self.rng.random() < self.persona.col_keep):
            move = Move("right")
        elif can_down:
            move = Move("down")
        else:  # the bottom of the page: hesitate until patience runs out
            return Wait(round(max(1.0, self.state.patience_left_s + 0.5), 3))
        if seconds <= 0:
            return move
        return self._queue(Wait(round(seconds, 3)), move)

    def _search(self) -> Action:
        p = self.params
        query = self.persona.search_query
        weights = np.asarray(p.search_positions, dtype=np.float64)
        position = int(self.rng.choice(len(weights), p=weights / weights.sum()))
        self.state.searches += 1
        self._opened_from = "search"
        typing = round(len(query) * p.type_s_per_char + 1.0, 3)
        return self._queue(Wait(typing), Search(query, position))

    def _on_details(self, view: View) -> Action:
        card = view.card
        if card is None:
            return Back()
        if self._after_play:
            self._after_play = False
            return self._after_watching(card.title_id)
        if self._out_of_patience():
            return self._give_up()
        if self._details_done == card.title_id:
            return Back()
        self._details_done = card.title_id
        p = self.params
        state = self.state
        if card.title_id not in state.opened:
            state.opened.append(card.title_id)
        state.review(card.title_id)
        self._shown.add(card.title_id)
        affinity = self.mine.affinity(card.title_id)
        utility = self.mine.utility(card.title_id)
        read = round(float(self.rng.uniform(*p.read_s)), 3)
        play_at = p.play_fit + self.persona.play_bias
        if self.rng.random() < _sigmoid(p.play_slope * (self._fit(utility) - play_at)):
            return self._queue(Wait(read), Play())
        state.declined.add(card.title_id)
        if affinity < 0 and self.rng.random() < p.decline_down:
            return self._queue(Wait(read), Thumbs(-1), Back())
        return self._queue(Wait(read), Back())

    def _start_play(self, view: View) -> None:
        card = view.card
        title_id = card.title_id if card is not None else -1
        self._play = PlayLog(
            title_id=title_id,
            origin=self._opened_from,
            affinity=self.mine.affinity(title_id),
            started_s=self.state.elapsed_s,
        )
        self.state.plays.append(self._play)
        self.state.browse_s = 0.0
        self._watch_planned = False

    def _on_player(self, view: View) -> Action:
        playback = view.playback
        if playback is None or self._play is None or self._watch_planned:
            self._after_play = True
            return Stop()
        self._watch_planned = True
        actions = self._plan_watch(self._play, playback)
        self._after_play = True
        return self._queue(*actions, Stop())

    def _plan_watch(self, play: PlayLog, playback: PlaybackState) -> list[Action]:
        """How long to watch, with a pause or a rewind now and then."""
        p, rng = self.params, self.rng
        fit = play.fit = self._fit(self.mine.utility(play.title_id))
        mu = _sigmoid(p.watch_slope * (fit - p.watch_mid) + self.persona.watch_bias)
        fraction = float(rng.beta(1.0 + 4.0 * mu, 1.0 + 4.0 * (1.0 - mu)))
        if rng.random() < 0.55 * mu:
            fraction = 1.0
        duration, start = playback.duration_s, playback.position_s
        end = min(start + max(0.005, fraction) * (duration - start), p.end_margin * duration)
        content = max(1.0, round(end - start))
        rewind = fit > p.rewind_fit and content > 60 and rng.random() < p.rewind_chance
        pause = content > 600 and rng.random() < p.pause_chance
        split = round(content * float(rng.uniform(0.2, 0.8)))
        first, rest = split, content - split
        actions: list[Action] = [Watch(float(first))]
        watched = float(first)
        if pause:
            actions += [Pause(), Wait(round(float(rng.uniform(*p.pause_s)), 3)), Pause()]
        if rewind:
            actions.append(Seek(-10))
            rest += 10
        if rest > 0:
            actions.append(Watch(float(rest)))
            watched += rest
        play.watched_s = watched
        play.fraction = min(1.0, (start + content) / duration) if duration else 0.0
        return actions

    def _fit(self, utility: float) -> float:
        """How well a utility (or a tile's appeal) fits the persona, on its own scale: 0 at
        its top-decile utility, 1 at its best title, negative below (down to -3)."""
        low, top = self._top_decile, self._best
        return max(-3.0, (utility - low) / max(top - low, 1e-6))

    def _after_watching(self, title_id: int) -> Action:
        """Back on the details after a play: thumbs when moved, then leave or browse on."""
        p, rng = self.params, self.rng
        play = self._play
        actions: list[Action] = []
        if play is not None:
            fit, f = play.fit, play.fraction
            u = rng.random(2)
            if f >= 0.6 and u[0] < p.up_chance * min(1.0, max(0.0, fit)):
                actions.append(Thumbs(2 if fit > p.love_fit and u[1] < 0.5 else 1))
            elif f < 0.15 and fit < 0.0 and u[0] < p.down_chance:
                actions.append(Thumbs(-1))
        more = self.persona.binge * (play.fraction if play is not None else 0.0)
        binge = len(self.state.plays) < p.max_plays and rng.random() < more
        actions.append(Back() if binge else Leave())
        self._details_done = title_id
        return self._queue(*actions)

    # -- summary ------------------------------------------------------------------

    def record(self) -> SessionRecord:
        """The session's summary."""
        state = self.state
        policy, bot, session = self.label
        plays = state.plays
        return SessionRecord(
            policy=policy,
            bot=bot,
            session=session,
            kind=self.persona.kind,
            abandoned=isinstance(self._ended, Abandon),
            plays=len(plays),
            first_play_s=round(plays[0].started_s, 3) if plays else None,
            watch_s=round(sum(x.watched_s for x in plays), 3),
            home_watch_s=round(sum(x.watched_s for x in plays if x.origin == "home"), 3),
            reviewed=len(state.reviewed),
            opened=len(state.opened),
            searches=state.searches,
            page_views=len(state.page_ids),
            duration_s=round(state.elapsed_s, 3),
            browse_s=round(state.total_browse_s, 3),
            played_affinity=tuple(round(x.affinity, 6) for x in plays),
            played_fraction=tuple(round(x.fraction, 6) for x in plays),
            match_shown=tuple(self._match),
            match_affinity=tuple(self._affinity),
            shown=tuple(sorted(self._shown)),
            page_diversity=tuple(self._diversity),
            decisions=tuple(state.decisions),
        )


__all__ = ["DEFAULT_CHOICE", "Bot", "ChoiceParams", "intra_page_diversity"]
