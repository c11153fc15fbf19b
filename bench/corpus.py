"""A synthetic corpus of realistic Vietnamese government documents, with its ground truth, any size.

    python bench/corpus.py 10000 --out /tmp/corpus      # /tmp/corpus/docs/*.txt + truth.jsonl
    python bench/corpus.py 1000000 --out /tmp/national --extracted   # partitioned extraction output

Everything a document is made of comes from the project's data files: document types and their
codes (``ingest/data/codes``), issuers, ministries (``ingest/data/gazetteer/agencies.yaml``),
provinces (``ingest/data/provinces.yaml``), family names (``gazetteer/surnames.yaml``), signing
formulas; given names from ``bench/data/given_names.yaml``. Numbers follow the printed conventions
(``15/2023/NĐ-CP`` for normative documents, ``285/TB-VPCP``, ``1234/QĐ-UBND``), counted per type,
issuer and year. Citations point to earlier documents by preferential attachment (a document is
cited in proportion to 1 + the citations it already has), so in-degrees are heavy-tailed like real
citation graphs (a few Nghị quyết are cited by thousands); one citation in ten points outside the
corpus (a placeholder in the graph). A document cites 0 to 40 others, about 12 on average (the vbpl
samples' figure); dates run from 1990 to 2026.

At national scale (``--extracted``, a million documents) nothing is rendered to files: each document
goes straight to the ``ExtractedDocument`` extraction would produce (:func:`write_extracted`, in
``--workers`` processes), written as partitioned JSON lines (``ingest/partitions.py``; ``danchieu
ingest OUT --bulk`` loads it). The generator keeps only what citing needs
(a compact record per document and the attachment pool as an array of ints).

:func:`truth_document` turns a ground-truth record into the ``ExtractedDocument`` extraction would
produce, with evidence offsets, so the loader can build a large graph without extraction.
"""

from __future__ import annotations

import argparse
import bisect
import hashlib
import itertools
import json
import marshal
import multiprocessing
import random
import sys
import time
from array import array
from collections import deque
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from danchieu.ingest.keys import document_key
from danchieu.ingest.models import (
    Agency,
    Assignment,
    Citation,
    DocumentInfo,
    ExtractedDocument,
    Person,
    Province,
    Signer,
)
from danchieu.ingest.textutil import make_evidence

DATA = REPO / "ingest" / "data"

# (type name, type code, share of the corpus, normative: the number carries the year)
TYPES = [("Quyết định", "QĐ", 0.30, False), ("Thông báo", "TB", 0.14, False), ("Kế hoạch", "KH", 0.12, False),
         ("Nghị quyết", "NQ", 0.08, False), ("Thông tư", "TT", 0.08, True), ("Nghị định", "NĐ", 0.06, True),
         ("Chỉ thị", "CT", 0.06, False), ("Báo cáo", "BC", 0.06, False), ("Công điện", "CĐ", 0.05, False),
         ("Hướng dẫn", "HD", 0.04, False), ("Luật", "L", 0.01, True)]
KINDS = [("Căn cứ", "căn cứ", 0.5), ("Thực hiện", "thực hiện", 0.25), ("Theo đề nghị tại", "trích dẫn", 0.1),
         ("Sửa đổi, bổ sung một số điều của", "sửa đổi", 0.05), ("Thay thế", "thay thế", 0.04),
         ("Bãi bỏ", "bãi bỏ", 0.03), ("Hướng dẫn thi hành", "hướng dẫn", 0.03)]
TOPICS = ["phòng, chống thiên tai", "chuyển đổi số quốc gia", "phát triển nhà ở xã hội", "bảo hiểm xã hội",
          "phòng, chống dịch bệnh", "giải ngân vốn đầu tư công", "xây dựng nông thôn mới", "an toàn giao thông",
          "cải cách thủ tục hành chính", "quản lý thuế thu nhập cá nhân", "ưu đãi đầu tư", "bảo vệ rừng",
          "phát triển doanh nghiệp nhỏ và vừa", "giáo dục nghề nghiệp", "cấp nước sinh hoạt nông thôn"]
MONTHS_DAYS = 28
ATTRACTION = {"L": 8, "NĐ": 6, "NQ": 6, "TT": 3, "CT": 3, "QĐ": 2}
# references per document: mean 12 (vbpl samples), from none to a few dozen
CITE_COUNTS = [0, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 12, 13, 14, 15, 16, 18, 20, 22, 26, 30, 40]
START_YEAR, YEARS = 1990, 37  # 1990–2026


