/* A local stand-in for Matomo's matomo.js, for the demo: it does what a real
   tracker does that matters here (sets its _pk_id / _pk_ses cookies) and
   shows that it ran. It runs once even if loaded twice (the published
   snippet inserts it too). */
(function () {
    'use strict';
    if (window.ccDemoMatomoLoaded) {
        return;
    }
    window.ccDemoMatomoLoaded = true;
    var visitor = Math.random().toString(16).slice(2, 18);
    var now = Math.floor(Date.now() / 1000);
    document.cookie = '_pk_id.1.abcd=' + visitor + '.' + now + '.; path=/; max-age=33696000; SameSite=Lax';
    document.cookie = '_pk_ses.1.abcd=1; path=/; max-age=1800; SameSite=Lax';
    function show() {
        var box = document.getElementById('matomo-status');
        if (box) {
            box.className = 'loaded';
            box.textContent = 'Statistics are running: the tracker loaded and set its _pk_id and _pk_ses cookies.';
        }
    }
    if (document.readyState === 'loading') {
        document.addEventListener('DOMContentLoaded', show);
    } else {
        show();
    }
}());
