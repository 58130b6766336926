import { z } from 'zod';
import { m } from '#lib/paraglide/messages.js';
import { authorize, requireUser } from '#lib/server/http/guard.ts';
import { myApplications, withdraw } from '#lib/server/buddies/applications.ts';
import { answerCheckIn, endPair, giveFeedback, myPairs } from '#lib/server/buddies/pairs.ts';
import { checkInForm, endForm } from '#lib/server/buddies/schemas.ts';
import { fields } from '#lib/server/http/form.ts';
import { buddiesLoad, portalForm } from '#lib/server/buddies/routes.ts';
import { cityToday } from '#lib/server/guardianship/age.ts';
import type { Actions, PageServerLoad } from './$types';

const feedbackForm = z.object({
	pairId: z.string().max(100),
	rating: z.enum(['1', '2', '3', '4', '5'], { error: 'buddies_wellbeing_required' }).transform(Number),
	comment: fields.optionalText(2000)
});
const withdrawForm = z.object({ applicationId: z.string().max(100) });

/** One's own applications and pairs: answer a check-in, end a pair with feedback. */
export const load: PageServerLoad = async (event) => {
	requireUser(event);
	await authorize(event, 'buddies.self');
	return buddiesLoad(event, async (ctx) => ({
		today: cityToday(),
		applications: (await myApplications(ctx)).map((a) => ({ id: a.id, programmeId: a.programmeId, programmeName: a.programmeName, side: a.side, status: a.status })),
		pairs: await myPairs(ctx)
	}));
};

export const actions: Actions = {
	checkin: (event) => portalForm(event, 'checkin', checkInForm, (ctx, d) => answerCheckIn(ctx, d), () => m.buddies_check_in_saved()),
	end: (event) => portalForm(event, 'end', endForm, (ctx, d) => endPair(ctx, d), () => m.buddies_ended()),
	feedback: (event) => portalForm(event, 'feedback', feedbackForm, (ctx, d) => giveFeedback(ctx, d), () => m.buddies_feedback_saved()),
	withdraw: (event) => portalForm(event, 'withdraw', withdrawForm, (ctx, d) => withdraw(ctx, d.applicationId), () => m.buddies_withdrawn())
};
