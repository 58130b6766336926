/* Convive offline page: shows the copy of the directory saved on this device
   (by /sw.js), and says clearly that it is a saved copy and from when. */
(function () {
	'use strict';
	var app = document.getElementById('offline-app');
	if (!app) return;
	var lang = app.getAttribute('data-locale') || document.documentElement.lang || 'en';
	var url = '/offline/directory.json?locale=' + lang;
	var list = document.getElementById('offline-list');
	var need = document.getElementById('offline-need');
	var q = document.getElementById('offline-q');
	var services = [];
	app.hidden = false;

	function saved() {
		if (!('caches' in window)) return Promise.resolve(null);
		return caches.match(url).then(function (hit) {
			if (hit) return hit;
			// Nothing saved yet: fetch it now (the service worker keeps it) if there is a network.
			return fetch(url)
				.then(function (res) {
					if (!res.ok) return null;
					var copy = res.clone();
					return caches.open('convive-data-v1').then(function (c) {
						return c.put(url, copy).then(function () {
							return res;
						});
					});
				})
				.catch(function () {
					return null;
				});
		});
	}

	function when(iso) {
		try {
			return new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Rome' }).format(new Date(iso));
		} catch (e) {
			return iso.slice(0, 16).replace('T', ' ');
		}
	}

	function mark(e, l) {
		if (l) {
			e.lang = l;
			e.dir = l === 'ar' || l === 'fa' ? 'rtl' : 'ltr';
		}
		return e;
	}

	function el(tag, text, cls) {
		var e = document.createElement(tag);
		if (text) e.textContent = text;
		if (cls) e.className = cls;
		return e;
	}

	var dayFmt;
	try {
		dayFmt = new Intl.DateTimeFormat(lang, { weekday: 'short', timeZone: 'UTC' });
	} catch (e) {
		dayFmt = new Intl.DateTimeFormat('en', { weekday: 'short', timeZone: 'UTC' });
	}
	function day(n) {
		return dayFmt.format(new Date(Date.UTC(2026, 0, 4 + n, 12)));
	}

	function render() {
		var code = need.value;
		var words = q.value.trim().toLowerCase();
		list.textContent = '';
		services.forEach(function (s) {
			if (code && (!s.nd || s.nd.indexOf(code) < 0)) return;
			if (words && (s.n + ' ' + (s.d || '')).toLowerCase().indexOf(words) < 0) return;
			var li = el('li');
			var h = el('h2');
			var a = mark(el('a', s.n), s.nl);
			a.href = '/services/' + s.id;
			h.appendChild(a);
			li.appendChild(h);
			if (s.d) li.appendChild(mark(el('p', s.d), s.dl));
			if (s.a || s.nb) li.appendChild(el('p', [s.a, s.nb].filter(Boolean).join(' · ')));
			if (s.h) {
				// Each day isolated, so times read right in right-to-left pages.
				var hours = el('p');
				s.h.forEach(function (x, i) {
					if (i) hours.appendChild(document.createTextNode(' · '));
					hours.appendChild(el('bdi', day(x[0]) + ' ' + x[1] + '–' + x[2]));
				});
				li.appendChild(hours);
			}
			if (s.p) {
				var t = el('a', s.p, 'tel');
				t.href = 'tel:' + s.p.replace(/[^0-9+]/g, '');
				t.dir = 'ltr';
				li.appendChild(t);
			}
			list.appendChild(li);
		});
	}

	saved()
		.then(function (res) {
			return res ? res.json() : null;
		})
		.catch(function () {
			return null;
		})
		.then(function (data) {
			if (!data || !data.services) {
				document.getElementById('offline-empty').hidden = false;
				return;
			}
			services = data.services;
			var template = app.getAttribute(navigator.onLine ? 'data-saved' : 'data-offline') || '';
			var text = template.replace('{date}', when(data.savedAt));
			var notice = document.getElementById('offline-notice');
			notice.querySelector("p").textContent = text;
			notice.hidden = false;
			// The worker marks a saved page too; one notice is enough.
			var other = document.querySelector('[data-offline-copy]');
			if (other) other.remove();
			document.getElementById('offline-filters').hidden = false;
			need.addEventListener('change', render);
			q.addEventListener('input', render);
			render();
		});
})();
