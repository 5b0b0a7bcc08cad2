// Frames the site from another site (localhost frames 127.0.0.1).
var f = document.createElement('iframe');
f.id = 'embedded';
f.title = 'Embedded page';
f.width = '600';
f.height = '400';
f.src = 'http://127.0.0.1:' + location.port + '/index.html';
document.body.appendChild(f);
