// A script from a declared host path (/matomo/ is in statistics' hosts),
// placed between the Matomo and the Google Tag Manager snippets: it records
// which of them ran before it.
window.__heatmapRan = true;
window.__order.push('heatmap');
window.__heatmapSaw = {
    paq: Array.isArray(window._paq),
    dataLayer: Array.isArray(window.dataLayer),
};
