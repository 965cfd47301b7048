// invite-lint page: lint as you type (debounced), findings and specifics (what makes the draft
// personal) marked in the text, the coach's openers beside. Plain DOM, no library, nothing
// fetched from outside this server.
"use strict";

const TEXTS = {
  fr: {
    tagline: "Avant d'envoyer : ce que votre message dit vraiment, et une meilleure accroche.",
    channel: "Canal", "channel-auto": "automatique", linkedin_note: "note d'invitation LinkedIn", email: "e-mail",
    language: "Langue", "lang-auto": "détectée", draft: "Votre message",
    kind: "Type de message", "kind-auto": "automatique", first_contact: "premier contact",
    follow_up_after_meeting: "suite à une rencontre", thank_you: "remerciement", informational_interview: "demande de conseil",
    job_search: "recherche d'emploi", referral_request: "demande de recommandation", reconnect: "reprise de contact",
    prospecting: "prospection", "kind-given": "choisi", "kind-detected": "détecté", "kind-default": "par défaut",
    placeholder: "Collez ou écrivez votre message ici.",
    marked: "Votre message, annoté", "marked-hint": "Survolez ou parcourez au clavier (Tab) les passages surlignés.",
    findings: "Ce qu'il faut changer", coach: "Une accroche pour cette personne",
    "coach-hint": "Dites ce que vous savez d'elle : le coach n'invente rien.",
    name: "Son nom", about: "Ce que vous avez vu ou lu d'elle", "about-example": "votre article sur la qualité de vie au travail",
    interest: "Un intérêt commun", met: "Où vous vous êtes rencontrés", ask: "Ce que vous espérez (facultatif)",
    detail: "Ce qui vous a frappé dedans", "detail-example": "les couleurs", discussed: "Ce dont vous avez parlé",
    "ask-example": "un café", footer: "Tout reste sur cette machine : aucune ressource externe n'est chargée.",
    use: "Utiliser cette accroche", characters: "caractères", score: "score", nothing: "Rien à signaler.",
    verdicts: { ready: "prêt à envoyer", "needs-work": "à retravailler", rewrite: "à réécrire" },
    severities: { error: "erreur", warning: "à revoir", info: "conseil" },
    facts: "faits utilisés", suggestion: "Suggestion", answer: "Pour une accroche complète, répondez à :",
    unreachable: "Le serveur ne répond pas.", marked_label: "Message annoté",
    personal: "Ce qui le rend personnel", specific: "détail personnel",
    "no-specifics": "Aucun détail propre à cette personne pour l'instant : rien ne montre que ce message est pour elle.",
    kinds: { "their-work": "œuvre/travail", entity: "nom", fact: "fait", "shared-context": "contexte partagé", meeting: "rencontre" },
  },
  en: {
    tagline: "Before you send: what your message really says, and a better opener.",
    channel: "Channel", "channel-auto": "automatic", linkedin_note: "LinkedIn connection note", email: "e-mail",
    language: "Language", "lang-auto": "detected", draft: "Your message",
    kind: "Message kind", "kind-auto": "automatic", first_contact: "first contact",
    follow_up_after_meeting: "follow-up after meeting", thank_you: "thank-you", informational_interview: "request for advice",
    job_search: "job search", referral_request: "referral request", reconnect: "reconnect",
    prospecting: "prospecting", "kind-given": "chosen", "kind-detected": "detected", "kind-default": "default",
    placeholder: "Paste or write your message here.",
    marked: "Your message, marked up", "marked-hint": "Hover over or Tab through the highlighted passages.",
    findings: "What to change", coach: "An opener for this person",
    "coach-hint": "Say what you know of them: the coach invents nothing.",
    name: "Their name", about: "What of theirs you saw or read", "about-example": "your talk at PyCon on type hints",
    interest: "A shared interest", met: "Where you met", ask: "What you hope for (optional)",
    detail: "What struck you in it", "detail-example": "the colours", discussed: "What you talked about",
    "ask-example": "a 15-minute call", footer: "Everything stays on this machine: nothing is loaded from outside.",
    use: "Use this opener", characters: "characters", score: "score", nothing: "Nothing to change.",
    verdicts: { ready: "ready to send", "needs-work": "needs work", rewrite: "rewrite" },
    severities: { error: "error", warning: "warning", info: "tip" },
    facts: "facts used", suggestion: "Suggestion", answer: "For a complete opener, answer:",
    unreachable: "The server does not answer.", marked_label: "Marked-up message",
    personal: "Why it reads personal", specific: "specific",
    "no-specifics": "Nothing specific to this person yet: nothing shows the message is for them.",
    kinds: { "their-work": "their work", entity: "name", fact: "fact", "shared-context": "shared context", meeting: "meeting" },
  },
};
const RANK = { info: 1, warning: 2, error: 3 };
let uiLang = (navigator.language || "fr").toLowerCase().startsWith("en") ? "en" : "fr";
let limits = {};
let lintSeq = 0;
let coachSeq = 0;
let lastReport = null;

