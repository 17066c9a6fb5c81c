"""Profiles: create, rename and delete, with validated names and kept traces."""

from __future__ import annotations

import sqlite3

import pytest

from netflix_sim.engine import (
    Catalog,
    ProfileInUseError,
    ProfileNameError,
    UnknownProfileError,
    VirtualClock,
)
from netflix_sim.engine.catalog import MAX_PROFILE_NAME


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("", "needs a name"),
        ("   \t ", "needs a name"),
        ("x" * (MAX_PROFILE_NAME + 1), f"at most {MAX_PROFILE_NAME}"),
        ("Ann\nBob", "control characters"),
        ("bell\x07", "control characters"),
        ("esc\x1b[31m", "control characters"),
        ("evil\u202eeman", "control characters"),
    ],
)
def test_bad_names_are_refused(catalog: Catalog, name: str, message: str) -> None:
    before = catalog.profiles()
    with pytest.raises(ProfileNameError, match=message):
        catalog.create_profile(name)
    assert catalog.profiles() == before


def test_names_are_stripped_and_unique_in_any_case(catalog: Catalog) -> None:
    first = catalog.profiles()[0]
    with pytest.raises(ProfileNameError, match="already called"):
        catalog.create_profile(f"  {first.name.upper()} ")
    made = catalog.create_profile(f"  {'é' * MAX_PROFILE_NAME}  ", maturity_level=0)
    assert made.name == "é" * MAX_PROFILE_NAME and made.maturity_level == 0
    assert catalog.profile(made.id) == made
    assert catalog.create_profile("👨\u200d👩\u200d👧 family").name == "👨\u200d👩\u200d👧 family"
    with pytest.raises(ValueError, match="maturity"):
        catalog.create_profile("Zed", maturity_level=5)


def test_rename_and_change_maturity(catalog: Catalog) -> None:
    first, second = catalog.profiles()[:2]
    with pytest.raises(ProfileNameError, match="already called"):
        catalog.rename_profile(first, second.name.lower())
    assert catalog.rename_profile(first, first.name.upper()).name == first.name.upper()
    renamed = catalog.rename_profile(first.id, " Grandma ")
    assert renamed == type(first)(first.id, "Grandma", first.maturity_level, first.device)
    assert catalog.profile("grandma") == renamed
    with pytest.raises(UnknownProfileError):
        catalog.profile(first.name)
    kids = catalog.update_profile(renamed, maturity_level=0)
    assert kids.maturity_level == 0 and catalog.profile(first.id) == kids
    assert catalog.check_profile_name(first.name) == first.name  # free again


def test_delete_keeps_the_trace_and_drops_ratings_and_my_list(catalog: Catalog) -> None:
    profile = catalog.create_profile("Leaving")
    session = catalog.start_session(profile, clock=VirtualClock())
    page = session.home()
    title = page.rows[0].tiles[0].title_id
    session.thumbs(title, 1)
    session.set_my_list(title, True)
    with pytest.raises(ProfileInUseError):
        catalog.delete_profile(profile)
    session.end()
    catalog.delete_profile(profile.id)

    assert profile not in catalog.profiles()
    with pytest.raises(UnknownProfileError):
        catalog.profile(profile.id)
    with pytest.raises(UnknownProfileError):
        catalog.start_session(profile, clock=VirtualClock())
    assert catalog.create_profile("leaving").id != profile.id  # the name is free again

    con = sqlite3.connect(catalog.path)
    try:
        one = (profile.id,)
        assert con.execute("SELECT kind FROM profile WHERE id = ?", one).fetchone() == ("deleted",)
        assert (
            con.execute("SELECT COUNT(*) FROM rating WHERE profile_id = ?", one).fetchone()[0] == 0
        )
        assert (
            con.execute("SELECT COUNT(*) FROM my_list WHERE profile_id = ?", one).fetchone()[0] == 0
        )
        kinds = {r[0] for r in con.execute("SELECT type FROM event WHERE profile_id = ?", one)}
        sessions = con.execute("SELECT COUNT(*) FROM session WHERE profile_id = ?", one).fetchone()
    finally:
        con.close()
    assert {"session_start", "page_view", "thumbs", "my_list", "session_end"} <= kinds
    assert sessions[0] == 1
