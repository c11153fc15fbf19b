"""Lists the packages to install; everything else about the distribution is in ``pyproject.toml``.

``[tool.setuptools] package-dir`` in ``pyproject.toml`` maps each installed package to its folder
in the repository (``scripts/namespace_rename.py`` turns ``api`` ← ``api/`` into
``danchieu.api`` ← ``api/``). setuptools cannot discover sub-packages under such a mapping, so they
are listed here: every folder below a mapped one (namespace folders such as ``ingest/data/codes``
included, so their data files ship), except caches and build output of other tools.
"""

import tomllib
from pathlib import Path

from setuptools import find_namespace_packages, setup

HERE = Path(__file__).resolve().parent
SKIP = ["*__pycache__*", "*node_modules*", "*.egg-info*"]


def _packages(package_dir: dict[str, str]) -> list[str]:
    found = []
    for name, folder in package_dir.items():
        found.append(name)
        subs = find_namespace_packages(str(HERE / folder), exclude=SKIP)
        # a folder that is no Python name (graph/neo4j-server) is data of its parent, see package-data
        found += [f"{name}.{sub}" for sub in subs if all(part.isidentifier() for part in sub.split("."))]
    return sorted(found)


PACKAGE_DIR = tomllib.loads((HERE / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["package-dir"]
setup(packages=_packages(PACKAGE_DIR))
