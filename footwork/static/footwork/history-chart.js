// Draws the left/right history chart of one exercise from the JSON the page embeds.
(function () {
  const data = JSON.parse(document.getElementById("history-data").textContent);
  const canvas = document.getElementById("history-chart");
  if (!canvas || typeof Chart === "undefined") return;
  const series = [
    ["Left", data.left, "#0b6e4f"],
    ["Right", data.right, "#b35c00"],
    ["Both", data.both, "#5b6675"],
  ].filter(([, values]) => values.some((value) => value !== null));
  new Chart(canvas, {
    type: "line",
    data: {
      labels: data.labels,
      datasets: series.map(([label, values, colour]) => ({
        label, data: values, borderColor: colour, backgroundColor: colour, spanGaps: true, tension: 0.2,
      })),
    },
    options: { animation: false, scales: { y: { beginAtZero: true, title: { display: true, text: data.metric } } } },
  });
})();
