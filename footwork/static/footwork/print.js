// The handout's "Print this page" button (a script file: the Content-Security-Policy runs no inline code).
document.querySelectorAll("[data-print]").forEach((button) => button.addEventListener("click", () => window.print()));
