// The profile's painful areas: show the filled rows and one empty row; "Add another area" shows the next one.
// Without JavaScript every row is shown, and a row left at "—" is simply no area.
(function () {
  const box = document.getElementById("painful-areas");
  if (!box) return;
  const rows = Array.from(box.querySelectorAll("[data-area-row]"));
  const add = box.querySelector("[data-add-area]");
  const filled = (row) => row.querySelector("select").value !== "" || row.querySelector(".has-error") !== null;
  // The rows are grids, which a `hidden` attribute alone would not hide.
  const show = (row, visible) => { row.style.display = visible ? "" : "none"; };
  const isShown = (row) => row.style.display !== "none";
  const keep = Math.max(1, rows.filter(filled).length);
  rows.forEach((row, index) => show(row, index < keep || filled(row)));
  const refresh = () => { add.hidden = rows.every(isShown); };
  add.addEventListener("click", () => {
    const next = rows.find((row) => !isShown(row));
    if (next) { show(next, true); next.querySelector("select").focus(); }
    refresh();
  });
  refresh();
})();
