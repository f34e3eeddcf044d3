// The runs page: drop activity files anywhere on the upload box to choose them.
(function () {
  const drop = document.getElementById("upload-drop");
  const input = document.getElementById("upload-files");
  if (!drop || !input) return;
  ["dragenter", "dragover"].forEach((name) => drop.addEventListener(name, (event) => { event.preventDefault(); drop.classList.add("dragging"); }));
  ["dragleave", "drop"].forEach((name) => drop.addEventListener(name, () => drop.classList.remove("dragging")));
  drop.addEventListener("drop", (event) => {
    event.preventDefault();
    if (event.dataTransfer && event.dataTransfer.files.length) input.files = event.dataTransfer.files;
  });
})();
