import { HSDS_PROFILE, HSDS_VERSION } from '#lib/server/directory/hsds.ts';
import { endpoint, preflight } from './api.ts';

/** API meta information: the HSDS version and profile this API follows. */
export const GET = endpoint(async ({ url }) => ({
	version: HSDS_VERSION,
	profile: HSDS_PROFILE,
	openapi_url: 'https://raw.githubusercontent.com/openreferral/specification/3.0/schema/openapi.json',
	self: new URL('/api/hsds', url).href
}));
export const OPTIONS = preflight;
