/**
 * Runtime configuration, read once from the environment.
 * Server-only: nothing here may reach the browser.
 */
import { z } from 'zod';

const schema = z.object({
	NODE_ENV: z.string().optional(),
	PORT: z.coerce.number().int().min(1).max(65535).default(3000),
	ORIGIN: z.url().optional(),
	DATABASE_URL: z.string().optional(),
	DATA_DIR: z.string().default('./data'),
	SMTP_URL: z.string().optional(),
	MAIL_FROM: z.string().default('Convive <no-reply@convive.invalid>'),
	/**
	 * Key material (at least 32 characters) for sealing secrets at rest, such
	 * as TOTP secrets (see auth/secret.ts). Set it in production and keep it:
	 * changing it invalidates every enrolled authenticator app. Unset, a
	 * random key is created once in DATA_DIR/secret.key (mode 0600).
	 */
	SESSION_SECRET: z.string().optional(),
	/**
	 * The key (32 bytes, base64) that seals support-folder documents and
	 * protected fields at rest (support/sealing.ts). Unset, one is created
	 * once in DATA_DIR/data.key (mode 0600). CONVIVE_DATA_KEY_PREVIOUS keeps
	 * the one before a rotation readable.
	 */
	CONVIVE_DATA_KEY: z.string().optional(),
	CONVIVE_DATA_KEY_PREVIOUS: z.string().optional(),
	/** Years a folder is kept after its last activity before erasure may delete it outright (subject rights). */
	CONVIVE_RETENTION_YEARS: z.coerce.number().int().min(0).max(100).default(10),
	LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
	TRUST_PROXY: z
		.enum(['0', '1', 'true', 'false'])
		.default('0')
		.transform((v) => v === '1' || v === 'true'),
	CITY_NAME: z.string().default('Portavera'),
	CITY_TIME_ZONE: z.string().default('Europe/Rome'),
	/** The city's own language: certificates are written in it as well as in the volunteer's. */
	CITY_LOCALE: z.string().default('it')
});

export type Config = z.infer<typeof schema>;

let cached: Config | undefined;

export function config(): Config {
	if (!cached) {
		const parsed = schema.safeParse(process.env);
		if (!parsed.success) {
			const lines = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
			throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
		}
		cached = parsed.data;
	}
	return cached;
}

/** For tests that change the environment between cases. */
export function resetConfig(): void {
	cached = undefined;
}