const $ = (id) => document.getElementById(id);
// "Suggestion : ..." in French (no-break space before the colon), "Suggestion: ..." in English
const colon = (label, value) => (uiLang === "fr" ? `${label}\u00a0: ${value}` : `${label}: ${value}`);
const t = (key) => TEXTS[uiLang][key] ?? key;
const kindName = (kind) => t("kinds")[kind] || kind;
// "specific: fact" / "détail personnel : fait"
const specificLabel = (kinds) => colon(t("specific"), kinds.map(kindName).join(", "));

function setUiLang(lang) {
  if (!TEXTS[lang] || lang === uiLang && document.documentElement.lang === lang) return;
  uiLang = lang;
  document.documentElement.lang = lang;
  for (const el of document.querySelectorAll("[data-i18n]")) el.textContent = t(el.dataset.i18n);
  for (const el of document.querySelectorAll("[data-i18n-placeholder]")) el.placeholder = t(el.dataset.i18nPlaceholder);
  $("marked").setAttribute("aria-label", t("marked_label"));
  if (lastReport) renderReport(lastReport, $("draft").value);
}

function debounce(fn, ms) {
  let timer = null;
  return (...args) => { clearTimeout(timer); timer = setTimeout(() => fn(...args), ms); };
}

function payload() {
  const recipient = {};
  for (const field of ["name", "about", "detail", "interest", "met", "discussed", "ask"]) {
    const value = $(field).value.trim();
    if (value) recipient[field] = value;
  }
  const body = { text: $("draft").value };
  if ($("lang").value) body.lang = $("lang").value;
  if ($("channel").value) body.channel = $("channel").value;
  if ($("kind").value) body.kind = $("kind").value;
  if (Object.keys(recipient).length) body.recipient = recipient;
  return body;
}

async function post(path, body) {
  const response = await fetch(path, {
    method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body),
  });
  const data = await response.json();
  if (!response.ok) throw new Error(data.error || response.statusText);
  return data;
}

// Python counts code points, JavaScript UTF-16 units: map one to the other.
function unitOffsets(text) {
  const offsets = [0];
  for (const char of text) offsets.push(offsets[offsets.length - 1] + char.length);
  return offsets;
}

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (key === "class") node.className = value; else node.setAttribute(key, value);
  }
  for (const child of children) node.append(child);
  return node;
}

function tooltipFor(findings, specifics = []) {
  const box = $("tooltip");
  box.replaceChildren(...findings.map((f) => el("div", {},
    el("p", { class: "rule" }, `${t("severities")[f.severity] || f.severity} · ${f.rule}`),
    el("p", {}, f.message),
    el("p", {}, colon(t("suggestion"), f.suggestion)))));
  if (specifics.length) box.append(el("p", { class: "specific-note" }, specificLabel(specifics.map((s) => s.kind))));
  return box;
}

function showTooltip(mark, findings, specifics) {
  const box = tooltipFor(findings, specifics);
  box.hidden = false;
  const rect = mark.getBoundingClientRect();
  box.style.left = `${window.scrollX + rect.left}px`;
  box.style.top = `${window.scrollY + rect.bottom + 6}px`;
  mark.setAttribute("aria-describedby", "tooltip");
}

function hideTooltip(mark) {
  $("tooltip").hidden = true;
  if (mark) mark.removeAttribute("aria-describedby");
}

