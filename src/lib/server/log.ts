import pino from 'pino';
import { config } from './config.ts';

/** JSON logs on stdout; one child logger per request carries its id. */
export const log = pino({
	level: process.env.VITEST ? 'silent' : config().LOG_LEVEL,
	base: { service: 'convive' },
	redact: {
		paths: ['password', '*.password', 'token', '*.token', 'cookie', '*.cookie', 'headers.cookie', 'headers.authorization'],
		censor: '[redacted]'
	}
});
