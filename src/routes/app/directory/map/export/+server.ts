import { error } from '@sveltejs/kit';
import { m } from '#lib/paraglide/messages.js';
import { authorize, audit, requireUser } from '#lib/server/http/guard.ts';
import { ctxFrom } from '#lib/server/context.ts';
import { refusalError } from '#lib/server/http/refusal.ts';
import { ecosystemMap, mapCsv, mapXlsx, parseMapFilters } from '#lib/server/directory/map.ts';
import type { RequestHandler } from './$types';

/** The map's current view as CSV or XLSX (formulas neutralised). */
export const GET: RequestHandler = async (event) => {
	requireUser(event);
	await authorize(event, 'directory.map.view');
	const format = event.url.searchParams.get('format');
	if (format !== 'csv' && format !== 'xlsx') error(400, m.error_bad_request());
	const ctx = await ctxFrom(event);
	const filters = parseMapFilters(event.url.searchParams);
	let table: Awaited<ReturnType<typeof ecosystemMap>>;
	try {
		table = await ecosystemMap(ctx, filters, ctx.locale);
	} catch (err) {
		refusalError(err);
	}
	const labels = { need: m.directory_map_need(), total: m.directory_map_total() };
	const stamp = new Date().toISOString().slice(0, 10);
	const name = `ecosystem-map-${filters.view}-${stamp}`;
	await audit(event, { action: 'directory.map.exported', resourceType: 'platform', details: { format, view: filters.view, feature: filters.feature, language: filters.language } });
	const headers = { 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' };
	if (format === 'csv') {
		return new Response('\ufeff' + mapCsv(table, labels), {
			headers: { ...headers, 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${name}.csv"` }
		});
	}
	const body = await mapXlsx(table, labels, m.directory_map_sheet());
	return new Response(new Uint8Array(body), {
		headers: {
			...headers,
			'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
			'content-disposition': `attachment; filename="${name}.xlsx"`
		}
	});
};
