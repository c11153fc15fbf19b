"""Build small test graphs in the team's data model, with evidence offsets computed from the text.

    g = GraphBuilder()
    nq = g.document("Nghị quyết", "NQ", "128/NQ-CP", "2021-10-11", issuer="Chính phủ", text="…")
    tb = g.document("Thông báo", "TB", "285/TB-VPCP", "2021-10-27", text="… thực hiện Nghị quyết số 128/NQ-CP …")
    g.cites(tb, nq, "thực hiện", mention="Nghị quyết số 128/NQ-CP")
    g.create(driver, database)   …   g.delete(driver, database)
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from danchieu.ingest.textutil import fold, make_evidence

FIXTURES = Path(__file__).resolve().parent / "fixtures"
TYPE_LABELS = {"Nghị quyết": "NghiQuyet", "Thông báo": "ThongBao", "Chỉ thị": "ChiThi", "Bài báo": "BaiBao",
               "Quyết định": "QuyetDinh", "Luật": "Luat", "Công điện": "CongDien", "Thông tư": "ThongTu",
               "Nghị định": "NghiDinh", "Thông tư liên tịch": "ThongTuLienTich"}


def key_of(number: str | None, year: int | None) -> str:
    if number is None:
        return f"sha:{secrets.token_hex(8)}"
    return f"{number.upper().replace('Đ', 'D')}@{year if year else '?'}"


@dataclass
class GraphBuilder:
    documents: list[dict[str, Any]] = field(default_factory=list)
    entities: list[dict[str, Any]] = field(default_factory=list)
    rels: list[dict[str, Any]] = field(default_factory=list)
    texts: dict[str, str] = field(default_factory=dict)

    def document(self, type_name: str, type_code: str | None, number: str | None, date: str | None, *,
                 issuer: str | None = None, issuer_code: str | None = None, title: str | None = None,
                 text: str = "", placeholder: bool = False) -> str:
        year = int(date[:4]) if date else None
        key = key_of(number, year)
        name = f"{type_name} {number}" if number else f"{type_name} ({date or 'không rõ ngày'})"
        props = {"key": key, "number": number, "type": type_name, "type_code": type_code, "issuer": issuer,
                 "issuer_code": issuer_code, "year": year, "title": title, "name": name,
                 "name_folded": fold(name), "placeholder": placeholder, "text": text, "source": "test"}
        self.documents.append({"props": {k: v for k, v in props.items() if v is not None}, "date": date,
                               "type_label": TYPE_LABELS[type_name]})
        self.texts[key] = text
        return key

    def entity(self, label: str, key: str, name: str, **props: Any) -> str:
        self.entities.append({"label": label, "props": {"key": key, "name": name, "name_folded": fold(name), **props}})
        return key

    def _ev(self, doc_key: str, mentions: list[str]) -> dict[str, list[Any]]:
        text = self.texts[doc_key]
        evs = []
        for m in mentions:
            start = text.index(m)
            evs.append(make_evidence(text, start, start + len(m)))
        return {"ev_start": [e.start for e in evs], "ev_end": [e.end for e in evs],
                "ev_text": [e.text for e in evs], "ev_sentence": [e.sentence for e in evs]}

    def rel(self, type_: str, source: str, target: str, evidence_in: str | None = None,
            mentions: list[str] | None = None, effective: str | None = None, **props: Any) -> None:
        ev = self._ev(evidence_in, mentions or []) if evidence_in else {}
        self.rels.append({"type": type_, "source": source, "target": target, "props": {**props, **ev},
                          "effective": effective})

    def cites(self, source: str, target: str, kind: str, mention: str) -> None:
        self.rel("CITES", source, target, source, [mention], kind=kind, resolution="exact", count=1)

    def signed(self, person: str, doc: str, mention: str, position: str, capacity: str | None = None) -> None:
        self.rel("SIGNED", person, doc, doc, [mention], position=position, capacity=capacity)

    def mentions(self, doc: str, entity: str, mention: str, titles: list[str] | None = None) -> None:
        # no titles: no property, as the loader leaves it (graph/rows.py)
        self.rel("MENTIONS", doc, entity, doc, [mention], count=1, **({"titles": titles} if titles else {}))

    @property
    def keys(self) -> list[str]:
        return [d["props"]["key"] for d in self.documents] + [e["props"]["key"] for e in self.entities]

    def create(self, driver: Any, database: str) -> None:
        query = (FIXTURES / "create_graph.cypher").read_text(encoding="utf-8")
        driver.execute_query(query, documents=self.documents, entities=self.entities, rels=self.rels,
                             database_=database)

    def delete(self, driver: Any, database: str) -> None:
        query = (FIXTURES / "delete_graph.cypher").read_text(encoding="utf-8")
        driver.execute_query(query, keys=self.keys, database_=database)