@lru_cache(maxsize=1)
def vocab() -> dict[str, Any]:
    """Names, bodies and places read from the project's data files."""
    def load(path: Path) -> Any:
        return yaml.safe_load(path.read_text(encoding="utf-8"))

    agencies = [a for a in load(DATA / "gazetteer" / "agencies.yaml")["agencies"]
                if a.get("kind") in ("ministry", "ministry_level") and not a.get("valid_until")]
    provinces = [p for p in load(DATA / "provinces.yaml")["provinces"] if not p.get("valid_from")]
    names = load(REPO / "bench" / "data" / "given_names.yaml")
    return {"ministries": agencies, "provinces": provinces, "surnames": load(DATA / "gazetteer" / "surnames.yaml")
            ["surnames"], "middle": names["middle"], "given": names["given"]}


@dataclass(slots=True)
class Issuer:
    name: str  # "Bộ Y tế", "Ủy ban nhân dân tỉnh Lạng Sơn"
    code: str  # "BYT", "UBND"
    head: str  # head's title: "Bộ trưởng", "Chủ tịch"
    deputy: str
    collective: str | None = None  # "Chính phủ", "Ủy ban nhân dân" for TM.
    province: str | None = None
    types: tuple[str, ...] = ("QĐ", "TB", "KH", "BC", "HD")  # type codes this body issues


@dataclass(slots=True)
class Synthetic:
    """One generated document and what a perfect extractor would find in it."""

    name: str
    text: str
    truth: dict[str, Any] = field(default_factory=dict)


def _issuers() -> list[tuple[Issuer, float]]:
    v = vocab()
    out: list[tuple[Issuer, float]] = [
        (Issuer("Chính phủ", "CP", "Thủ tướng", "Phó Thủ tướng", "Chính phủ", types=("NĐ", "NQ")), 0.12),
        (Issuer("Thủ tướng Chính phủ", "TTg", "Thủ tướng", "Phó Thủ tướng", types=("QĐ", "CT", "CĐ")), 0.10),
        (Issuer("Văn phòng Chính phủ", "VPCP", "Bộ trưởng, Chủ nhiệm", "Phó Chủ nhiệm", types=("TB", "BC")), 0.10),
        (Issuer("Quốc hội", "QH15", "Chủ tịch Quốc hội", "Phó Chủ tịch Quốc hội", "Quốc hội", types=("L", "NQ")),
         0.02)]
    for m in v["ministries"]:
        code = (m.get("abbreviations") or ["B" + "".join(w[0] for w in m["name"].split()[1:])])[0]
        out.append((Issuer(m["name"], code, "Bộ trưởng" if m["kind"] == "ministry" else "Thủ trưởng",
                           "Thứ trưởng" if m["kind"] == "ministry" else "Phó Thủ trưởng",
                           types=("TT", "QĐ", "HD", "KH", "BC", "CĐ")), 0.38 / len(v["ministries"])))
    for p in v["provinces"]:
        kind = "thành phố" if p["kind"] == "thanh_pho" else "tỉnh"
        out.append((Issuer(f"Ủy ban nhân dân {kind} {p['name']}", "UBND", "Chủ tịch", "Phó Chủ tịch",
                           "Ủy ban nhân dân", province=p["name"], types=("QĐ", "KH", "CT", "BC", "TB", "CĐ")),
                    0.28 / len(v["provinces"])))
    return out


@lru_cache(maxsize=1 << 16)
def _vn_date(d: tuple[int, int, int]) -> str:
    return f"ngày {d[2]:02d} tháng {d[1]:02d} năm {d[0]}"


# choices(weights=w) accumulates w on every call; the same cumulative weights given once draw the very
# same documents (the same random numbers, the same bisection) at a fraction of the cost
_KIND_CUM = list(itertools.accumulate(x[2] for x in KINDS))


@lru_cache(maxsize=64)
def _type_weights(codes: tuple[str, ...]) -> list[float]:
    return list(itertools.accumulate(t[2] for t in TYPES if t[1] in codes))


