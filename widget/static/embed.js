/* Pathfinder chat widget. Embed with:
 *   <script src="https://HOST/widget/embed.js" data-school="SCHOOL_ID" data-rasa="https://RASA_HOST" defer></script>
 * Talks to Rasa's socket.io channel; keeps the conversation across page reloads. No build step. */
(function () {
  "use strict";
  var script = document.currentScript;
  var base = script.src.replace(/embed\.js(\?.*)?$/, "");
  var school = script.getAttribute("data-school") || "";
  var rasaUrl = script.getAttribute("data-rasa") || (location.protocol + "//" + location.hostname + ":5005");
  var KEY = "pathfinder:" + school + ":";
  var store = {
    get: function (k) { try { return localStorage.getItem(KEY + k); } catch (e) { return null; } },
    set: function (k, v) { try { localStorage.setItem(KEY + k, v); } catch (e) { /* private mode */ } }
  };

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text) { node.textContent = text; }
    return node;
  }

  var css = el("link", { rel: "stylesheet", href: base + "widget.css" });
  document.head.appendChild(css);

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
  var help = el("a", { href: "tel:08001111", id: "pf-help",
    "aria-label": "Need help now? Call Childline free on 0800 1111, or 999 in an emergency" },
    "Need help now? Childline 0800 1111 · 999");
  bar.appendChild(person);
  bar.appendChild(help);
  var privacy = el("div", { "class": "pf-privacy", role: "note" });
  privacy.appendChild(el("p", {}, "Before you start: we keep this chat for up to 12 months so staff can help you. " +
    "Staff at your school only read it if you ask for a person, or if we're worried you might not be safe. " +
    "Please don't type your full name, address or phone number."));
  var okay = el("button", { type: "button", id: "pf-privacy-ok" }, "OK, got it");
  privacy.appendChild(okay);
  var log = el("ol", { "class": "pf-log", role: "log", "aria-live": "polite", "aria-label": "Messages" });
  var status = el("p", { "class": "pf-status", role: "status", "aria-live": "assertive" });
  var form = el("form", { "class": "pf-form" });
  var label = el("label", { "for": "pf-input" }, "Type your message");
  var input = el("input", { id: "pf-input", type: "text", autocomplete: "off", maxlength: "2000" });
  var send = el("button", { type: "submit" }, "Send");
  form.appendChild(label); form.appendChild(input); form.appendChild(send);
  [head, bar, privacy, log, status, form].forEach(function (n) { panel.appendChild(n); });
  document.body.appendChild(launcher);
  document.body.appendChild(panel);
  if (store.get("privacy") === "seen") { privacy.hidden = true; }

  var history = [];
  try { history = JSON.parse(store.get("history") || "[]"); } catch (e) { history = []; }

  function remember(entry) {
    history.push(entry);
    history = history.slice(-60);
    store.set("history", JSON.stringify(history));
  }

  function addMessage(who, text, buttons, replay) {
    var item = el("li", { "class": "pf-msg " + (who === "me" ? "pf-me" : "pf-bot") });
    item.appendChild(el("span", { "class": "pf-who", hidden: "hidden" }, who === "me" ? "You said: " : "Pathfinder said: "));
    item.appendChild(document.createTextNode(text || ""));
    log.appendChild(item);
    if (buttons && buttons.length) {
      var group = el("li", { "class": "pf-buttons", role: "group", "aria-label": "Suggested replies" });
      buttons.forEach(function (b) {
        var button = el("button", { type: "button" }, b.title);
        button.addEventListener("click", function () { sendMessage(b.payload, b.title); });
        group.appendChild(button);
      });
      log.appendChild(group);
    }
    log.scrollTop = log.scrollHeight;
    if (!replay) { remember({ who: who, text: text, buttons: buttons || [] }); }
  }
  history.forEach(function (h) { addMessage(h.who, h.text, h.buttons, true); });

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
    socket = io(rasaUrl, { path: "/socket.io", transports: ["websocket", "polling"], reconnectionAttempts: 5 });
    socket.on("connect", function () {
      socket.emit("session_request", { session_id: store.get("session") });
      if (status.className.indexOf("pf-error") >= 0) { setStatus(""); }
    });
    socket.on("session_confirm", function (data) {
      var id = (data && data.session_id) || data;
      if (id) { store.set("session", id); }
      if (!history.length) { sendMessage("/greet", null); }
    });
    socket.on("bot_uttered", function (data) {
      clearTimeout(waiting);
      setStatus("");
      var buttons = data.buttons || data.quick_replies || [];
      addMessage("bot", data.text || "", buttons);
    });
    socket.on("connect_error", function () { if (waiting !== null) { clearTimeout(waiting); waiting = null; } unreachable(); });
  }

  function sendMessage(text, shown) {
    if (!socket || !socket.connected) { unreachable(); return false; }
    if (shown !== null) { addMessage("me", shown || text); }
    socket.emit("user_uttered", { message: text, session_id: store.get("session"), metadata: { school_id: school } });
    setStatus("Pathfinder is typing…");
    clearTimeout(waiting);
    waiting = setTimeout(unreachable, 30000);
    return true;
  }

  function open() {
    panel.hidden = false;
    launcher.setAttribute("aria-expanded", "true");
    if (!privacy.hidden) { okay.focus(); } else { input.focus(); }
    if (typeof io === "undefined") {
      var sio = el("script", { src: base + "vendor/socket.io.min.js" });
      sio.onload = connect;
      sio.onerror = unreachable;
      document.head.appendChild(sio);
    } else { connect(); }
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
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    var text = input.value.trim();
    if (!text) { return; }
    if (sendMessage(text)) { input.value = ""; }
  });
})();
