"""What the Docker image does, without Docker: once per session, build the wheel from the sources
the Dockerfile copies (with the explorer build inside), install it into a fresh virtualenv outside
the repository, and run its ``danchieu`` from a directory that is not a checkout.

Dependencies come from PyPI once, into a wheelhouse under ``~/.cache/danchieu`` (``PIP_FIND_LINKS``
is searched too), and are installed from there; the wheel itself is built with this environment's
setuptools (``--no-build-isolation``), so building it needs no network.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import venv
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import REPO

DOCKERFILE = REPO / "Dockerfile"
EXPLORER_BUILD = REPO / "api" / "static" / "explorer"


def wheel_stage_copies(dockerfile: Path = DOCKERFILE) -> list[tuple[Path, str]]:
    """(source in this checkout, destination in the build directory) for every COPY of the
    Dockerfile's ``wheel`` stage; ``COPY --from=explorer /src/x`` is ``x`` of this checkout, built."""
    stage = re.split(r"^FROM ", dockerfile.read_text(encoding="utf-8"), flags=re.M)
    wheel = next(s for s in stage if re.match(r"\S+ AS wheel\b", s))
    copies = []
    for line in re.findall(r"^COPY (.+)$", wheel, re.M):
        *sources, dest = line.split()
        if sources[0].startswith("--from="):
            sources = [s.removeprefix("/src/") for s in sources[1:]]
        for src in sources:
            # "COPY dir/ dest/" copies the folder's content; "COPY a b ./" copies files by name
            target = dest if src.endswith("/") or not dest.endswith("/") else dest + Path(src).name
            copies.append((REPO / src, os.path.normpath(target)))
    return copies


def _build_explorer() -> None:
    from danchieu.up import build_explorer

    message = build_explorer()
    if not (EXPLORER_BUILD / "index.html").is_file():
        pytest.fail(f"the explorer must be built before the wheel: {message}")


@pytest.fixture(scope="session")
def wheel(tmp_path_factory) -> Path:
    """The wheel, built like the Dockerfile's wheel stage (same sources, explorer build inside)."""
    _build_explorer()
    src = tmp_path_factory.mktemp("wheel-src")
    for source, dest in wheel_stage_copies():
        target = src / dest
        if source.is_dir():
            shutil.copytree(source, target, ignore=shutil.ignore_patterns("__pycache__", "*.pyc", ".gitignore"),
                            dirs_exist_ok=True)
        else:
            shutil.copy2(source, target)
    out = tmp_path_factory.mktemp("wheels")
    done = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--quiet",
                           "--wheel-dir", str(out), str(src)], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, f"pip wheel failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    (built,) = out.glob("danchieu-*.whl")
    return built


@dataclass(frozen=True)
class Installed:
    """A fresh virtualenv with only the wheel (and its dependencies) installed, run from ``cwd``."""

    venv: Path
    cwd: Path

    @property
    def bin(self) -> Path:
        return self.venv / "bin"

    @property
    def site_packages(self) -> Path:
        return next((self.venv / "lib").glob("python3*/site-packages"))

    def env(self, settings=None, **extra: str) -> dict[str, str]:
        """The environment of a user's shell: nothing that points back into the checkout."""
        env = {k: v for k, v in os.environ.items()
               if k not in ("PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME") and not k.startswith(("NEO4J_", "PYTEST"))}
        env["PATH"] = f"{self.bin}{os.pathsep}{env.get('PATH', '')}"
        if settings is not None:
            env.update({"NEO4J_URI": settings.neo4j_uri, "NEO4J_USER": settings.neo4j_user,
                        "NEO4J_PASSWORD": settings.neo4j_password, "NEO4J_DATABASE": settings.neo4j_database})
        env.update(extra)
        return env

    def run(self, *args: str, settings=None, timeout: float = 900, **extra: str) -> subprocess.CompletedProcess:
        return subprocess.run([str(self.bin / args[0]), *args[1:]], cwd=self.cwd, env=self.env(settings, **extra),
                              capture_output=True, text=True, timeout=timeout)


def _ok(done: subprocess.CompletedProcess) -> None:
    assert done.returncode == 0, f"{' '.join(done.args[1:5])} failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"


def _wheelhouse() -> Path:
    """``DANCHIEU_WHEELHOUSE``, by default ``~/.cache/danchieu/wheelhouse`` (CI caches ~/.cache)."""
    default = Path(os.environ.get("DANCHIEU_CACHE", Path.home() / ".cache" / "danchieu")) / "wheelhouse"
    path = Path(os.environ.get("DANCHIEU_WHEELHOUSE", default))
    path.mkdir(parents=True, exist_ok=True)
    return path


@pytest.fixture(scope="session")
def installed(wheel: Path, tmp_path_factory) -> Iterator[Installed]:
    """The wheel installed into a new virtualenv in a temporary directory (not the repository).
    ``DANCHIEU_INSTALL_VENV=DIR`` keeps the virtualenv in DIR between runs (the wheel is always
    reinstalled), for a faster loop where pip cannot cache downloads."""
    keep = os.environ.get("DANCHIEU_INSTALL_VENV")
    root = Path(keep) if keep else tmp_path_factory.mktemp("installed")
    if not (root / "venv" / "bin" / "python").exists():
        venv.EnvBuilder(with_pip=True, clear=True).create(root / "venv")
    cwd = root / "elsewhere"
    cwd.mkdir(parents=True, exist_ok=True)
    target = Installed(root / "venv", cwd)
    # Dependencies come from a wheelhouse, filled from PyPI only when it lacks one of them: the next
    # session installs without the network. No .pyc compilation: the test runs each module once.
    wheelhouse = _wheelhouse()
    links = [f"--find-links={d}" for d in [wheelhouse, *os.environ.get("PIP_FIND_LINKS", "").split()] if d]
    pip = ("python", "-m", "pip", "--quiet")
    _ok(target.run(*pip, "install", "--no-compile", "--force-reinstall", "--no-deps", str(wheel)))
    if target.run(*pip, "install", "--no-compile", "--no-index", *links, str(wheel)).returncode != 0:
        _ok(target.run(*pip, "wheel", "--wheel-dir", str(wheelhouse), *links, str(wheel), timeout=1800))
        _ok(target.run(*pip, "install", "--no-compile", "--no-index", *links, str(wheel)))
    for own in wheelhouse.glob("danchieu-*.whl"):
        own.unlink()  # this session's build, not a dependency
    yield target