class Generator:
    """Documents in issue order (so citations always point to the past)."""

    def __init__(self, seed: int = 7, start_year: int = START_YEAR, years: int = YEARS, people: int = 2000) -> None:
        self.rng = random.Random(seed)
        self.issuers = _issuers()
        self.issuer_cum = list(itertools.accumulate(x[1] for x in self.issuers))
        self.start_year, self.years = start_year, years
        self.counters: dict[tuple[str, str, int], int] = {}
        self.cite_pool = array("I")  # document indexes, each repeated attraction + in-degree times
        # what citing a generated document needs: (number, key, type, issuer, date)
        self.docs: list[tuple[str, str, str, str, tuple[int, int, int]]] = []
        self.in_degree = array("I")
        self.outside: dict[str, int] = {}  # citations of documents outside the corpus, by key
        self.citations = 0
        v = vocab()
        self.people = [self._person_name() for _ in range(people)]
        self._zipf_cum: dict[tuple[int, float], list[float]] = {}
        self.ministries = v["ministries"]
        self.provinces = v["provinces"]

    def _person_name(self) -> str:
        v = vocab()
        r = self.rng
        return f"{r.choice(v['surnames'][:40])} {r.choice(v['middle'])} {r.choice(v['given'])}"

    def _zipf(self, items: list[Any], s: float = 1.1) -> Any:
        # heavy-tailed choice: a few officials sign most documents
        cum = self._zipf_cum.get((len(items), s))
        if cum is None:
            cum = self._zipf_cum[(len(items), s)] = list(itertools.accumulate(1 / (i + 1) ** s
                                                                               for i in range(len(items))))
        return items[bisect.bisect(cum, self.rng.random() * cum[-1])]

    def _number(self, tcode: str, normative: bool, issuer: Issuer, year: int) -> str:
        # one register per code: no two provinces share "37/QĐ-UBND"; the National Assembly numbers
        # its laws and resolutions in one series ("80/2023/QH15")
        k = ("" if issuer.code.startswith("QH") else tcode, issuer.code, year)
        self.counters[k] = self.counters.get(k, 0) + 1
        n = self.counters[k]
        if issuer.code.startswith("QH"):  # "80/2023/QH15": the term stands for type and issuer
            return f"{n}/{year}/{issuer.code}"
        return f"{n}/{year}/{tcode}-{issuer.code}" if normative else f"{n}/{tcode}-{issuer.code}"

    def generate(self, i: int, total: int) -> Synthetic:
        r = self.rng
        issuer = self.issuers[min(len(self.issuers) - 1,
                                  bisect.bisect(self.issuer_cum, r.random() * self.issuer_cum[-1]))][0]
        allowed = [t for t in TYPES if t[1] in issuer.types]
        tname, tcode, _, normative = r.choices(allowed, cum_weights=_type_weights(issuer.types))[0]
        day_index = int(i / max(1, total) * self.years * 12 * MONTHS_DAYS)
        year = self.start_year + day_index // (12 * MONTHS_DAYS)
        month, day = (day_index // MONTHS_DAYS) % 12 + 1, day_index % MONTHS_DAYS + 1
        date = (year, month, day)
        number = self._number(tcode, normative, issuer, year)
        topic = r.choice(TOPICS)
        place = issuer.province or "Hà Nội"
        title = f"về {topic} năm {year}"
        header = (f"{issuer.name.upper()}\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\tĐộc lập - Tự do - Hạnh phúc\n\n"
                  f"Số: {number}\t{place}, {_vn_date(date)}\n\n{tname.upper()}\n{title[0].upper() + title[1:]}\n\n")
        parts = [header]
        cites = self._citations(r.choice(CITE_COUNTS))
        for c in cites:
            parts.append(f"{c['cue']} {c['type']} số {c['number']} {_vn_date(c['date'])} của {c['issuer']};\n")
        persons = []
        if r.random() < 0.6:
            chair = self._zipf(self.people)
            persons.append({"name": chair, "title": issuer.head})
            parts.append(f"\nNgày {date[2]} tháng {date[1]}, {issuer.head} {chair} đã chủ trì cuộc họp về {topic}. ")
        provinces = r.sample(self.provinces, r.choice([0, 0, 1, 1, 2, 3]))
        for p in provinces:
            parts.append(f"Ủy ban nhân dân tỉnh {p['name']} báo cáo kết quả triển khai {topic} trên địa bàn. ")
        ministries = r.sample(self.ministries, r.choice([1, 1, 2, 3]))
        assigns = []
        for m in ministries:
            task = f"chủ trì, phối hợp với các địa phương hướng dẫn triển khai {topic}"
            parts.append(f"\nGiao {m['name']} {task}, báo cáo trước ngày 15 tháng 12 năm {year}.")
            assigns.append({"agency": m["name"], "task": task})
        parts.append("\n\nĐiều khoản thi hành: văn bản này có hiệu lực kể từ ngày ký./."
                     "\n\nNơi nhận:\n- Như trên;\n- Lưu: VT.\n\n")
        signer = self._zipf(self.people[:120], 0.9)
        deputy = r.random() < 0.6
        position = issuer.deputy if deputy else issuer.head
        capacity = (f"KT. {issuer.head.upper()}" if deputy else
                    f"TM. {issuer.collective.upper()}" if issuer.collective else None)
        parts.append((capacity + "\n" if capacity else "") + f"{position.upper()}\n\n{signer}\n")
        text = "".join(parts)
        truth = {"number": number, "key": document_key(number, year), "type": tname, "issuer": issuer.name,
                 "date": f"{year}-{month:02d}-{day:02d}", "place": place, "title": title,
                 "signers": [{"name": signer, "position": position, "capacity": capacity}],
                 "citations": [{k: v for k, v in c.items() if k != "cue"} for c in cites],
                 "persons": persons, "agencies": [m["name"] for m in ministries],
                 "provinces": [p["name"] for p in provinces], "assignments": assigns}
        self.docs.append((number, truth["key"], tname, issuer.name, date))
        self.in_degree.append(0)
        # initial attractiveness: laws, decrees and resolutions are what documents cite
        self.cite_pool.extend([len(self.docs) - 1] * ATTRACTION.get(tcode, 1))
        return Synthetic(f"{i:07d}.txt", text, truth)

    def _citations(self, k: int) -> list[dict[str, Any]]:
        r = self.rng
        out: dict[str, dict[str, Any]] = {}
        for _ in range(k):
            cue, kind, _ = r.choices(KINDS, cum_weights=_KIND_CUM)[0]
            if not self.cite_pool or r.random() < 0.1:  # a document outside the corpus
                year = self.start_year - 1 - r.randrange(10)
                number = f"{r.randrange(1, 300)}/{year}/NĐ-CP"
                target = {"number": number, "key": document_key(number, year), "type": "Nghị định",
                          "issuer": "Chính phủ", "date": (year, r.randrange(1, 13), r.randrange(1, 29))}
                if target["key"] not in out:
                    self.outside[target["key"]] = self.outside.get(target["key"], 0) + 1
            else:
                idx = self.cite_pool[int(r.random() * len(self.cite_pool))]
                number, key, tname, issuer, date = self.docs[idx]
                target = {"number": number, "key": key, "type": tname, "issuer": issuer, "date": date}
                if key not in out:
                    self.cite_pool.append(idx)  # preferential attachment: the cited get cited more
                    self.in_degree[idx] += 1
            out.setdefault(str(target["key"]), {**target, "cue": cue, "kind": kind})
        self.citations += len(out)
        return [{**c, "date": tuple(c["date"])} for c in out.values()]

    def stats(self) -> dict[str, float]:
        """Mean references per document and the heaviest in-degrees (corpus and outside it)."""
        n = len(self.docs)
        top = max(self.in_degree, default=0)
        top_outside = max(self.outside.values(), default=0)
        heavy = sum(1 for d in self.in_degree if d >= 1000)
        return {"documents": n, "references_per_document": self.citations / n if n else 0.0,
                "max_in_degree": max(top, top_outside), "documents_cited_1000_times": heavy,
                "cited_documents": sum(1 for d in self.in_degree if d) + len(self.outside)}


def generate(n: int, seed: int = 7, generator: Generator | None = None) -> Iterator[Synthetic]:
    """``n`` documents in issue order."""
    g = generator or Generator(seed)
    for i in range(n):
        yield g.generate(i, n)


def _encoded_chunk(blob: bytes) -> list[tuple[str, int, int, int]]:
    """In a worker: a chunk of generated documents (``marshal``: name, text, truth) → partition lines."""
    from danchieu.ingest.partitions import encode_entry

    return [encode_entry(d[0], truth_document(Synthetic(*d))) for d in marshal.loads(blob)]


STATS_FILE = "corpus-stats.json"  # beside the parts: the corpus's figures and how long it took to write


def write_extracted(n: int, out: Path, seed: int = 7, workers: int = 1) -> dict[str, float]:
    """``out/``: partitioned extraction output (``ingest/partitions.py``, what ``danchieu ingest OUT --bulk``
    reads) and ``STATS_FILE``; returns the corpus's figures. The generator is sequential (citations point to
    the past); with ``workers`` > 1 the extraction output of its documents is built in that many processes."""
    t = time.perf_counter()
    stats = _write_extracted(n, out, seed, workers)
    (out / STATS_FILE).write_text(json.dumps({**stats, "seconds": time.perf_counter() - t}))
    return stats


def _write_extracted(n: int, out: Path, seed: int, workers: int) -> dict[str, float]:
    from danchieu.ingest.partitions import PartitionWriter

    g = Generator(seed)
    docs = generate(n, seed, g)
    with PartitionWriter(out, engine="bench/corpus.py") as writer:
        if workers <= 1:
            for d in docs:
                writer.add(d.name, truth_document(d))
            return g.stats()
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
            def chunk() -> bytes | None:
                part = [(d.name, d.text, d.truth) for d in itertools.islice(docs, 500)]
                return marshal.dumps(part) if part else None

            ahead: deque[Future[list[tuple[str, int, int, int]]]] = deque()
            for _ in range(3 * workers):
                blob = chunk()
                if blob is None:
                    break
                ahead.append(pool.submit(_encoded_chunk, blob))
            while ahead:
                lines = ahead.popleft().result()
                blob = chunk()
                if blob is not None:
                    ahead.append(pool.submit(_encoded_chunk, blob))
                for encoded in lines:
                    writer.add_encoded(*encoded)
    return g.stats()


def print_stats(stats: dict[str, float], seconds: float) -> None:
    print(f"{stats['documents']:,} documents in {seconds:.0f}s ({stats['documents'] / max(seconds, 1e-9):,.0f}/s): "
          f"{stats['references_per_document']:.2f} references per document, max in-degree "
          f"{stats['max_in_degree']:,}, {stats['documents_cited_1000_times']:,} document(s) cited ≥ 1000 times, "
          f"{stats['cited_documents']:,} documents cited at least once")


def _ev(text: str, phrase: str, start: int = 0):
    at = text.find(phrase, start)
    return make_evidence(text, at, at + len(phrase)) if at >= 0 else None


def truth_document(doc: Synthetic) -> ExtractedDocument:
    """The ``ExtractedDocument`` a perfect extractor would return for ``doc`` (with evidence)."""
    from danchieu.graph.rows import entity_key

    t, text = doc.truth, doc.text
    out = ExtractedDocument(source=doc.name, text=text, text_hash=hashlib.sha256(text.encode()).hexdigest())
    out.document = DocumentInfo(number=t["number"], type=t["type"], issuer=t["issuer"], date=t["date"],
                                place=t["place"], title=t["title"], evidence=_ev(text, t["number"]))
    for c in t["citations"]:
        y, m, d = c["date"]
        ev = _ev(text, f"số {c['number']}")
        out.citations.append(Citation(number=c["number"], key=c["key"], type=c["type"], issuer=c["issuer"],
                                      date=f"{y}-{m:02d}-{d:02d}", year=y, kind=c["kind"],
                                      mentions=[ev] if ev else []))
    out.persons = [Person(p["name"], entity_key("person", p["name"]), [p["title"]],
                          [e for e in [_ev(text, p["name"])] if e]) for p in t["persons"]]
    out.agencies = [Agency(a, entity_key("agency", a), mentions=[e for e in [_ev(text, a)] if e])
                    for a in t["agencies"]]
    out.provinces = [Province(p, entity_key("province", p), mentions=[e for e in [_ev(text, p)] if e])
                     for p in t["provinces"]]
    out.signers = [Signer(s["name"], s["position"], s["capacity"], _ev(text, s["name"], text.rfind("\n\n" + s["name"])))
                   for s in t["signers"]]
    out.assignments = [Assignment(a["agency"], entity_key("agency", a["agency"]), "agency", a["task"],
                                  _ev(text, a["task"])) for a in t["assignments"]]
    return out


def write_corpus(n: int, out: Path, seed: int = 7) -> Path:
    """Write ``out/docs/*.txt`` and ``out/truth.jsonl``; returns the docs directory."""
    docs = out / "docs"
    docs.mkdir(parents=True, exist_ok=True)
    with (out / "truth.jsonl").open("w", encoding="utf-8") as truth:
        for d in generate(n, seed):
            (docs / d.name).write_text(d.text, encoding="utf-8")
            truth.write(json.dumps({"file": d.name, **d.truth}, ensure_ascii=False) + "\n")
    return docs


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("n", type=int, help="number of documents")
    p.add_argument("--out", type=Path, required=True)
    p.add_argument("--seed", type=int, default=7)
    p.add_argument("--workers", type=int, default=1, help="--extracted: processes building the extraction output")
    p.add_argument("--extracted", action="store_true",
                   help="write partitioned extraction output, not texts: the national-scale form")
    args = p.parse_args(argv)
    if args.extracted:
        t0 = time.perf_counter()
        stats = write_extracted(args.n, args.out, args.seed, args.workers)
        print_stats(stats, time.perf_counter() - t0)
        return 0
    docs = write_corpus(args.n, args.out, args.seed)
    print(f"{args.n} documents in {docs}, ground truth in {args.out / 'truth.jsonl'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
