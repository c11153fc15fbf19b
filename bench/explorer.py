"""How much the explorer adds on top of the API, measured in one run against a running API:

    set -a; . ./.env; set +a
    .venv/bin/python bench/explorer.py --base http://127.0.0.1:8000 [--key 128/NQ-CP@2021] \
        [--hub agency:chinh-phu] [--runs 5] [--out bench/results/explorer.txt]

Figures (median of --runs, milliseconds), each beside its baseline from the same run:
- page ready (bundle parsed, app initialised) vs. loading a blank page from the same server;
- "expand cited by" in the UI (request + layout + panels) vs. the bare API request from the page;
- a hub (Chính phủ, ~600 relations on the gazette graph), step by step: grouping all its relations
  (request + compound nodes + panel), opening the largest group, then "load all" — each beside the
  bare /v1/graph/hub call from the page (what the grouping step cannot go below), with the time each
  step takes beyond that call (the target: at most 1 s).
The load average of the machine is written before and after the run (the runs share 2 cores).
"""

from __future__ import annotations

import argparse
import os
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


HUB = """async ([key]) => {
  const ex = window.explorer;
  // a step ends when the canvas has painted it (Cytoscape measures labels and draws on the next frame)
  const painted = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r))));
  ex.graph.clear();
  const t0 = performance.now();
  await ex.api.hub(key, {direction: 'both'});
  const api = performance.now() - t0;
  await ex.openKey(key);
  const t1 = performance.now();
  await ex.expand(key, '', 'both');
  await painted();
  const group = performance.now() - t1;
  const exp = ex.graph.expansions.get(key + '|*|both');
  const biggest = [...exp.hub.groups.entries()].sort((a, b) => b[1].length - a[1].length)[0][0];
  const t2 = performance.now();
  ex.graph.openGroup('group:' + key + '|*|both|' + biggest);
  await painted();
  const open = performance.now() - t2;
  const t3 = performance.now();
  ex.graph.openAllGroups(exp);
  await painted();
  const all = performance.now() - t3;
  return [api, group, open, all, exp.loaded, exp.total];
}"""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--base", default="http://127.0.0.1:8000")
    ap.add_argument("--key", default="128/NQ-CP@2021")
    ap.add_argument("--hub", default="agency:chinh-phu", help="a node with hundreds of relations ('' to skip)")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--out", help="also write the figures to this file")
    ap.add_argument("--chromium", default="/usr/bin/chromium")
    args = ap.parse_args()
    load_before = os.getloadavg()
    blank, ready, api, ui = [], [], [], []
    hub: list[list[float]] = []
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
            if args.hub:
                hub.append(page.evaluate(HUB, [args.hub]))
            page.close()
        browser.close()
    med = statistics.median
    lines = [f"page ready       {med(ready):8.1f} ms   baseline blank page {med(blank):8.1f} ms   "
             f"ratio {med(ready) / med(blank):5.1f}x",
             f"expand cited by  {med(ui):8.1f} ms   baseline API call   {med(api):8.1f} ms   "
             f"ratio {med(ui) / med(api):5.1f}x"]
    if hub:
        base = med(h[0] for h in hub)
        loaded, total = hub[-1][4], hub[-1][5]
        for name, i in (("hub: group all", 1), ("hub: open largest", 2), ("hub: load all", 3)):
            value = med(h[i] for h in hub)
            lines.append(f"{name:17s}{value:7.1f} ms   baseline /graph/hub {base:8.1f} ms   ratio {value / base:5.2f}x"
                         f"   beyond the call {value - base:+8.1f} ms")
        lines.append(f"hub {args.hub}: {loaded}/{total} relations on the canvas after 'load all'")
    load_after = os.getloadavg()
    lines.insert(0, "load average (1/5/15 min) before " + " ".join(f"{x:.2f}" for x in load_before)
                 + ", after " + " ".join(f"{x:.2f}" for x in load_after) + f" on {os.cpu_count()} cores")
    print("\n".join(lines))
    if args.out:
        with open(args.out, "w", encoding="utf-8") as out:
            out.write(f"# bench/explorer.py --base {args.base} --key {args.key} --hub {args.hub} --runs {args.runs}\n")
            out.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
