/* Pathfinder chat widget. Embed with:
 *   <script src="https://HOST/widget/embed.js" data-school="SCHOOL_ID" data-rasa="https://RASA_HOST" defer></script>
 * Optional: data-idle-minutes="30" (a chat left this long with no messages is cleared).
 * Talks to Rasa's socket.io channel. Made for shared school computers: the chat lives in this tab's sessionStorage
 * only, is cleared after the idle time or by "End chat", and booking references are never stored. No build step. */
(function () {
  "use strict";
  var script = document.currentScript;
  var base = script.src.replace(/embed\.js(\?.*)?$/, "");
  var school = script.getAttribute("data-school") || "";
  var rasaUrl = script.getAttribute("data-rasa") || (location.protocol + "//" + location.hostname + ":5005");
  var idleMinutes = parseFloat(script.getAttribute("data-idle-minutes"));
  if (!(idleMinutes > 0)) { idleMinutes = 30; }
  var IDLE_MS = idleMinutes * 60 * 1000;
  // Filled in by the server (widget/views.py) from the retention settings.
  var PRIVACY_NOTICE = "__PRIVACY_NOTICE__";
  if (PRIVACY_NOTICE.indexOf("__") === 0) {
    PRIVACY_NOTICE = "We keep this chat for a limited time so staff can help you. " +
      "Please don't type your full name, address or phone number.";
  }
  var PREFIX = "pathfinder:";
  var KEY = PREFIX + school + ":";
  // Booking references as shown (PF-ABCD2345) and as pupils type them (pf abcd2345, PFABCD2345, pf abcd 2345);
  // right after Pathfinder mentions a reference, any code-like word the pupil types (abcd2345).
  var REFERENCE = /\bPF[\s-]?[A-Z0-9]{4,}(\s[A-Z0-9]{4,})?\b/gi;
  var HAS_REFERENCE = /\bPF-[A-Z0-9]{4,}\b/i;
  var CODE_LIKE = /\b(?=[A-Z]*\d)[A-Z0-9]{6,10}\b/gi;
  var askedAboutReference = false;
  var HIDDEN_REFERENCE = "[reference not kept on this computer]";

  function removeKeys(area) {
    try {
      for (var i = area.length - 1; i >= 0; i--) {
        var k = area.key(i);
        if (k && k.indexOf(PREFIX) === 0) { area.removeItem(k); }
      }
    } catch (e) { /* storage blocked */ }
  }
  // Earlier versions kept chats in localStorage, where the next person on the computer could read them.
  try { removeKeys(window.localStorage); } catch (e) { /* storage blocked */ }

  var store = {
    area: function () { try { return window.sessionStorage; } catch (e) { return null; } },
    get: function (k) { try { return this.area().getItem(KEY + k); } catch (e) { return null; } },
    set: function (k, v) { try { this.area().setItem(KEY + k, v); } catch (e) { /* private mode */ } },
    clear: function () { var a = this.area(); if (a) { removeKeys(a); } }
  };

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text) { node.textContent = text; }
    return node;
  }

  document.head.appendChild(el("link", { rel: "stylesheet", href: base + "widget.css" }));
  var pendingCharts = [];
  var chartScript = el("script", { src: base + "chart.js" });
  chartScript.onload = function () { pendingCharts.splice(0).forEach(function (draw) { draw(); }); };
  document.head.appendChild(chartScript);

  var launcher = el("button", { "class": "pf-launcher", type: "button", "aria-expanded": "false",
    "aria-controls": "pf-panel" }, "Chat about your future");
  var panel = el("section", { "class": "pf-panel", id: "pf-panel", role: "dialog", "aria-labelledby": "pf-title" });
  panel.hidden = true;
  var head = el("div", { "class": "pf-head" });
  head.appendChild(el("h2", { id: "pf-title" }, "Pathfinder careers chat"));
  var close = el("button", { "class": "pf-close", type: "button", "aria-label": "Close the chat" }, "Close");
  head.appendChild(close);
  var bar = el("div", { "class": "pf-bar" });
  var person = el("button", { type: "button", id: "pf-person" }, "Talk to a person");
  var end = el("button", { type: "button", id: "pf-end" }, "End chat");
  var help = el("a", { href: "tel:08001111", id: "pf-help",
    "aria-label": "Need help now? Childline 0800 1111 or 999. Childline is free; call 999 in an emergency" },
    "Need help now? Childline 0800 1111 or 999");
  bar.appendChild(person);
  bar.appendChild(end);
  bar.appendChild(help);
  var privacy = el("div", { "class": "pf-privacy", role: "note" });
  privacy.appendChild(el("p", { id: "pf-privacy-text" }, PRIVACY_NOTICE));
  var okay = el("button", { type: "button", id: "pf-privacy-ok" }, "OK, got it");
  privacy.appendChild(okay);
  var log = el("div", { "class": "pf-log", role: "log", "aria-live": "polite", "aria-label": "Messages", tabindex: "0" });
  var list = el("ol", { "class": "pf-list" });
  log.appendChild(list);
  var status = el("p", { "class": "pf-status", role: "status", "aria-live": "assertive" });
  var form = el("form", { "class": "pf-form" });
  var label = el("label", { "for": "pf-input" }, "Type your message");
  var input = el("input", { id: "pf-input", type: "text", autocomplete: "off", maxlength: "2000" });
  var send = el("button", { type: "submit" }, "Send");
  form.appendChild(label); form.appendChild(input); form.appendChild(send);
  [head, bar, privacy, log, status, form].forEach(function (n) { panel.appendChild(n); });
  document.body.appendChild(launcher);
  document.body.appendChild(panel);

  var history = [];
  var chartCount = 0;

  /* What may be written to this computer: the message without any booking reference. */
  function storable(entry) {
    var text = (entry.text || "").replace(REFERENCE, HIDDEN_REFERENCE);
    if (entry.who === "me" && askedAboutReference) { text = text.replace(CODE_LIKE, HIDDEN_REFERENCE); }
    var buttons = (entry.buttons || []).filter(function (b) { return !HAS_REFERENCE.test(b.payload + " " + b.title); });
    var kept = { who: entry.who, text: text, buttons: buttons };
    if (entry.chart) { kept.chart = entry.chart; }
    return kept;
  }

  function touch() { store.set("active", String(Date.now())); }

  function remember(entry) {
    history.push(storable(entry));
    history = history.slice(-60);
    store.set("history", JSON.stringify(history));
    touch();
  }

  function isIdle() {
    var last = parseInt(store.get("active"), 10);
    return last > 0 && Date.now() - last > IDLE_MS;
  }

  function drawChart(holder, chart) {
    var draw = function () {
      var figure = window.PathfinderChart.render(chart, "pf-chart-" + (++chartCount));
      if (figure) { holder.appendChild(figure); holder.parentNode.classList.add("pf-wide"); }
    };
    if (window.PathfinderChart) { draw(); } else { pendingCharts.push(draw); }
  }

  function addMessage(who, text, buttons, chart, replay) {
    var item = el("li", { "class": "pf-item" });
    var bubble = el("div", { "class": "pf-msg " + (who === "me" ? "pf-me" : "pf-bot") });
    bubble.appendChild(el("span", { "class": "pf-sr-only" }, who === "me" ? "You said: " : "Pathfinder said: "));
    if (text) { bubble.appendChild(el("span", { "class": "pf-text" }, text)); }
    item.appendChild(bubble);
    if (chart) {
      var holder = el("div", { "class": "pf-chart-holder" });
      bubble.appendChild(holder);
      drawChart(holder, chart);
    }
    if (buttons && buttons.length) {
      var group = el("div", { "class": "pf-buttons", role: "group", "aria-label": "Suggested replies" });
      buttons.forEach(function (b) {
        var button = el("button", { type: "button" }, b.title);
        button.addEventListener("click", function () { sendMessage(b.payload, b.title); });
        group.appendChild(button);
      });
      item.appendChild(group);
    }
    list.appendChild(item);
    if (!replay && who === "bot" && HAS_REFERENCE.test(text)) {
      note("Write your reference down now. It isn't saved on this computer, so it goes when you leave the chat.");
    }
    log.scrollTop = log.scrollHeight;
    if (!replay) { remember({ who: who, text: text, buttons: buttons || [], chart: chart }); }
    if (who === "bot") { askedAboutReference = /reference/i.test(text || ""); }
  }

  /* A line from the widget itself (not from Pathfinder's bot), never stored. */
  function note(text) {
    var item = el("li", { "class": "pf-item" });
    item.appendChild(el("p", { "class": "pf-note" }, text));
    list.appendChild(item);
  }

  /* A bot_uttered payload: text and buttons, and/or a chart (a custom payload sent as {"data": {"chart": ...}}). */
  function showBotMessage(data) {
    if (!data || typeof data !== "object") { return; }
    var buttons = data.buttons || data.quick_replies || [];
    var chart = data.chart && typeof data.chart === "object" ? data.chart : null;
    if (!data.text && !chart && !buttons.length) { return; }
    addMessage("bot", data.text || "", buttons, chart);
  }

  var socket = null;
  var waiting = null;

  function setStatus(text, isError) {
    status.textContent = text;
    status.className = "pf-status" + (isError ? " pf-error" : "");
  }

  function unreachable() {
    setStatus("Sorry, I can't reach Pathfinder right now. Your message is still in the box: try Send again in a minute.", true);
  }

  function connect() {
    if (socket || typeof io === "undefined") { return; }
    socket = io(rasaUrl, { path: "/socket.io", transports: ["websocket", "polling"], reconnectionAttempts: 5,
      forceNew: true });
    socket.on("connect", function () {
      socket.emit("session_request", { session_id: store.get("session") });
      if (status.className.indexOf("pf-error") >= 0) { setStatus(""); }
    });
    socket.on("session_confirm", function (data) {
      var id = (data && data.session_id) || data;
      if (id) { store.set("session", id); }
      if (!history.length) { sendMessage("/greet", null); } else { checkPlan(); }
    });
    socket.on("bot_uttered", function (data) {
      clearTimeout(waiting);
      setStatus("");
      showBotMessage(data);
    });
    socket.on("connect_error", function () { if (waiting !== null) { clearTimeout(waiting); waiting = null; } unreachable(); });
  }

  function sendMessage(text, shown) {
    if (!socket || !socket.connected) { unreachable(); return false; }
    if (shown !== null) { addMessage("me", shown || text); } else { touch(); }
    socket.emit("user_uttered", { message: text, session_id: store.get("session"), metadata: { school_id: school } });
    if (shown !== null) { setStatus("Pathfinder is typing…"); }
    clearTimeout(waiting);
    waiting = setTimeout(unreachable, 30000);
    return true;
  }

  /* Reopened on an earlier chat: Pathfinder shows the adviser's next steps if there are new ones, else says
   * nothing (so no answer is awaited). */
  function checkPlan() {
    if (!socket || !socket.connected) { return; }
    socket.emit("user_uttered", { message: "/check_plan", session_id: store.get("session"), metadata: { school_id: school } });
  }

  function loadSocketIo() {
    if (typeof io !== "undefined") { connect(); return; }
    var sio = el("script", { src: base + "vendor/socket.io.min.js" });
    sio.onload = connect;
    sio.onerror = unreachable;
    document.head.appendChild(sio);
  }

  /* Forget this chat on this computer and start a new conversation (a new id for Rasa). */
  function endChat(notice) {
    if (socket) { socket.off(); socket.disconnect(); socket = null; }
    clearTimeout(waiting);
    waiting = null;
    store.clear();
    history = [];
    list.textContent = "";
    privacy.hidden = false;
    setStatus("");
    note(notice);
    if (!panel.hidden) { okay.focus(); loadSocketIo(); }
  }

  function expireIfIdle() {
    if (isIdle()) {
      endChat("Your last chat was cleared because nobody used it for " + idleMinutes +
        " minutes, so nobody else can read it.");
    }
  }

  function restore() {
    if (isIdle()) { store.clear(); }
    if (store.get("privacy") === "seen") { privacy.hidden = true; }
    try { history = JSON.parse(store.get("history") || "[]"); } catch (e) { history = []; }
    if (!Array.isArray(history)) { history = []; }
    history.forEach(function (h) { addMessage(h.who, h.text, h.buttons, h.chart, true); });
  }
  restore();
  setInterval(expireIfIdle, Math.min(30000, IDLE_MS / 4));

  function open() {
    expireIfIdle();
    panel.hidden = false;
    launcher.setAttribute("aria-expanded", "true");
    if (!privacy.hidden) { okay.focus(); } else { input.focus(); }
    loadSocketIo();
  }

  function shut() {
    panel.hidden = true;
    launcher.setAttribute("aria-expanded", "false");
    launcher.focus();
  }

  launcher.addEventListener("click", function () { if (panel.hidden) { open(); } else { shut(); } });
  close.addEventListener("click", shut);
  panel.addEventListener("keydown", function (e) { if (e.key === "Escape") { shut(); } });
  okay.addEventListener("click", function () { store.set("privacy", "seen"); privacy.hidden = true; input.focus(); });
  person.addEventListener("click", function () { sendMessage("/request_human", "Talk to a person"); });
  end.addEventListener("click", function () {
    endChat("Chat ended. It has been cleared from this computer. You can start a new chat any time.");
  });
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    var text = input.value.trim();
    if (!text) { return; }
    if (sendMessage(text)) { input.value = ""; }
  });

  /* For the browser tests and for pages that want to show a message: handled exactly like a bot_uttered event. */
  window.PathfinderWidget = { showBotMessage: showBotMessage, endChat: function () { end.click(); } };
})();
