"""RecBole atomic files: ``<name>.inter`` (interactions), ``<name>.item``, ``<name>.user``.

``--out DIR`` makes the dataset folder RecBole expects (``data_path/dataset``): the files
are named after the folder. Headers are typed (``field:type``); values tab-separated;
``token_seq`` values space-separated (spaces inside a genre or tag become ``_``).

One interaction per feedback event (``play_stop``, ``thumbs``, ``my_list``,
``open_details``, ``search_click``): ``rating`` is the watched fraction (play_stop), the
thumbs value (-1, 1, 2), +1/-1 (My List add/remove) or 1 (details, search click);
``timestamp`` is the session clock in seconds. ``schema.json`` names the schema version.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from . import catalog_meta
from .atomic import atomic_folder
from .schema import SCHEMA_VERSION

INTERACTION_TYPES = ("play_stop", "thumbs", "my_list", "open_details", "search_click")
"""Event types that become interactions."""

INTER_HEADER = (
    "user_id:token",
    "item_id:token",
    "rating:float",
    "timestamp:float",
    "event_type:token",
    "session_id:token",
    "policy:token",
)
ITEM_HEADER = (
    "item_id:token",
    "title:token_seq",
    "kind:token",
    "year:token",
    "runtime_min:float",
    "popularity:float",
    "genres:token_seq",
    "tags:token_seq",
)
USER_HEADER = ("user_id:token", "maturity_level:token", "device:token", "kind:token")


def _clean(text: str) -> str:
    return " ".join(text.replace("\t", " ").split())


def _seq(values: Sequence[str]) -> str:
    return " ".join(_clean(v).replace(" ", "_") for v in values)


def _rating(event: dict[str, Any]) -> float:
    value = event.get("value")
    if event["type"] in ("play_stop", "thumbs", "my_list") and value is not None:
        return float(value)
    return 1.0


def inter_lines(events: Sequence[dict[str, Any]]) -> list[str]:
    """The ``.inter`` file's lines, header first."""
    lines = ["\t".join(INTER_HEADER)]
    for e in events:
        if e["type"] in INTERACTION_TYPES and e.get("title_id") is not None:
            cells = (
                e["profile_id"],
                e["title_id"],
                repr(_rating(e)),
                repr(e["t_ms"] / 1000),
                e["type"],
                e["session_id"],
                e.get("policy") or "",
            )
            lines.append("\t".join(str(c) for c in cells))
    return lines


def write(events: Sequence[dict[str, Any]], out: Path, engine: Engine) -> Path:
    """Write the dataset folder ``out`` (``out.name`` + .inter/.item/.user), atomically."""
    name = out.name
    with atomic_folder(out) as temp:
        (temp / f"{name}.inter").write_text("\n".join(inter_lines(events)) + "\n", "utf-8")
        items = ["\t".join(ITEM_HEADER)]
        for t in catalog_meta.titles(engine):
            cells = (
                t.title_id,
                _clean(t.name),
                t.kind,
                t.year,
                t.runtime_min,
                repr(t.popularity),
                _seq(t.genres),
                _seq(t.tags),
            )
            items.append("\t".join(str(c) for c in cells))
        (temp / f"{name}.item").write_text("\n".join(items) + "\n", "utf-8")
        users = ["\t".join(USER_HEADER)]
        for profile_id, _, maturity, device, kind in catalog_meta.profiles(engine):
            users.append(f"{profile_id}\t{maturity}\t{device}\t{kind}")
        (temp / f"{name}.user").write_text("\n".join(users) + "\n", "utf-8")
        meta = {
            "schema_version": SCHEMA_VERSION,
            "format": "recbole atomic files",
            "files": [f"{name}.inter", f"{name}.item", f"{name}.user"],
            "interaction_types": list(INTERACTION_TYPES),
        }
        (temp / "schema.json").write_text(json.dumps(meta, indent=1) + "\n", "utf-8")
    return out


__all__ = ["INTER_HEADER", "ITEM_HEADER", "USER_HEADER", "inter_lines", "write"]
