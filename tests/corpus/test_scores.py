"""Acceptance: extraction scored by ``../shared/eval/score.py`` on the seeds and the dev set.

Seeds must stay at 1.0 on every field; the dev set must hold the thresholds of issue 12 (and the
agency precision of issue 13). The thresholds are a table: adding a field is adding a row. A row
marked ``pending`` is reported as an expected failure while another branch fixes its field (none
is pending since the identity branches were merged).

Without ``../shared`` the test skips locally and fails when ``CI`` is set.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType

import pytest
from danchieu.ingest.batch import extract_to_dir

from tests.conftest import SHARED, shared

ROOT = SHARED

# (set, field, measure, minimum, pending-merge)
THRESHOLDS = [
    *[("seeds", f, "f1", 1.0, False) for f in ("citations", "signers", "persons", "agencies", "provinces")],
    *[("seeds", f"document.{f}", "accuracy", 1.0, False) for f in ("number", "type", "issuer", "date")],
    ("seeds", "citation_dates", "accuracy", 1.0, False),
    ("dev", "persons", "f1", 0.93, False),
    ("dev", "agencies", "f1", 0.90, False),
    ("dev", "agencies", "precision", 0.95, False),
    ("dev", "signers", "f1", 0.95, False),
    *[("dev", f"document.{f}", "accuracy", 0.95, False) for f in ("number", "type", "issuer", "date")],
]


def _scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("shared_score", ROOT / "eval" / "score.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def summaries(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict]:
    shared("eval", "score.py")
    score = _scorer()
    out: dict[str, dict] = {}
    for name in ("seeds", "dev"):
        pred = tmp_path_factory.mktemp(f"pred-{name}")
        extract_to_dir([ROOT / "corpus" / name], pred)
        json_path = pred / "summary.json"
        code = _run_scorer(score, ROOT / "gold" / name, pred, json_path)
        assert code in (0, 1)
        out[name] = json.loads(json_path.read_text(encoding="utf-8"))
    return out


def _run_scorer(score: ModuleType, gold: Path, pred: Path, json_path: Path) -> int:
    import contextlib
    import io

    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        code = score.main(["--gold", str(gold), "--pred", str(pred), "--json"])
    json_path.write_text(buf.getvalue(), encoding="utf-8")
    return code


@pytest.mark.slow
@pytest.mark.parametrize(("corpus", "field", "measure", "minimum", "pending"), THRESHOLDS,
                         ids=[f"{c}-{f}-{m}" for c, f, m, _, _ in THRESHOLDS])
def test_field_meets_its_threshold(summaries: dict[str, dict], corpus: str, field: str, measure: str,
                                   minimum: float, pending: bool) -> None:
    got = summaries[corpus][field][measure]
    if got < minimum and pending:
        pytest.xfail(f"{corpus} {field} {measure} = {got} < {minimum}: fixed on another branch (issue 12)")
    assert got >= minimum, f"{corpus} {field} {measure} = {got} < {minimum}"
