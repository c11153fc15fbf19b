"""How much the explorer adds on top of the API, measured in one run against a running API:

    set -a; . ./.env; set +a
    .venv/bin/python bench/explorer.py --base http://127.0.0.1:8000 [--key 128/NQ-CP@2021] [--runs 5]

Figures (median of --runs, milliseconds), each beside its baseline from the same run:
- page ready (bundle parsed, app initialised) vs. loading a blank page from the same server;
- "expand cited by" in the UI (request + layout + panels) vs. the bare API request from the page.
"""

from __future__ import annotations

import argparse
import statistics

from playwright.sync_api import sync_playwright

EXPAND = """async ([key]) => {
  const g = window.explorer.graph;
  g.clear();
  const t0 = performance.now();
  await window.explorer.api.neighborhood(key, {rel: 'CITES', direction: 'in', limit: 20});
  const api = performance.now() - t0;
  const t1 = performance.now();
  await window.explorer.openKey(key);
  await window.explorer.expand(key, 'CITES', 'in');
  return [api, performance.now() - t1];
}"""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--base", default="http://127.0.0.1:8000")
    ap.add_argument("--key", default="128/NQ-CP@2021")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--chromium", default="/usr/bin/chromium")
    args = ap.parse_args()
    blank, ready, api, ui = [], [], [], []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=args.chromium, args=["--no-sandbox"])
        for _ in range(args.runs):
            page = browser.new_page(viewport={"width": 1280, "height": 800})
            page.goto(f"{args.base}/health")
            blank.append(page.evaluate("performance.getEntriesByType('navigation')[0].duration"))
            page.goto(f"{args.base}/explore/")
            page.wait_for_function("window.explorer && window.explorer.ready")
            ready.append(page.evaluate("performance.now()"))
            a, u = page.evaluate(EXPAND, [args.key])
            api.append(a)
            ui.append(u)
            page.close()
        browser.close()
    med = statistics.median
    print(f"page ready       {med(ready):8.1f} ms   baseline blank page {med(blank):8.1f} ms   "
          f"ratio {med(ready) / med(blank):5.1f}x")
    print(f"expand cited by  {med(ui):8.1f} ms   baseline API call   {med(api):8.1f} ms   "
          f"ratio {med(ui) / med(api):5.1f}x")


if __name__ == "__main__":
    main()
