// Stands in for Matomo's matomo.js (loaded by the published snippet): a
// marker, and the session cookie the real tracker writes from the page.
window.__matomoRan = true;
window.__order.push('matomo');
document.cookie = '_pk_ses.1.abcd=1; Path=/; Max-Age=1800; SameSite=Lax';
