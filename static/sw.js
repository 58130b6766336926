/* Convive service worker: keeps the public pages a person opened, and a
   compact copy of the directory in their language, for reading offline.
   - Pages: network first; without a network, the saved copy with a notice
     "You are offline: this is a copy saved on <date>" put at the top.
   - Never kept: the workspace, account and sign-in pages, anything sent
     with "no-store" (every page of a signed-in person), and searches that
     carry a position (lat/lng): a position is never stored. */
'use strict';

var PAGES = 'convive-pages-v1';
var DATA = 'convive-data-v1';
var PRIVATE = /^\/(app|account|api|signin|signup|signout|language|invitations|reset-password|forgot-password|verify-email|recover|_app)(\/|$)/;
var DEFAULT_NOTICE = 'You are offline: this is a copy saved on {date}.';

self.addEventListener('install', function (event) {
	self.skipWaiting();
	event.waitUntil(
		Promise.all([
			caches
				.open(PAGES)
				.then(function (c) {
					return c.addAll(['/offline.js', '/portal.js', '/manifest.webmanifest', '/icons/icon.svg']);
				})
				.catch(function () {}),
			fetch('/offline', { credentials: 'same-origin' })
				.then(function (res) {
					// A signed-in person's pages are "no-store": keep the anonymous offline page instead.
					return cacheable(new URL(res.url), res) ? res : fetch('/offline', { credentials: 'omit' });
				})
				.then(function (res) {
					return keepPage(new Request(new URL('/offline', self.location.origin).href), res);
				})
				.catch(function () {})
		])
	);
});

self.addEventListener('activate', function (event) {
	event.waitUntil(
		caches
			.keys()
			.then(function (keys) {
				return Promise.all(
					keys.map(function (k) {
						return k === PAGES || k === DATA ? null : caches.delete(k);
					})
				);
			})
			.then(function () {
				return self.clients.claim();
			})
	);
});

function cacheable(url, res) {
	if (!res || !res.ok || res.type !== 'basic') return false;
	if (/no-store/i.test(res.headers.get('cache-control') || '')) return false;
	if (PRIVATE.test(url.pathname)) return false;
	if (url.searchParams.has('lat') || url.searchParams.has('lng')) return false;
	return true;
}

/** Stores a page with the time it was saved; also saves the directory copy in the page's language. */
function keepPage(request, res) {
	var url = new URL(request.url);
	if (!cacheable(url, res)) return Promise.resolve();
	return res.text().then(function (html) {
		var headers = new Headers(res.headers);
		headers.set('x-convive-saved', new Date().toISOString());
		headers.delete('content-length');
		headers.delete('content-encoding');
		var copy = new Response(html, { status: 200, headers: headers });
		var lang = pageLang(html);
		return caches
			.open(PAGES)
			.then(function (c) {
				return c.put(request, copy).then(function () {
					return trim(c);
				});
			})
			.then(function () {
				return lang ? keepDirectory(lang) : null;
			});
	});
}

/** Keeps the most recent pages only (the cache lists entries oldest first). */
var MAX_PAGES = 60;
function trim(c) {
	return c.keys().then(function (keys) {
		var pages = keys.filter(function (k) {
			return !/\.(js|svg|webmanifest)$/.test(new URL(k.url).pathname) && new URL(k.url).pathname !== '/offline';
		});
		return Promise.all(
			pages.slice(0, Math.max(0, pages.length - MAX_PAGES)).map(function (k) {
				return c.delete(k);
			})
		);
	});
}

function pageLang(html) {
	var m = /<html[^>]*\slang="([a-z]{2,3})"/i.exec(html);
	return m ? m[1] : null;
}

var directoryChecked = {};
/** Fetches the directory copy in a language once per worker start (the offline page refreshes it too). */
function keepDirectory(lang) {
	if (directoryChecked[lang]) return Promise.resolve();
	directoryChecked[lang] = true;
	var url = '/offline/directory.json?locale=' + lang;
	return fetch(url, { credentials: 'omit' })
		.then(function (res) {
			return res.ok
				? caches.open(DATA).then(function (c) {
						return c.put(url, res);
					})
				: null;
		})
		.catch(function () {
			directoryChecked[lang] = false;
		});
}

function escapeHtml(s) {
	return String(s).replace(/[&<>"]/g, function (ch) {
		return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' }[ch];
	});
}

function formatDate(iso, lang) {
	var d = new Date(iso || Date.now());
	try {
		return new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Rome' }).format(d);
	} catch (e) {
		return d.toISOString().slice(0, 16).replace('T', ' ');
	}
}

/** The saved page with the offline notice at the top of its main content. */
function fromCache(cached) {
	return cached.text().then(function (html) {
		var lang = pageLang(html) || 'en';
		return caches
			.open(DATA)
			.then(function (c) {
				return c.match('/offline/directory.json?locale=' + lang);
			})
			.then(function (res) {
				return res ? res.json() : null;
			})
			.catch(function () {
				return null;
			})
			.then(function (dir) {
				var template = (dir && dir.messages && dir.messages.offline) || DEFAULT_NOTICE;
				var text = template.replace('{date}', formatDate(cached.headers.get('x-convive-saved'), lang));
				var banner =
					'<div class="alert alert-warning" role="status" data-offline-copy><div class="alert-body"><p class="alert-title">' +
					escapeHtml(text) +
					'</p></div></div>';
				var marked = html.replace(/(<main\b[^>]*>)/i, '$1' + banner);
				var headers = new Headers(cached.headers);
				headers.set('x-convive-offline', '1');
				return new Response(marked, { status: 200, headers: headers });
			});
	});
}

self.addEventListener('fetch', function (event) {
	var req = event.request;
	if (req.method !== 'GET') return;
	var url = new URL(req.url);
	if (url.origin !== self.location.origin || PRIVATE.test(url.pathname)) return;

	if (req.mode === 'navigate') {
		event.respondWith(
			fetch(req)
				.then(function (res) {
					event.waitUntil(keepPage(req, res.clone()).catch(function () {}));
					return res;
				})
				.catch(function () {
					return caches
						.open(PAGES)
						.then(function (c) {
							return c.match(req).then(function (hit) {
								return hit || c.match('/offline');
							});
						})
						.then(function (hit) {
							return hit ? fromCache(hit) : Response.error();
						});
				})
		);
		return;
	}

	if (url.pathname === '/offline/directory.json') {
		// Network first, keeping the fresh copy; the saved one without a network.
		event.respondWith(networkFirst(event, DATA));
		return;
	}

	// Small static files (scripts, icons, manifest): the network, else a saved copy.
	if (/^\/(portal\.js|offline\.js|favicon\.svg|manifest\.webmanifest|icons\/)/.test(url.pathname)) {
		event.respondWith(networkFirst(event, PAGES));
	}
});

/** The network's answer, kept in `cacheName` when it is good; the kept copy without a network. */
function networkFirst(event, cacheName) {
	var req = event.request;
	return fetch(req)
		.then(function (res) {
			if (res.ok) {
				var copy = res.clone();
				event.waitUntil(
					caches.open(cacheName).then(function (c) {
						return c.put(req, copy);
					})
				);
			}
			return res;
		})
		.catch(function () {
			return caches.match(req).then(function (hit) {
				return hit || Response.error();
			});
		});
}
