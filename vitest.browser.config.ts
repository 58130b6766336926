import { defineConfig } from 'vitest/config';

export default defineConfig({
	test: {
		include: ['tests/browser/**/*.test.ts'],
		globalSetup: ['tests/setup/global.ts'],
		pool: 'forks',
		maxWorkers: 1,
		testTimeout: 60_000,
		hookTimeout: 120_000,
		env: { LOG_LEVEL: 'silent' }
	}
});
