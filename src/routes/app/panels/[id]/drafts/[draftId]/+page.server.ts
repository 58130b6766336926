import { m } from '#lib/paraglide/messages.js';
import { addQuestion, draftForStaff, publishSummary, questionInput, shareDraft } from '#lib/server/panels/drafts.ts';
import { panelHead, requireManager } from '#lib/server/panels/common.ts';
import { panelsForm, panelsLoad } from '#lib/server/panels/route.ts';
import { emptyForm, questionForm, summaryForm } from '#lib/server/panels/schemas.ts';
import { MAX_CHOICES, MAX_QUESTIONS, pictograms } from '#lib/panels/lists.ts';
import type { Actions, PageServerLoad } from './$types';

/** A draft: its questions (added while preparing), sharing it, the answers side by side, the summary. */
export const load: PageServerLoad = (event) =>
	panelsLoad(event, 'panels.manage', async (ctx) => ({
		view: await draftForStaff(ctx, event.params.id, event.params.draftId),
		/** Pseudonyms (Member 1, 2, … in a fixed order) instead of names, for a page to be shown or shared. */
		pseudonyms: event.url.searchParams.get('pseudonyms') === '1',
		maxQuestions: MAX_QUESTIONS,
		choiceSlots: Math.min(4, MAX_CHOICES),
		pictograms: [...pictograms]
	}));

export const actions: Actions = {
	question: (event) =>
		panelsForm(
			event,
			'question',
			'panels.manage',
			async (ctx) => {
				await requireManager(ctx);
				return questionForm((await panelHead(ctx.db, event.params.id)).languages);
			},
			async (ctx, d, files) => {
				const panel = await panelHead(ctx.db, event.params.id);
				return addQuestion(ctx, event.params.draftId, questionInput(panel.languages, d as Record<string, string>, files), event.params.id);
			},
			() => m.panels_question_added()
		),
	share: (event) => panelsForm(event, 'share', 'panels.manage', emptyForm, (ctx) => shareDraft(ctx, event.params.draftId, event.params.id), (r) => m.panels_shared({ count: String(r.told) })),
	summary: (event) => panelsForm(event, 'summary', 'panels.manage', summaryForm, (ctx, d) => publishSummary(ctx, event.params.id, event.params.draftId, d.summary), (r) => m.panels_summary_published({ count: String(r.told) }))
};
