import {
	findServiceAtLocations,
	HsdsError,
	locationObject,
	pageOf,
	publicServices,
	serviceAtLocationObject,
	serviceListObject,
	serviceObject
} from '#lib/server/directory/hsds.ts';
import { bool, endpoint, paging, preflight, serviceFilters } from '../api.ts';

export const GET = endpoint(async ({ db, url, locale, vocabulary }) => {
	const p = paging(url);
	const filters = serviceFilters(url);
	const full = bool(url, 'full');
	for (const name of ['postcode', 'proximity']) {
		if (url.searchParams.get(name)) throw new HsdsError(400, 'unsupported_parameter', `${name} is not supported by this API.`);
	}
	const v = await vocabulary();
	const { total, rows } = await findServiceAtLocations(db, v, filters, p);
	const records = new Map((await publicServices(db, [...new Set(rows.map((r) => r.serviceId))])).map((r) => [r.service.id, r]));
	const contents = [];
	for (const row of rows) {
		const record = records.get(row.serviceId);
		const at = record?.atLocations.find((a) => a.id === row.id);
		if (!record || !at) continue;
		if (full) {
			contents.push({ ...serviceAtLocationObject(record, at, locale), service: serviceObject(v, record, locale) });
		} else {
			const o: Record<string, unknown> = { id: at.id, service_id: record.service.id, location_id: at.location.id };
			const loc = locationObject(at.location, locale);
			delete loc.addresses;
			delete loc.accessibility;
			delete loc.phones;
			o.location = loc;
			o.service = serviceListObject(record, locale);
			contents.push(o);
		}
	}
	return pageOf(total, p, contents);
});
export const OPTIONS = preflight;
