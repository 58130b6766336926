import { error } from '@sveltejs/kit';
import QRCode from 'qrcode';
import { m } from '#lib/paraglide/messages.js';
import { authorize } from '#lib/server/http/guard.ts';
import { getDb } from '#lib/server/db/index.ts';
import { publicService, serviceView } from '#lib/server/directory/portal.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	await authorize(event, 'directory.view');
	const record = await publicService(await getDb(), event.params.id);
	if (!record) error(404, m.error_not_found_title());
	const target = new URL(`/services/${record.service.id}`, event.url.origin).href;
	// Drawn on the server as SVG: no script, sharp on paper, readable by any phone camera.
	const qr = await QRCode.toString(target, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
	return { service: serviceView(record, event.locals.locale), target, qr };
};
