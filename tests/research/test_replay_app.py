"""The TUI replay: recorded pages drawn with the app's rows, the cursor on recorded focus."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import text

from netflix_sim.research.replay_app import make_replay_app
from netflix_sim.research.traces import catalog_engine
from netflix_sim.tui.widgets.title_row import TitleRow


async def test_replay_shows_each_recorded_page(sim_path: Path) -> None:
    with catalog_engine(sim_path) as engine, engine.connect() as conn:
        session_id = conn.execute(
            text("SELECT MIN(session_id) FROM event WHERE type = 'session_start'")
        ).scalar()
    app = make_replay_app(sim_path, int(session_id), speed=1000.0)
    page = next(e for e in app.events if e["type"] == "page_view")
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.press("space")  # pause, then step by hand
        while app.position <= page["seq"]:
            await pilot.press("right")
        await pilot.pause()
        rows = list(app.query(TitleRow))
        assert [r.row.id for r in rows] == [r["id"] for r in page["payload"]["rows"]]
        first = rows[0].row.tiles[0]
        assert first.title_id == page["payload"]["rows"][0]["tiles"][0][0]
        assert first.name == app.titles[first.title_id].name
        status = str(app.query_one("#status").render())
        assert f"seq {page['seq']}: page_view" in status
