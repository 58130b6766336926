/**
 * The subject-access export as a download: a form post (never a GET a
 * browser might prefetch), the policy first, then the form (format, and the
 * PDF's language), then the export, which is audited.
 */
import { error } from '@sveltejs/kit';
import { z } from 'zod';
import { locales } from '#lib/paraglide/runtime.js';
import { readForm } from '#lib/server/http/form.ts';
import { checkFolder } from '#lib/server/support/folders.ts';
import { folderLoad } from '#lib/server/support/route.ts';
import { exportSubject } from '#lib/server/support/subject-export.ts';
import { subjectPdf } from '#lib/server/support/subject-pdf.ts';
import type { RequestHandler } from './$types';

const downloadForm = z.object({
	format: z.enum(['json', 'pdf'], { error: 'privacy_export_format_invalid' }),
	locale: z
		.string()
		.optional()
		.refine((l) => l === undefined || l === '' || (locales as readonly string[]).includes(l), { error: 'privacy_export_language_invalid' })
});

export const POST: RequestHandler = async (event) =>
	folderLoad(event, async (ctx) => {
		const personId = event.params.personId;
		await checkFolder(ctx, 'folder.export', personId);
		const form = await readForm(event.request, downloadForm);
		if (!form.ok) error(form.status, Object.values(form.errors)[0] ?? form.message);
		const locale = form.data.locale || ctx.locale;
		const data = await exportSubject(ctx, personId, form.data.format, locale);
		const name = `convive-folder-${personId}`;
		const headers = { 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' };
		if (form.data.format === 'json') {
			return new Response(JSON.stringify(data, null, 2), {
				headers: { ...headers, 'content-type': 'application/json; charset=utf-8', 'content-disposition': `attachment; filename="${name}.json"` }
			});
		}
		const pdf = await subjectPdf(data, locale as (typeof locales)[number]);
		return new Response(pdf, { headers: { ...headers, 'content-type': 'application/pdf', 'content-disposition': `attachment; filename="${name}.pdf"` } });
	});

