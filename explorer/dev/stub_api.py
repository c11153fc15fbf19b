"""Development-only stand-in for the API (never used by tests): serves the built explorer at
/explore/ and canned /v1 answers shaped like the API contract, so the page can be worked on
before the real API and database are up.

    python explorer/dev/stub_api.py 8099   → http://127.0.0.1:8099/explore/
"""

from __future__ import annotations

import json
import sys
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlparse

ROOT = Path(__file__).resolve().parents[2]
STATIC = ROOT / "api" / "static" / "explorer"
SEED_285 = ROOT.parent / "shared" / "corpus" / "seeds" / "001_589c686c53b9cadd.txt"

NODES = {
    "128/NQ-CP@2021": {"kind": "document", "name": "Nghị quyết 128/NQ-CP", "type": "Nghị quyết", "date": "2021-10-11",
                       "number": "128/NQ-CP", "issuer": "Chính phủ"},
    "285/TB-VPCP@2021": {"kind": "document", "name": "Thông báo 285/TB-VPCP", "type": "Thông báo", "date": "2021-10-27",
                         "number": "285/TB-VPCP", "issuer": "Văn phòng Chính phủ"},
    "494/TB-VPCP@2023": {"kind": "document", "name": "Thông báo 494/TB-VPCP", "type": "Thông báo", "date": "2023-11-29",
                         "number": "494/TB-VPCP", "issuer": "Văn phòng Chính phủ"},
    "person:nguyen-sy-hiep": {"kind": "person", "name": "Nguyễn Sỹ Hiệp"},
    "person:pham-minh-chinh": {"kind": "person", "name": "Phạm Minh Chính"},
    "agency:bo-y-te": {"kind": "agency", "name": "Bộ Y tế"},
    "province:bac-giang": {"kind": "province", "name": "Bắc Giang"},
}
S285 = "Thực hiện Nghị quyết 128/NQ-CP về thích ứng an toàn, linh hoạt, kiểm soát hiệu quả dịch COVID-19."
EDGES = [
    ("285/TB-VPCP@2021", "CITES", "128/NQ-CP@2021", "thực hiện", S285, "Nghị quyết 128/NQ-CP"),
    ("494/TB-VPCP@2023", "CITES", "128/NQ-CP@2021", "căn cứ",
     "Nghị quyết số 128/NQ-CP ngày 11 tháng 10 năm 2021 của Chính phủ.",
     "Nghị quyết số 128/NQ-CP"),
    ("person:nguyen-sy-hiep", "SIGNED", "285/TB-VPCP@2021", "KT. Bộ trưởng, Chủ nhiệm", "Nguyễn Sỹ Hiệp",
     "Nguyễn Sỹ Hiệp"),
    ("285/TB-VPCP@2021", "MENTIONS", "person:pham-minh-chinh", None, "Thủ tướng Chính phủ Phạm Minh Chính chủ trì.",
     "Phạm Minh Chính"),
    ("285/TB-VPCP@2021", "ASSIGNS", "agency:bo-y-te", None, "chỉ đạo Bộ Y tế bám sát tình hình", "Bộ Y tế"),
]


def node(key: str) -> dict:
    return {"id": key, "labels": [], "issuer": None, "type": None, "date": None, "number": None, **NODES[key]}


def edge(src: str, rel: str, tgt: str, kind, sentence: str, mention: str) -> dict:
    verb = kind if rel == "CITES" else {"SIGNED": "ký", "MENTIONS": "nhắc đến", "ASSIGNS": "giao nhiệm vụ cho"}[rel]
    return {"id": f"{rel}:{src}->{tgt}", "source": src, "target": tgt, "type": rel, "kind": kind,
            "document_key": tgt if rel == "SIGNED" else src,
            "evidence": [{"start": 100, "end": 100 + len(mention), "text": mention, "sentence": sentence}],
            "label": f"{NODES[src]['name']} {verb} {NODES[tgt]['name']}"}


class Handler(SimpleHTTPRequestHandler):
    def send_json(self, body: dict, status: int = 200) -> None:
        data = json.dumps(body, ensure_ascii=False).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self) -> None:
        url = urlparse(self.path)
        q = {k: v[0] for k, v in parse_qs(url.query).items()}
        if url.path == "/":
            self.send_response(302)
            self.send_header("Location", "/explore/")
            self.end_headers()
        elif url.path.startswith("/explore/"):
            self.path = url.path[len("/explore"):]
            super().do_GET()
        elif url.path == "/v1/search":
            words = q.get("q", "").lower().split()
            hits = [{"kind": n["kind"], "key": k, "name": n["name"], "type": n.get("type"), "date": n.get("date"),
                     "number": n.get("number"), "score": 1.0} for k, n in NODES.items()
                    if any(w in k.lower() or w in n["name"].lower() for w in words)]
            self.send_json({"query": q.get("q"), "results": hits})
        elif url.path == "/v1/graph/neighborhood":
            key, rel, d = q.get("key", ""), q.get("rel"), q.get("direction", "both")
            if key not in NODES:
                return self.send_json({"detail": "not found"}, 404)
            found = [e for e in EDGES if (not rel or e[1] == rel)
                     and ((d in ("out", "both") and e[0] == key) or (d in ("in", "both") and e[2] == key))]
            limit = int(q.get("limit", 20))
            page = found[:limit]
            others = {e[2] if e[0] == key else e[0] for e in page}
            self.send_json({"center": key, "nodes": [node(key)] + [node(k) for k in others],
                            "edges": [edge(*e) for e in page],
                            "total": len(found), "next_cursor": None})
        elif url.path == "/v1/graph/path":
            self.send_json({"nodes": [node(q["source"]), node("128/NQ-CP@2021"), node(q["target"])],
                            "edges": [edge(*EDGES[0]), edge(*EDGES[1])]})
        elif url.path.startswith("/v1/documents/"):
            rest = unquote(url.path[len("/v1/documents/"):])
            if rest.endswith("/text"):
                text = SEED_285.read_text(encoding="utf-8")
                at = text.rfind("Nguyễn Sỹ Hiệp")
                self.send_json({"key": rest[:-5], "text": text, "spans": [
                    {"start": at, "end": at + 14, "kind": "person", "key": "person:nguyen-sy-hiep",
                     "label": "Nguyễn Sỹ Hiệp"}]})
            else:
                self.send_json({**node(rest), "signers": [{"key": "person:nguyen-sy-hiep", "name": "Nguyễn Sỹ Hiệp",
                                                           "position": "Phó Chủ nhiệm"}], "copies": [], "reports": []})
        else:
            self.send_json({"detail": "no such stub route"}, 404)

    def translate_path(self, path: str) -> str:
        return str(STATIC / path.lstrip("/")) if path != "/" else str(STATIC / "index.html")


if __name__ == "__main__":
    port = int(sys.argv[1]) if len(sys.argv) > 1 else 8099
    ThreadingHTTPServer(("127.0.0.1", port), Handler).serve_forever()
