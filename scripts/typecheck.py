"""Run mypy on the packages under the names they are installed by (``make lint``).

``pyproject.toml``'s package-dir installs ``api/`` as ``danchieu.api`` once
``scripts/namespace_rename.py`` has run; mypy cannot follow that mapping (nor the import hook of an
editable install), so imports of ``danchieu.api…`` would silently become ``Any``. This lays the
packages out under their installed names with symlinks in ``build/typecheck/`` and runs mypy there:

    .venv/bin/python scripts/typecheck.py [extra mypy arguments]
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "build" / "typecheck"
SKIP = {"__pycache__", "static"}


def package_dir() -> dict[str, str]:
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return pyproject["tool"]["setuptools"]["package-dir"]


def lay_out(mapping: dict[str, str], out: Path = OUT) -> list[str]:
    """Symlink each package folder to the place its installed name implies; return the top names."""
    shutil.rmtree(out, ignore_errors=True)
    for name in sorted(mapping, key=lambda n: n.count(".")):
        target = out.joinpath(*name.split("."))
        folder = ROOT / mapping[name]
        if any(other.startswith(name + ".") for other in mapping):
            # a parent of mapped packages: a real folder holding links to its own files
            target.mkdir(parents=True, exist_ok=True)
            for entry in folder.iterdir():
                if entry.name not in SKIP and not (target / entry.name).exists():
                    (target / entry.name).symlink_to(entry)
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.symlink_to(folder, target_is_directory=True)
    return sorted({name.split(".")[0] for name in mapping})


def main(argv: list[str]) -> int:
    tops = lay_out(package_dir())
    packages = [arg for top in tops for arg in ("-p", top)]
    cmd = [sys.executable, "-m", "mypy", "--config-file", str(ROOT / "pyproject.toml"), *packages, *argv]
    return subprocess.run(cmd, cwd=OUT).returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
