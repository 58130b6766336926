/* Convive portal: the only script public pages load, and they work without it.
   1. Keeps a copy of the pages you open for offline reading (service worker).
   2. "Search near me": asks the browser for your position once, on a button press,
      and sends it rounded (about 100 m) with the search. Nothing is stored. */
(function () {
	'use strict';
	var nav = navigator;
	if ('serviceWorker' in nav && location.protocol !== 'file:') {
		nav.serviceWorker.register('/sw.js').catch(function () {});
	}
	if (!('geolocation' in nav)) return;
	var boxes = document.querySelectorAll('[data-near-me]');
	for (var i = 0; i < boxes.length; i++) setUp(boxes[i]);

	function setUp(box) {
		var form = box.closest('form');
		var button = box.querySelector('button');
		var error = box.querySelector('[role="alert"]');
		if (!form || !button) return;
		box.hidden = false;
		button.addEventListener('click', function () {
			button.disabled = true;
			if (error) error.hidden = true;
			nav.geolocation.getCurrentPosition(
				function (pos) {
					put(form, 'lat', pos.coords.latitude.toFixed(3));
					put(form, 'lng', pos.coords.longitude.toFixed(3));
					// A position replaces the neighbourhood choice.
					var nb = form.querySelector('[name="nb"]');
					if (nb) nb.disabled = true;
					form.submit();
				},
				function () {
					button.disabled = false;
					if (error) {
						error.textContent = button.getAttribute('data-error') || '';
						error.hidden = false;
					}
				},
				{ enableHighAccuracy: false, timeout: 15000, maximumAge: 300000 }
			);
		});
	}

	function put(form, name, value) {
		var input = form.querySelector('input[type="hidden"][name="' + name + '"]');
		if (!input) {
			input = document.createElement('input');
			input.type = 'hidden';
			input.name = name;
			form.appendChild(input);
		}
		input.value = value;
	}
})();
