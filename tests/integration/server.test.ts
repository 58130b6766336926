/**
 * The server around the app: graceful shutdown finishes a request that is
 * still arriving, refuses new connections, then closes the database.
 */
import http from 'node:http';
import { describe, expect, it } from 'vitest';
import { startTestApp } from '../helpers/app.ts';

describe('graceful shutdown', () => {
	it('answers the request in flight, refuses new ones, and closes the database', async () => {
		const app = await startTestApp({ smtp: false });
		const url = new URL(app.url);
		// A browser on a slow link: the form body arrives in two parts.
		const response = new Promise<{ status: number; body: string }>((resolve, reject) => {
			const req = http.request(
				{
					host: url.hostname,
					port: url.port,
					path: '/signin',
					method: 'POST',
					headers: {
						origin: app.url,
						accept: 'text/html',
						'content-type': 'application/x-www-form-urlencoded',
						'transfer-encoding': 'chunked'
					}
				},
				(res) => {
					let body = '';
					res.on('data', (c) => (body += c));
					res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
				}
			);
			req.on('error', reject);
			req.write('identifier=nobody%40example.org&');
			setTimeout(() => {
				stopped = app.server.stop(10_000);
				setTimeout(() => req.end('password=not-the-password'), 300);
			}, 300);
		});
		let stopped: Promise<void> | undefined;

		const res = await response;
		// The sign-in was refused as a sign-in (wrong account), not cut off.
		expect(res.status).toBe(400);
		expect(res.body).toContain('<html');
		await stopped;
		await expect(fetch(`${app.url}/healthz`)).rejects.toThrow();
		expect(await app.database.ping()).toBe(false);
		await app.database.dispose();
	});
});