// Where a specific sits in `text`, in UTF-16 units, or null. Its offsets are trusted when they
// still point at its text; otherwise (offsets of the decoded message rather than of the draft)
// the occurrence of its text nearest to them is taken, and a specific not found is only listed.
function locateSpecific(text, units, s) {
  const start = units[s.start];
  const end = units[s.end];
  if (start !== undefined && end !== undefined && end > start && (!s.text || text.slice(start, end) === s.text)) {
    return { start, end };
  }
  if (!s.text) return null;
  let best = -1;
  for (let at = text.indexOf(s.text); at !== -1; at = text.indexOf(s.text, at + 1)) {
    if (best === -1 || Math.abs(at - (start ?? 0)) < Math.abs(best - (start ?? 0))) best = at;
  }
  return best === -1 ? null : { start: best, end: best + s.text.length };
}

function specificSpan(covering, piece, titled) {
  const kinds = [...new Set(covering.map((s) => s.kind))];
  const attrs = { class: "specific", "data-kind": kinds.join(" "), "aria-label": `${specificLabel(kinds)} — ${piece}` };
  if (titled) attrs.title = specificLabel(kinds);  // inside a finding's mark, its tooltip says it instead
  return el("span", attrs, piece);
}

function renderMarked(text, findings, specifics = []) {
  const units = unitOffsets(text);
  const spans = findings.filter((f) => f.end > f.start).map((f) => ({ f, start: units[f.start] ?? text.length, end: units[f.end] ?? text.length }));
  const details = specifics.map((s) => ({ s, at: locateSpecific(text, units, s) })).filter((d) => d.at).map((d) => ({ s: d.s, ...d.at }));
  const cuts = new Set([0, text.length]);
  for (const s of [...spans, ...details]) { cuts.add(s.start); cuts.add(s.end); }
  const points = [...cuts].sort((a, b) => a - b);
  const box = $("marked");
  hideTooltip();  // its mark is about to go: no mouseleave or blur will come to hide it
  box.replaceChildren();
  for (let i = 0; i + 1 < points.length; i++) {
    const [a, b] = [points[i], points[i + 1]];
    const covering = spans.filter((s) => s.start <= a && s.end >= b).map((s) => s.f);
    const personal = details.filter((d) => d.start <= a && d.end >= b).map((d) => d.s);
    const piece = text.slice(a, b);
    if (!covering.length) { box.append(personal.length ? specificSpan(personal, piece, true) : piece); continue; }
    // A finding wins the highlight; a specific under it keeps its dotted underline.
    const worst = covering.reduce((w, f) => (RANK[f.severity] > RANK[w] ? f.severity : w), "info");
    const inner = personal.length ? specificSpan(personal, piece, false) : piece;
    const mark = el("mark", { class: worst, tabindex: "0", "data-rules": covering.map((f) => f.rule).join(" ") }, inner);
    mark.addEventListener("mouseenter", () => showTooltip(mark, covering, personal));
    mark.addEventListener("focus", () => showTooltip(mark, covering, personal));
    mark.addEventListener("mouseleave", () => hideTooltip(mark));
    mark.addEventListener("blur", () => hideTooltip(mark));
    box.append(mark);
  }
}

// "BlaBlaCar … 100 millions de membres": a long specific shortened to its ends.
function shorten(text) {
  const words = text.trim().split(/\s+/);
  return text.length > 48 && words.length > 6 ? `${words[0]} … ${words.slice(-4).join(" ")}` : text.trim();
}

const quoted = (text) => (uiLang === "fr" ? `«\u00a0${text}\u00a0»` : `“${text}”`);

function renderSpecifics(specifics) {
  const list = $("specifics");
  list.replaceChildren();
  $("personal").hidden = false;
  if (!specifics.length) { list.append(el("li", { class: "none" }, t("no-specifics"))); return; }
  for (const s of specifics) {
    list.append(el("li", { "data-kind": s.kind, title: s.text },
      quoted(shorten(s.text)), " ", el("span", { class: "kind" }, `(${kindName(s.kind)})`)));
  }
}

function renderFindings(findings) {
  const list = $("findings");
  list.replaceChildren();
  if (!findings.length) { list.append(el("li", {}, t("nothing"))); return; }
  for (const f of findings) {
    const item = el("li", { "data-rule": f.rule },
      el("span", { class: `sev ${f.severity}` }, t("severities")[f.severity] || f.severity),
      el("code", {}, f.rule), " ", f.message,
      el("span", { class: "suggestion" }, f.suggestion));
    list.append(item);
  }
}

