import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { testDatabase, type TestDatabase } from '../../../../tests/helpers/db.ts';
import { record, verifyChain } from './index.ts';

let d: TestDatabase;
beforeAll(async () => {
	d = await testDatabase();
});
afterAll(() => d.dispose());

describe('audit log', () => {
	it('chains entries and verifies them', async () => {
		for (let i = 0; i < 5; i++) {
			await record(d.db, { actorId: null, action: 'test.write', resourceType: 'thing', resourceId: String(i), outcome: 'done', ip: '127.0.0.1', details: { n: i } });
		}
		expect(await verifyChain(d.db)).toEqual({ ok: true, checked: 5 });
	});

	it('refuses updates and deletes through the trigger', async () => {
		await expect(d.db.execute(sql`update audit_log set action = 'x'`)).rejects.toThrow();
		await expect(d.db.execute(sql`delete from audit_log`)).rejects.toThrow();
	});

	it('refuses to record a secret-looking detail', async () => {
		await expect(
			record(d.db, { actorId: null, action: 'x', resourceType: 'y', outcome: 'done', details: { password: 'hunter2' } })
		).rejects.toThrow(/refusing/);
	});

	it('detects an edited row and a deleted row', async () => {
		await d.db.execute(sql`alter table audit_log disable trigger audit_log_no_update`);
		await d.db.execute(sql`update audit_log set resource_id = 'tampered' where seq = 3`);
		const edited = await verifyChain(d.db);
		expect(edited.ok).toBe(false);
		expect(edited.brokenAt).toBe(3);

		await d.db.execute(sql`update audit_log set resource_id = '2' where seq = 3`);
		expect((await verifyChain(d.db)).ok).toBe(true);

		await d.db.execute(sql`delete from audit_log where seq = 2`);
		const deleted = await verifyChain(d.db);
		expect(deleted).toMatchObject({ ok: false, brokenAt: 3 });
		await d.db.execute(sql`alter table audit_log enable trigger audit_log_no_update`);
	});

	it('keeps one chain under concurrent writers', async () => {
		const fresh = await testDatabase({ install: false });
		await Promise.all(
			Array.from({ length: 20 }, (_, i) =>
				record(fresh.db, { actorId: null, action: 'race', resourceType: 't', resourceId: String(i), outcome: 'done' })
			)
		);
		expect(await verifyChain(fresh.db)).toEqual({ ok: true, checked: 20 });
		await fresh.dispose();
	});
});
