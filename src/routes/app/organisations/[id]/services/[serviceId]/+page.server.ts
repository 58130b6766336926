import { fail, redirect, type RequestEvent } from '@sveltejs/kit';
import type { z } from 'zod';
import { m } from '#lib/paraglide/messages.js';
import { orgGate } from '#lib/server/http/org-route.ts';
import { readForm } from '#lib/server/http/form.ts';
import { refusalError } from '#lib/server/http/refusal.ts';
import { directoryFail } from '#lib/server/directory/route.ts';
import {
	addLocaleForm,
	areaForm,
	contactForm,
	costForm,
	documentForm,
	editServiceForm,
	exceptionForm,
	itemForm,
	localesWithText,
	phoneForm,
	serviceMulti,
	versionForm,
	weeklyHoursForm
} from '#lib/server/directory/schemas.ts';
import {
	addArea,
	addContact,
	addCost,
	addDocument,
	addException,
	addPhone,
	addWeeklyHours,
	deleteService,
	getServiceForEdit,
	organisationLocations,
	removeItem,
	updateService,
	verifyService
} from '#lib/server/directory/services.ts';
import { listNeighbourhoods } from '#lib/server/directory/locations.ts';
import { freshness } from '#lib/directory/freshness.ts';
import { isDirectoryLocale } from '#lib/directory/text.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { ctx, org, permissions } = await orgGate(event, 'directory.manage');
	let record: Awaited<ReturnType<typeof getServiceForEdit>>;
	try {
		record = await getServiceForEdit(ctx, org.id, event.params.serviceId);
	} catch (err) {
		// Posted without JavaScript, a form's action has refused already and the page is drawn again:
		// a stale or forged id then gets the refusal's own words ("not one of this organisation's…").
		refusalError(err, { explain: event.request.method === 'POST' });
	}
	const s = record.service;
	const shown = localesWithText([s.name, s.description, s.eligibility, s.applicationProcess, s.feesDescription]);
	return {
		org: { id: org.id, name: org.name },
		permissions,
		service: {
			id: s.id,
			name: s.name,
			description: s.description,
			eligibility: s.eligibility,
			applicationProcess: s.applicationProcess,
			feesDescription: s.feesDescription,
			url: s.url,
			email: s.email,
			status: s.status,
			needs: s.needs,
			features: s.features,
			languages: s.languages,
			minimumAge: s.minimumAge,
			maximumAge: s.maximumAge,
			version: s.version,
			lastVerifiedAt: s.lastVerifiedAt,
			freshness: freshness(s.lastVerifiedAt)
		},
		locationIds: record.atLocations.map((a) => a.location.id),
		schedules: record.schedules
			.map((h) => ({ id: h.id, kind: h.kind, weekday: h.weekday, opensAt: h.opensAt, closesAt: h.closesAt, validFrom: h.validFrom, validTo: h.validTo, closed: h.closed, description: h.description, locationId: h.locationId }))
			.sort((a, b) => (a.weekday ?? 0) - (b.weekday ?? 0) || String(a.validFrom ?? '').localeCompare(String(b.validFrom ?? '')) || String(a.opensAt).localeCompare(String(b.opensAt))),
		phones: record.phones.map((p) => ({ id: p.id, number: p.number, type: p.type })),
		documents: record.requiredDocuments.map((d) => ({ id: d.id, document: d.document })),
		costs: record.costOptions.map((c) => ({ id: c.id, option: c.option, amountCents: c.amountCents, currency: c.currency })),
		contacts: record.contacts.map((c) => ({ id: c.id, name: c.name, title: c.title, department: c.department, email: c.email, phone: c.phone })),
		areas: record.serviceAreas
			.map((a) => ({ id: a.id, name: a.neighbourhoodName ?? a.name ?? '', neighbourhood: a.neighbourhoodId !== null }))
			.sort((a, b) => Number(b.neighbourhood) - Number(a.neighbourhood) || a.name.localeCompare(b.name)),
		orgLocations: await organisationLocations(ctx.db, org.id),
		neighbourhoods: await listNeighbourhoods(ctx.db),
		locales: shown.length ? shown : [isDirectoryLocale(ctx.locale) ? ctx.locale : 'en'],
		created: event.url.searchParams.has('created')
	};
};