function renderCounter(text, channel) {
  const count = [...text].length;
  const limit = limits[channel];
  const name = t(channel) || channel;
  const counter = $("counter");
  counter.textContent = limit ? `${count} / ${limit} ${t("characters")} (${name})` : `${count} ${t("characters")} (${name})`;
  counter.classList.toggle("over", Boolean(limit && count > limit));
}

function renderReport(report, text) {
  const verdict = $("verdict");
  verdict.dataset.verdict = report.verdict;
  verdict.textContent = t("verdicts")[report.verdict] || report.verdict;
  $("score").textContent = `${t("score")} ${report.score}/100`;
  // which kind the message was judged as: it decides which rules apply
  const cue = report.kind_source === "detected" && report.kind_cue ? ` « ${report.kind_cue} »` : "";
  $("kind-shown").textContent = report.kind ? `${t(report.kind)} (${t("kind-" + report.kind_source)}${cue})` : "";
  renderCounter(text, report.channel);
  renderSpecifics(report.specifics || []);
  renderMarked(text, report.findings, report.specifics || []);
  renderFindings(report.findings);
}

function clearReport() {
  lastReport = null;
  $("verdict").dataset.verdict = "";
  $("verdict").textContent = "";
  $("score").textContent = "";
  $("kind-shown").textContent = "";
  $("marked").replaceChildren();
  $("findings").replaceChildren();
  $("specifics").replaceChildren();
  $("personal").hidden = true;
  renderCounter("", $("channel").value || "linkedin_note");
}

async function lintNow() {
  const body = payload();
  const seq = ++lintSeq;
  if (!body.text.trim()) { clearReport(); return; }
  try {
    const document_ = await post("/v1/lint", body);
    if (seq !== lintSeq) return;  // a newer request is on its way
    const file = document_.files[0];
    if (!file) { clearReport(); return; }
    lastReport = file;
    if (!$("lang").value && TEXTS[file.lang]) setUiLang(file.lang);
    renderReport(file, body.text);
  } catch (error) {
    if (seq === lintSeq) $("score").textContent = `${t("unreachable")} (${error.message})`;
  }
}

async function coachNow() {
  const body = payload();
  const seq = ++coachSeq;
  try {
    const suggestions = await post("/v1/coach", body);
    if (seq !== coachSeq) return;
    renderOpeners(suggestions);
  } catch (error) {
    if (seq === coachSeq) $("openers").replaceChildren(el("li", {}, `${t("unreachable")} (${error.message})`));
  }
}

function renderOpeners(suggestions) {
  const list = $("openers");
  const questions = $("questions");
  list.replaceChildren();
  questions.replaceChildren();
  for (const s of suggestions) {
    const item = el("li", { "data-template": s.template },
      el("p", {}, s.text),
      el("p", { class: "facts" }, colon(t("facts"), (s.facts_used || []).map((f) => f.fact || f).join(", ") || "—")));
    if (s.complete !== false) {
      const use = el("button", { type: "button", class: "use" }, t("use"));
      use.addEventListener("click", () => { $("draft").value = s.text; $("draft").focus(); lintNow(); });
      item.append(use);
    }
    list.append(item);
    for (const q of s.questions || []) questions.append(el("li", {}, q));
  }
  if (questions.children.length) questions.prepend(el("li", { class: "lead" }, t("answer")));
}

async function start() {
  setUiLang(uiLang);
  document.documentElement.lang = uiLang;
  try { limits = (await (await fetch("/v1/channels")).json()).limits || {}; } catch (_) { limits = {}; }
  const lintSoon = debounce(lintNow, 300);
  const coachSoon = debounce(coachNow, 500);
  $("draft").addEventListener("input", () => { lintSoon(); coachSoon(); });
  for (const id of ["lang", "channel", "kind"]) $(id).addEventListener("change", () => { lintNow(); coachSoon(); });
  $("recipient").addEventListener("input", () => { lintSoon(); coachSoon(); });
  $("recipient").addEventListener("submit", (event) => event.preventDefault());
  document.addEventListener("keydown", (event) => { if (event.key === "Escape") hideTooltip(document.activeElement); });
  clearReport();
  coachNow();
}

document.addEventListener("DOMContentLoaded", start);
