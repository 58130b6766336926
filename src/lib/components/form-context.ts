/**
 * The values and errors of the nearest <Form>, so a Field inside it shows the
 * kept input and its error without every page passing them one by one.
 * After a post, the kept values win over a field's own `value`/`checked` (so
 * nobody loses what they typed); a field's own `error` wins over the Form's.
 */
import { getContext, setContext } from 'svelte';

export interface FormState {
	readonly errors: Record<string, string> | undefined;
	readonly values: Record<string, unknown> | undefined;
}

const KEY = Symbol('convive-form');

export function setFormState(state: FormState): void {
	setContext(KEY, state);
}

export function getFormState(): FormState | undefined {
	return getContext<FormState | undefined>(KEY);
}

/** The first kept value of a field as text, or undefined when the form has none. */
export function keptText(state: FormState | undefined, name: string): string | undefined {
	const v = state?.values?.[name];
	if (v === undefined || v === null) return undefined;
	if (Array.isArray(v)) return v.length ? String(v[0]) : undefined;
	return String(v);
}

/** The kept values of a multi-valued field, or undefined when the form has none. */
export function keptList(state: FormState | undefined, name: string): string[] | undefined {
	if (!state?.values) return undefined;
	const v = state.values[name];
	if (v === undefined || v === null) return [];
	return Array.isArray(v) ? v.map(String) : [String(v)];
}

/** Joins the ids that describe a control, skipping empty ones. */
export function describedBy(...ids: (string | false | null | undefined)[]): string | undefined {
	const list = ids.filter(Boolean).join(' ').trim();
	return list || undefined;
}
