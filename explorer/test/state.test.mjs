// node --test: the URL state is the share format, so its round trip and its tolerance of broken
// links are worth pinning down without a browser.
import { test } from "node:test";
import assert from "node:assert/strict";
import { decode, emptyState, encode, recordExpand, recordOpen } from "../src/state.js";
import { fold } from "../src/fold.js";

test("a view survives encode → decode", () => {
  const state = emptyState();
  recordOpen(state, "128/NQ-CP@2021");
  recordExpand(state, "128/NQ-CP@2021", "CITES", "in", 20);
  recordExpand(state, "person:pham-minh-chinh", "", "both", 40);
  state.steps.push({ op: "path", from: "285/TB-VPCP@2021", to: "494/TB-VPCP@2023", rel: "cites" });
  state.steps.push({ op: "citing", key: "128/NQ-CP@2021", n: 3 });
  state.groups = { "agency:chinh-phu|*|both": { by: "year", open: ["2021", "Văn phòng, Chính phủ"] } };
  state.sel = "e:CITES:285/TB-VPCP@2021->128/NQ-CP@2021";
  state.layout = "tree";
  state.lang = "en";
  state.reader = "285/TB-VPCP@2021";
  state.at = { start: 1520, end: 1540 };
  state.view = "list";
  state.filters = { kinds: ["province"], types: ["Thông báo"], issuers: ["Văn phòng Chính phủ"], rels: ["MENTIONS"], from: "2021-01-01", to: "2023-12-31" };
  assert.deepEqual(decode(encode(state)), state);
});

test("a view is named by stable keys: nodes, and edges as (source, type, target) between them", () => {
  const state = emptyState();
  state.nodes = ["128/NQ-CP@2021", "285/TB-VPCP@2021", "person:nguyen-sy-hiep"];
  state.edges = [
    { source: "285/TB-VPCP@2021", type: "CITES", target: "128/NQ-CP@2021" },
    { source: "person:nguyen-sy-hiep", type: "SIGNED", target: "285/TB-VPCP@2021" },
  ];
  state.hl = [0];
  const hash = encode(state);
  assert.match(hash, /e=1\.C\.0%2C2\.S\.1|e=1\.C\.0,2\.S\.1/);
  assert.deepEqual(decode(hash), state);
});

test("an edge of a link naming a node the link does not list, or an unknown type, is dropped", () => {
  const state = decode("#n=a&n=b&e=0.C.1,0.C.7,1.Q.0,junk&hl=0,5");
  assert.deepEqual(state.edges, [{ source: "a", type: "CITES", target: "b" }]);
  assert.deepEqual(state.hl, [0]);
});

test("expanding the same relation again raises its count instead of adding a step", () => {
  const state = emptyState();
  recordExpand(state, "128/NQ-CP@2021", "CITES", "in", 20);
  recordExpand(state, "128/NQ-CP@2021", "CITES", "in", 40);
  assert.deepEqual(state.steps, [{ op: "expand", key: "128/NQ-CP@2021", rel: "CITES", dir: "in", n: 40 }]);
});

const BROKEN = [
  ["#s=x:broken", "an expansion without relation, direction and count"],
  ["#s=x:128/NQ-CP@2021|CITES|sideways|20", "an unknown direction"],
  ["#s=x:128/NQ-CP@2021|CITES|in|-3", "a negative count"],
  ["#s=o:", "an open step without a key"],
  ["#s=p:only-one", "a path with one end"],
  ["#s=zz:whatever", "an unknown step"],
];
for (const [hash, what] of BROKEN) {
  test(`a link with ${what} is dropped, not thrown`, () => {
    assert.deepEqual(decode(hash).steps, []);
  });
}

test("unknown layout, language, view and bad dates fall back to the defaults", () => {
  const s = decode("#layout=spiral&lang=fr&view=table&from=2021-13&to=yesterday&at=9-1&reader=x");
  assert.equal(s.layout, "auto");
  assert.equal(s.lang, "vi");
  assert.equal(s.view, "graph");
  assert.equal(s.filters.from, "");
  assert.equal(s.filters.to, "");
  assert.equal(s.at, null);
});

test("counts from a link are kept whole: no silent cap (the expansion stops at the real total)", () => {
  assert.equal(decode("#s=x:k|CITES|in|999999").steps[0].n, 999999);
});

test("an old path link without a relation choice means any relation", () => {
  assert.deepEqual(decode("#s=p:a|b").steps[0], { op: "path", from: "a", to: "b", rel: "any" });
});

test("a malformed hub grouping is dropped, the rest of the link kept", () => {
  const state = decode("#s=o:k&g=k|*|both~colour~x&g=k|CITES|in~type~");
  assert.deepEqual(state.groups, { "k|CITES|in": { by: "type", open: [] } });
  assert.equal(state.steps.length, 1);
});

const FOLDS = [
  ["Nghị quyết", "nghi quyet"],
  ["Đà Nẵng", "da nang"],
  ["Thông báo", "thong bao"],
  ["hòa", "hoa"],
  ["hoà", "hoa"],
  ["Ủy ban", "uy ban"],
  ["Uỷ ban", "uy ban"],
];
for (const [text, folded] of FOLDS) {
  test(`fold(${text}) = ${folded}`, () => assert.equal(fold(text), folded));
}
test("fold works on decomposed (NFD) input too", () => assert.equal(fold("Nghị quyết".normalize("NFD")), "nghi quyet"));
