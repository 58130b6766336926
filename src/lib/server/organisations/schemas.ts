/** The shapes of the organisation forms, shared by routes and tests. */
import { z } from 'zod';
import { fields } from '../http/form.ts';
import { memberRoles, organisationTypes } from '../db/schema/index.ts';

const website = fields.optionalWebAddress(300, 'org_website_invalid');

const phone = z
	.string()
	.optional()
	.transform((s) => (s ?? '').trim())
	.pipe(z.union([z.literal(''), z.string().max(40).regex(/^\+?[0-9][0-9 ()./-]{3,38}$/, { error: 'org_phone_invalid' })]));

const neighbourhood = z
	.string()
	.optional()
	.transform((s) => (s ?? '').trim())
	.pipe(z.union([z.literal(''), z.uuid({ error: 'field_invalid_choice' })]));

export const organisationForm = z.strictObject({
	name: fields.text(120),
	type: z.enum(organisationTypes, { error: 'field_invalid_choice' }),
	description: fields.optionalText(2000),
	website,
	email: fields.optionalEmail(),
	phone,
	neighbourhood
});
export type OrganisationInput = z.infer<typeof organisationForm>;

export const inviteForm = z.strictObject({
	email: fields.email(),
	role: z.enum(memberRoles, { error: 'field_invalid_choice' })
});
export type InviteInput = z.infer<typeof inviteForm>;

export const roleForm = z.strictObject({
	userId: z.uuid(),
	role: z.enum(memberRoles, { error: 'field_invalid_choice' })
});

export const userIdForm = z.strictObject({ userId: z.uuid() });
export const invitationIdForm = z.strictObject({ invitationId: z.uuid() });
export const emptyForm = z.strictObject({});
