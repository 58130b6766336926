/**
 * npm run admin:create -- --email someone@example.org [--name "Their name"] [--no-password]
 *
 * Creates the first administrator, or makes an existing account one. Prints
 * a random one-time password (never a default), or with --no-password writes
 * a password-reset link to the e-mail outbox (and prints it).
 *
 * Exit codes: 0 done, 2 bad arguments, 3 database in use, 1 anything else.
 */
import { parseArgs } from 'node:util';
import { config } from '../src/lib/server/config.ts';
import { createOrPromoteAdmin, isValidEmail } from '../src/lib/server/platform/admin-create.ts';
import { openForScript } from './db-open.ts';

function usage(message: string): never {
	console.error(`${message}\n\nUsage: npm run admin:create -- --email someone@example.org [--name "Their name"] [--no-password]`);
	process.exit(2);
}

let args;
try {
	args = parseArgs({
		options: {
			email: { type: 'string' },
			name: { type: 'string' },
			'no-password': { type: 'boolean', default: false }
		},
		strict: true
	}).values;
} catch (err) {
	usage((err as Error).message);
}

const email = (args.email ?? '').trim().toLowerCase();
if (!email) usage('Missing --email.');
if (!isValidEmail(email)) usage(`"${args.email}" is not a valid e-mail address.`);
if (args.name !== undefined && (args.name.length > 100 || /[\u0000-\u001f\u007f]/.test(args.name))) {
	usage('--name must be at most 100 characters, without control characters.');
}

const c = config();
const database = await openForScript();
let code = 0;
try {
	const result = await createOrPromoteAdmin(database.db, {
		email,
		name: args.name,
		noPassword: args['no-password'],
		origin: c.ORIGIN ?? `http://localhost:${c.PORT}`
	});
	console.log(result.created ? `Created administrator ${email}.` : `${email} is now an administrator (existing account; signed out everywhere).`);
	if (result.password) {
		console.log(`\nOne-time password (shown only now; change it after signing in):\n\n    ${result.password}\n`);
	}
	if (result.resetLink) {
		console.log(`\nA link to choose a password was written to the e-mail outbox${c.SMTP_URL ? ' and sent' : ''}:\n\n    ${result.resetLink}\n`);
	}
	console.log('Administrators must turn on a code app (two-step sign-in) before they can see personal data.');
} catch (err) {
	console.error(`Could not create the administrator: ${(err as Error).message}`);
	code = 1;
} finally {
	await database.close();
}
process.exit(code);
