"""The explorer's build is package data: present, /explore/ serves it; missing, start-up warns and
/explore/ says what to do — never silence (issue 18)."""

import logging
from pathlib import Path

from danchieu.api.app import EXPLORER_DIR, _mount_explorer
from fastapi import FastAPI
from fastapi.testclient import TestClient


def _client(explorer_dir) -> TestClient:
    app = FastAPI()
    _mount_explorer(app, explorer_dir)
    return TestClient(app)


def test_the_explorer_is_looked_for_inside_the_api_package():
    from danchieu import api

    assert EXPLORER_DIR.parent.parent == Path(api.__file__).resolve().parent


def test_a_built_explorer_is_served_at_explore_and_the_root_redirects_there(tmp_path):
    (tmp_path / "index.html").write_text("<!doctype html><title>Dẫn Chiếu</title>", encoding="utf-8")
    client = _client(tmp_path)
    assert client.get("/explore/").status_code == 200
    root = client.get("/", follow_redirects=False)
    assert root.status_code in (302, 307) and root.headers["location"] == "/explore/"


def test_a_missing_build_is_a_warning_at_start_up(tmp_path, caplog):
    with caplog.at_level(logging.WARNING, logger="danchieu.api"):
        _client(tmp_path / "nowhere")
    assert any("explorer is not built" in r.getMessage() for r in caplog.records)


def test_a_missing_build_answers_a_page_that_says_how_to_build_it(tmp_path):
    client = _client(tmp_path / "nowhere")
    for path in ("/explore/", "/explore", "/explore/some/deep/link"):
        r = client.get(path)
        assert r.status_code == 503, path
        assert r.headers["content-type"].startswith("text/html")
        assert "npm run build" in r.text and "chưa được dựng" in r.text
    assert client.get("/", follow_redirects=True).status_code == 503
