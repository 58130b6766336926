// Shared by vite.config.ts and `npm run i18n` (which compiles before tests and scripts).
/** @type {import('@inlang/paraglide-js').CompilerOptions} */
export const paraglideOptions = {
	project: './project.inlang',
	outdir: './src/lib/paraglide',
	strategy: ['cookie', 'preferredLanguage', 'baseLocale'],
	cookieName: 'convive_locale',
	cookieMaxAge: 60 * 60 * 24 * 365,
	emitTsDeclarations: true
};
