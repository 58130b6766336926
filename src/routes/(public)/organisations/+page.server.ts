import { organisationTypes, type OrganisationType } from '#lib/server/db/schema/index.ts';
import { authorize } from '#lib/server/http/guard.ts';
import { getDb } from '#lib/server/db/index.ts';
import { listPublicOrganisations } from '#lib/server/organisations/organisations.ts';
import type { PageServerLoad } from './$types';

function pageParam(v: string | null): number {
	const n = v && /^\d{1,6}$/.test(v) ? Number(v) : 1;
	return n >= 1 ? n : 1;
}

export const load: PageServerLoad = async (event) => {
	await authorize(event, 'organisation.list');
	const sp = event.url.searchParams;
	const rawType = sp.get('type') ?? '';
	const type = (organisationTypes as readonly string[]).includes(rawType) ? (rawType as OrganisationType) : null;
	const q = (sp.get('q') ?? '').replace(/[\u0000-\u001f\u007f]/g, '').slice(0, 100);
	const result = await listPublicOrganisations(await getDb(), { type, q, page: pageParam(sp.get('page')) });
	return { ...result, type, q };
};
