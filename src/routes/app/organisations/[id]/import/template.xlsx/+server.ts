import { m } from '#lib/paraglide/messages.js';
import { orgGate } from '#lib/server/http/org-route.ts';
import { MAX_ROWS } from '#lib/server/directory/import/index.ts';
import { templateXlsx } from '#lib/server/directory/import/template.ts';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (event) => {
	const { ctx } = await orgGate(event, 'directory.import');
	const body = await templateXlsx(ctx.locale, {
		readme: [
			m.exchange_readme_title(),
			m.exchange_readme_sheets(),
			m.exchange_readme_ids(),
			m.exchange_readme_codes(),
			m.exchange_readme_hours(),
			m.exchange_readme_locales(),
			m.exchange_readme_limits({ max: MAX_ROWS })
		],
		codeHeader: [m.exchange_codes_code(), m.exchange_codes_list(), m.exchange_codes_name()]
	});
	return new Response(new Uint8Array(body), {
		headers: {
			'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
			'content-disposition': 'attachment; filename="convive-import-template.xlsx"',
			'cache-control': 'private, no-store'
		}
	});
};
