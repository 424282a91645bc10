"""The suite never touches the user's real folders: every default path lands in the run's root."""

from __future__ import annotations

from pathlib import Path

from quiz.paths import cache_dir, default_db


def test_default_store_and_cache_are_inside_the_private_root(private_root: Path) -> None:
    assert private_root in default_db().parents
    assert private_root in cache_dir().parents


def test_platformdirs_folders_are_inside_the_private_root(private_root: Path) -> None:
    from platformdirs import user_cache_path, user_config_path, user_data_path

    for folder in (user_cache_path("quiz"), user_config_path("quiz"), user_data_path("quiz")):
        assert private_root in folder.parents, folder
