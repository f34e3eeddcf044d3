// Test and questionnaire history charts: left and right over time, with the norm as a dashed line.
(function () {
  const data = JSON.parse(document.getElementById("history-series").textContent);
  if (typeof Chart === "undefined") return;
  document.querySelectorAll("canvas.history-chart").forEach((canvas) => {
    const chart = data[canvas.dataset.kind][Number(canvas.dataset.index)];
    const labels = chart.points.map((point) => point.label || point.date);
    const datasets = canvas.dataset.kind === "tests"
      ? [
          { label: "Left", data: chart.points.map((p) => p.left), borderColor: "#0b6e4f", backgroundColor: "#0b6e4f" },
          { label: "Right", data: chart.points.map((p) => p.right), borderColor: "#b35c00", backgroundColor: "#b35c00" },
        ]
      : [{ label: "Score", data: chart.points.map((p) => p.score), borderColor: "#0b6e4f", backgroundColor: "#0b6e4f" }];
    if (chart.norm) {
      datasets.push({ label: "Norm", data: labels.map(() => chart.norm), borderColor: "#5b6675", borderDash: [6, 4], pointRadius: 0 });
    }
    new Chart(canvas, {
      type: "line",
      data: { labels, datasets: datasets.map((set) => ({ spanGaps: true, tension: 0.2, ...set })) },
      options: { animation: false, scales: { y: { beginAtZero: true, suggestedMax: chart.max } } },
    });
  });
})();
