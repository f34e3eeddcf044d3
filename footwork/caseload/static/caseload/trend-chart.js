// The runner's symptom trend for their coach: pain during, after and in the morning each day (0-10), and the
// baseline (the median morning pain of the first check-ins) as a flat dashed line.
(function () {
  const source = document.getElementById("trend-data");
  const canvas = document.getElementById("trend-chart");
  if (!source || !canvas || typeof Chart === "undefined") return;
  const data = JSON.parse(source.textContent);
  const line = (label, values, colour, extra) => Object.assign(
    { label, data: values, borderColor: colour, backgroundColor: colour, spanGaps: true, tension: 0.2 },
    extra || {},
  );
  const datasets = [
    line("During", data.during, "#b35c00"),
    line("After", data.after, "#8a1c12"),
    line("Morning", data.morning, "#0b6e4f"),
  ];
  if (data.baseline !== null) {
    datasets.push(line("Baseline", data.labels.map(() => data.baseline), "#6b7280", { borderDash: [6, 4], pointRadius: 0 }));
  }
  new Chart(canvas, {
    type: "line",
    data: { labels: data.labels, datasets },
    options: { animation: false, scales: { y: { min: 0, max: 10, title: { display: true, text: "Pain 0-10" } } } },
  });
  document.documentElement.dataset.trendChart = "drawn";
})();
