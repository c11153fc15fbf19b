"""Install ``api``, ``graph``, ``ingest`` and ``queries`` under the one name ``danchieu`` — run once.

The repository keeps its top-level folders; only the names they are imported by change:

    from graph.driver import create_driver        →  from danchieu.graph.driver import create_driver
    uvicorn.run("api.app:create_app", …)           →  uvicorn.run("danchieu.api.app:create_app", …)
    python -m graph.browser.build                  →  python -m danchieu.graph.browser.build
    [tool.setuptools.package-dir] api = "api"      →  "danchieu.api" = "api"

Usage, from the repository root, after every branch has been merged (it rewrites files in place):

    .venv/bin/python scripts/namespace_rename.py --dry-run   # list what would change, write nothing
    .venv/bin/python scripts/namespace_rename.py             # rewrite, then re-sort imports with ruff
    make setup                                      # pyproject.toml changed: reinstall (pip install -e .)

What it rewrites, in every text file of the tree (Python, Markdown, TOML, YAML, shell, Makefile,
Dockerfile; not .git, .venv, node_modules, build output, nor the non-Python files of tests/fixtures
and data/):

- import statements: ``from api… import``, ``import api… as x`` (also inside heredocs and docs);
- dotted module paths in strings, comments, docstrings and docs, when the path names a module
  that exists in the tree (``"graph.loader"``, ``api.app:create_app``, ``-m graph.browser.build``,
  ``queries.load_query``) — ``"api.log"`` (a file name) is left alone because ``api/log.py``
  does not exist;
- ``pyproject.toml``'s package-dir table;
- lines marked ``# after namespace rename: <code>``, whose code becomes ``<code>``.

``import graph.driver`` (which binds ``graph``) becomes ``import danchieu.graph.driver`` followed by
``from danchieu import graph``, the same binding. It refuses (exit 2, nothing written) on an
``import`` of several names that include one of these packages, and prints for review what it left
alone that looks like a module path. It is idempotent: a second run changes nothing.
"""

from __future__ import annotations

import argparse
import io
import re
import shutil
import subprocess
import sys
import tokenize
from dataclasses import dataclass, field
from pathlib import Path

NAMESPACE = "danchieu"
END = tokenize.ENDMARKER
NAMES = ("api", "graph", "ingest", "queries")
ROOT = Path(__file__).resolve().parent.parent

SKIP_DIRS = {".git", ".venv", "venv", "node_modules", "build", "dist", "__pycache__", ".pytest_cache",
             ".mypy_cache", ".ruff_cache", ".hypothesis", "test-output", "static"}
SKIP_PATHS = ("tests/fixtures", "data", "docs/screenshots")  # data, except Python modules in them
SELF = "scripts/namespace_rename.py"
TEXT_SUFFIXES = {".py", ".md", ".toml", ".cfg", ".ini", ".yml", ".yaml", ".sh", ".txt", ".mjs", ".example"}
TEXT_NAMES = {"Makefile", "Dockerfile", "run"}

_NAME = "|".join(NAMES)
# a dotted path starting with one of NAMES, not itself part of a longer name, path or URL
MODULE_PATH = re.compile(rf"(?<![\w./\\-])({_NAME})((?:\.[A-Za-z_]\w*)+)(:[A-Za-z_]\w*)?(?![\w/-])")
FROM_LINE = re.compile(rf"^(\s*)from ({_NAME})(?=\.|\s+import\b)", re.M)
# the same statement inside a string literal ("...\nfrom graph import jobs\n", code run by `python -c`)
FROM_IN_STRING = re.compile(rf"(?:(?<=\\n)|(?<![\w.]))from ({_NAME})(?=\.|\s+import\b)")
IMPORT_LINE = re.compile(rf"^\s*import\s+(?:[\w.]+\s*,\s*)*({_NAME})\b", re.M)
MARKED_LINE = re.compile(r"^(\s*)(\S.*?)\s*# after namespace rename: (.+)$", re.M)
PACKAGE_DIR_ENTRY = re.compile(rf'^({_NAME}) = "\1"$', re.M)


@dataclass
class Report:
    changed: dict[Path, int] = field(default_factory=dict)
    refused: list[str] = field(default_factory=list)
    review: list[str] = field(default_factory=list)


