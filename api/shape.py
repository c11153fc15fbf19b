"""Turning query rows into the API's JSON: evidence lists, node kinds, edge labels, cursors, filters."""

from __future__ import annotations

import base64
import binascii
import json
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from danchieu.api.models import Edge, EvidenceOut, Node
from danchieu.api.problems import Problem
from danchieu.ingest.textutil import fold, nfc

RELATIONS_FILE = Path(__file__).resolve().parent / "data" / "relations.yaml"
REL_TYPES = ("CITES", "SIGNED", "ISSUED", "MENTIONS", "ASSIGNS", "COPY_OF", "REPORTS_ON", "MERGED_INTO", "LOCATED_IN")
# relationships whose Document end holds the evidence text: the source end or the target end
_EVIDENCE_AT_SOURCE = {"CITES", "MENTIONS", "ASSIGNS", "COPY_OF", "REPORTS_ON"}
_EVIDENCE_AT_TARGET = {"SIGNED", "ISSUED"}


@lru_cache(maxsize=1)
def relation_verbs() -> dict[str, str]:
    with RELATIONS_FILE.open(encoding="utf-8") as fh:
        return {str(k): str(v) for k, v in yaml.safe_load(fh).items()}


def evidence(row: dict[str, Any]) -> list[EvidenceOut]:
    """Zip the parallel ``ev_start``/``ev_end``/``ev_text``/``ev_sentence`` lists of a relationship."""
    starts, ends = row.get("ev_start") or [], row.get("ev_end") or []
    texts, sentences = row.get("ev_text") or [], row.get("ev_sentence") or []
    n = max(len(starts), len(ends), len(texts), len(sentences))

    def at(seq: list[Any], i: int) -> Any:
        return seq[i] if i < len(seq) else None

    return [EvidenceOut(start=at(starts, i), end=at(ends, i), text=at(texts, i), sentence=at(sentences, i))
            for i in range(n)]


def node_kind(labels: list[str] | None, key: str = "") -> str:
    labels = labels or []
    for label, kind in (("Person", "person"), ("Agency", "agency"), ("Province", "province")):
        if label in labels:
            return kind
    return "document"


def to_node(raw: dict[str, Any]) -> Node:
    return Node(id=raw["id"], kind=node_kind(raw.get("labels"), raw["id"]),  # type: ignore[arg-type]
                name=raw.get("name"), type=raw.get("type"), date=raw.get("date"), date_source=raw.get("date_source"),
                number=raw.get("number"), issuer=raw.get("issuer"), title=raw.get("title"),
                labels=sorted(raw.get("labels") or []),
                placeholder=bool(raw.get("placeholder")))


def edge_label(rel_type: str, source_name: str | None, target_name: str | None, kind: str | None) -> str:
    """``"Thông báo 285/TB-VPCP thực hiện Nghị quyết 128/NQ-CP"``."""
    verb = kind if rel_type == "CITES" and kind else relation_verbs().get(rel_type, rel_type.lower())
    return f"{source_name or '?'} {verb} {target_name or '?'}"


def to_edge(raw: dict[str, Any], names: dict[str, str | None]) -> Edge:
    rel_type, source, target = raw["type"], raw["source"], raw["target"]
    document_key = raw.get("document_key")
    if not document_key:
        document_key = (source if rel_type in _EVIDENCE_AT_SOURCE
                        else target if rel_type in _EVIDENCE_AT_TARGET else None)
    kind = raw.get("kind") or raw.get("capacity")
    return Edge(id=f"{rel_type}:{source}->{target}", source=source, target=target, type=rel_type,
                kind=kind, document_key=document_key, evidence=evidence(raw),
                label=edge_label(rel_type, names.get(source), names.get(target), raw.get("kind")))


def encode_cursor(offset: int) -> str:
    return base64.urlsafe_b64encode(json.dumps({"o": offset}).encode()).decode().rstrip("=")


def decode_cursor(cursor: str | None) -> int:
    """The offset a cursor stands for; 422 for anything that is not one of ours."""
    if not cursor:
        return 0
    try:
        data = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
        offset = int(data["o"])
    except (ValueError, KeyError, TypeError, binascii.Error, UnicodeDecodeError) as exc:
        raise Problem(422, "the cursor is not valid: use next_cursor from a previous page") from exc
    if not 0 <= offset <= 1_000_000:
        raise Problem(422, "the cursor is out of range")
    return offset


def type_filter(value: str | None) -> dict[str, str | None]:
    """A document-type filter as written ("Thông báo", "thong bao", "TB") → query parameters."""
    if not value or not value.strip():
        return {"type": None, "type_code": None, "type_prefix": None}
    raw = nfc(value).strip()
    return {"type": raw, "type_code": raw.upper().replace("Đ", "D"), "type_prefix": fold(raw) + " "}
