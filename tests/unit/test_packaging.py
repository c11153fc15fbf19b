"""What the wheel will carry, checked from the sources (fast; tests/install builds the real wheel):
every file the packages read at run time matches a package-data pattern, and no package reads its
files through the checkout (issue 18)."""

import fnmatch
import re
import tomllib

from danchieu.config import REPO_ROOT

PYPROJECT = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text(encoding="utf-8"))
PACKAGE_DIR: dict[str, str] = PYPROJECT["tool"]["setuptools"]["package-dir"]
PATTERNS: list[str] = PYPROJECT["tool"]["setuptools"]["package-data"]["*"]
NOT_SHIPPED = {".gitignore"}  # the explorer build's own "keep me out of git" file


def _package_files():
    for folder in PACKAGE_DIR.values():
        for path in (REPO_ROOT / folder).rglob("*"):
            if path.is_file() and "__pycache__" not in path.parts and path.suffix not in (".py", ".pyc"):
                yield path


def _shipped(path) -> bool:
    # a pattern applies in the folder of the nearest package, or names a sub-folder ("neo4j-server/pom.xml")
    name, parent = path.name, path.parent.name
    return any(fnmatch.fnmatch(name, p) or fnmatch.fnmatch(f"{parent}/{name}", p) for p in PATTERNS)


def test_every_package_is_built_from_a_top_level_folder_of_the_repository():
    assert set(PACKAGE_DIR.values()) == {"danchieu", "api", "graph", "ingest", "queries"}
    for folder in PACKAGE_DIR.values():
        assert (REPO_ROOT / folder / "__init__.py").is_file(), folder


def test_every_data_file_of_the_packages_matches_a_package_data_pattern():
    missing = [str(p.relative_to(REPO_ROOT)) for p in _package_files() if p.name not in NOT_SHIPPED and not _shipped(p)]
    assert not missing, f"add a pattern to [tool.setuptools.package-data] for: {missing}"


def test_no_package_module_reads_files_through_the_checkout():
    """REPO_ROOT is the checkout; in a wheel install it is site-packages. Only `danchieu up` (which
    refuses to run outside a checkout) may use it."""
    allowed = {REPO_ROOT / "danchieu" / "config.py", REPO_ROOT / "danchieu" / "up.py"}
    users = [str(p.relative_to(REPO_ROOT)) for folder in PACKAGE_DIR.values()
             for p in (REPO_ROOT / folder).rglob("*.py")
             if p not in allowed and re.search(r"\bREPO_ROOT\b", p.read_text(encoding="utf-8"))]
    assert not users, f"these read run-time files from the checkout, not the installed package: {users}"


# Before scripts/namespace_rename.py has run, the packages are still imported by their folder names.
NAMESPACED = True
OLD_IMPORT = re.compile(r"^\s*(?:from|import)\s+(?:api|graph|ingest|queries)\b", re.M)


def test_nothing_imports_the_packages_by_their_folder_names_once_they_are_namespaced():
    """An import by folder name still works in a checkout (the folder is on sys.path); installed, it fails."""
    if not NAMESPACED:
        return
    roots = [*PACKAGE_DIR.values(), "tests", "bench", "scripts"]
    offenders = [str(p.relative_to(REPO_ROOT)) for root in roots for p in (REPO_ROOT / root).rglob("*.py")
                 if p.name != "namespace_rename.py" and OLD_IMPORT.search(p.read_text(encoding="utf-8"))]
    assert not offenders, f"import these as danchieu.api / danchieu.graph / …: {offenders}"
