/**
 * Before the suite: compile the messages and build the app once, so the
 * integration tests run the same server bundle that production runs.
 */
import { execFileSync } from 'node:child_process';

export default function setup(): void {
	if (process.env.CONVIVE_SKIP_BUILD === '1') return;
	execFileSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'error'], {
		stdio: 'inherit',
		env: { ...process.env, NODE_ENV: 'production' }
	});
}
