"""Upload: POST /v1/documents (multipart, API key) → 202 and a queued job; GET /v1/jobs/{id}."""

from __future__ import annotations

import pytest

from tests.api.conftest import API_KEY, assert_problem

pytestmark = pytest.mark.neo4j
NOTICE = "THÔNG BÁO\nKết luận của Thủ tướng Chính phủ về công tác phòng, chống dịch.\n".encode()


@pytest.fixture
def job_ids(sync_driver, neo4j_settings):
    from danchieu.graph.jobs import delete_jobs

    ids: list[str] = []
    yield ids
    delete_jobs(sync_driver, neo4j_settings.neo4j_database, ids)


def test_upload_with_key_is_accepted_and_queued(client, api_settings, job_ids):
    r = client.post("/v1/documents", files={"file": ("thong-bao.txt", NOTICE, "text/plain")},
                    headers={"X-API-Key": API_KEY})
    assert r.status_code == 202, r.text
    job = r.json()
    job_ids.append(job["id"])
    assert job["status"] == "queued" and job["filename"] == "thong-bao.txt"
    assert r.headers["location"] == f"/v1/jobs/{job['id']}"
    stored = list(api_settings.upload_dir.glob(f"{job['id']}_*"))
    assert len(stored) == 1 and stored[0].read_bytes() == NOTICE
    got = client.get(f"/v1/jobs/{job['id']}")
    assert got.status_code == 200 and got.json()["id"] == job["id"]
    assert "path" not in got.json()  # the server's file layout is not published


def test_a_hostile_file_name_stays_inside_the_upload_directory(client, api_settings, job_ids):
    r = client.post("/v1/documents", files={"file": ("../../etc/passwd.txt", NOTICE, "text/plain")},
                    headers={"X-API-Key": API_KEY})
    assert r.status_code == 202
    job_ids.append(r.json()["id"])
    assert r.json()["filename"] == "passwd.txt"
    assert list(api_settings.upload_dir.glob(f"{r.json()['id']}_passwd.txt"))


def test_upload_without_key_is_401_and_with_a_wrong_key_403(client):
    files = {"file": ("a.txt", NOTICE, "text/plain")}
    assert_problem(client.post("/v1/documents", files=files), 401)
    assert_problem(client.post("/v1/documents", files=files, headers={"X-API-Key": "wrong"}), 403)
    assert_problem(client.post("/v1/documents", files=files, headers={"X-API-Key": API_KEY[:-1]}), 403)


def test_upload_over_the_limit_is_413(client, api_settings):
    big = b"x" * (api_settings.max_upload_bytes + 1)
    assert_problem(client.post("/v1/documents", files={"file": ("big.txt", big, "text/plain")},
                               headers={"X-API-Key": API_KEY}), 413)
    huge = b"x" * (api_settings.max_upload_bytes + 200_000)  # refused from Content-Length alone
    assert_problem(client.post("/v1/documents", files={"file": ("big.txt", huge, "text/plain")},
                               headers={"X-API-Key": API_KEY}), 413)
    assert not list(api_settings.upload_dir.glob("*_big.txt"))


@pytest.mark.parametrize("name", ["virus.exe", "archive.zip", "noextension"])
def test_unsupported_file_types_are_415(client, name):
    assert_problem(client.post("/v1/documents", files={"file": (name, b"MZ..", "application/octet-stream")},
                               headers={"X-API-Key": API_KEY}), 415)


def test_empty_file_or_no_file_is_422(client):
    assert_problem(client.post("/v1/documents", files={"file": ("a.txt", b"", "text/plain")},
                               headers={"X-API-Key": API_KEY}), 422)
    assert_problem(client.post("/v1/documents", headers={"X-API-Key": API_KEY}), 422)


def test_unknown_job_is_404(client):
    assert_problem(client.get("/v1/jobs/0123456789abcdef0123456789abcdef"), 404)


def test_job_id_too_long_is_422(client):
    assert_problem(client.get("/v1/jobs/" + "a" * 65), 422)
