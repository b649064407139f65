/* global document, Chart */
// Draws the Insights charts from JSON in a data attribute: the CSP forbids inline script, and
// the numbers are already on the page as figures and tables (the charts only picture them).
const COLOURS = ['#4c6ef5', '#e8590c', '#2f9e44', '#ae3ec9', '#1098ad'];

function draw(root, definition, labels) {
  const box = document.createElement('div');
  box.className = 'insight-chart';
  const title = document.createElement('h3');
  title.textContent = definition.title;
  const canvas = document.createElement('canvas');
  canvas.setAttribute('data-chart', definition.id);
  canvas.setAttribute('role', 'img');
  canvas.setAttribute('aria-label', definition.title);
  // A fixed-height frame: a responsive chart without an aspect ratio takes its parent's height.
  const frame = document.createElement('div');
  frame.className = 'insight-chart-frame';
  frame.append(canvas);
  box.append(title, frame);
  root.append(box);
  new Chart(canvas, {
    type: definition.type,
    data: {
      labels,
      datasets: definition.datasets.map((set, i) => ({
        ...set,
        backgroundColor: COLOURS[i % COLOURS.length],
        borderColor: COLOURS[i % COLOURS.length],
      })),
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      plugins: { legend: { display: definition.datasets.length > 1 } },
      scales: { y: { beginAtZero: true, ticks: { precision: 0 } } },
    },
  });
}

document.addEventListener('DOMContentLoaded', () => {
  for (const root of document.querySelectorAll('[data-chart-root]')) {
    const source = document.getElementById(root.getAttribute('data-chart-root'));
    if (!source || typeof Chart === 'undefined') continue;
    const spec = JSON.parse(source.getAttribute('data-trends') || source.getAttribute('data-chart') || '{}');
    for (const definition of spec.charts || []) draw(root, definition, spec.labels || []);
  }
});
