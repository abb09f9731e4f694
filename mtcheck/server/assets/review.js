// The mtcheck review page. Article text is only ever inserted with textContent, never as HTML.
"use strict";
(function () {
  const $ = (id) => document.getElementById(id);
  let review = null;
  let current = 0;

  function headers() {
    const h = { "Content-Type": "application/json" };
    const token = $("token").value || sessionStorage.getItem("mtcheck-token");
    if (token) h["Authorization"] = "Bearer " + token;
    return h;
  }

  async function api(method, path, body) {
    const res = await fetch(path, { method, headers: headers(), body: body ? JSON.stringify(body) : undefined });
    const data = await res.json().catch(() => ({ error: "bad response" }));
    if (res.status === 401) { $("token").hidden = false; }
    if (!res.ok) throw new Error(data.error || res.statusText);
    if ($("token").value) sessionStorage.setItem("mtcheck-token", $("token").value);
    return data;
  }

  function status(text) { $("status").textContent = text; }

  function decisionOf(i) {
    const d = review.decisions[String(i)];
    return d ? d.decision : "pending";
  }

  function renderText() {
    const box = $("text");
    box.replaceChildren();
    const text = review.text;
    const chars = Array.from(text); // offsets are code points
    const findings = review.report.findings;
    let pos = 0;
    const order = findings.map((f, i) => i).sort((a, b) => findings[a].start - findings[b].start || findings[a].end - findings[b].end);
    for (const i of order) {
      const f = findings[i];
      if (f.start < pos) continue; // overlapping: listed, not highlighted twice
      box.append(document.createTextNode(chars.slice(pos, f.start).join("")));
      const mark = document.createElement("mark");
      const shown = chars.slice(f.start, f.end).join("");
      mark.textContent = shown.length ? shown : "\u2038"; // an insertion point
      mark.dataset.index = String(i);
      const state = { accept: "accepted", reject: "rejected", edit: "edited" }[decisionOf(i)] || "pending";
      mark.className = "cat-" + f.category + " " + state + (i === current ? " current" : "");
      mark.title = f.code + " " + f.message;
      mark.addEventListener("click", () => select(i));
      box.append(mark);
      pos = f.end;
    }
    box.append(document.createTextNode(chars.slice(pos).join("")));
  }

  function renderDetail() {
    const findings = review.report.findings;
    $("counter").textContent = findings.length
      ? "Finding " + (current + 1) + " of " + findings.length + " · score " + review.report.score
      : "No findings: nothing to review.";
    const f = findings[current];
    const ex = review.explanations[current];
    for (const id of ["d-cat", "d-what", "d-instead", "d-meta"]) $(id).textContent = "";
    if (!f) return;
    $("d-cat").textContent = f.category.replace(/-/g, " ") + " · " + f.code + " · " + decisionOf(current);
    $("d-what").textContent = ex.what + ".";
    $("d-instead").textContent = ex.instead + ".";
    $("d-meta").textContent = "Found by " + ex.origin + " · " + ex.certainty + " (" + Math.round(ex.confidence * 100) + "%)";
    $("edit-box").hidden = true;
  }

  function render() {
    renderText();
    renderDetail();
    $("corrected").value = review.corrected_text;
    $("review").hidden = false;
    const mark = document.querySelector("mark.current");
    if (mark) mark.scrollIntoView({ block: "nearest" });
  }

  function select(i) {
    const n = review.report.findings.length;
    if (!n) return;
    current = (i + n) % n;
    render();
  }

  async function decide(decision, replacement) {
    if (!review || !review.report.findings.length) return;
    const body = { decision };
    if (replacement !== undefined) body.replacement = replacement;
    try {
      review = await api("PUT", "/v1/reviews/" + review.id + "/decisions/" + current, body);
      status("saved");
      if (current < review.report.findings.length - 1) current += 1;
      render();
    } catch (e) { status(e.message); }
  }

  async function load(id) {
    try {
      review = await api("GET", "/v1/reviews/" + id);
      current = 0;
      $("article").value = review.text;
      render();
      status("review " + id);
    } catch (e) { status(e.message); }
  }

  async function refreshList() {
    try {
      const data = await api("GET", "/v1/reviews");
      const sel = $("reviews");
      sel.replaceChildren(new Option("—", ""));
      for (const r of data.reviews) sel.append(new Option(r.title + " (" + r.decided + "/" + r.findings + ")", r.id));
    } catch (e) { /* a token may be needed first */ }
  }

  $("check").addEventListener("click", async () => {
    status("checking…");
    const body = { text: $("article").value, source_lang: $("lang").value || "fr" };
    if ($("source").value.trim()) body.source = $("source").value;
    try {
      review = await api("POST", "/v1/reviews", body);
      current = 0;
      render();
      status(review.report.findings.length + " findings");
      refreshList();
    } catch (e) { status(e.message); }
  });
  $("upload").addEventListener("change", async (ev) => {
    const file = ev.target.files[0];
    if (file) $("article").value = await file.text();
  });
  $("reviews").addEventListener("change", (ev) => { if (ev.target.value) load(ev.target.value); });
  $("prev").addEventListener("click", () => select(current - 1));
  $("next").addEventListener("click", () => select(current + 1));
  $("accept").addEventListener("click", () => decide("accept"));
  $("reject").addEventListener("click", () => decide("reject"));
  $("edit").addEventListener("click", () => {
    const f = review && review.report.findings[current];
    if (!f) return;
    $("edit-box").hidden = false;
    const best = f.suggestions.length ? f.suggestions[0].replacement : f.text;
    $("edit-text").value = best;
    $("edit-text").focus();
  });
  $("edit-save").addEventListener("click", () => decide("edit", $("edit-text").value));
  $("copy").addEventListener("click", () => { navigator.clipboard.writeText($("corrected").value).then(() => status("copied")); });
  $("download").addEventListener("click", () => {
    const blob = new Blob([$("corrected").value], { type: "text/plain;charset=utf-8" });
    const a = document.createElement("a");
    a.href = URL.createObjectURL(blob);
    a.download = "corrected.txt";
    a.click();
    URL.revokeObjectURL(a.href);
  });
  $("export").addEventListener("click", async () => {
    try {
      const data = await api("GET", "/v1/reviews/" + review.id + "/export");
      $("export-out").textContent = data.glossary_toml + "\n# baseline (save as .mtcheck-baseline.json)\n" + JSON.stringify(data.baseline, null, 2);
      $("export-out").hidden = false;
    } catch (e) { status(e.message); }
  });
  document.addEventListener("keydown", (ev) => {
    const tag = (ev.target.tagName || "").toLowerCase();
    if (tag === "textarea" || tag === "input" || !review) return;
    const actions = { j: () => select(current + 1), k: () => select(current - 1), a: () => decide("accept"),
                      r: () => decide("reject"), e: () => $("edit").click() };
    if (actions[ev.key]) { ev.preventDefault(); actions[ev.key](); }
  });
  refreshList();
})();
