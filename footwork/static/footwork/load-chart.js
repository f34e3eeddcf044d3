// The running-load page: weekly distance bars with daily morning pain on one day axis, the ratios, fitness/fatigue/form.
// Weekly distances come in the runner's units (km or mi), named by distance_unit.
(function () {
  const source = document.getElementById("load-data");
  if (!source || typeof Chart === "undefined") return;
  const data = JSON.parse(source.textContent);
  const days = data.days;
  const index = Object.fromEntries(days.map((day, i) => [day, i]));
  const labels = data.labels || days;
  const dayTick = { callback: (value) => labels[Math.round(value)] || "", maxTicksLimit: 8 };
  const line = (label, values, colour, extra) => Object.assign(
    { type: "line", label, data: values, borderColor: colour, backgroundColor: colour, spanGaps: true, tension: 0.2, pointRadius: 0 },
    extra || {},
  );
  const weeklyCanvas = document.getElementById("load-weekly");
  if (weeklyCanvas) {
    // A week's bar sits in the middle of its seven days, so the bars and the daily pain share one axis.
    const bars = data.weekly
      .filter((week) => index[week.start] !== undefined)
      .map((week) => ({ x: index[week.start] + 3, y: week.distance }));
    new Chart(weeklyCanvas, {
      data: {
        datasets: [
          { type: "bar", label: `${data.distance_unit} per week`, data: bars, backgroundColor: "#8cc9b0", yAxisID: "distance" },
          line("Morning pain", data.pain.map((value, i) => (value === null ? null : { x: i, y: value })).filter(Boolean), "#8a1c12", { yAxisID: "pain", pointRadius: 2 }),
        ],
      },
      options: {
        animation: false,
        scales: {
          x: { type: "linear", min: -0.5, max: days.length - 0.5, ticks: dayTick },
          distance: { position: "left", beginAtZero: true, title: { display: true, text: data.distance_unit } },
          pain: { position: "right", min: 0, max: 10, grid: { drawOnChartArea: false }, title: { display: true, text: "Pain 0-10" } },
        },
      },
    });
  }
  const daily = (key) => data.daily.map((row) => row[key]);
  const lineChart = (id, datasets, y) => {
    const canvas = document.getElementById(id);
    if (canvas) new Chart(canvas, { type: "line", data: { labels, datasets }, options: { animation: false, scales: { y } } });
  };
  lineChart("load-acwr", [
    line("EWMA", daily("acwr_ewma"), "#0b6e4f"),
    line("Uncoupled", daily("acwr_uncoupled"), "#b35c00"),
    line("Rolling", daily("acwr_rolling"), "#6b7280"),
  ], { beginAtZero: true, title: { display: true, text: "ratio" } });
  lineChart("load-form", [
    line("Fitness", daily("fitness"), "#0b6e4f"),
    line("Fatigue", daily("fatigue"), "#8a1c12"),
    line("Form", daily("form"), "#1d4ed8"),
  ], { title: { display: true, text: "load (RPE × min)" } });
  // Tells whoever waits for the charts (a browser test, say) that they are drawn.
  document.documentElement.dataset.loadCharts = "drawn";
})();
