import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import { m } from '#lib/paraglide/messages.js';
import { authorize, requireUser } from '#lib/server/http/guard.ts';
import { readForm } from '#lib/server/http/form.ts';
import { formUseCase, loadUseCase } from '#lib/server/http/use-case.ts';
import { ctxFrom } from '#lib/server/context.ts';
import { markRead, myNotifications, myPreferences, savePreferences } from '#lib/server/notifications/index.ts';
import { preferencesFrom } from '#lib/server/cocreation/schemas.ts';
import { cityMoment } from '#lib/server/city-time.ts';
import { emailModes } from '#lib/server/db/schema/index.ts';
import type { Actions, PageServerLoad } from './$types';

/** One's notifications (newest first) and, for each kind, in the app or not and by e-mail at once, daily or never. */
export const load: PageServerLoad = async (event) => {
	requireUser(event);
	await authorize(event, 'notifications.self');
	return loadUseCase(event, async (ctx) => {
		const [list, prefs] = await Promise.all([myNotifications(ctx, 100), myPreferences(ctx)]);
		return { items: list.items.map((n) => ({ ...n, createdAt: cityMoment(n.createdAt, ctx.locale) })), unread: list.unread, prefs, modes: emailModes };
	});
};

const readAll = z.object({ id: z.uuid({ error: 'field_invalid_choice' }).optional() });

export const actions: Actions = {
	read: async (event) => {
		requireUser(event);
		await authorize(event, 'notifications.self');
		return formUseCase(event, 'read', readAll, (ctx, d) => markRead(ctx, d.id ? [d.id] : []), () => m.notifications_marked_read());
	},
	preferences: async (event) => {
		requireUser(event);
		await authorize(event, 'notifications.self');
		const form = await readForm(event.request, z.record(z.string(), z.string()));
		if (!form.ok) return fail(form.status, { section: 'preferences', message: form.message, errors: form.errors });
		const prefs = preferencesFrom(form.values);
		if (!prefs) return fail(400, { section: 'preferences', message: m.field_invalid_choice(), errors: {} });
		await savePreferences(await ctxFrom(event), prefs);
		return { section: 'preferences', success: m.notifications_saved() };
	}
};
