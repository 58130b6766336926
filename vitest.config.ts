import { defineConfig } from 'vitest/config';

export default defineConfig({
	test: {
		include: ['src/**/*.test.ts', 'tests/**/*.test.ts', 'scripts/**/*.test.ts'],
		exclude: ['tests/browser/**', 'node_modules/**'],
		globalSetup: ['tests/setup/global.ts'],
		pool: 'forks',
		maxWorkers: 2,
		testTimeout: 30_000,
		hookTimeout: 180_000,
		env: { LOG_LEVEL: 'silent' }
	}
});
