/**
 * Every message exists, non-empty and with the same parameters, in every
 * language; and the compiled Paraglide output really contains them (its
 * compiler reports success even when the message-format plugin failed to load,
 * which would leave the app without any text).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { compile } from '@inlang/paraglide-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { paraglideOptions } from '../../../paraglide.options.js';

const root = path.resolve(import.meta.dirname, '../../..');
const settings = JSON.parse(readFileSync(path.join(root, 'project.inlang/settings.json'), 'utf8')) as {
	baseLocale: string;
	locales: string[];
	'plugin.inlang.messageFormat': { pathPattern: string[] };
};
const locales = settings.locales;
const base = settings.baseLocale;
/** messages/<folder>/{locale}.json, as listed in the inlang settings. */
const folders = settings['plugin.inlang.messageFormat'].pathPattern.map((p) => path.join(root, 'project.inlang', '..', p));

type Messages = Record<string, string>;
function load(pattern: string, locale: string): Messages {
	const file = pattern.replace('{locale}', locale);
	const data = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
	delete data.$schema;
	for (const [k, v] of Object.entries(data)) {
		if (typeof v !== 'string') throw new Error(`${file}: ${k} is not a plain string message`);
	}
	return data as Messages;
}
const params = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((x) => x[1]).sort();
const folderName = (p: string) => path.basename(path.dirname(p));

/** All base-language messages across folders, with the folder each lives in. */
const allBase: Messages = {};
for (const f of folders) Object.assign(allBase, load(f, base));

describe('message files', () => {
	it('lists the twelve agreed languages, English first, Arabic and Persian among them', () => {
		expect(base).toBe('en');
		expect(locales).toEqual(['en', 'it', 'es', 'fr', 'de', 'pl', 'el', 'ro', 'uk', 'ar', 'fa', 'ti']);
	});

	it('has a file for every folder and language', () => {
		for (const f of folders) for (const l of locales) expect(existsSync(f.replace('{locale}', l)), `${f} ${l}`).toBe(true);
	});

	it('never uses the same key in two folders', () => {
		const seen = new Map<string, string>();
		for (const f of folders) {
			for (const k of Object.keys(load(f, base))) {
				expect(seen.get(k), `${k} in ${folderName(f)} and ${seen.get(k)}`).toBeUndefined();
				seen.set(k, folderName(f));
			}
		}
	});

	for (const f of folders) {
		describe(`messages/${folderName(f)}`, () => {
			const en = load(f, base);
			for (const l of locales.filter((x) => x !== base)) {
				it(`${l}: every English key is translated, with the same parameters, and nothing extra`, () => {
					const tr = load(f, l);
					const missing = Object.keys(en).filter((k) => !(k in tr));
					const extra = Object.keys(tr).filter((k) => !(k in en));
					const empty = Object.keys(tr).filter((k) => tr[k].trim() === '');
					expect({ missing, extra, empty }).toEqual({ missing: [], extra: [], empty: [] });
					for (const k of Object.keys(en)) expect(params(tr[k]), `${l}.${k}`).toEqual(params(en[k]));
				});
			}
			it('no English message is empty', () => {
				for (const [k, v] of Object.entries(en)) expect(v.trim(), k).not.toBe('');
			});
		});
	}

	it('writes each language in its own script', () => {
		const scripts: Record<string, RegExp> = {
			ar: /\p{Script=Arabic}/u,
			fa: /\p{Script=Arabic}/u,
			uk: /\p{Script=Cyrillic}/u,
			el: /\p{Script=Greek}/u,
			ti: /\p{Script=Ethiopic}/u
		};
		for (const [l, re] of Object.entries(scripts)) {
			for (const f of folders) {
				for (const [k, v] of Object.entries(load(f, l))) {
					// Names and examples (Convive, name@example.org) may stay in Latin letters.
					if (k === 'app_name' || !/\p{L}{3,}/u.test(v.replace(/Convive|Portavera|\{\w+\}|\S+@\S+/g, ''))) continue;
					expect(re.test(v), `${l}.${k} = ${v}`).toBe(true);
				}
			}
		}
	});
});

describe('compiled messages', () => {
	let outdir: string;
	let compiled: Record<string, (inputs?: Record<string, unknown>, options?: { locale?: string }) => string>;

	beforeAll(async () => {
		outdir = mkdtempSync(path.join(tmpdir(), 'convive-paraglide-'));
		await compile({ ...paraglideOptions, project: path.join(root, 'project.inlang'), outdir, emitTsDeclarations: false });
		compiled = await import(pathToFileURL(path.join(outdir, 'messages.js')).href).then((mod) => mod.m);
	}, 60_000);
	afterAll(() => rmSync(outdir, { recursive: true, force: true }));

	it('exports a function for every key of every English file', () => {
		const missing = Object.keys(allBase).filter((k) => typeof compiled[k] !== 'function');
		expect(missing).toEqual([]);
		expect(Object.keys(allBase).length).toBeGreaterThan(40);
	});

	it('gives each language its own text, with parameters filled in', () => {
		for (const f of folders) {
			for (const l of locales) {
				const source = load(f, l);
				for (const [k, v] of Object.entries(source)) {
					const inputs = Object.fromEntries(params(v).map((p) => [p, `«${p}»`]));
					const expected = v.replace(/\{(\w+)\}/g, (_, p) => `«${p}»`);
					expect(compiled[k](inputs, { locale: l }), `${l}.${k}`).toBe(expected);
				}
			}
		}
	});

	it('is what the app imports (src/lib/paraglide has every key)', async () => {
		const appMessages = path.join(root, 'src/lib/paraglide/messages.js');
		if (!existsSync(appMessages)) await compile(paraglideOptions);
		const mod = await import(pathToFileURL(appMessages).href);
		const missing = Object.keys(allBase).filter((k) => typeof mod.m[k] !== 'function');
		expect(missing).toEqual([]);
	});
});
