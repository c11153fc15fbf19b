"""The bulk writer (graph/bulk.py) without a database: CSV cells, and the loader's rules it replays."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest
from danchieu.graph.bulk import (
    ARRAY_DELIMITER,
    BulkError,
    BulkWriter,
    _block,
    _d,
    _ev,
    _n,
    _na,
    _s,
    _sa,
    batches_of,
    pack,
    prepare_item,
    unpack,
)
from danchieu.graph.identity import Signature
from danchieu.graph.rows import DocumentRows

NO_SIG = Signature((), (), 0)


def _doc(key: str, *, cites: list[dict] | None = None, text_hash: str | None = None, title=None, date=None,
         labels=("ThongBao",)) -> DocumentRows:
    d = {"key": key, "number": key.split("@")[0], "type": "Thông báo", "type_code": "TB", "issuer": None,
         "issuer_code": None, "date": date, "date_source": "printed" if date else None, "year": 2021,
         "title": title, "place": None, "uri": "/vn/x", "text_hash": text_hash or key.encode().hex().ljust(64, "0"),
         "source": f"{key}.txt", "news_source": None, "format": "text", "name": key, "name_folded": key,
         "text": "…", "labels": list(labels)}
    return DocumentRows(key=key, text_hash=d["text_hash"], doc=d, cites=cites or [])


def _cite(target: str, **target_props) -> dict:
    tg = {"key": target, "number": target.split("@")[0], "type": None, "issuer": None, "date": None,
          "date_source": None, "year": None, "title": None, "name": target, "name_folded": target, "uri": "/vn/y",
          "labels": [], **target_props}
    return {"target": tg, "kind": "căn cứ", "resolution": "exact", "resolved_by": None, "count": 1,
            "pinpoints": [], "ev_start": [], "ev_end": [], "ev_text": [], "ev_sentence": []}


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_cells_quote_every_string_and_leave_null_empty() -> None:
    assert _s('Căn cứ "Nghị quyết", số\n128') == '"Căn cứ ""Nghị quyết"", số\n128"'
    assert _s("") == '""' and _s(None) == ""  # an empty string is not null
    assert _n(None) == "" and _n(2021) == "2021"
    assert _d(dt.date(2021, 10, 11)) == "2021-10-11" and _d(None) == ""
    assert _sa(["a, b", 'c "d"']) == '"a, b' + ARRAY_DELIMITER + 'c ""d"""'
    assert _sa([]) == "" and _sa(None) == ""  # no property, as the loader leaves an empty list (graph/rows.py)
    with pytest.raises(BulkError, match="delimiter"):
        _sa(["x" + ARRAY_DELIMITER])


def test_a_placeholder_keeps_the_longer_then_smaller_value_and_a_later_document_fills_its_gaps(tmp_path) -> None:
    w = BulkWriter(tmp_path)
    w.add_batch([(_doc("1/TB-A@2021", cites=[_cite("9/NQ-CP@2020", title="về a")]), NO_SIG),
                 (_doc("2/TB-A@2021", cites=[_cite("9/NQ-CP@2020", title="về bb", date=dt.date(2020, 5, 1),
                                                   date_source="cited_with_date", labels=["NghiQuyet"])]), NO_SIG)])
    w.add_batch([(_doc("9/NQ-CP@2020", labels=("NghiQuyet",)), NO_SIG)])  # ingested after being cited
    files = w.close()
    docs = {r["key:ID(Document)"]: r for r in _rows(files.files["documents"].path)}
    nine = docs["9/NQ-CP@2020"]
    assert nine["placeholder:boolean"] == "false"
    assert nine["title"] == "về bb"  # the document printed no title: the citations' longer one
    assert nine["date:date"] == "2020-05-01" and nine["date_source"] == "cited_with_date"
    assert files.counts.documents == 3 and files.counts.placeholders == 0
    assert len(_rows(files.files["cites"].path)) == 2


def test_citations_never_touch_an_ingested_document_and_duplicates_are_skipped(tmp_path) -> None:
    w = BulkWriter(tmp_path)
    w.add_batch([(_doc("9/NQ-CP@2020"), NO_SIG)])
    w.add_batch([(_doc("1/TB-A@2021", cites=[_cite("9/NQ-CP@2020", title="về a")]), NO_SIG),
                 (_doc("9/NQ-CP@2020"), NO_SIG)])  # the same text again
    files = w.close()
    docs = {r["key:ID(Document)"]: r for r in _rows(files.files["documents"].path)}
    assert docs["9/NQ-CP@2020"]["title"] == "" and files.counts.skipped == 1


def test_numberless_documents_are_left_to_the_loader(tmp_path) -> None:
    w = BulkWriter(tmp_path)
    band = Signature((1,), ("0:a",), 9)
    w.add_batch([(_doc("sha:0123456789abcdef", cites=[_cite("9/NQ-CP@2020", title="về a")]), band),
                 (_doc("1/TB-A@2021"), band)])  # in the same batch: written before the numberless one
    w.add_batch([(_doc("2/TB-A@2021"), band)])  # near the numberless one already in: deferred too
    files = w.close()
    assert [r.key for r, _ in files.deferred_items()] == ["sha:0123456789abcdef", "2/TB-A@2021"]
    docs = {r["key:ID(Document)"]: r for r in _rows(files.files["documents"].path)}
    assert docs["9/NQ-CP@2020"]["title"] == "về a"  # its citation still filled the placeholder in place
    assert "1/TB-A@2021" in docs and "2/TB-A@2021" not in docs


