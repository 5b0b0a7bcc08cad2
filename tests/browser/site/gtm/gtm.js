// Stands in for www.googletagmanager.com/gtm.js (loaded by the published
// snippet): a marker, and the _ga cookie Google Analytics writes from the
// page.
window.__gtmRan = true;
window.__order.push('gtm');
document.cookie = '_ga=GA1.1.987654321.1700000001; Path=/; Max-Age=34128000; SameSite=Lax';
