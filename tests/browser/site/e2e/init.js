// Runs first on the end-to-end pages: what the held-back scripts record.
window.__order = [];
