import { describe, expect, it } from 'vitest';
import { handleError } from './hooks.server.ts';

/** The hook's input as Kit 3 builds it: the caught error by kind, and the event (no `status`). */
function call(input: Record<string, unknown>) {
	const logged: unknown[] = [];
	const event = { locals: { requestId: 'req-1', log: { error: (...args: unknown[]) => logged.push(args) } }, route: { id: '/x' } };
	const body = (handleError as (i: unknown) => unknown)({ ...input, event });
	return { body: body as { message: string; requestId: string }, logged };
}

describe('handleError', () => {
	it('logs an error of our own code as a 500 and answers with the request id, no details', () => {
		const { body, logged } = call({ kind: 'unknown', error: new Error('db down at /srv/app.js:12') });
		expect(logged).toHaveLength(1);
		expect(body.requestId).toBe('req-1');
		expect(body.message).not.toMatch(/db down/);
	});

	it('does not log a page that does not exist, and says so', () => {
		const server = call({ kind: 'unknown', error: new Error('x') }).body.message;
		const { body, logged } = call({ kind: 'framework', error: { status: 404, message: 'Not Found' } });
		expect(logged).toHaveLength(0);
		expect(body.message).not.toBe(server);
	});

	it('keeps the message of an error thrown on purpose', () => {
		const { body, logged } = call({ kind: 'app', error: { message: 'Folder closed' } });
		expect(logged).toHaveLength(0);
		expect(body).toEqual({ message: 'Folder closed', requestId: 'req-1' });
	});
});
