import { z } from 'zod';
import { fields } from '../http/form.ts';
import { platformRoles } from '../db/schema/index.ts';

export const verifyForm = z.strictObject({ organisationId: z.uuid() });
export const rejectForm = z.strictObject({
	organisationId: z.uuid(),
	reason: fields.text(500)
});
export const setRoleForm = z.strictObject({
	userId: z.uuid(),
	role: z.union([z.literal(''), z.enum(platformRoles)], { error: 'field_invalid_choice' })
});
export const emptyForm = z.strictObject({});

/** A page number from a query string: garbage is page 1. */
export function pageParam(v: string | null): number {
	const n = v && /^\d{1,6}$/.test(v) ? Number(v) : 1;
	return n >= 1 ? n : 1;
}
