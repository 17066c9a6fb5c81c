"""MIND-style export: ``behaviors.tsv`` impressions with click labels, and ``news.tsv``.

As in Microsoft's MIND dataset, each line of ``behaviors.tsv`` is one impression log:
``impression id, user id, time, history, impressions``, tab-separated, no header:

- one line per ``page_view``: user ``U<profile id>``, the page's time (UTC,
  ``M/D/YYYY h:mm:ss AM``), the titles the profile played before it (``T<title id>``,
  oldest first, space-separated), and every tile the page *exposed* (an ``impression``
  event) as ``T<title id>-<label>``, label 1 if the viewer started playing that title from
  this page and 0 if not, so un-clicked exposures are explicit;
- ``news.tsv`` (one line per title): ``T<id>``, main genre, kind, name, synopsis, and
  empty URL and entity columns.

``schema.json`` names the trace schema version and the page id of each impression line.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, text

from . import catalog_meta
from .atomic import atomic_folder
from .schema import SCHEMA_VERSION


def mind_time(t_ms: int) -> str:
    """``t_ms`` as MIND writes times: ``11/15/2019 8:55:22 AM`` (UTC)."""
    t = datetime.fromtimestamp(t_ms / 1000, tz=UTC)
    hour = t.hour % 12 or 12
    return f"{t.month}/{t.day}/{t.year} {hour}:{t.minute:02d}:{t.second:02d} {t:%p}"


def _play_history(engine: Engine, profiles: set[int]) -> dict[int, list[tuple[int, int, int]]]:
    """Per profile, its plays (event id, t_ms, title id) in write order."""
    out: dict[int, list[tuple[int, int, int]]] = {p: [] for p in profiles}
    if not profiles:
        return out
    marks = ",".join(str(int(p)) for p in sorted(profiles))
    with engine.connect() as conn:
        rows = conn.execute(
            text(
                "SELECT profile_id, event_id, t_ms, title_id FROM event WHERE type IN "
                f"('play_start', 'play_stop') AND profile_id IN ({marks}) AND title_id IS NOT "
                "NULL ORDER BY event_id"
            )
        ).all()
    for profile_id, event_id, t_ms, title_id in rows:
        out[int(profile_id)].append((int(event_id), int(t_ms), int(title_id)))
    return out


def behaviors(events: Sequence[dict[str, Any]], engine: Engine) -> list[tuple[str, list[str]]]:
    """(page id, the behaviors.tsv cells) per page_view of ``events``."""
    exposed: dict[str, list[int]] = {}
    played: dict[str, set[int]] = {}
    for e in events:
        page = e.get("page_id")
        if not page:
            continue
        if e["type"] == "impression" and e.get("title_id") is not None:
            titles = exposed.setdefault(page, [])
            if e["title_id"] not in titles:
                titles.append(e["title_id"])
        elif e["type"] == "play_start" and e.get("row_id"):
            played.setdefault(page, set()).add(e["title_id"])
    history = _play_history(engine, {e["profile_id"] for e in events})
    lines = []
    for e in events:
        if e["type"] != "page_view":
            continue
        page = e["page_id"]
        before: list[str] = []
        for event_id, _, title_id in history[e["profile_id"]]:
            if event_id >= e["event_id"]:
                break
            if f"T{title_id}" not in before:
                before.append(f"T{title_id}")
        clicks = played.get(page, set())
        shown = [f"T{t}-{1 if t in clicks else 0}" for t in exposed.get(page, [])]
        cells = [
            str(len(lines) + 1),
            f"U{e['profile_id']}",
            mind_time(e["t_ms"]),
            " ".join(before),
            " ".join(shown),
        ]
        lines.append((page, cells))
    return lines


def _clean(text: str) -> str:
    return " ".join(text.replace("\t", " ").split())


def write(events: Sequence[dict[str, Any]], out: Path, engine: Engine) -> Path:
    """Write the folder ``out`` (behaviors.tsv, news.tsv, schema.json), atomically."""
    rows = behaviors(events, engine)
    with atomic_folder(out) as temp:
        with (temp / "behaviors.tsv").open("w", encoding="utf-8") as fh:
            for _, cells in rows:
                fh.write("\t".join(cells) + "\n")
        with (temp / "news.tsv").open("w", encoding="utf-8") as fh:
            for t in catalog_meta.titles(engine):
                genre = t.genres[0] if t.genres else ""
                cells = [f"T{t.title_id}", genre, t.kind, _clean(t.name), _clean(t.synopsis)]
                fh.write("\t".join([*cells, "", "[]", "[]"]) + "\n")
        meta = {
            "schema_version": SCHEMA_VERSION,
            "format": "MIND behaviors.tsv and news.tsv",
            "label": "1: played from this page; 0: exposed (impression) and not played",
            "page_ids": [page for page, _ in rows],
        }
        (temp / "schema.json").write_text(json.dumps(meta) + "\n", "utf-8")
    return out


__all__ = ["behaviors", "mind_time", "write"]