def test_batches_follow_the_loader(tmp_path) -> None:
    assert [len(b) for b in batches_of(range(120), 50)] == [50, 50, 20]


def _same_batches() -> list[list]:
    return [[(_doc("1/TB-A@2021", cites=[_cite("9/NQ-CP@2020", title="về a")]), NO_SIG), None,
             (_doc("2/TB-A@2021", cites=[_cite("9/NQ-CP@2020", title="về bb")]), NO_SIG)],
            [(_doc("9/NQ-CP@2020", labels=("NghiQuyet",)), NO_SIG),  # was a placeholder: needs its rows again
             (_doc("sha:0123456789abcdef"), Signature((1,), ("0:a",), 9)),  # the loader's: needs its rows again
             (_doc("3/TB-A@2021"), NO_SIG)]]


def test_rows_prepared_in_another_process_give_the_same_files(tmp_path) -> None:
    direct = BulkWriter(tmp_path / "direct")
    for batch in _same_batches():
        direct.add_batch(batch)
    a = direct.close()
    prepared = BulkWriter(tmp_path / "prepared")
    asked: list[str] = []
    for batch in _same_batches():
        items = [i for i in batch if i is not None]
        made = [prepare_item(i) for i in batch]
        sent = unpack(pack(made))  # as a worker process returns them
        assert sent == made

        def item(n: int, items=items):
            asked.append(items[n][0].key)
            return items[n]

        prepared.add_prepared(sent, item)
    b = prepared.close()
    for name, f in a.files.items():
        assert f.path.read_bytes() == b.files[name].path.read_bytes(), name
        assert (f.rows, f.longest, f.multiline) == (b.files[name].rows, b.files[name].longest, b.files[name].multiline)
    assert a.counts == b.counts
    assert [r.key for r, _ in b.deferred_items()] == ["sha:0123456789abcdef"]
    assert asked == ["9/NQ-CP@2020", "sha:0123456789abcdef"]  # only the decisions that need the whole rows


@pytest.mark.parametrize("lines", [
    [["a", '"Hà Nội"']], [["1", '"x"'], ["22", '"Đồng Nai, ""quoted"""']],
    [["1", '"một\ndòng"'], ["2", '"b"']], [["1", '"cr\rhere"']], [["ắ" * 50], ["b"], ["ç" * 3]],
])
def test_a_block_is_its_lines_encoded_with_the_longest_in_bytes_and_whether_one_breaks(lines) -> None:
    encoded = [(",".join(cells) + "\n").encode("utf-8") for cells in lines]
    assert _block(lines) == (b"".join(encoded), len(lines), max(map(len, encoded)),
                             any(b"\n" in e[:-1] or b"\r" in e for e in encoded))


@pytest.mark.parametrize("ev", [
    {"ev_start": [3], "ev_end": [9], "ev_text": ['số "1"'], "ev_sentence": ["Căn cứ số 1."]},
    {"ev_start": [1, 5], "ev_end": [2, 7], "ev_text": ["a", "b"], "ev_sentence": ["A.", "B."]},
    {"ev_start": None, "ev_end": None, "ev_text": None, "ev_sentence": None},
    {"ev_start": [], "ev_end": [], "ev_text": [], "ev_sentence": []},
])
def test_evidence_cells_are_the_array_cells_of_each_list(ev) -> None:
    assert tuple(_ev(ev)) == (_na(ev["ev_start"]), _na(ev["ev_end"]), _sa(ev["ev_text"]), _sa(ev["ev_sentence"]))


def test_evidence_holding_the_array_delimiter_is_refused() -> None:
    with pytest.raises(BulkError, match="delimiter"):
        _ev({"ev_start": [0], "ev_end": [1], "ev_text": ["x" + ARRAY_DELIMITER], "ev_sentence": ["s"]})


def test_only_symbols_with_a_year_less_citation_are_left_to_re_link(tmp_path) -> None:
    """After the import, re-linking looks only at inferred and ambiguous citations: the writer lists their
    symbols, deferred documents' included, so the other symbols the load makes known are not looked at."""
    inferred = _cite("15/CT-TTg@2020") | {"resolution": "inferred"}
    ambiguous = _cite("7/TB-VPCP@?") | {"resolution": "ambiguous"}
    w = BulkWriter(tmp_path)
    w.add_batch([(_doc("1/TB-A@2021", cites=[inferred, _cite("128/NQ-CP@2021")]), NO_SIG),
                 (_doc("sha:0123456789abcdef", cites=[ambiguous]), NO_SIG)])  # numberless: deferred
    files = w.close()
    assert files.counts.deferred == 1
    assert files.uncertain == {"15/CT-TTg", "7/TB-VPCP"}
