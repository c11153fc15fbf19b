"""Build the Neo4j Browser guide and the favorites zip from ``queries/browser/*.cypher``.

    python -m danchieu.graph.browser.build        # writes graph/browser/guide.html and favorites.zip

Each ``.cypher`` file is one slide: its first comment line is the Vietnamese title, the rest is
the click-to-run query (``<pre class="runnable">``; the Browser copies it to the editor). The
same files, zipped, import as Browser favorites (drag the zip onto the Favorites drawer). The
guide is served by the API at ``/browser/guide.html`` and played with
``:play http://127.0.0.1:8000/browser/guide.html``; the Browser needs the API host in
``browser.remote_content_hostname_allowlist`` and CORS on the response.
"""

from __future__ import annotations

import html
import io
import zipfile
from dataclasses import dataclass
from pathlib import Path

from danchieu.queries import QUERY_DIR

HERE = Path(__file__).resolve().parent
GUIDE = HERE / "guide.html"
FAVORITES = HERE / "favorites.zip"

INTRO = """<slide class="row-fluid">
  <div class="col-sm-3">
    <h3>Dẫn Chiếu</h3>
    <p class="lead">Đồ thị trích dẫn văn bản pháp luật và chỉ đạo điều hành của Việt Nam.</p>
  </div>
  <div class="col-sm-9">
    <p>Mỗi văn bản là một nút <code>:Document</code> (thêm nhãn theo loại: <code>:ThongBao</code>,
    <code>:NghiQuyet</code>, <code>:ChiThi</code>…), khóa <code>key</code> dạng <code>128/NQ-CP@2021</code>.
    Người (<code>:Person</code>), cơ quan (<code>:Agency</code>), tỉnh (<code>:Province</code>) nối với văn bản
    qua <code>CITES</code>, <code>SIGNED</code>, <code>ISSUED</code>, <code>MENTIONS</code>, <code>ASSIGNS</code>,
    <code>REPORTS_ON</code>, <code>COPY_OF</code>.</p>
    <p>Mỗi cạnh giữ bằng chứng: <code>ev_start</code>, <code>ev_end</code> (vị trí ký tự trong
    <code>text</code> của văn bản), <code>ev_text</code>, <code>ev_sentence</code> (câu văn gốc).</p>
    <p>Bấm vào một truy vấn ở các trang sau để đưa nó vào ô soạn thảo, rồi bấm chạy.</p>
  </div>
</slide>"""


@dataclass(frozen=True, slots=True)
class BrowserQuery:
    name: str  # file stem: "02_thong_bao_trich_dan_nq128"
    title: str  # first comment line
    cypher: str  # the query without its title comment


def browser_queries() -> list[BrowserQuery]:
    out = []
    for path in sorted((QUERY_DIR / "browser").glob("*.cypher")):
        lines = path.read_text(encoding="utf-8").strip().splitlines()
        title = lines[0].lstrip("/ ").strip() if lines and lines[0].startswith("//") else path.stem
        body = "\n".join(lines[1:] if lines and lines[0].startswith("//") else lines).strip()
        out.append(BrowserQuery(path.stem, title, body))
    return out


def guide_html(queries: list[BrowserQuery]) -> str:
    slides = [INTRO]
    for q in queries:
        slides.append(f"""<slide class="row-fluid">
  <div class="col-sm-3">
    <h3>{html.escape(q.title)}</h3>
    <p class="lead">Bấm để đưa truy vấn vào ô soạn thảo.</p>
  </div>
  <div class="col-sm-9">
    <figure>
      <pre mode="cypher" class="pre-scrollable code runnable">{html.escape(q.cypher)}</pre>
      <figcaption>queries/browser/{html.escape(q.name)}.cypher</figcaption>
    </figure>
  </div>
</slide>""")
    return ('<article class="guide" ng-controller="AppCtrl">\n<carousel class="deck container-fluid">\n'
            + "\n".join(slides) + "\n</carousel>\n</article>\n")


def favorites_zip(queries: list[BrowserQuery]) -> bytes:
    """Browser favorites: one ``.cypher`` file per query (title comment first), in a "Dẫn Chiếu" folder."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for q in queries:
            info = zipfile.ZipInfo(f"Dẫn Chiếu/{q.name}.cypher", date_time=(2024, 1, 1, 0, 0, 0))
            zf.writestr(info, f"// {q.title}\n{q.cypher}\n")
    return buf.getvalue()


def build() -> tuple[Path, Path]:
    queries = browser_queries()
    GUIDE.write_text(guide_html(queries), encoding="utf-8")
    FAVORITES.write_bytes(favorites_zip(queries))
    return GUIDE, FAVORITES


if __name__ == "__main__":
    for p in build():
        print(f"wrote {p}")
