/* Pathfinder widget: draws a bot message's chart payload as an accessible SVG bar chart (no library).
 *   {"chart": {"title": str, "unit": str, "bars": [{"label": str, "value": number}], "summary": str, "source": str}}
 * Horizontal bars from a zero baseline (negative values go left), each value printed beside its bar with its sign,
 * the SVG named by the title and summary (role="img"), and the figures again in a table for screen readers.
 * Loaded by embed.js; defines window.PathfinderChart.render(chart, idPrefix) -> element, or null for a bad payload. */
(function () {
  "use strict";
  var SVG = "http://www.w3.org/2000/svg";
  var WIDTH = 220;            // viewBox units; the SVG scales to the message's width (about 240px at 320px wide)
  var FONT = 13;
  var CHAR = 7.3;             // rough width of one character at FONT (generous: fonts differ)
  var BOLD_CHAR = 8.4;
  var LINE = 16;
  var BAR = 14;
  var GAP = 10;
  var MAX_BARS = 20;
  var UP = "#00437a";         // 10:1 on white
  var DOWN = "#a4000f";       // 7.9:1 on white
  var INK = "#1a1a1a";

  function isText(v) { return typeof v === "string" && v.trim() !== ""; }

  function valid(chart) {
    if (!chart || typeof chart !== "object" || !isText(chart.title) || !isText(chart.summary)) { return false; }
    if (!Array.isArray(chart.bars) || !chart.bars.length || chart.bars.length > MAX_BARS) { return false; }
    return chart.bars.every(function (b) {
      return b && isText(b.label) && typeof b.value === "number" && isFinite(b.value);
    });
  }

  function number(value, signed) {
    var text = Math.abs(value).toLocaleString("en-GB", { maximumFractionDigits: 1 });
    var sign = value < 0 ? "-" : (signed && value > 0 ? "+" : "");
    return sign + text;
  }

  function withUnit(text, unit) {
    if (!unit) { return text; }
    if (unit === "%") { return text + "%"; }
    if (unit === "£") { return text.replace(/^([+-]?)/, "$1£"); }
    return text + " " + unit;
  }

  function wrap(text, width) {
    var lines = [], line = "";
    text.split(/\s+/).forEach(function (word) {
      if (line && (line + " " + word).length > width) { lines.push(line); line = word; }
      else { line = line ? line + " " + word : word; }
    });
    if (line) { lines.push(line); }
    return lines;
  }

  function svgEl(tag, attrs, text) {
    var node = document.createElementNS(SVG, tag);
    Object.keys(attrs).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  function htmlEl(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  function drawing(chart, labelledBy) {
    var unit = isText(chart.unit) ? chart.unit.trim() : "";
    var values = chart.bars.map(function (b) { return b.value; });
    var signed = values.some(function (v) { return v < 0; });
    var texts = values.map(function (v) { return withUnit(number(v, signed), unit); });
    var valueWidth = Math.max.apply(null, texts.map(function (t) { return t.length; })) * BOLD_CHAR + 6;
    var lo = Math.min(0, Math.min.apply(null, values));
    var hi = Math.max(0, Math.max.apply(null, values));
    if (hi === lo) { hi = lo + 1; }
    var plot = WIDTH - valueWidth - 2;
    function x(v) { return 1 + (v - lo) / (hi - lo) * plot; }
    var zero = x(0);

    var parts = [], y = 0, top = null;
    chart.bars.forEach(function (b, i) {
      wrap(b.label.trim(), Math.floor(WIDTH / CHAR)).forEach(function (line) {
        y += LINE;
        parts.push(svgEl("text", { x: 0, y: y - 3, "font-size": FONT, fill: INK }, line));
      });
      var barTop = y + 2;
      if (top === null) { top = barTop; }
      var left = Math.min(zero, x(b.value)), width = Math.abs(x(b.value) - zero);
      if (width > 0) {
        parts.push(svgEl("rect", { x: left.toFixed(1), y: barTop, width: Math.max(width, 1).toFixed(1), height: BAR,
          fill: b.value < 0 ? DOWN : UP, "class": b.value < 0 ? "pf-bar-down" : "pf-bar-up" }));
      }
      parts.push(svgEl("text", { x: WIDTH, y: barTop + BAR - 3, "font-size": FONT, "font-weight": "bold",
        "text-anchor": "end", fill: b.value < 0 ? DOWN : INK, "class": "pf-value" }, texts[i]));
      y = barTop + BAR + GAP;
    });
    var bottom = y - GAP + 4;
    parts.push(svgEl("line", { x1: zero.toFixed(1), x2: zero.toFixed(1), y1: top - 4, y2: bottom,
      stroke: INK, "stroke-width": 1.5, "class": "pf-baseline" }));
    parts.push(svgEl("text", { x: zero.toFixed(1), y: bottom + FONT, "font-size": FONT - 1, fill: INK,
      "text-anchor": zero < 10 ? "start" : "middle" }, "0"));

    var svg = svgEl("svg", { viewBox: "0 0 " + WIDTH + " " + (bottom + FONT + 3), role: "img",
      "aria-labelledby": labelledBy, focusable: "false", "class": "pf-chart-svg" });
    parts.forEach(function (p) { svg.appendChild(p); });
    return { svg: svg, texts: texts };
  }

  function table(chart, texts) {
    var t = htmlEl("table", { "class": "pf-sr-only" });
    t.appendChild(htmlEl("caption", {}, "The figures in the chart"));
    var head = htmlEl("tr");
    head.appendChild(htmlEl("th", { scope: "col" }, "Group"));
    head.appendChild(htmlEl("th", { scope: "col" }, "Figure"));
    var thead = htmlEl("thead");
    thead.appendChild(head);
    t.appendChild(thead);
    var body = htmlEl("tbody");
    chart.bars.forEach(function (b, i) {
      var row = htmlEl("tr");
      row.appendChild(htmlEl("th", { scope: "row" }, b.label.trim()));
      row.appendChild(htmlEl("td", {}, texts[i]));
      body.appendChild(row);
    });
    t.appendChild(body);
    return t;
  }

  function render(chart, idPrefix) {
    if (!valid(chart)) { return null; }
    var titleId = idPrefix + "-title", summaryId = idPrefix + "-summary";
    var figure = htmlEl("figure", { "class": "pf-chart", "aria-labelledby": titleId });
    figure.appendChild(htmlEl("p", { "class": "pf-chart-title", id: titleId }, chart.title.trim()));
    var drawn = drawing(chart, titleId + " " + summaryId);
    figure.appendChild(drawn.svg);
    figure.appendChild(htmlEl("p", { "class": "pf-chart-summary", id: summaryId }, chart.summary.trim()));
    figure.appendChild(table(chart, drawn.texts));
    if (isText(chart.source)) { figure.appendChild(htmlEl("p", { "class": "pf-chart-source" }, "Source: " + chart.source.trim())); }
    return figure;
  }

  window.PathfinderChart = { render: render, valid: valid };
})();
