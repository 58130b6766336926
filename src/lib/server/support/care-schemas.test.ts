import { describe, expect, it } from 'vitest';
import { actionForm, assessmentForm, assessmentInput, goalForm, taskForm } from './care-schemas.ts';

const id = '0b6e4f00-1234-4abc-8def-0123456789ab';
const firstMessage = (r: { success: boolean; error?: { issues: { message: string; path: PropertyKey[] }[] } }) => r.error?.issues.map((i) => `${String(i.path[0])}:${i.message}`);

describe('care forms', () => {
	it('reads the scores given and leaves the rest out', () => {
		const r = assessmentForm.safeParse({ formId: id, score_housing: '2', score_income: '', score_health: '5', comment: ' ok ' });
		expect(r.success).toBe(true);
		expect(assessmentInput(r.data!)).toEqual({ formId: id, takenOn: null, comment: 'ok', scores: { housing: 2, health: 5 } });
	});

	it('names the message for a score off the scale, no score, a date that is not one', () => {
		expect(firstMessage(assessmentForm.safeParse({ formId: id, score_housing: '7' }))).toEqual(['score_housing:care_score_invalid']);
		expect(firstMessage(assessmentForm.safeParse({ formId: id }))).toEqual(['score_housing:care_score_at_least_one']);
		expect(firstMessage(assessmentForm.safeParse({ formId: id, score_work: '3', takenOn: '2026-02-30' }))).toEqual(['takenOn:care_date_invalid']);
	});

	it('checks ids, times and life domains without hiding the message', () => {
		expect(firstMessage(actionForm.safeParse({ formId: id, goalId: id, actionText: 'x', ownerUserId: 'nobody' }))).toEqual(['ownerUserId:care_owner_not_on_team']);
		expect(actionForm.safeParse({ formId: id, goalId: id, actionText: 'x', ownerUserId: '', serviceId: '' }).data).toMatchObject({ ownerUserId: null, serviceId: null, dueOn: null });
		expect(firstMessage(taskForm.safeParse({ formId: id, title: 'x', dueOn: '2026-01-01', dueTime: '25:00' }))).toEqual(['dueTime:care_time_invalid']);
		expect(firstMessage(taskForm.safeParse({ formId: id, title: 'x', dueTime: '10:00' }))).toEqual(['dueOn:care_time_needs_date']);
		expect(goalForm.safeParse({ formId: id, text: 'x', domain: 'housing' }).data?.domain).toBe('housing');
		expect(firstMessage(goalForm.safeParse({ formId: id, text: 'x', domain: 'space' }))).toEqual(['domain:field_invalid_choice']);
	});
});
