/** The two downloads of the export page: same records, two formats; both audited. */
import type { RequestEvent } from '@sveltejs/kit';
import { orgGate } from '#lib/server/http/org-route.ts';
import { audit } from '#lib/server/http/guard.ts';
import { organisationRecords, tablesToXlsx, tablesToZip, toTables } from '#lib/server/directory/export.ts';

export async function exportDownload(event: RequestEvent, format: 'zip' | 'xlsx'): Promise<Response> {
	const { ctx, org } = await orgGate(event, 'directory.export');
	const records = await organisationRecords(ctx.db, org.id);
	const tables = toTables(records);
	const body = format === 'zip' ? tablesToZip(tables) : new Uint8Array(await tablesToXlsx(tables));
	await audit(event, { action: 'directory.export', resourceType: 'organisation', resourceId: org.id, details: { format, services: records.length } });
	const name = `${org.slug}-services.${format}`;
	return new Response(Buffer.from(body), {
		headers: {
			'content-type': format === 'zip' ? 'application/zip' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
			'content-disposition': `attachment; filename="${name}"`,
			'cache-control': 'private, no-store'
		}
	});
}
