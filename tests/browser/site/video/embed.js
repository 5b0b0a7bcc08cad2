// The embedded player tells the page it loaded (same origin in the tests).
window.parent.__videoLoaded = true;
window.parent.__order.push('video');
