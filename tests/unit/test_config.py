"""Settings: environment first, documented defaults, placeholder passwords refused."""

import pytest

from danchieu.config import REPO_ROOT, Settings
from danchieu.errors import ConfigError


def test_environment_variables_override_defaults(monkeypatch):
    monkeypatch.setenv("NEO4J_URI", "bolt://db.example:7999")
    monkeypatch.setenv("DANCHIEU_API_PORT", "8123")
    s = Settings(_env_file=None)
    assert (s.neo4j_uri, s.api_port) == ("bolt://db.example:7999", 8123)


@pytest.mark.parametrize("password", ["", "neo4j", "changeme", "password"])
def test_placeholder_passwords_are_refused(monkeypatch, password):
    monkeypatch.setenv("NEO4J_PASSWORD", password)
    with pytest.raises(ConfigError, match="NEO4J_PASSWORD"):
        Settings(_env_file=None).require_password()


def test_a_port_out_of_range_is_refused(monkeypatch):
    monkeypatch.setenv("DANCHIEU_NEO4J_BOLT_PORT", "70000")
    with pytest.raises(ValueError):
        Settings(_env_file=None)


def test_every_setting_is_documented_in_env_example():
    example = (REPO_ROOT / ".env.example").read_text(encoding="utf-8")
    for name, field in Settings.model_fields.items():
        assert field.alias in example, f"{field.alias} ({name}) is missing from .env.example"


def test_env_file_is_created_with_a_generated_password(tmp_path):
    from danchieu.up import ensure_env_file

    target = tmp_path / ".env"
    assert ensure_env_file(target) is True
    line = next(ln for ln in target.read_text().splitlines() if ln.startswith("NEO4J_PASSWORD="))
    assert len(line.split("=", 1)[1]) >= 16
    assert ensure_env_file(target) is False  # an existing .env is never overwritten
