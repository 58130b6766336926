import { z } from 'zod';
import { requestPasswordReset } from '#lib/server/auth/accounts.ts';
import { ctxFrom } from '#lib/server/context.ts';
import { fields, readForm } from '#lib/server/http/form.ts';
import { failure, formFailure } from '#lib/server/http/outcome.ts';
import type { Actions } from './$types';

const schema = z.strictObject({ email: fields.email() });

export const actions: Actions = {
	default: async (event) => {
		const form = await readForm(event.request, schema);
		if (!form.ok) return formFailure(form);
		const result = await requestPasswordReset(await ctxFrom(event), form.data.email);
		if (!result.ok) return failure(result, form.values);
		return { sent: true as const };
	}
};
