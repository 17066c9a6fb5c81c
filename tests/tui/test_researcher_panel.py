"""The researcher panel: toggled by ctrl+r, shows each event and the tastes it reshapes."""

from __future__ import annotations

from netflix_sim.tui.app import NetflixSimApp
from netflix_sim.tui.widgets.researcher_panel import ResearcherPanel

from .conftest import wait_for_page


async def test_panel_shows_live_events_and_reshaped_tastes(home_app: NetflixSimApp) -> None:
    async with home_app.run_test(size=(160, 48)) as pilot:
        home = await wait_for_page(pilot)
        assert not pilot.app.screen.query(ResearcherPanel)
        await pilot.press("ctrl+r")
        await pilot.pause()
        panel = pilot.app.screen.query_one(ResearcherPanel)
        session = pilot.app.session
        before = dict(session.taste_affinities()["genres"])

        # thumbs up three titles of the first row through the session (the live signals)
        row = home.page.rows[0]
        genre_names = set()
        index = pilot.app.catalog.index
        for tile in row.tiles[:3]:
            session.thumbs(tile.title_id, 2)
            idx = index.index_of[tile.title_id]
            genre_names.add(index.genres[int(index.main_genre[idx])].name)
        await pilot.pause(0.5)
        panel.refresh_now()

        lines = [str(line.text) for line in panel.query_one("#researcher-log").lines]
        assert sum("thumbs" in line for line in lines) == 3
        assert panel.shown >= 3
        after = dict(session.taste_affinities()["genres"])
        assert any(after.get(g, 0) > before.get(g, 0) + 1 for g in genre_names)
        assert max(after, key=after.get)[:22] in panel.tastes.plain

        await pilot.press("ctrl+r")
        await pilot.pause()
        assert not pilot.app.screen.query(ResearcherPanel)
        assert panel.queue.append not in session._listeners
