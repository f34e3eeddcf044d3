// The weekly review chart: pain during, after and in the morning, one point a day (0-10).
(function () {
  const data = JSON.parse(document.getElementById("review-data").textContent);
  const canvas = document.getElementById("review-chart");
  if (!canvas || typeof Chart === "undefined") return;
  const line = (label, values, colour) => ({ label, data: values, borderColor: colour, backgroundColor: colour, spanGaps: true, tension: 0.2 });
  new Chart(canvas, {
    type: "line",
    data: {
      labels: data.labels,
      datasets: [line("During", data.during, "#b35c00"), line("After", data.after, "#8a1c12"), line("Morning", data.morning, "#0b6e4f")],
    },
    options: { animation: false, scales: { y: { min: 0, max: 10, title: { display: true, text: "Pain 0-10" } } } },
  });
})();
