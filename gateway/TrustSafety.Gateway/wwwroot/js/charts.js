// @ts-check
import { h, fmt } from "./ui.js";

// Colour-blind-safe palette (Okabe–Ito), dark enough against white for lines and bars.
export const palette = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#7F3C8D"];

function chartLib() {
  if (!window.Chart) throw new Error("The chart library did not load (/lib/chart.js).");
  window.Chart.defaults.color = "#0b0c0c";
  window.Chart.defaults.font.family = "system-ui, sans-serif";
  window.Chart.defaults.animation = false;
  return window.Chart;
}

/**
 * A canvas chart with an accessible name and a text summary for screen readers.
 * @param {string} title
 * @param {string} description
 * @param {ChartConfiguration} config
 */
function canvasFigure(title, description, config) {
  const canvas = h("canvas", { role: "img", "aria-label": `${title}. ${description}` });
  const figure = h("figure", { class: "chart" }, h("figcaption", {}, title), h("div", { class: "chart-box" }, canvas),
    h("p", { class: "chart-note" }, description));
  // Chart.js needs the canvas in the document to size itself.
  queueMicrotask(() => requestAnimationFrame(() => new (chartLib())(canvas, config)));
  return figure;
}

/**
 * One series of a chart: a value per label, null for a gap (a withheld small number). The values are reporting's
 * counts and rates, which it writes as JSON numbers (its schema also allows strings: what .NET accepts on reading).
 * @typedef {{ label: string, values: (number | string | null)[], bold?: boolean, dashed?: boolean }} Series
 */

/**
 * @param {string} title
 * @param {string} description
 * @param {string[]} labels
 * @param {Series[]} series
 */
export function lineChart(title, description, labels, series) {
  return canvasFigure(title, description, {
    type: "line",
    data: {
      labels,
      datasets: series.map((s, i) => ({
        label: s.label, data: /** @type {(number | null)[]} */ (s.values), borderColor: palette[i % palette.length], backgroundColor: palette[i % palette.length],
        spanGaps: false, tension: 0.2, pointRadius: 3, borderWidth: s.bold ? 3 : 2, borderDash: s.dashed ? [6, 4] : undefined,
      })),
    },
    options: {
      maintainAspectRatio: false, interaction: { mode: "index", intersect: false },
      scales: { y: { beginAtZero: true, ticks: { precision: 0 } } },
      plugins: { tooltip: { callbacks: { label: (c) => `${c.dataset.label}: ${c.raw === null ? "<5 or withheld" : c.formattedValue}` } } },
    },
  });
}

/**
 * @param {string} title
 * @param {string} description
 * @param {string[]} labels
 * @param {Series[]} series
 * @param {{ horizontal?: boolean, unit?: string }} [options]
 */
export function barChart(title, description, labels, series, { horizontal = false, unit = "" } = {}) {
  return canvasFigure(title, description, {
    type: "bar",
    data: {
      labels,
      datasets: series.map((s, i) => ({ label: s.label, data: /** @type {(number | null)[]} */ (s.values), backgroundColor: palette[i % palette.length] })),
    },
    options: {
      maintainAspectRatio: false, indexAxis: horizontal ? "y" : "x",
      scales: { [horizontal ? "x" : "y"]: { beginAtZero: true, title: { display: !!unit, text: unit } } },
      plugins: { tooltip: { callbacks: { label: (c) => `${c.dataset.label}: ${c.raw === null ? "withheld (small number)" : fmt.number(c.raw, 2)}` } } },
    },
  });
}

/**
 * A school × category heat map as a table (readable by screen readers and keyboard), shaded by count;
 * suppressed cells keep their published mark ("<5" or "*") and a hatched background.
 * @template {{ label: string }} R
 * @template {{ label: string }} C
 * @param {string} caption
 * @param {R[]} rows
 * @param {C[]} columns
 * @param {(row: R, column: C) => import("../../../../web/types/reporting").components["schemas"]["Count"] | undefined} cellOf reporting's count
 */
export function heatMap(caption, rows, columns, cellOf) {
  let max = 0;
  for (const r of rows) for (const c of columns) max = Math.max(max, Number(cellOf(r, c)?.value ?? 0));
  const shade = (v) => {
    if (!v) return "#ffffff";
    const t = Math.min(1, v / (max || 1));
    const light = 96 - Math.round(t * 58);
    return `hsl(205 70% ${light}%)`;
  };
  return h("div", { class: "table-wrap", tabindex: "0", role: "region", "aria-label": caption },
    h("table", { class: "heatmap" },
      h("caption", {}, caption),
      h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "School"),
        columns.map((c) => h("th", { scope: "col" }, h("span", {}, c.label))))),
      h("tbody", {}, rows.map((r) => h("tr", {}, h("th", { scope: "row" }, r.label), columns.map((c) => {
        const cell = cellOf(r, c);
        const suppressed = cell && cell.value === null;
        const v = Number(cell?.value ?? 0);
        const dark = v > 0 && v / (max || 1) > 0.55;
        return h("td", {
          class: `num ${suppressed ? "suppressed" : ""}`,
          style: suppressed ? undefined : `background:${shade(v)};color:${dark ? "#fff" : "#0b0c0c"}`,
          title: suppressed ? "Small number withheld" : undefined,
        }, cell?.display ?? "0");
      }))))));
}
