// thidua's page. Crawled text is untrusted: the DOM is built with
// createElement and textContent only, never by parsing HTML strings, and links to
// articles are kept only when they are http or https.
"use strict";

(function () {
  const $ = (id) => document.getElementById(id);

  // el builds an element; strings among children become text nodes.
  function el(tag, props, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(props || {})) {
      if (k === "className") e.className = v;
      else if (k === "onclick") e.addEventListener("click", v);
      else if (k.startsWith("data-") || k === "title" || k === "type" || k === "aria-label") e.setAttribute(k, String(v));
      else throw new Error("el: attribute not allowed: " + k);
    }
    for (const c of children) {
      if (c === null || c === undefined) continue;
      e.append(typeof c === "string" || typeof c === "number" ? document.createTextNode(String(c)) : c);
    }
    return e;
  }

  // link makes an anchor to an http(s) URL, or plain text for anything else.
  function link(href, text) {
    let u;
    try { u = new URL(href, location.href); } catch (_) { return document.createTextNode(text); }
    if (u.protocol !== "http:" && u.protocol !== "https:") return document.createTextNode(text);
    const a = document.createElement("a");
    a.href = u.href;
    a.rel = "noopener noreferrer";
    a.target = "_blank";
    a.textContent = text;
    return a;
  }

  function status(msg, isError) {
    $("status").textContent = msg;
    $("status").className = isError ? "error" : "";
  }

  // api fetches a JSON answer; it resolves to {ok, status, body}.
  async function api(path, params) {
    const qs = new URLSearchParams(params || {}).toString();
    const res = await fetch(path + (qs ? "?" + qs : ""), { headers: { Accept: "application/json" } });
    let body = null;
    try { body = await res.json(); } catch (_) { /* not JSON */ }
    return { ok: res.ok, status: res.status, body };
  }

  function errorText(r) {
    return r.body && r.body.error ? r.body.error.message : "the server answered " + r.status;
  }

  function setDownloads(params) {
    const span = $("downloads");
    if (!params) { span.hidden = true; return; }
    for (const fmt of ["jsonl", "csv"]) {
      const a = $("dl-" + fmt);
      a.href = "/api/download?" + new URLSearchParams({ ...params, format: fmt }).toString();
    }
    span.hidden = false;
  }

  const marks = { member: "●", absent: "○", unknown: "·" };
  const words = { member: "member", absent: "absent from a complete list", unknown: "unknown" };

  // matrixTable draws a table of cells; each cell with records opens one.
  function matrixTable(t, onRow) {
    const head = el("tr", null, el("th", { className: "row" }, t.row_label || ""));
    for (const c of t.cols) head.append(el("th", null, c));
    const tbody = el("tbody");
    t.rows.forEach((row, i) => {
      const label = onRow ? el("button", { type: "button", onclick: () => onRow(row) }, row) : row;
      const tr = el("tr", null, el("th", { className: "row" }, label));
      t.cols.forEach((col, j) => {
        const cell = t.cells[i][j];
        const ids = (cell.evidence && cell.evidence.length ? cell.evidence : cell.records) || [];
        const btn = el("button", {
          type: "button", className: "cell",
          title: row + " " + col + ": " + words[cell.state] + ((cell.records_total || ids.length) ? " (" + (cell.records_total || ids.length) + " record(s), " + cell.articles + " article(s))" : ""),
          "aria-label": row + " " + col + ": " + words[cell.state],
        }, marks[cell.state] || "?");
        if (ids.length) {
          btn.classList.add("has-records");
          btn.addEventListener("click", () => go({ record: ids[0] }));
        }
        const td = el("td", { "data-row": row, "data-col": col, "data-state": cell.state, "data-records": (cell.records || []).join(" ") }, btn);
        td.className = cell.state;
        tr.append(td);
      });
      tbody.append(tr);
    });
    return el("div", { className: "scroll" }, el("table", { className: "matrix" }, el("thead", null, head), tbody));
  }

  function legend() {
    return el("p", { className: "legend" },
      el("span", { className: "member" }, marks.member + " member"),
      el("span", { className: "absent" }, marks.absent + " absent from a complete list"),
      el("span", { className: "unknown" }, marks.unknown + " unknown"));
  }

  function showUnit(m, q) {
    const out = $("results");
    out.replaceChildren(
      el("h2", { "data-unit": m.unit }, m.unit_name + " (" + m.unit + "): member of the bloc, by province and year"),
      el("p", { className: "meta" }, m.member.length + " provinces with the unit as a member, " +
        m.absent.length + " where it is only absent, " + m.unknown.length + " unknown"),
      legend(),
      matrixTable(m, (province) => go({ province })));
    setDownloads({ unit: q });
    status("");
  }

  function showProvince(t, q) {
    $("results").replaceChildren(el("h2", null, t.title || q), legend(), matrixTable(t, null));
    setDownloads({ province: q });
    status("");
  }

  // fragment turns a highlighted fragment (escaped HTML with <mark>) into nodes.
  function fragment(s) {
    const unescape = (x) => x.replace(/&(lt|gt|quot|#34|#39|amp);/g, (_, e) =>
      ({ lt: "<", gt: ">", quot: '"', "#34": '"', "#39": "'", amp: "&" })[e]);
    const span = el("span");
    s.split("</mark>").forEach((part) => {
      const [before, marked] = part.split("<mark>");
      span.append(unescape(before));
      if (marked !== undefined) span.append(el("mark", null, unescape(marked)));
    });
    return span;
  }

  function showSearch(res, q) {
    const list = el("ol", { className: "hits" });
    for (const h of res.hits) {
      const r = h.record;
      const li = el("li", null,
        el("button", { type: "button", onclick: () => go({ record: r.id }) }, r.title || r.id),
        el("div", { className: "meta" }, [r.province, r.year, r.source].filter(Boolean).join(" · ")));
      for (const frags of Object.values(h.fragments || {})) {
        for (const f of frags) li.append(el("div", null, fragment(f)));
      }
      list.append(li);
    }
    $("results").replaceChildren(el("h2", null, res.total + " records match"), list);
    setDownloads({ text: q });
    status("");
  }

  // evidenceNode shows the sentence a value came from, the value highlighted.
  function evidenceNode(ev) {
    if (!ev) return null;
    const s = ev.sentence || ev.text || "";
    const span = el("span", { className: "evidence" });
    const i = ev.text ? s.indexOf(ev.text) : -1;
    if (i < 0) {
      span.append(s);
      if (ev.text && s !== ev.text) span.append(" ", el("mark", null, ev.text));
    } else {
      span.append(s.slice(0, i), el("mark", null, ev.text), s.slice(i + ev.text.length));
    }
    return span;
  }

  async function showRecord(id) {
    const r = await api("/api/records/" + encodeURIComponent(id));
    const box = $("record");
    if (!r.ok) { status(errorText(r), true); return; }
    const rec = r.body;
    const ev = rec.evidence || {};
    const dl = el("dl", { className: "fields" });
    const field = (name, key, value) => {
      if (value === null || value === undefined || value === "" || (Array.isArray(value) && !value.length)) return;
      dl.append(el("dt", null, name), el("dd", { "data-field": key }, String(value), evidenceNode(ev[key])));
    };
    field("province", "province", rec.province);
    field("province (2025)", "province_2025", rec.province_2025);
    field("year", "year", rec.year);
    field("event date", "event_date", rec.event_date);
    field("events", "event_types", (rec.event_types || []).join(", "));
    field("level", "level", rec.level);
    if (rec.bloc) { field("bloc", "bloc.name", rec.bloc.name); field("bloc number", "bloc.number", rec.bloc.number); }
    (rec.members || []).forEach((m, i) => field("member " + (i + 1), "members." + i, m.name + " [" + m.unit + "]"));
    field("complete list", "members_complete", rec.members_complete ? "yes" : "no");
    field("member count", "member_count", rec.member_count);
    field("theme", "theme", rec.theme);
    (rec.awards || []).forEach((a, i) => field("award " + (i + 1), "awards." + i,
      a.title + " [" + a.kind + ", " + a.status + "]" + (a.recipient ? " → " + a.recipient : "")));
    field("leader", "leader", rec.leader);
    field("deputy", "deputy", rec.deputy);
    field("published", "published", rec.published);
    field("extractor", "extractor", rec.extractor);
    const source = rec.url ? el("p", null, "Original article: ", link(rec.url, rec.source || rec.url)) : null;
    const links = (rec.links || []).length ? el("p", { className: "meta" }, "Linked: ",
      ...rec.links.flatMap((l) => [el("button", { type: "button", onclick: () => go({ record: l.id }) }, l.id + " (" + l.relation + ")"), " "])) : null;
    box.replaceChildren(el("h2", { "data-record": rec.id }, rec.title || rec.id), source, dl, links);
    box.hidden = false;
    box.scrollIntoView({ block: "nearest" });
  }

  // run answers the search box: a unit, else a province, else free text.
  async function run(q) {
    status("Looking up " + q + " …");
    $("record").hidden = true;
    let r = await api("/api/query", { unit: q });
    if (r.ok) return showUnit(r.body, q);
    if (!r.body || !r.body.error || r.body.error.code !== "unknown_unit") return status(errorText(r), true);
    r = await api("/api/compare", { province: q });
    if (r.ok) return showProvince(r.body, q);
    if (!r.body || !r.body.error || r.body.error.code !== "unknown_province") return status(errorText(r), true);
    r = await api("/api/search", { q, limit: 50 });
    if (r.ok) return showSearch(r.body, q);
    status(errorText(r), true);
  }

  // The state lives in the fragment (#q=..., #province=..., #record=...)
  // so that the back button and shared links work.
  function go(state) {
    location.hash = new URLSearchParams(state).toString();
  }

  async function route() {
    const p = new URLSearchParams(location.hash.slice(1));
    try {
      if (p.has("record")) return await showRecord(p.get("record"));
      if (p.has("province")) {
        const q = p.get("province");
        $("q").value = q;
        $("record").hidden = true;
        const r = await api("/api/compare", { province: q });
        return r.ok ? showProvince(r.body, q) : status(errorText(r), true);
      }
      if (p.has("q")) { $("q").value = p.get("q"); return await run(p.get("q")); }
    } catch (e) {
      status("Request failed: " + e.message, true);
    }
  }

  async function loadStats() {
    const r = await api("/api/stats");
    if (!r.ok) return;
    const s = r.body;
    const provinces = Object.keys(s.provinces || {}).length;
    let text = s.records + " records, " + s.counted + " counted, " + provinces + " provinces";
    if (s.updated && !s.updated.startsWith("0001")) text += "; last update " + new Date(s.updated).toLocaleString();
    $("stats").textContent = text;
  }

  document.addEventListener("DOMContentLoaded", () => {
    $("search-form").addEventListener("submit", (e) => {
      e.preventDefault();
      const q = $("q").value.trim();
      if (q) go({ q });
    });
    window.addEventListener("hashchange", route);
    route();
    loadStats();
  });
})();
