/**
 * The shapes of the assemblies forms (issue 7), shared by routes and tests.
 * Errors are names of messages in messages/assemblies (or the generic field
 * messages), translated by readForm. Meeting times are a local date and local
 * start and end in the city's zone; an end not after the start is refused.
 */
import { z } from 'zod';
import { fields } from '../http/form.ts';
import { assemblyJoinRules, assemblyKinds, decisionStatuses, presences } from '../db/schema/index.ts';
import { locales } from '#lib/paraglide/runtime.js';
import { isYmd } from '../guardianship/age.ts';
import { parseTime } from '../../directory/hours.ts';
import { languageCodes, onlineUrl } from '../activities/schemas.ts';

/** Fields read as lists (checkbox groups, repeated agenda rows). */
export const ASSEMBLY_MULTI = ['languages', 'agendaTitle', 'agendaDescription'];
/** Minutes longer than this are refused (about ten pages of plain text). */
export const MAX_MINUTES = 20_000;
export const MAX_AGENDA_ITEMS = 20;

const codes = z
	.array(z.string(), { error: 'field_invalid_choice' })
	.optional()
	.transform((a) => [...new Set(a ?? [])])
	.refine((a) => a.length <= languageCodes.length && a.every((c) => languageCodes.includes(c)), { error: 'field_invalid_choice' });

const ymd = (error: string) =>
	z
		.string({ error })
		.transform((s) => s.trim())
		.refine(isYmd, { error });

const clockTime = z
	.string({ error: 'assemblies_time_invalid' })
	.transform((s) => parseTime(s))
	.refine((n): n is number => n !== null && n < 1440, { error: 'assemblies_time_invalid' })
	.transform((n) => n as number);

const blankUuid = (error = 'field_invalid_choice') =>
	z
		.string()
		.optional()
		.transform((s) => (s ?? '').trim())
		.refine((s) => s === '' || z.uuid().safeParse(s).success, { error })
		.transform((s) => (s === '' ? null : s));

export const assemblyForm = z
	.object({
		kind: z.enum(assemblyKinds, { error: 'field_invalid_choice' }),
		neighbourhoodId: blankUuid(),
		theme: fields.optionalText(100),
		name: fields.text(150),
		description: fields.optionalText(5000),
		languages: codes,
		joinRule: z.enum(assemblyJoinRules, { error: 'field_invalid_choice' }).default('open')
	})
	.refine((a) => a.kind !== 'neighbourhood' || a.neighbourhoodId !== null, { error: 'assemblies_neighbourhood_required', path: ['neighbourhoodId'] })
	.refine((a) => a.kind !== 'thematic' || a.theme !== '', { error: 'assemblies_theme_required', path: ['theme'] });
export type AssemblyInput = z.infer<typeof assemblyForm>;

/** A name and description in one more language; both blank removes it. */
export const translationForm = z.object({
	locale: z.enum(locales.filter((l) => l !== 'en') as [string, ...string[]], { error: 'field_invalid_choice' }),
	name: fields.optionalText(150),
	description: fields.optionalText(5000)
});
export type TranslationInput = z.infer<typeof translationForm>;

export const rolesForm = z.object({ chairId: blankUuid('assemblies_not_a_member'), secretaryId: blankUuid('assemblies_not_a_member') });

export const requestForm = z.object({
	memberId: z.uuid({ error: 'assemblies_request_not_found' }),
	answer: z.enum(['accept', 'decline'], { error: 'field_invalid_choice' })
});

