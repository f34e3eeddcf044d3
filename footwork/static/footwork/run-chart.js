// A run's page: pace and heart rate by distance, and the elevation profile, from the stored track.
// Distance and pace come in the runner's units (km or mi), with the words of the axes: distance_unit, pace_unit.
(function () {
  const source = document.getElementById("run-data");
  if (!source || typeof Chart === "undefined") return;
  const data = JSON.parse(source.textContent);
  const points = (values) => data.distance.map((distance, i) => ({ x: distance, y: values[i] })).filter((point) => point.y !== null);
  const clock = (seconds) => `${Math.floor(seconds / 60)}:${String(Math.round(seconds % 60)).padStart(2, "0")}`;
  const x = { type: "linear", title: { display: true, text: data.distance_unit } };
  const pace = document.getElementById("run-pace");
  if (pace) {
    new Chart(pace, {
      type: "line",
      data: { datasets: [
        { label: `Pace (${data.pace_unit})`, data: points(data.pace), borderColor: "#1f6f54", pointRadius: 0, yAxisID: "pace", spanGaps: true },
        { label: "Heart rate", data: points(data.hr), borderColor: "#8a1c12", pointRadius: 0, yAxisID: "hr", spanGaps: true },
      ] },
      options: { animation: false, scales: {
        x,
        pace: { position: "left", reverse: true, ticks: { callback: clock }, title: { display: true, text: data.pace_unit } },
        hr: { position: "right", grid: { drawOnChartArea: false }, title: { display: true, text: "bpm" } },
      } },
    });
  }
  const elevation = document.getElementById("run-elevation");
  if (elevation) {
    new Chart(elevation, {
      type: "line",
      data: { datasets: [{ label: "Altitude (m)", data: points(data.altitude), borderColor: "#6b5b3e", backgroundColor: "#e6dcc7", fill: true, pointRadius: 0 }] },
      options: { animation: false, scales: { x, y: { title: { display: true, text: "m" } } } },
    });
  }
})();