type Sub = 'hours' | 'exception' | 'phone' | 'document' | 'cost' | 'contact' | 'area';

/** The small forms of the page: read, hand to the use case, answer with the section's message. */
async function sub<S extends z.ZodType>(
	event: RequestEvent,
	section: Sub,
	schema: S,
	run: (ctx: Awaited<ReturnType<typeof orgGate>>['ctx'], orgId: string, serviceId: string, data: z.infer<S>) => Promise<void>
) {
	const { ctx, org } = await orgGate(event, 'directory.manage');
	const form = await readForm(event.request, schema);
	if (!form.ok) return fail(form.status, { section, values: form.values, errors: form.errors, message: form.message });
	try {
		await run(ctx, org.id, event.params.serviceId ?? '', form.data);
	} catch (err) {
		return directoryFail(err, section, form.values);
	}
	return { section, success: m.directory_saved() };
}

export const actions: Actions = {
	update: async (event) => {
		const { ctx, org } = await orgGate(event, 'directory.manage');
		const form = await readForm(event.request, editServiceForm, { multi: serviceMulti });
		if (!form.ok) return fail(form.status, { section: 'details', values: form.values, errors: form.errors, message: form.message });
		try {
			await updateService(ctx, org.id, event.params.serviceId, form.data);
		} catch (err) {
			return directoryFail(err, 'details', form.values);
		}
		return { section: 'details', success: m.directory_saved() };
	},
	addLocale: async (event) => {
		await orgGate(event, 'directory.manage');
		const form = await readForm(event.request, addLocaleForm, { multi: serviceMulti });
		if (!form.ok) return fail(form.status, { section: 'details', values: form.values, errors: form.errors, message: form.message });
		return { section: 'details', values: form.values, locales: [...form.data.locales, form.data.addLocale] };
	},
	verify: async (event) => {
		const { ctx, org } = await orgGate(event, 'directory.manage');
		const form = await readForm(event.request, versionForm);
		if (!form.ok) return fail(form.status, { section: 'verify', values: form.values, errors: form.errors, message: form.message });
		try {
			await verifyService(ctx, org.id, event.params.serviceId, form.data.version);
		} catch (err) {
			return directoryFail(err, 'verify', form.values);
		}
		return { section: 'verify', success: m.directory_verified() };
	},
	delete: async (event) => {
		const { ctx, org } = await orgGate(event, 'directory.manage');
		const form = await readForm(event.request, versionForm);
		if (!form.ok) return fail(form.status, { section: 'delete', values: form.values, errors: form.errors, message: form.message });
		try {
			await deleteService(ctx, org.id, event.params.serviceId, form.data.version);
		} catch (err) {
			return directoryFail(err, 'delete', form.values);
		}
		redirect(303, `/app/organisations/${org.id}/services?deleted=1`);
	},
	addHours: (event) => sub(event, 'hours', weeklyHoursForm, (ctx, o, s, d) => addWeeklyHours(ctx, o, s, d)),
	addException: (event) => sub(event, 'exception', exceptionForm, (ctx, o, s, d) => addException(ctx, o, s, d)),
	addPhone: (event) => sub(event, 'phone', phoneForm, (ctx, o, s, d) => addPhone(ctx, o, s, d)),
	addDocument: (event) => sub(event, 'document', documentForm, (ctx, o, s, d) => addDocument(ctx, o, s, d)),
	addCost: (event) => sub(event, 'cost', costForm, (ctx, o, s, d) => addCost(ctx, o, s, d)),
	addContact: (event) => sub(event, 'contact', contactForm, (ctx, o, s, d) => addContact(ctx, o, s, d)),
	addArea: (event) => sub(event, 'area', areaForm, (ctx, o, s, d) => addArea(ctx, o, s, d)),
	remove: async (event) => {
		const { ctx, org } = await orgGate(event, 'directory.manage');
		const form = await readForm(event.request, itemForm);
		if (!form.ok) return fail(form.status, { section: 'remove', values: form.values, errors: form.errors, message: form.message });
		try {
			await removeItem(ctx, org.id, event.params.serviceId, form.data.kind, form.data.itemId);
		} catch (err) {
			return directoryFail(err, 'remove', form.values);
		}
		return { section: 'remove', success: m.directory_saved() };
	}
};