export const meetingForm = z
	.object({
		date: ymd('assemblies_date_invalid'),
		start: clockTime,
		end: clockTime,
		placeName: fields.optionalText(200),
		address: fields.optionalText(300),
		onlineUrl,
		agendaTitle: z.array(z.string().max(200, { error: 'assemblies_agenda_too_long' }), { error: 'field_invalid' }).optional(),
		agendaDescription: z.array(z.string().max(1000, { error: 'assemblies_agenda_too_long' }), { error: 'field_invalid' }).optional()
	})
	.transform(({ agendaTitle, agendaDescription, ...m }) => {
		const agenda: { title: string; description: string }[] = [];
		(agendaTitle ?? []).forEach((t, i) => {
			const title = t.normalize('NFC').trim();
			const description = (agendaDescription?.[i] ?? '').normalize('NFC').trim();
			if (title || description) agenda.push({ title, description });
		});
		return { ...m, agenda };
	})
	.refine((a) => a.end > a.start, { error: 'assemblies_ends_before_starts', path: ['end'] })
	.refine((a) => a.placeName !== '' || a.address !== '' || a.onlineUrl !== null, { error: 'assemblies_place_or_link', path: ['placeName'] })
	.refine((a) => a.agenda.every((i) => i.title !== ''), { error: 'assemblies_agenda_title_required', path: ['agendaTitle'] })
	.refine((a) => a.agenda.length <= MAX_AGENDA_ITEMS, { error: 'assemblies_agenda_too_long', path: ['agendaTitle'] });
export type MeetingInput = z.infer<typeof meetingForm>;

export const cancelForm = z.object({ reason: fields.optionalText(500) });

export const replyForm = z.object({
	coming: z.enum(['yes', 'no'], { error: 'assemblies_coming_required' }),
	interpreter: z
		.string()
		.optional()
		.transform((s) => (s ?? '').trim())
		.refine((s) => s === '' || languageCodes.includes(s), { error: 'field_invalid_choice' })
		.transform((s) => (s === '' ? null : s))
});
export type ReplyInput = z.infer<typeof replyForm>;

/** Attendance: `p_<user id>` = present | excused | absent for each member, and the guests. */
export const attendanceForm = z
	.object({
		guests: z
			.string()
			.optional()
			.transform((s) => (s ?? '').trim() || '0')
			.refine((s) => /^\d{1,4}$/.test(s) && Number(s) <= 5000, { error: 'assemblies_guests_invalid' })
			.transform(Number)
	})
	// Other fields (the form reader adds empty lists for the multi fields) are ignored.
	.catchall(z.unknown())
	.transform((v) => {
		const marks = new Map<string, string>();
		for (const [k, x] of Object.entries(v)) if (k.startsWith('p_')) marks.set(k.slice(2), typeof x === 'string' ? x : '');
		return { guests: v.guests as number, marks };
	})
	.refine((v) => [...v.marks.values()].every((x) => (presences as readonly string[]).includes(x)), { error: 'field_invalid_choice', path: ['guests'] })
	.transform((v) => ({ guests: v.guests, marks: v.marks as Map<string, (typeof presences)[number]> }));
export type AttendanceInput = z.infer<typeof attendanceForm>;

export const minutesForm = z.object({
	minutes: z
		.string({ error: 'field_required' })
		.transform((s) => s.normalize('NFC').trim())
		.pipe(z.string().min(1, { error: 'field_required' }).max(MAX_MINUTES, { error: 'assemblies_minutes_too_long' }))
});

export const decisionForm = z
	.object({
		text: fields.text(1000),
		ownerUserId: blankUuid('assemblies_not_a_member'),
		ownerOrganisation: fields.optionalText(200),
		dueOn: ymd('assemblies_due_invalid')
	})
	.refine((d) => (d.ownerUserId === null) !== (d.ownerOrganisation === ''), { error: 'assemblies_owner_one', path: ['ownerUserId'] });
export type DecisionInput = z.infer<typeof decisionForm>;

export const decisionStatusForm = z.object({
	decisionId: z.uuid({ error: 'assemblies_decision_not_found' }),
	status: z.enum(decisionStatuses, { error: 'field_invalid_choice' })
});

export const decisionsQuery = z.object({
	status: z.enum([...decisionStatuses, 'overdue'] as const).optional().catch(undefined)
});

export const emptyForm = z.object({});
