/* postcheck serve: the page's behaviour. Plain JavaScript, no build step, no framework, nothing loaded from elsewhere.
 *
 * The editor is a transparent <textarea> over a backdrop <div> that holds the same text with each finding wrapped
 * in a <mark>: the textarea keeps native editing (undo, IME, selection, accessibility) and the marks show through.
 * Findings arrive as 1-based line/column in code points; JavaScript strings index UTF-16 code units, so positions
 * are converted line by line, counting an astral character (emoji) as two units.
 */
"use strict";

(() => {
  const DEBOUNCE_MS = 400;
  const MAX_BODY_BYTES = 256 * 1024; // the server's documented limit (see /openapi.json)
  const CATEGORIES = ["interactivity", "authenticity", "timeliness", "relevance", "quality", "safety"];
  const SEVERITY_RANK = { info: 1, warning: 2, error: 3 };
  const BROAD_SPAN = 40; // findings longer than this (or over a line break) are painted only while active
  const MAX_LISTED = 300; // findings listed (all are highlighted); a real post has far fewer
  const STORE = { ui: "postcheck.ui", platforms: "postcheck.platforms" };

  const I18N = {
    en: {
      title: "postcheck — check a post before it goes out",
      skip: "Skip to the draft",
      tagline: "Check a post before it goes out",
      pageLanguage: "Page language",
      platforms: "Platforms",
      postLanguage: "Language of the post",
      langAuto: "Detect automatically",
      publishAt: "Publish time",
      publishDate: "Date and time",
      zone: "Time zone",
      publishHint: "Empty: checked as if published now.",
      draft: "Draft",
      draftHint: "Findings are highlighted as you type; point at one, or put the cursor in it, to read why.",
      placeholder: "Type or paste a draft here…",
      fixAll: "Apply all safe fixes",
      lengths: "Length per platform",
      noPlatform: "Choose a platform above to see its length limit.",
      scores: "Scores",
      findings: "Findings",
      empty: "Type or paste a draft to see its findings and scores.",
      noFindings: "No findings: nothing to change.",
      checking: "Checking…",
      checked: (n) => `Checked: ${n} ${n === 1 ? "finding" : "findings"}.`,
      failedRequest: (m) => `Could not check: ${m}`,
      failedFix: (m) => `Could not fix: ${m}`,
      showInText: "Show in text",
      fixTo: (s) => `Change to “${s}”`,
      fixRemove: "Remove it",
      what: "What it checks",
      why: "Why it matters",
      source: "Source",
      examplesFail: "Fails",
      examplesPass: "Passes",
      explain: "Why?",
      where: (l, c) => `line ${l}, column ${c}`,
      points: (p) => `−${p} points`,
      onlyFor: (names) => `only ${names}`,
      severity: { error: "Error", warning: "Warning", info: "Info" },
      categories: {
        overall: "Overall", interactivity: "Interactivity", authenticity: "Authenticity", timeliness: "Timeliness",
        relevance: "Relevance", quality: "Quality", safety: "Safety",
      },
      passed: "Passes",
      failed: "Does not pass",
      lowestOf: (names) => `Lowest score per category across ${names}.`,
      chartLabel: "Scores out of 100 per category",
      over: (n) => `${n} over the limit`,
      units: { "x-weighted": "weighted characters", graphemes: "characters", characters: "characters", "utf8-bytes": "bytes", mastodon: "characters" },
      nothingToFix: "Nothing to fix automatically.",
      more: (n) => `… and ${n} more.`,
      fixed: (n) => `${n} ${n === 1 ? "fix" : "fixes"} applied (Ctrl+Z undoes).`,
      stale: "The text changed; checking again.",
      tooLong: "The draft is too long for this page (over 256 KiB).",
      reasons: { safety: "a safety error", finding: (s) => `a finding of severity ${s}`, score: (a, b) => `score ${a} below ${b}` },
      footer: "Runs on this computer only: drafts are not sent anywhere else.",
    },
    id: {
      title: "postcheck — periksa unggahan sebelum tayang",
      skip: "Langsung ke draf",
      tagline: "Periksa unggahan sebelum tayang",
      pageLanguage: "Bahasa halaman",
      platforms: "Platform",
      postLanguage: "Bahasa unggahan",
      langAuto: "Deteksi otomatis",
      publishAt: "Waktu tayang",
      publishDate: "Tanggal dan jam",
      zone: "Zona waktu",
      publishHint: "Kosong: diperiksa seolah-olah tayang sekarang.",
      draft: "Draf",
      draftHint: "Temuan disorot saat Anda mengetik; arahkan penunjuk atau kursor ke sorotan untuk membaca alasannya.",
      placeholder: "Tulis atau tempel draf unggahan di sini…",
      fixAll: "Terapkan semua perbaikan aman",
      lengths: "Panjang per platform",
      noPlatform: "Pilih platform di atas untuk melihat batas panjangnya.",
      scores: "Skor",
      findings: "Temuan",
      empty: "Tulis atau tempel draf untuk melihat temuan dan skornya.",
      noFindings: "Tidak ada temuan: tidak ada yang perlu diubah.",
      checking: "Memeriksa…",
      checked: (n) => `Selesai diperiksa: ${n} temuan.`,
      failedRequest: (m) => `Gagal memeriksa: ${m}`,
      failedFix: (m) => `Gagal memperbaiki: ${m}`,
      showInText: "Tunjukkan di teks",
      fixTo: (s) => `Ganti menjadi “${s}”`,
      fixRemove: "Hapus",
      what: "Yang diperiksa",
      why: "Mengapa penting",
      source: "Sumber",
      examplesFail: "Gagal",
      examplesPass: "Lolos",
      explain: "Mengapa?",
      where: (l, c) => `baris ${l}, kolom ${c}`,
      points: (p) => `−${p} poin`,
      onlyFor: (names) => `hanya ${names}`,
      severity: { error: "Kesalahan", warning: "Peringatan", info: "Info" },
      categories: {
        overall: "Keseluruhan", interactivity: "Interaktivitas", authenticity: "Autentisitas", timeliness: "Ketepatan waktu",
        relevance: "Relevansi", quality: "Kualitas", safety: "Keamanan",
      },
      passed: "Lolos",
      failed: "Tidak lolos",
      lowestOf: (names) => `Skor terendah tiap kategori dari ${names}.`,
      chartLabel: "Skor dari 100 per kategori",
      over: (n) => `${n} melebihi batas`,
      units: { "x-weighted": "karakter berbobot", graphemes: "karakter", characters: "karakter", "utf8-bytes": "byte", mastodon: "karakter" },
      nothingToFix: "Tidak ada yang bisa diperbaiki otomatis.",
      more: (n) => `… dan ${n} lainnya.`,
      fixed: (n) => `${n} perbaikan diterapkan (Ctrl+Z untuk membatalkan).`,
      stale: "Teks sudah berubah; memeriksa ulang.",
      tooLong: "Draf terlalu panjang untuk halaman ini (lebih dari 256 KiB).",
      reasons: { safety: "ada kesalahan keamanan", finding: (s) => `ada temuan bertingkat ${s}`, score: (a, b) => `skor ${a} di bawah ${b}` },
      footer: "Berjalan di komputer ini saja: draf tidak dikirim ke mana pun.",
    },
  };

  const $ = (id) => document.getElementById(id);
  const els = {
    draft: $("draft"), backdrop: $("backdrop"), caretInfo: $("caret-info"), status: $("status"), fixAll: $("fix-all"),
    meters: $("meters"), verdict: $("verdict"), chart: $("chart"), findings: $("findings"), findingsEmpty: $("findings-empty"),
    count: $("finding-count"), platformList: $("platform-list"), language: $("language"), publishDate: $("publish-date"),
    publishZone: $("publish-zone"), tooltip: $("tooltip"),
  };

  const state = {
    ui: "en",
    platforms: [], // [{name, title, limit, unit, default}]
    rules: new Map(), // rule id → rule (in state.ui)
    text: "", // the text the findings' UTF-16 spans currently refer to
    findings: [], // merged across platforms: {key, rule, severity, message, fix, match, line, column, start, end, valid, platforms}
    result: null, // the last /api/check answer
    timer: 0,
    inFlight: false,
    again: false,
    activeKey: null,
    caretKeys: "",
    caretUsed: false,
  };

  const t = (key) => I18N[state.ui][key];
  const utf8Length = (s) => new TextEncoder().encode(s).length;

  function el(tag, attrs = {}, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs)) {
      if (name === "class") node.className = value;
      else if (name === "text") node.textContent = value;
      else if (name.startsWith("on")) node.addEventListener(name.slice(2), value);
      else node.setAttribute(name, value);
    }
    for (const child of children) if (child != null) node.append(child);
    return node;
  }

  function svg(tag, attrs = {}, text) {
    const node = document.createElementNS("http://www.w3.org/2000/svg", tag);
    for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, String(value));
    if (text != null) node.textContent = text;
    return node;
  }

  // -- positions ------------------------------------------------------------------------------------------

  /** UTF-16 offsets of the start of each line (lines end at "\n" only, as postcheck counts them). */
  function lineStarts(text) {
    const starts = [0];
    for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
    return starts;
  }

  /** The UTF-16 index of a 1-based line and code-point column, clamped like postcheck's LineMap.offset. */
  function toIndex(text, starts, line, column) {
    const li = Math.max(0, Math.min(line - 1, starts.length - 1));
    const end = li + 1 < starts.length ? starts[li + 1] - 1 : text.length;
    let i = starts[li];
    for (let cp = 1; cp < column && i < end; cp++) {
      const unit = text.charCodeAt(i);
      const pair = unit >= 0xd800 && unit <= 0xdbff && i + 1 < end && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00;
      i += pair ? 2 : 1;
    }
    return i;
  }

  /** Keep highlights on their words while the writer types: spans before or after the edit move, those in it go. */
  function followEdit(before, after) {
    if (before === after) return;
    let prefix = 0;
    const limit = Math.min(before.length, after.length);
    while (prefix < limit && before.charCodeAt(prefix) === after.charCodeAt(prefix)) prefix++;
    let suffix = 0;
    while (suffix < limit - prefix && before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)) suffix++;
    const changedEnd = before.length - suffix;
    const delta = after.length - before.length;
    for (const f of state.findings) {
      if (!f.valid) continue;
      if (f.end <= prefix) continue;
      if (f.start >= changedEnd) { f.start += delta; f.end += delta; } else f.valid = false;
    }
  }

  // -- server -------------------------------------------------------------------------------------------

  async function api(path, body) {
    const options = body === undefined ? {} : {
      method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body),
    };
    const response = await fetch(path, options);
    let data = null;
    try { data = await response.json(); } catch { /* reported below */ }
    if (!response.ok) throw new Error((data && data.error) || `HTTP ${response.status}`);
    return data;
  }

  function draftBody(text) {
    const when = els.publishDate.value;
    return {
      text,
      platforms: selectedPlatforms(),
      language: els.language.value,
      publish_at: when ? `${when}${els.publishZone.value}` : null,
      ui_language: state.ui,
    };
  }

  function selectedPlatforms() {
    return [...els.platformList.querySelectorAll("input:checked")].map((i) => i.value);
  }

  // -- checking -----------------------------------------------------------------------------------------

  function scheduleCheck(delay = DEBOUNCE_MS) {
    clearTimeout(state.timer);
    state.timer = setTimeout(runCheck, delay);
  }

  /** One request at a time: edits made while a check runs trigger one more check when it returns. */
  async function runCheck() {
    if (state.inFlight) { state.again = true; return; }
    const text = els.draft.value;
    if (!text.trim()) { showEmpty(); return; }
    const body = draftBody(text);
    if (utf8Length(JSON.stringify(body)) > MAX_BODY_BYTES) { setStatus(t("tooLong"), true); return; }
    state.inFlight = true;
    setStatus(t("checking"));
    try {
      const data = await api("/api/check", body);
      if (els.draft.value === text) {
        applyResult(text, data);
        setStatus(t("checked")(state.findings.length));
      } else {
        state.again = true;
      }
    } catch (error) {
      setStatus(t("failedRequest")(error.message), true);
    } finally {
      state.inFlight = false;
      if (state.again) { state.again = false; scheduleCheck(0); }
    }
  }

  function applyResult(text, data) {
    state.result = data;
    state.text = text;
    const starts = lineStarts(text);
    const merged = new Map();
    const platformsSeen = data.results.map((r) => r.platform).filter((p) => p);
    for (const result of data.results) {
      for (const f of result.findings) {
        const key = JSON.stringify([f.rule, f.line, f.column, f.end_line, f.end_column, f.message]);
        let entry = merged.get(key);
        if (!entry) {
          const start = toIndex(text, starts, f.line, f.column);
          const end = Math.max(start, toIndex(text, starts, f.end_line, f.end_column));
          entry = { ...f, key, id: `f${merged.size}`, start, end, valid: true, platforms: [] };
          merged.set(key, entry);
        }
        if (result.platform) entry.platforms.push(result.platform);
      }
    }
    for (const f of merged.values()) {
      f.specific = platformsSeen.length > 1 && f.platforms.length < platformsSeen.length;
      f.fixable = f.fix !== null && f.end > f.start && text.slice(f.start, f.end) === f.match;
      f.broad = f.end - f.start > BROAD_SPAN || text.slice(f.start, f.end).includes("\n");
    }
    // Reading order for word-level findings, then those about a whole sentence or the post.
    state.findings = [...merged.values()].sort((a, b) => a.broad - b.broad || a.start - b.start
      || SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] || a.rule.localeCompare(b.rule));
    renderBackdrop();
    renderFindings();
    renderScores();
    renderMeters();
    updateCaretInfo(true);
  }

  function showEmpty() {
    state.result = null;
    state.findings = [];
    state.text = els.draft.value;
    renderBackdrop();
    renderFindings();
    renderScores();
    renderMeters();
    updateCaretInfo(true);
    setStatus("");
  }

  function setStatus(message, isError = false) {
    els.status.textContent = message;
    els.status.classList.toggle("is-error", isError);
  }

  // -- the editor -----------------------------------------------------------------------------------------

  /**
   * Word-level findings are always painted; broad ones (a whole sentence or post) only while active, not to drown
   * the rest. One sweep over the span boundaries, so a draft with thousands of findings still renders at once.
   */
  function renderBackdrop() {
    const text = els.draft.value;
    const spans = state.findings.filter((f) => f.valid && f.end > f.start && f.end <= text.length
      && (!f.broad || f.key === state.activeKey));
    const starting = new Map();
    const ending = new Map();
    const at = (map, key) => map.get(key) || map.set(key, []).get(key);
    for (const f of spans) { at(starting, f.start).push(f); at(ending, f.end).push(f); }
    const points = [...new Set([0, text.length, ...starting.keys(), ...ending.keys()])].sort((a, b) => a - b);
    const open = new Set();
    const fragment = document.createDocumentFragment();
    for (let i = 0; i + 1 < points.length; i++) {
      const [a, b] = [points[i], points[i + 1]];
      for (const f of ending.get(a) || []) open.delete(f);
      for (const f of starting.get(a) || []) open.add(f);
      const piece = text.slice(a, b);
      const covering = [...open];
      if (!covering.length) { fragment.append(piece); continue; }
      const narrow = covering.filter((f) => !f.broad);
      const worst = (narrow.length ? narrow : covering).reduce((w, f) => (SEVERITY_RANK[f.severity] > SEVERITY_RANK[w.severity] ? f : w));
      const mark = el("mark", { class: `sev-${worst.severity}`, "data-ids": covering.map((f) => f.id).join(" ") }, piece);
      if (state.activeKey && covering.some((f) => f.key === state.activeKey)) mark.classList.add("active");
      fragment.append(mark);
    }
    fragment.append("\u200b"); // keeps a trailing newline's empty line as tall as the textarea's
    els.backdrop.replaceChildren(fragment);
    autoGrow();
  }

  function autoGrow() {
    const area = els.draft;
    area.style.height = "auto";
    area.style.height = `${area.scrollHeight + 2}px`;
  }

  function onInput() {
    followEdit(state.text, els.draft.value);
    state.text = els.draft.value;
    for (const f of state.findings) f.fixable = f.fixable && f.valid && els.draft.value.slice(f.start, f.end) === f.match;
    renderBackdrop();
    syncFixButtons();
    updateCaretInfo();
    scheduleCheck();
  }

  /** Replace a range so that the browser's undo (Ctrl+Z) can take it back. */
  function replaceRange(start, end, replacement) {
    const area = els.draft;
    area.focus();
    area.setSelectionRange(start, end);
    let done = false;
    try { done = document.execCommand("insertText", false, replacement); } catch { done = false; }
    if (!done || area.value.slice(start, start + replacement.length) !== replacement) {
      area.setRangeText(replacement, start, end, "end");
      onInput();
    }
  }

  function applyFix(f) {
    const text = els.draft.value;
    if (!f.valid || text.slice(f.start, f.end) !== f.match) {
      setStatus(t("stale"));
      scheduleCheck(0);
      return;
    }
    replaceRange(f.start, f.end, f.fix);
    scheduleCheck(0);
  }

  async function fixAll() {
    const text = els.draft.value;
    if (!text.trim()) return;
    els.fixAll.disabled = true;
    try {
      const data = await api("/api/fix", draftBody(text));
      if (els.draft.value !== text) { setStatus(t("stale")); return; }
      if (!data.changed) { setStatus(t("nothingToFix")); return; }
      replaceRange(0, text.length, data.text);
      scheduleCheck(0);
      setStatus(t("fixed")(data.fixes.length));
    } catch (error) {
      setStatus(t("failedFix")(error.message), true);
    } finally {
      els.fixAll.disabled = false;
    }
  }

  function showInText(f) {
    if (!f.valid) return;
    const area = els.draft;
    area.focus();
    area.setSelectionRange(f.start, f.end);
    setActive(f.key);
    updateCaretInfo();
  }

  // -- explanations: tooltip (pointer) and caret panel (keyboard) --------------------------------------

  function findingsById(ids) {
    const wanted = new Set(ids);
    return state.findings.filter((f) => wanted.has(f.id));
  }

  function explanationParts(f) {
    const rule = state.rules.get(f.rule);
    const why = rule && rule.explanation && rule.explanation.why_it_matters;
    return { why: why || "" };
  }

  function showTooltip(list, x, y) {
    const tip = els.tooltip;
    tip.replaceChildren(...list.flatMap((f) => {
      const parts = [
        el("p", { class: "tip-sev", text: `${t("severity")[f.severity]} · ${f.rule}` }),
        el("p", { text: f.message }),
      ];
      const { why } = explanationParts(f);
      if (why) parts.push(el("p", { class: "why", text: why }));
      return parts;
    }));
    tip.hidden = false;
    const box = tip.getBoundingClientRect();
    const left = Math.min(x + 14, window.innerWidth - box.width - 8);
    const top = y + 18 + box.height > window.innerHeight ? y - box.height - 12 : y + 18;
    tip.style.left = `${Math.max(8, left)}px`;
    tip.style.top = `${Math.max(8, top)}px`;
  }

  function hideTooltip() { els.tooltip.hidden = true; }

  function onPointer(event) {
    const mark = document.elementsFromPoint(event.clientX, event.clientY)
      .find((node) => node.tagName === "MARK" && els.backdrop.contains(node));
    if (!mark) { hideTooltip(); setActive(null); return; }
    const list = findingsById(mark.dataset.ids.split(" "));
    if (!list.length) { hideTooltip(); return; }
    setActive(list[0].key);
    showTooltip(list, event.clientX, event.clientY);
  }

  /** Findings under the caret, shown beside the editor and announced politely: the keyboard's tooltip. */
  function updateCaretInfo(force = false) {
    const area = els.draft;
    const focused = document.activeElement === area;
    if (focused) state.caretUsed = true;
    if (!focused && !force) return;
    const at = area.selectionStart; // a blurred textarea keeps its caret: the panel stays while Tab reaches its button
    const here = state.caretUsed
      ? state.findings.filter((f) => f.valid && !f.broad && f.end > f.start && f.start <= at && at <= f.end) : [];
    const keys = here.map((f) => f.key).join("\n");
    if (keys === state.caretKeys) return; // unchanged: keep the panel, and the focus of a button in it
    state.caretKeys = keys;
    els.caretInfo.replaceChildren(...here.map((f) => {
      const { why } = explanationParts(f);
      const box = el("div", {},
        el("p", {}, el("strong", { text: `${t("severity")[f.severity]}: ` }), f.message),
        why ? el("p", { class: "hint", text: why }) : null);
      if (f.fixable) box.append(fixButton(f));
      return box;
    }));
  }

  function setActive(key) {
    if (state.activeKey === key) return;
    const repaint = state.findings.some((f) => f.broad && (f.key === key || f.key === state.activeKey));
    state.activeKey = key;
    if (repaint) renderBackdrop();
    const ids = new Set(state.findings.filter((f) => f.key === key).map((f) => f.id));
    for (const mark of els.backdrop.querySelectorAll("mark")) {
      mark.classList.toggle("active", mark.dataset.ids.split(" ").some((id) => ids.has(id)));
    }
    for (const item of els.findings.children) item.classList.toggle("active", item.dataset.key === key);
  }

  // -- results ------------------------------------------------------------------------------------------

  function platformTitle(name) {
    const p = state.platforms.find((x) => x.name === name);
    return p ? p.title : name;
  }

  /** The finding with this key in the latest results (buttons outlive the check that drew them). */
  const current = (f) => state.findings.find((x) => x.key === f.key) || f;

  function fixButton(f) {
    const label = f.fix === "" ? t("fixRemove") : t("fixTo")(f.fix);
    return el("button", { type: "button", class: "secondary fix", "data-fix-key": f.key, onclick: () => applyFix(current(f)) }, label);
  }

  function syncFixButtons() {
    for (const button of document.querySelectorAll("button.fix")) {
      const f = state.findings.find((x) => x.key === button.dataset.fixKey);
      button.disabled = !f || !f.fixable;
    }
  }

  function renderFindings() {
    const list = els.findings;
    list.replaceChildren();
    const hasResult = state.result !== null;
    els.findingsEmpty.textContent = hasResult ? t("noFindings") : t("empty");
    els.findingsEmpty.hidden = hasResult && state.findings.length > 0;
    els.count.textContent = hasResult ? `(${state.findings.length})` : "";
    for (const f of state.findings.slice(0, MAX_LISTED)) {
      const head = el("div", { class: "finding-head" },
        el("span", { class: `sev sev-${f.severity}`, text: t("severity")[f.severity] }),
        el("span", { class: "rule-id", text: f.rule }),
        el("span", { text: t("where")(f.line, f.column) }),
        f.points ? el("span", { text: t("points")(f.points) }) : null,
        f.specific ? el("span", { text: t("onlyFor")(f.platforms.map(platformTitle).join(", ")) }) : null);
      const actions = el("div", { class: "finding-actions" });
      if (f.end > f.start) actions.append(el("button", { type: "button", class: "secondary", onclick: () => showInText(current(f)) }, t("showInText")));
      if (f.fixable) actions.append(fixButton(f));
      const item = el("li", { class: `finding sev-${f.severity}`, "data-key": f.key }, head,
        el("p", { class: "finding-message", text: f.message }), actions, explanationDetails(f));
      item.addEventListener("mouseenter", () => setActive(f.key));
      item.addEventListener("mouseleave", () => setActive(null));
      item.addEventListener("focusin", () => setActive(f.key));
      list.append(item);
    }
    if (state.findings.length > MAX_LISTED) list.append(el("li", { class: "hint", text: t("more")(state.findings.length - MAX_LISTED) }));
  }

  function explanationDetails(f) {
    const rule = state.rules.get(f.rule);
    if (!rule || !rule.explanation) return null;
    const x = rule.explanation;
    const body = el("div", {});
    const add = (label, value) => {
      if (value) body.append(el("p", {}, el("span", { class: "explain-label", text: `${label}: ` }), value));
    };
    add(t("what"), x.what_it_checks);
    add(t("why"), x.why_it_matters);
    add(t("source"), x.source);
    for (const [label, items] of [[t("examplesFail"), x.examples_fail], [t("examplesPass"), x.examples_pass]]) {
      if (items && items.length) {
        body.append(el("p", { class: "explain-label", text: label }),
          el("ul", {}, ...items.slice(0, 3).map((e) => el("li", { text: e }))));
      }
    }
    return el("details", {}, el("summary", { text: t("explain") }), body);
  }

  function worstScores(results) {
    const scores = {};
    for (const r of results) for (const [k, v] of Object.entries(r.scores)) scores[k] = k in scores ? Math.min(scores[k], v) : v;
    return scores;
  }

  function translateReason(reason) {
    const r = t("reasons");
    let m;
    if (reason === "safety error") return r.safety;
    if ((m = /^(\w+) finding$/.exec(reason))) return r.finding(t("severity")[m[1]] || m[1]);
    if ((m = /^score (\S+) < (\S+)$/.exec(reason))) return r.score(m[1], m[2]);
    return reason;
  }

  function renderScores() {
    els.verdict.replaceChildren();
    els.chart.replaceChildren();
    const data = state.result;
    if (!data || !data.results.length) return;
    const scores = worstScores(data.results);
    const passed = data.results.every((r) => r.passed);
    const reasons = [...new Set(data.results.flatMap((r) => r.reasons))].map(translateReason);
    els.verdict.append(
      el("span", { class: "overall", text: formatScore(scores.overall) }),
      el("span", { class: `badge ${passed ? "pass" : "fail"}`, text: passed ? t("passed") : t("failed") }));
    const named = data.results.map((r) => r.platform).filter((p) => p);
    if (reasons.length) {
      const sentence = reasons.join("; ");
      els.verdict.append(el("p", { class: "verdict-detail", text: `${sentence[0].toUpperCase()}${sentence.slice(1)}.` }));
    }
    if (named.length > 1) els.verdict.append(el("p", { class: "verdict-detail", text: t("lowestOf")(named.map(platformTitle).join(", ")) }));
    els.chart.append(scoreChart(scores));
  }

  function formatScore(value) {
    return Number.isInteger(value) ? String(value) : value.toFixed(1);
  }

  /** Horizontal bars, one per category and one for the overall score, drawn as SVG (no chart library). */
  function scoreChart(scores) {
    const rows = ["overall", ...CATEGORIES];
    const labelW = 138, barW = 230, valueW = 44, rowH = 30, top = 4;
    const width = labelW + barW + valueW, height = top + rows.length * rowH + 6;
    const titleId = "chart-title";
    const summary = rows.map((k) => `${t("categories")[k]} ${formatScore(scores[k])}`).join(", ");
    const root = svg("svg", { viewBox: `0 0 ${width} ${height}`, role: "img", "aria-labelledby": titleId });
    root.append(svg("title", { id: titleId }, `${t("chartLabel")}: ${summary}`));
    rows.forEach((key, i) => {
      const value = Math.max(0, Math.min(100, scores[key] ?? 0));
      const y = top + i * rowH + (i > 0 ? 6 : 0);
      const grade = value >= 80 ? "good" : value >= 60 ? "fair" : "poor";
      root.append(svg("text", { x: 0, y: y + 15, class: `label${i === 0 ? " total" : ""}` }, t("categories")[key]));
      root.append(svg("rect", { x: labelW, y: y + 4, width: barW, height: 14, rx: 3, class: "track" }));
      root.append(svg("rect", { x: labelW, y: y + 4, width: (barW * value) / 100, height: 14, rx: 3, class: `bar ${grade}`, "data-category": key }));
      root.append(svg("text", { x: labelW + barW + 8, y: y + 15, class: "value" }, formatScore(value)));
      if (i === 0) root.append(svg("line", { x1: 0, x2: width, y1: y + rowH - 1, y2: y + rowH - 1, class: "rule" }));
    });
    return root;
  }

  function renderMeters() {
    const box = els.meters;
    box.replaceChildren();
    const lengths = state.result ? state.result.lengths : [];
    const chosen = selectedPlatforms();
    if (!lengths.length) {
      if (!chosen.length) box.append(el("p", { class: "hint", text: t("noPlatform") }));
      return;
    }
    for (const m of lengths) {
      const ratio = m.length / m.limit;
      const unit = t("units")[m.unit] || m.unit;
      const fill = el("div", { class: "meter-fill" });
      fill.style.width = `${Math.min(100, ratio * 100)}%`;
      const meter = el("div", { class: `meter${ratio > 1 ? " over" : ratio > 0.9 ? " near" : ""}`, "data-platform": m.platform },
        el("div", { class: "meter-label" },
          el("span", { class: "meter-name", text: platformTitle(m.platform) }),
          el("span", { class: "meter-count", text: `${m.length.toLocaleString()} / ${m.limit.toLocaleString()} ${unit}` })),
        el("div", { class: "meter-track", "aria-hidden": "true" }, fill));
      if (ratio > 1) meter.append(el("p", { class: "meter-over", text: t("over")((m.length - m.limit).toLocaleString()) }));
      box.append(meter);
    }
  }

  // -- settings and language ------------------------------------------------------------------------------

  function renderPlatforms() {
    let saved = null;
    try { saved = JSON.parse(localStorage.getItem(STORE.platforms) || "null"); } catch { saved = null; }
    els.platformList.replaceChildren(...state.platforms.map((p) => {
      const input = el("input", { type: "checkbox", value: p.name, name: "platform" });
      input.checked = Array.isArray(saved) ? saved.includes(p.name) : p.default;
      input.addEventListener("change", () => {
        try { localStorage.setItem(STORE.platforms, JSON.stringify(selectedPlatforms())); } catch { /* private mode */ }
        scheduleCheck(0);
      });
      return el("label", { class: "chip" }, input, p.title);
    }));
  }

  function applyLanguage() {
    document.documentElement.lang = state.ui;
    document.title = t("title");
    for (const node of document.querySelectorAll("[data-i18n]")) {
      const value = t(node.dataset.i18n);
      if (typeof value === "string") node.textContent = value;
    }
    els.draft.placeholder = t("placeholder");
    for (const button of document.querySelectorAll("[data-ui]")) button.setAttribute("aria-pressed", String(button.dataset.ui === state.ui));
  }

  async function loadRules() {
    const ui = state.ui;
    const data = await api(`/api/rules?ui_language=${ui}`);
    if (ui === state.ui) state.rules = new Map(data.rules.map((r) => [r.id, r]));
  }

  async function setUi(ui) {
    state.ui = ui;
    try { localStorage.setItem(STORE.ui, ui); } catch { /* private mode */ }
    applyLanguage();
    renderFindings();
    renderScores();
    renderMeters();
    try { await loadRules(); } catch (error) { setStatus(t("failedRequest")(error.message), true); }
    scheduleCheck(0);
  }

  function initialUi() {
    let saved = null;
    try { saved = localStorage.getItem(STORE.ui); } catch { saved = null; }
    if (saved === "id" || saved === "en") return saved;
    const preferred = (navigator.languages && navigator.languages[0]) || navigator.language || "";
    return preferred.toLowerCase().startsWith("id") ? "id" : "en";
  }

  async function start() {
    state.ui = initialUi();
    applyLanguage();
    els.draft.addEventListener("input", onInput);
    els.draft.addEventListener("mousemove", onPointer);
    els.draft.addEventListener("mouseleave", () => { hideTooltip(); setActive(null); });
    for (const name of ["keyup", "click", "select", "focus"]) els.draft.addEventListener(name, () => updateCaretInfo());
    document.addEventListener("keydown", (event) => { if (event.key === "Escape") hideTooltip(); });
    window.addEventListener("resize", autoGrow);
    els.fixAll.addEventListener("click", fixAll);
    for (const node of [els.language, els.publishDate, els.publishZone]) node.addEventListener("change", () => scheduleCheck(0));
    for (const button of document.querySelectorAll("[data-ui]")) button.addEventListener("click", () => setUi(button.dataset.ui));
    renderBackdrop();
    renderFindings();
    renderMeters();
    try {
      const [platforms] = await Promise.all([api("/api/platforms"), loadRules()]);
      state.platforms = platforms.platforms;
      renderPlatforms();
      renderMeters();
    } catch (error) {
      setStatus(t("failedRequest")(error.message), true);
    }
    document.body.dataset.ready = "true";
    if (els.draft.value.trim()) scheduleCheck(0);
  }

  start();
})();
