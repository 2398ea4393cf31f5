// eventwire dashboard: plain JavaScript and SVG, no library, nothing loaded from outside the server.
// Every piece of text that comes from the store (sentences, titles, names, outlets) is put on the page as a
// text node (createTextNode / textContent), never parsed as HTML; links to articles' own URLs are kept only
// when they are http(s). The page's state (filters, page, selected event, article) lives in the URL.
"use strict";

(() => {
  const TYPES = ["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
    "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"];
  const FILTER_KEYS = ["actor", "dyad", "type", "since", "until", "lang", "outlet", "text", "include_negated"];
  const DYAD_RE = /^\s*([A-Za-z][A-Za-z0-9]{1,7})\s*[,:>-]\s*([A-Za-z][A-Za-z0-9]{1,7})\s*$/;
  const PAGE = 50;
  const SVG_NS = "http://www.w3.org/2000/svg";
  const $ = (sel) => document.querySelector(sel);

  // ------------------------------------------------------------------ DOM helpers (text only, never HTML)
  function setAttrs(node, attrs) {
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k.startsWith("on") && typeof v === "function") node.addEventListener(k.slice(2), v);
      else node.setAttribute(k, v === true ? "" : String(v));
    }
  }
  function add(node, children) {
    for (const c of children.flat(Infinity)) {
      if (c === null || c === undefined || c === false) continue;
      node.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return node;
  }
  function fill(node, ...children) {  // replace a node's content
    node.replaceChildren();
    return add(node, children);
  }
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    setAttrs(node, attrs);
    return add(node, children);
  }
  function svg(tag, attrs, ...children) {
    const node = document.createElementNS(SVG_NS, tag);
    setAttrs(node, attrs);
    return add(node, children);
  }
  function safeUrl(u) {
    return typeof u === "string" && /^https?:\/\//i.test(u) ? u : null;
  }

  // ------------------------------------------------------------------ state in the URL
  const params = () => new URLSearchParams(location.search);
  function filterParams(p, dropDyad) {
    const q = new URLSearchParams();
    for (const k of FILTER_KEYS) {
      if (dropDyad && k === "dyad") continue;
      for (const v of p.getAll(k)) if (v !== "") q.append(k, v);
    }
    return q;
  }
  function href(p) {
    const s = p.toString();
    return s ? "?" + s : location.pathname;
  }
  function go(p) {
    history.pushState(null, "", href(p));
    render();
  }
  function internalLink(p, attrs, ...children) {
    const target = href(p);
    return el("a", {
      ...attrs, href: target, onclick: (e) => {
        if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
        e.preventDefault();
        history.pushState(null, "", target);
        render();
        window.scrollTo(0, 0);
      },
    }, ...children);
  }

  // ------------------------------------------------------------------ API
  async function api(path, q) {
    const url = q && q.toString() ? `${path}?${q}` : path;
    const r = await fetch(url, { headers: { Accept: "application/json" } });
    let body = null;
    try { body = await r.json(); } catch (_e) { body = null; }
    if (!r.ok) throw new Error((body && body.message) || `${r.status} ${r.statusText}`);
    return body;
  }
  function showError(msg) {
    const box = $("#error");
    box.textContent = msg;
    box.hidden = false;
  }
  const hideError = () => { $("#error").hidden = true; };

  // ------------------------------------------------------------------ colours
  function mix(c1, c2, t) {
    const a = [1, 3, 5].map((i) => parseInt(c1.slice(i, i + 2), 16));
    const b = [1, 3, 5].map((i) => parseInt(c2.slice(i, i + 2), 16));
    return "#" + a.map((x, i) => Math.round(x + (b[i] - x) * t).toString(16).padStart(2, "0")).join("");
  }
  function scoreColour(s) {
    if (s === null || s === undefined) return "#a3a8ad";
    const t = Math.min(1, Math.abs(s) / 5);  // PLOVER scores run -10..10; most types lie within 2 and 7
    return s < 0 ? mix("#a3a8ad", "#c0392b", t) : mix("#a3a8ad", "#1f6fb2", t);
  }
  const fmtScore = (s) => (s === null || s === undefined ? "n/a" : (s > 0 ? "+" : "") + Number(s).toFixed(1));

  // ------------------------------------------------------------------ rendering
  let seq = 0;
  async function render() {
    const my = ++seq;
    document.body.dataset.state = "loading";
    hideError();
    const p = params();
    syncForm(p);
    try {
      if (p.get("article")) {
        $("#overview").hidden = true;
        $("#article-view").hidden = false;
        await showArticle(p, my);
      } else {
        $("#overview").hidden = false;
        $("#article-view").hidden = true;
        await Promise.all([loadNetwork(p, my), loadTimeline(p, my), loadTable(p, my), loadEvent(p, my)]);
      }
    } catch (e) {
      if (my === seq) showError(e.message);
    }
    if (my === seq) document.body.dataset.state = "ready";
  }

  function syncForm(p) {
    const f = $("#filters");
    f.actor.value = p.getAll("actor").join("; ");
    for (const k of ["dyad", "type", "since", "until", "lang", "outlet", "text"]) f[k].value = p.get(k) || "";
    f.include_negated.checked = !!p.get("include_negated");
    $("#interval").value = p.get("interval") === "day" ? "day" : "month";
  }

  function readForm() {
    const f = $("#filters");
    const q = new URLSearchParams();
    for (const a of f.actor.value.split(";").map((s) => s.trim()).filter(Boolean)) q.append("actor", a);
    const dyad = f.dyad.value.trim();
    if (dyad) {
      const m = DYAD_RE.exec(dyad);
      if (!m) throw new Error("Dyad: two actor codes, the acting one first, e.g. RUS,TUR");
      q.set("dyad", `${m[1].toUpperCase()},${m[2].toUpperCase()}`);
    }
    for (const k of ["type", "since", "until", "lang", "outlet", "text"]) {
      const v = f[k].value.trim();
      if (v) q.set(k, v);
    }
    if (f.include_negated.checked) q.set("include_negated", "1");
    const interval = params().get("interval");
    if (interval) q.set("interval", interval);
    return q;
  }

  // ---------------------------------------------------------------- network
  const NW = 640, NH = 440;

  function layout(nodes, edges) {
    const n = nodes.length;
    const pos = nodes.map((_, i) => n === 1 ? { x: NW / 2, y: NH / 2 } : {
      x: NW / 2 + 0.36 * NW * Math.cos((2 * Math.PI * i) / n),
      y: NH / 2 + 0.36 * NH * Math.sin((2 * Math.PI * i) / n),
    });
    const index = new Map(nodes.map((nd, i) => [nd.code, i]));
    const k = 0.75 * Math.sqrt((NW * NH) / Math.max(n, 1));
    let temp = NW / 10;
    for (let it = 0; it < 300 && n > 1; it++) {
      const disp = pos.map(() => ({ x: 0, y: 0 }));
      for (let i = 0; i < n; i++) {
        for (let j = i + 1; j < n; j++) {
          const dx = pos[i].x - pos[j].x, dy = pos[i].y - pos[j].y;
          const d = Math.max(Math.hypot(dx, dy), 0.01), f = (k * k) / d;
          disp[i].x += (dx / d) * f; disp[i].y += (dy / d) * f;
          disp[j].x -= (dx / d) * f; disp[j].y -= (dy / d) * f;
        }
      }
      for (const e of edges) {
        const i = index.get(e.a), j = index.get(e.b);
        const dx = pos[i].x - pos[j].x, dy = pos[i].y - pos[j].y;
        const d = Math.max(Math.hypot(dx, dy), 0.01), f = (d * d) / k;
        disp[i].x -= (dx / d) * f; disp[i].y -= (dy / d) * f;
        disp[j].x += (dx / d) * f; disp[j].y += (dy / d) * f;
      }
      for (let i = 0; i < n; i++) {
        disp[i].x += (NW / 2 - pos[i].x) * 0.08 * k / 50;
        disp[i].y += (NH / 2 - pos[i].y) * 0.08 * k / 50;
        const len = Math.max(Math.hypot(disp[i].x, disp[i].y), 0.01), step = Math.min(len, temp);
        pos[i].x = Math.min(NW - 45, Math.max(45, pos[i].x + (disp[i].x / len) * step));
        pos[i].y = Math.min(NH - 30, Math.max(30, pos[i].y + (disp[i].y / len) * step));
      }
      temp *= 0.985;
    }
    if (n > 1) {  // use the whole drawing: stretch the layout to the margins
      const xs = pos.map((q) => q.x), ys = pos.map((q) => q.y);
      const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
      for (const q of pos) {
        q.x = x1 - x0 < 1 ? NW / 2 : 60 + ((q.x - x0) / (x1 - x0)) * (NW - 130);
        q.y = y1 - y0 < 1 ? NH / 2 : 40 + ((q.y - y0) / (y1 - y0)) * (NH - 80);
      }
    }
    return pos;
  }

  async function loadNetwork(p, my) {
    const q = filterParams(p, true);
    q.set("limit", "120");
    const data = await api("/api/network", q);
    if (my !== seq) return;
    drawNetwork(data, p);
  }

  function drawNetwork(data, p) {
    const root = $("#network");
    fill(root);
    const nodes = [...data.nodes].sort((a, b) => a.code.localeCompare(b.code));
    if (!nodes.length) {
      root.append(svg("text", { x: NW / 2, y: NH / 2, "text-anchor": "middle", class: "axis" },
        "no dyads for these filters"));
      return;
    }
    const edges = data.edges;
    const pos = layout(nodes, edges);
    const at = new Map(nodes.map((nd, i) => [nd.code, pos[i]]));
    const maxNode = Math.max(1, ...nodes.map((nd) => nd.events));
    const radius = new Map(nodes.map((nd) => [nd.code, 7 + 16 * Math.sqrt(nd.events / maxNode)]));
    const maxEdge = Math.max(1, ...edges.map((e) => e.events));
    const selected = DYAD_RE.exec(p.get("dyad") || "");
    const edgeLayer = svg("g", { class: "edges" });
    for (const e of [...edges].sort((x, y) => x.events - y.events)) {
      const s = at.get(e.a), t = at.get(e.b);
      const dx = t.x - s.x, dy = t.y - s.y, d = Math.max(Math.hypot(dx, dy), 0.01);
      const nx = -dy / d, ny = dx / d, bend = d * 0.16;
      const c = { x: (s.x + t.x) / 2 + nx * bend, y: (s.y + t.y) / 2 + ny * bend };
      const m = { x: 0.25 * s.x + 0.5 * c.x + 0.25 * t.x, y: 0.25 * s.y + 0.5 * c.y + 0.25 * t.y };
      const ux = dx / d, uy = dy / d;
      const tri = [[m.x + ux * 8, m.y + uy * 8], [m.x - ux * 6 + nx * 6, m.y - uy * 6 + ny * 6],
        [m.x - ux * 6 - nx * 6, m.y - uy * 6 - ny * 6]].map((pt) => pt.map((v) => v.toFixed(1)).join(",")).join(" ");
      const path = `M${s.x.toFixed(1)},${s.y.toFixed(1)} Q${c.x.toFixed(1)},${c.y.toFixed(1)} ${t.x.toFixed(1)},${t.y.toFixed(1)}`;
      const colour = scoreColour(e.mean_score);
      const isSel = selected && selected[1].toUpperCase() === e.a && selected[2].toUpperCase() === e.b;
      const label = `${e.a} → ${e.b}: ${e.events} event(s), mean score ${fmtScore(e.mean_score)}` +
        (e.first ? `, ${e.first} to ${e.last}` : "");
      const g = svg("g", {
        class: "edge" + (isSel ? " selected" : ""), "data-a": e.a, "data-b": e.b, "data-events": e.events,
        "data-score": e.mean_score, tabindex: 0, role: "button", "aria-label": label,
        onclick: () => selectDyad(e.a, e.b),
        onkeydown: (ev) => { if (ev.key === "Enter" || ev.key === " ") { ev.preventDefault(); selectDyad(e.a, e.b); } },
      }, svg("title", {}, label),
      svg("path", { class: "line", d: path, stroke: colour, "stroke-width": (1.5 + 5 * Math.sqrt(e.events / maxEdge)).toFixed(1),
        "stroke-opacity": 0.8 }),
      svg("path", { class: "hit", d: path }),
      svg("polygon", { class: "handle", points: tri, fill: colour }));
      if (edges.length <= 40) {
        g.append(svg("text", { x: (m.x + nx * 12).toFixed(1), y: (m.y + ny * 12 + 3).toFixed(1), "text-anchor": "middle" },
          String(e.events)));
      }
      edgeLayer.append(g);
    }
    const actors = new Set(p.getAll("actor").map((a) => a.toUpperCase()));
    const nodeLayer = svg("g", { class: "nodes" });
    for (const nd of nodes) {
      const q = at.get(nd.code), r = radius.get(nd.code);
      const label = `${nd.code}${nd.name ? " — " + nd.name : ""}: ${nd.events} event(s)`;
      nodeLayer.append(svg("g", {
        class: "node" + (actors.has(nd.code) ? " selected" : ""), "data-code": nd.code, tabindex: 0, role: "button",
        "aria-label": label, onclick: () => selectActor(nd.code),
        onkeydown: (ev) => { if (ev.key === "Enter") selectActor(nd.code); },
      }, svg("title", {}, label),
      svg("circle", { cx: q.x.toFixed(1), cy: q.y.toFixed(1), r: r.toFixed(1), fill: "#56616b", "fill-opacity": 0.85 }),
      svg("text", { x: (q.x + r + 3).toFixed(1), y: (q.y + 4).toFixed(1) }, nd.code)));
    }
    root.append(edgeLayer, nodeLayer);
  }

  function selectDyad(a, b) {
    const p = params();
    p.set("dyad", `${a},${b}`);
    for (const k of ["offset", "event"]) p.delete(k);
    go(p);
  }
  function selectActor(code) {
    const p = params();
    for (const k of ["actor", "dyad", "offset", "event"]) p.delete(k);
    p.append("actor", code);
    go(p);
  }

  // ---------------------------------------------------------------- timeline
  const TW = 560, TH = 220, TM = { l: 34, r: 8, t: 10, b: 30 };

  function periods(first, last, interval) {
    const out = [];
    if (interval === "month") {
      let [y, m] = first.split("-").map(Number);
      const [ly, lm] = last.split("-").map(Number);
      while ((y < ly || (y === ly && m <= lm)) && out.length < 600) {
        out.push(`${y}-${String(m).padStart(2, "0")}`);
        m += 1;
        if (m > 12) { m = 1; y += 1; }
      }
    } else {
      const d = new Date(first + "T00:00:00Z"), end = new Date(last + "T00:00:00Z");
      while (d <= end && out.length < 800) {
        out.push(d.toISOString().slice(0, 10));
        d.setUTCDate(d.getUTCDate() + 1);
      }
    }
    return out;
  }

  async function loadTimeline(p, my) {
    const q = filterParams(p, false);
    const interval = p.get("interval") === "day" ? "day" : "month";
    q.set("interval", interval);
    const data = await api("/api/timeline", q);
    if (my !== seq) return;
    const dyad = DYAD_RE.exec(p.get("dyad") || "");
    const actors = p.getAll("actor");
    $("#timeline-title").textContent = dyad ? `Timeline — ${dyad[1].toUpperCase()} → ${dyad[2].toUpperCase()}`
      : actors.length ? `Timeline — ${actors.join(" & ")}` : "Timeline — all events";
    drawTimeline(data);
  }

  function drawTimeline(data) {
    const root = $("#timeline");
    fill(root);
    const pts = data.points;
    $("#timeline-note").textContent = (data.undated ? `${data.undated} undated event(s) not shown. ` : "") +
      "Bar colour: mean conflict–cooperation score.";
    if (!pts.length) {
      root.append(svg("text", { x: TW / 2, y: TH / 2, "text-anchor": "middle", class: "axis" }, "no dated events"));
      return;
    }
    const byPeriod = new Map(pts.map((pt) => [pt.period, pt]));
    let keys = periods(pts[0].period, pts[pts.length - 1].period, data.interval);
    if (keys.length >= 600 || !keys.length) keys = pts.map((pt) => pt.period);
    const max = Math.max(1, ...pts.map((pt) => pt.events));
    const pw = TW - TM.l - TM.r, ph = TH - TM.t - TM.b, slot = pw / keys.length;
    const bw = Math.max(1, slot - (slot > 4 ? 2 : 0));
    root.append(
      svg("line", { x1: TM.l, y1: TM.t + ph, x2: TW - TM.r, y2: TM.t + ph, stroke: "#bbb" }),
      svg("text", { x: TM.l - 4, y: TM.t + 8, "text-anchor": "end", class: "axis" }, String(max)),
      svg("text", { x: TM.l - 4, y: TM.t + ph, "text-anchor": "end", class: "axis" }, "0"));
    keys.forEach((key, i) => {
      const pt = byPeriod.get(key);
      if (!pt) return;
      const h = Math.max(1, (pt.events / max) * ph), x = TM.l + i * slot;
      root.append(svg("rect", {
        class: "bar", "data-period": key, "data-events": pt.events, x: x.toFixed(1), y: (TM.t + ph - h).toFixed(1),
        width: bw.toFixed(1), height: h.toFixed(1), fill: scoreColour(pt.mean_score),
      }, svg("title", {}, `${key}: ${pt.events} event(s), mean score ${fmtScore(pt.mean_score)}`)));
    });
    const ticks = Math.min(keys.length, 6);
    for (let j = 0; j < ticks; j++) {
      const i = ticks === 1 ? 0 : Math.round((j * (keys.length - 1)) / (ticks - 1));
      root.append(svg("text", {
        x: (TM.l + i * slot + bw / 2).toFixed(1), y: TH - 10, class: "axis",
        "text-anchor": j === 0 ? "start" : j === ticks - 1 ? "end" : "middle",
      }, keys[i]));
    }
  }

  // ---------------------------------------------------------------- event table
  function who(ents) {
    const seen = new Set(), out = [];
    for (const e of ents || []) {
      const s = `${e.name || e.text || "?"} (${e.code || "?"})`;
      if (!seen.has(s)) { seen.add(s); out.push(s); }
    }
    return out.join("; ");
  }

  async function loadTable(p, my) {
    const q = filterParams(p, false);
    const offset = Math.max(0, parseInt(p.get("offset") || "0", 10) || 0);
    q.set("limit", String(PAGE));
    q.set("offset", String(offset));
    const data = await api("/api/events", q);
    if (my !== seq) return;
    const current = p.get("event");
    const rows = data.events.map((e) => el("tr", {
      "data-id": e.id, class: e.id === current ? "selected" : null, tabindex: 0,
      onclick: () => selectEvent(e.id),
      onkeydown: (ev) => { if (ev.key === "Enter") selectEvent(e.id); },
    },
    el("td", { class: "nowrap" }, (e.date || "—") + (e.date && !e.date_precise ? "~" : "")),
    el("td", {}, e.type), el("td", {}, e.mode || ""), el("td", {}, who(e.actor)), el("td", {}, who(e.recipient)),
    el("td", {}, String((e.reports || []).length || (e.mentions || []).length)),
    el("td", {}, (e.langs || []).join(" ")),
    el("td", { class: "evidence", title: (e.evidence && e.evidence.text) || "" }, (e.evidence && e.evidence.text) || "")));
    fill($("#events tbody"), ...rows);
    if (!rows.length) {
      $("#events tbody").append(el("tr", {}, el("td", { colspan: 8, class: "muted" }, "no events match these filters")));
    }
    const total = `${data.total}${data.total_exact ? "" : "+"}`;
    $("#count").textContent = `${total} event(s) · '~': date taken from publication`;
    $("#page").textContent = data.events.length ? `${offset + 1}–${offset + data.events.length} of ${total}` : "";
    $("#prev").disabled = offset === 0;
    $("#next").disabled = data.next_offset === null;
    $("#prev").dataset.offset = String(Math.max(0, offset - PAGE));
    $("#next").dataset.offset = String(data.next_offset === null ? offset : data.next_offset);
  }

  function selectEvent(id) {
    const p = params();
    p.set("event", id);
    go(p);
  }

  // ---------------------------------------------------------------- event view
  function highlighted(text, spans) {
    const frag = document.createDocumentFragment();
    let at = 0;
    for (const s of [...(spans || [])].sort((a, b) => a.start - b.start)) {
      if (s.start < at || s.end > text.length) continue;
      frag.append(document.createTextNode(text.slice(at, s.start)));
      const tip = s.kind === "trigger" ? "trigger" : `${s.kind}: ${s.name || s.text}${s.code ? " (" + s.code + ")" : ""}`;
      frag.append(el("mark", { class: s.kind, title: tip, "data-kind": s.kind }, text.slice(s.start, s.end)));
      at = s.end;
    }
    frag.append(document.createTextNode(text.slice(at)));
    return frag;
  }

  async function loadEvent(p, my) {
    const id = p.get("event");
    const panel = $("#event-view");
    if (!id) {
      panel.hidden = true;
      return;
    }
    const ev = await api("/api/events/" + encodeURIComponent(id));
    if (my !== seq) return;
    panel.hidden = false;
    $("#event-id").textContent = ev.id;
    const facts = [
      ["date", ev.date ? ev.date + (ev.date_precise ? "" : " (from publication)") : "unknown"],
      ["actor", who(ev.actor)], ["recipient", who(ev.recipient) || "—"],
      ["initiator", ev.initiator], ["CAMEO", ev.cameo], ["score", fmtScore(ev.score)],
      ["context", (ev.context || []).join(", ")], ["location", ev.location && (ev.location.name || ev.location.text)],
      ["sources", (ev.sources || []).join(", ")],
      ["reports", `${(ev.reports || []).length} report(s) in ${(ev.articles || []).length} article(s), languages ${(ev.langs || []).join(", ")}`],
      ["flags", [ev.negated && "negated", ev.hypothetical && "hypothetical"].filter(Boolean).join(", ")],
    ].filter(([, v]) => v);
    const mentions = (ev.mentions || []).map((m) => {
      const back = params();
      back.set("article", m.article_id);
      const url = safeUrl(m.url);
      return el("div", { class: "mention", "data-article": m.article_id },
        el("div", { class: "meta" },
          el("strong", {}, m.outlet || "unknown outlet"), " · ", m.published || "undated", " · ",
          el("span", { class: "lang" }, m.lang || "?"), " · ", m.field === "title" ? "headline" : "body",
          m.attribution && m.attribution.source ? [" · according to ", el("em", {}, m.attribution.source)] : null),
        el("div", { class: "sentence" }, highlighted(m.text || "", m.spans)),
        el("div", { class: "meta" },
          internalLink(back, { class: "article-link" }, "article view →"),
          url ? [" · ", el("a", { href: url, rel: "noopener noreferrer", target: "_blank" }, "original ↗")] : null));
    });
    fill($("#event-body"),
      el("h3", {}, `${ev.type}${ev.mode ? " / " + ev.mode : ""}`),
      el("dl", { class: "facts" }, facts.map(([k, v]) => [el("dt", {}, k), el("dd", {}, v)])),
      el("p", { class: "keys" }, "Each sentence that tells it: ", el("mark", { class: "trigger" }, "trigger"),
        el("mark", { class: "actor" }, "actor"), el("mark", { class: "recipient" }, "recipient")),
      ...mentions);
  }

  // ---------------------------------------------------------------- article view
  function annotated(text, mentions) {
    const frag = document.createDocumentFragment();
    const ms = mentions.filter((m) => Number.isInteger(m.start) && Number.isInteger(m.end) && m.end <= text.length);
    const cuts = new Set([0, text.length]);
    for (const m of ms) {
      cuts.add(m.start); cuts.add(m.end);
      for (const s of m.spans) if (s.end <= text.length) { cuts.add(s.start); cuts.add(s.end); }
    }
    const sorted = [...cuts].sort((a, b) => a - b);
    for (let i = 0; i + 1 < sorted.length; i++) {
      const x = sorted[i], y = sorted[i + 1], piece = text.slice(x, y);
      const inside = ms.filter((m) => m.start <= x && y <= m.end);
      if (!inside.length) { frag.append(document.createTextNode(piece)); continue; }
      const span = inside.flatMap((m) => m.spans).find((s) => s.start <= x && y <= s.end);
      const ids = [...new Set(inside.map((m) => m.event_id))];
      const tip = inside.map((m) => `${m.type || "?"}${m.date ? " " + m.date : ""}`).join("; ");
      const content = span ? el("mark", { class: span.kind, "data-kind": span.kind }, piece) : piece;
      frag.append(el("span", {
        class: "in-mention", "data-events": ids.join(" "), title: tip + " — click to see the event",
        onclick: () => { const p = params(); p.delete("article"); p.set("event", ids[0]); go(p); },
      }, content));
    }
    return frag;
  }

  async function showArticle(p, my) {
    const a = await api("/api/articles/" + encodeURIComponent(p.get("article")));
    if (my !== seq) return;
    const back = params();
    back.delete("article");
    const link = $("#back");
    link.setAttribute("href", href(back));
    link.onclick = (e) => { e.preventDefault(); go(back); };
    const fieldOf = (f) => a.mentions.filter((m) => (m.field || "text") === f);
    fill($("#article-title"), annotated(a.title || "(no title)", a.title ? fieldOf("title") : []));
    fill($("#article-text"), annotated(a.text, fieldOf("text")));
    const art = a.article, url = safeUrl(art.url);
    fill($("#article-meta"),
      el("strong", {}, art.outlet || "unknown outlet"), " · published ", art.published || "unknown", " · ",
      art.lang || "?", " · id ", el("code", {}, art.id),
      url ? [" · ", el("a", { href: url, rel: "noopener noreferrer", target: "_blank" }, "original ↗")] : null);
    const seen = new Set();
    const items = [];
    for (const m of a.mentions) {
      if (seen.has(m.event_id)) continue;
      seen.add(m.event_id);
      const q = params();
      q.delete("article");
      q.set("event", m.event_id);
      items.push(el("li", {}, internalLink(q, {}, `${m.type || "?"}${m.mode ? " / " + m.mode : ""}`),
        ` · ${m.date || "undated"} · trigger “`, m.trigger || "", "”", m.negated ? " · negated" : "",
        m.hypothetical ? " · hypothetical" : ""));
    }
    fill($("#article-events"), ...(items.length ? items : [el("li", { class: "muted" }, "none")]));
  }

  // ---------------------------------------------------------------- wiring
  function init() {
    const sel = $("#filters").type;
    for (const t of TYPES) sel.append(el("option", { value: t }, t));
    $("#filters").addEventListener("submit", (e) => {
      e.preventDefault();
      try { go(readForm()); } catch (err) { showError(err.message); }
    });
    $("#clear").addEventListener("click", () => go(new URLSearchParams()));
    $("#interval").addEventListener("change", (e) => {
      const p = params();
      p.set("interval", e.target.value);
      go(p);
    });
    for (const id of ["#prev", "#next"]) {
      $(id).addEventListener("click", (e) => {
        const p = params();
        const off = parseInt(e.target.dataset.offset || "0", 10);
        if (off > 0) p.set("offset", String(off)); else p.delete("offset");
        p.delete("event");
        go(p);
      });
    }
    $("#close-event").addEventListener("click", () => {
      const p = params();
      p.delete("event");
      go(p);
    });
    window.addEventListener("popstate", render);
    render();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
