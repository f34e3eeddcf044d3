// Test result bars: widths and norm positions come as data attributes and are set here, because the
// Content-Security-Policy refuses inline style attributes (styles set from a script file are allowed).
document.querySelectorAll("[data-width]").forEach((node) => { node.style.width = `${node.dataset.width}%`; });
document.querySelectorAll("[data-left]").forEach((node) => { node.style.left = `${node.dataset.left}%`; });
