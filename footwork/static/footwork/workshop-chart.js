// A workshop's median adherence each week, over its participants (weeks over fewer than 5 are left out).
(function () {
  const source = document.getElementById("workshop-chart-data");
  const canvas = document.getElementById("workshop-chart");
  if (!source || !canvas || typeof Chart === "undefined") return;
  const data = JSON.parse(source.textContent);
  new Chart(canvas, {
    type: "bar",
    data: {
      labels: data.weeks.map((week) => `Week ${week.week}`),
      datasets: [{ label: "Median sessions done (%)", data: data.weeks.map((week) => week.median), backgroundColor: "#0b6e4f" }],
    },
    options: { animation: false, scales: { y: { min: 0, max: 100, title: { display: true, text: "%" } } } },
  });
})();
