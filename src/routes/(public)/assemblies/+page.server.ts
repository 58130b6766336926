import { authorize } from '#lib/server/http/guard.ts';
import { listAssemblies } from '#lib/server/assemblies/assemblies.ts';
import { assembliesLoad, when } from '#lib/server/assemblies/route.ts';
import type { PageServerLoad } from './$types';

/** Every assembly, with its member count and next meeting: public. */
export const load: PageServerLoad = async (event) => {
	await authorize(event, 'assemblies.view');
	return assembliesLoad(event, async (ctx) => {
		const rows = await listAssemblies(ctx);
		return {
			assemblies: rows.map((a) => ({
				id: a.id,
				kind: a.kind,
				name: a.name,
				description: a.description.length > 240 ? `${a.description.slice(0, 239)}…` : a.description,
				translated: a.translated,
				place: a.neighbourhoodName ?? a.theme,
				languages: a.languages,
				joinRule: a.joinRule,
				members: a.members,
				next: a.nextMeeting ? when(a.nextMeeting, a.nextMeeting, ctx.locale).replace(/–.*$/, '') : null
			}))
		};
	});
};