class Tree:
    """Answers whether a dotted path names a module, or an attribute of one, in this checkout."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def module_file(self, parts: list[str]) -> Path | None:
        base = self.root.joinpath(*parts)
        if (base / "__init__.py").is_file():
            return base / "__init__.py"
        if base.with_suffix(".py").is_file() and base.parent.joinpath("__init__.py").is_file():
            return base.with_suffix(".py")
        return None

    def defines(self, module: Path, attr: str) -> bool:
        source = module.read_text(encoding="utf-8", errors="replace")
        pattern = rf"^(?:async\s+def|def|class)\s+{attr}\b|^{attr}\s*[:=]|^from\s+\S+\s+import\s+.*\b{attr}\b"
        return re.search(pattern, source, re.M) is not None

    def is_module_path(self, dotted: str, attr: str | None) -> bool:
        parts = dotted.split(".")
        if self.module_file(parts) is not None:
            return True
        if attr:  # "module:attr" needs the module itself
            return False
        parent = self.module_file(parts[:-1])
        return parent is not None and self.defines(parent, parts[-1])


def rewrite_paths(text: str, tree: Tree, where: str, report: Report) -> str:
    def sub(m: re.Match[str]) -> str:
        dotted = m.group(1) + m.group(2)
        if tree.is_module_path(dotted, m.group(3)):
            return f"{NAMESPACE}.{m.group(0)}"
        report.review.append(f"{where}: left {m.group(0)!r}")
        return m.group(0)

    return MODULE_PATH.sub(sub, text)


def _statement_starts(tokens: list[tokenize.TokenInfo]) -> set[int]:
    starts, fresh = set(), True
    for i, tok in enumerate(tokens):
        if tok.type in (tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT, tokenize.ENCODING) or tok.string == ";":
            fresh = True
            continue
        if tok.type in (tokenize.NL, tokenize.COMMENT):
            continue
        if fresh:
            starts.add(i)
        fresh = False
    return starts


def rewrite_python(text: str, tree: Tree, where: str, report: Report) -> str:
    tokens = list(tokenize.generate_tokens(io.StringIO(text).readline))
    starts = _statement_starts(tokens)
    edits: list[tuple[tuple[int, int], tuple[int, int], str]] = []
    for i, tok in enumerate(tokens):
        if i in starts and tok.string == "from" and i + 2 < len(tokens):
            name, after = tokens[i + 1], tokens[i + 2]
            if name.string in NAMES and (after.string == "." or after.string == "import"):
                edits.append((name.start, name.end, f"{NAMESPACE}.{name.string}"))
        elif i in starts and tok.string == "import":
            _rewrite_import(tokens, i, edits, where, report)
        elif tok.type in (tokenize.STRING, tokenize.COMMENT):
            new = rewrite_paths(tok.string, tree, f"{where}:{tok.start[0]}", report)
            if tok.type == tokenize.STRING:
                new = FROM_IN_STRING.sub(lambda m: f"from {NAMESPACE}.{m.group(1)}", new)
            if new != tok.string:
                edits.append((tok.start, tok.end, new))
    lines = text.splitlines(keepends=True)
    for (srow, scol), (erow, ecol), new in sorted(edits, reverse=True):
        head, tail = lines[srow - 1][:scol], lines[erow - 1][ecol:]
        lines[srow - 1:erow] = [head + new + tail]
    return _apply_markers("".join(lines))


def _rewrite_import(tokens: list[tokenize.TokenInfo], i: int, edits: list, where: str, report: Report) -> None:
    """``import graph.x as y`` → ``import danchieu.graph.x as y``; ``import graph`` → ``from danchieu
    import graph``; ``import graph.x`` (which binds ``graph``) → ``import danchieu.graph.x`` then
    ``from danchieu import graph``; several names in one ``import`` are refused: split them first."""
    j = i + 1
    while j < len(tokens) and tokens[j].type not in (tokenize.NEWLINE, tokenize.ENDMARKER) and tokens[j].string != ";":
        tok = tokens[j]
        first_of_name = tokens[j - 1].string in ("import", ",")
        if first_of_name and tok.string in NAMES:
            k = j + 1
            while tokens[k].string == "." or (tokens[k].type == tokenize.NAME and tokens[k - 1].string == "."):
                k += 1
            if tokens[k].string == "as":
                edits.append((tok.start, tok.end, f"{NAMESPACE}.{tok.string}"))
            elif j == i + 1 and tokens[k].type in (tokenize.NEWLINE, tokenize.COMMENT, END):
                # the same binding: `graph` is danchieu.graph, with the submodule loaded first
                indent = tokens[i].line[:tokens[i].start[1]]
                dotted = "".join(t.string for t in tokens[j:k])
                load = f"import {NAMESPACE}.{dotted}  # noqa: F401\n{indent}" if k > j + 1 else ""
                edits.append((tokens[i].start, tokens[k - 1].end, f"{load}from {NAMESPACE} import {tok.string}"))
            else:
                report.refused.append(f"{where}:{tok.start[0]}: `import …, {tok.string}…` imports several names; "
                                      "give it one line per module first")
        j += 1


def _apply_markers(text: str) -> str:
    return MARKED_LINE.sub(lambda m: m.group(1) + m.group(3), text)


def rewrite_text(text: str, tree: Tree, where: str, report: Report) -> str:
    for m in IMPORT_LINE.finditer(text):
        line = text.count("\n", 0, m.start()) + 1
        if " as " not in text[m.start():text.find("\n", m.start())]:
            report.refused.append(f"{where}:{line}: `import {m.group(1)}…` without `as`; rewrite it by hand")
    text = FROM_LINE.sub(lambda m: f"{m.group(1)}from {NAMESPACE}.{m.group(2)}", text)
    return _apply_markers(rewrite_paths(text, tree, where, report))


def rewrite_pyproject(text: str) -> str:
    start = text.find("[tool.setuptools.package-dir]")
    if start < 0:
        raise SystemExit("pyproject.toml has no [tool.setuptools.package-dir] table to rewrite")
    end = text.find("\n[", start + 1)
    end = len(text) if end < 0 else end
    table = PACKAGE_DIR_ENTRY.sub(lambda m: f'"{NAMESPACE}.{m.group(1)}" = "{m.group(1)}"', text[start:end])
    return text[:start] + table + text[end:]


def text_files(root: Path) -> list[Path]:
    found = []
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root)
        if any(part in SKIP_DIRS or part.endswith(".egg-info") for part in rel.parts[:-1]):
            continue
        if rel.as_posix() == SELF:
            continue
        if path.suffix != ".py" and any(rel.as_posix().startswith(p + "/") for p in SKIP_PATHS):
            continue
        if path.is_file() and (path.suffix in TEXT_SUFFIXES or path.name in TEXT_NAMES or path.name.startswith(".")):
            if path.name not in {".git", ".gitignore", ".dockerignore", ".env"}:
                found.append(path)
    return found


def rename(root: Path, dry_run: bool) -> Report:
    tree, report, new_texts = Tree(root), Report(), {}
    for path in text_files(root):
        rel = path.relative_to(root).as_posix()
        try:
            old = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue
        if path.suffix == ".py":
            try:
                new = rewrite_python(old, tree, rel, report)
            except (tokenize.TokenError, SyntaxError, IndentationError) as exc:
                report.refused.append(f"{rel}: cannot tokenize ({exc}); fix it first")
                continue
        else:
            new = rewrite_text(old, tree, rel, report)
        if rel == "pyproject.toml":
            new = rewrite_pyproject(new)
        if new != old:
            new_texts[path] = new
            report.changed[path] = sum(a != b for a, b in zip(old.splitlines(), new.splitlines()))
    if report.refused or dry_run:
        return report
    for path, new in new_texts.items():
        path.write_text(new, encoding="utf-8")
    return report


def sort_imports(root: Path) -> str:
    """Imports that moved under ``danchieu.`` sort differently: let ruff re-sort them."""
    ruff = [sys.executable, "-m", "ruff"] if _has_module("ruff") else [shutil.which("ruff") or ""]
    if not ruff[0]:
        return "ruff not found: run `ruff check --select I --fix .` yourself"
    folders = ("danchieu", *NAMES, "tests", "bench", "scripts", "explorer", "setup.py")
    targets = [d for d in folders if (root / d).exists()]
    subprocess.run([*ruff, "check", "--quiet", "--select", "I", "--fix", *targets], cwd=root, check=False)
    left = subprocess.run([*ruff, "check", "--quiet", *targets], cwd=root, capture_output=True, text=True)
    return "ruff: clean" if left.returncode == 0 else "ruff still reports (fix by hand):\n" + left.stdout


def _has_module(name: str) -> bool:
    import importlib.util

    return importlib.util.find_spec(name) is not None


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--root", type=Path, default=ROOT, help="repository root (default: this checkout)")
    ap.add_argument("--dry-run", action="store_true", help="list what would change; write nothing")
    args = ap.parse_args(argv)
    report = rename(args.root.resolve(), args.dry_run)
    for path, n in sorted(report.changed.items()):
        print(f"{'would change' if args.dry_run else 'changed'} {path.relative_to(args.root.resolve())}: {n} line(s)")
    if report.review:
        print("\nleft alone (no such module in the tree) — check these by eye:")
        print("\n".join(f"  {line}" for line in sorted(set(report.review))))
    if report.refused:
        print("\nrefused, nothing written — fix these first:", file=sys.stderr)
        print("\n".join(f"  {line}" for line in report.refused), file=sys.stderr)
        return 2
    if not args.dry_run:
        print(sort_imports(args.root.resolve()))
    if not args.dry_run and report.changed:
        print("next: reinstall (`make setup`, or `pip install -e .`) — pyproject.toml's package-dir changed")
    print(f"{len(report.changed)} file(s) {'would change' if args.dry_run else 'changed'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
