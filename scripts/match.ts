/**
 * npm run match -- --input problem.json --output result.json [--certificate]
 *
 * Reads a matching problem (people, slots, allowed pairs with a score,
 * objective, fixed and forbidden pairs; see src/lib/matching/types.ts),
 * solves it with the engine and writes the proven-optimal answer with its
 * bound, gap, unmatched reasons and fairness report. `-` for either file
 * means standard input or output. The certificate (the dual potentials) is
 * written only with --certificate.
 *
 * Exit 0 on success; 2 with one line on standard error naming the problem
 * for anything wrong with the command or the file (flags, unreadable, over
 * 512 MiB, not UTF-8, not JSON, not a problem); 1 for an internal failure.
 * The output is written to a temporary file beside it and renamed, so a
 * failed run never leaves half a file.
 *
 * The main thread reads and writes the files; a worker thread decodes,
 * parses, solves and serialises, so a problem too big for the JavaScript
 * heap ends that worker (ERR_WORKER_OUT_OF_MEMORY) and gets a message with
 * the way out, not V8's out-of-memory abort and native stack trace.
 */
import { closeSync, openSync, readSync, renameSync, statSync, unlinkSync, writeFileSync, fstatSync } from 'node:fs';
import path from 'node:path';
import { getHeapStatistics } from 'node:v8';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { randomBytes } from 'node:crypto';
import type * as Engine from '../src/lib/matching/index.ts';

/** The largest input accepted. V8 cannot hold a longer string anyway (2^29 - 24 characters). */
export const MAX_INPUT_BYTES = 512 * 1024 * 1024;
const USAGE = 'usage: npm run match -- --input problem.json --output result.json [--certificate]';

/** Bad input from the user: exit 2 with this message. */
class InputError extends Error {}

interface Options {
	input: string;
	output: string;
	certificate: boolean;
}

function parseArgs(argv: string[]): Options {
	let input: string | undefined;
	let output: string | undefined;
	let certificate = false;
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i];
		const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
		const name = eq > 0 ? arg.slice(0, eq) : arg;
		const value = (): string => {
			if (eq > 0) return arg.slice(eq + 1);
			const v = argv[++i];
			if (v === undefined || (v.startsWith('--') && v.length > 2)) throw new InputError(`${name} needs a file name (or - ); ${USAGE}`);
			return v;
		};
		if (name === '--input') input = value();
		else if (name === '--output') output = value();
		else if (name === '--certificate') {
			if (eq > 0) throw new InputError(`--certificate takes no value; ${USAGE}`);
			certificate = true;
		} else if (name === '--help' || name === '-h') {
			process.stdout.write(`${USAGE}\n`);
			process.exit(0);
		} else if (name.startsWith('-') && name !== '-') throw new InputError(`unknown flag ${name}; ${USAGE}`);
		else throw new InputError(`unexpected argument "${arg}"; ${USAGE}`);
	}
	if (input === undefined) throw new InputError(`--input is missing; ${USAGE}`);
	if (output === undefined) throw new InputError(`--output is missing; ${USAGE}`);
	if (input === '') throw new InputError(`--input is empty; ${USAGE}`);
	if (output === '') throw new InputError(`--output is empty; ${USAGE}`);
	return { input, output, certificate };
}

const mib = (bytes: number) =>
	bytes >= 1024 ** 3 ? `${(bytes / 1024 ** 3).toFixed(1)} GiB` : `${(bytes / 1024 ** 2).toFixed(bytes % 1024 ** 2 === 0 ? 0 : 1)} MiB`;

function ioMessage(err: unknown): string {
	const e = err as NodeJS.ErrnoException;
	switch (e.code) {
		case 'ENOENT':
			return 'no such file';
		case 'EACCES':
		case 'EPERM':
			return 'permission denied';
		case 'EISDIR':
			return 'it is a directory';
		default:
			return e.code ?? e.message;
	}
}

/** The file's bytes, refused by its size before a byte is read. */
function readInput(file: string): Uint8Array {
	if (file === '-') return readStdin();
	let fd: number;
	try {
		// Stat first: a 2 GB file is refused without reading it.
		const st = statSync(file);
		if (st.isDirectory()) throw new InputError(`cannot read ${file}: it is a directory`);
		if (st.isFile() && st.size > MAX_INPUT_BYTES)
			throw new InputError(`${file} is too large: ${mib(st.size)}, the limit is ${mib(MAX_INPUT_BYTES)}`);
		fd = openSync(file, 'r');
	} catch (err) {
		if (err instanceof InputError) throw err;
		throw new InputError(`cannot read ${file}: ${ioMessage(err)}`);
	}
	try {
		// A regular file's size is known (and may have changed since stat); anything else (a pipe) is read in chunks up to the limit.
		const size = fstatSync(fd).isFile() ? fstatSync(fd).size : 0;
		return readLimited((buf, off, len) => readSync(fd, buf, off, len, null), file, size);
	} catch (err) {
		if (err instanceof InputError) throw err;
		throw new InputError(`cannot read ${file}: ${ioMessage(err)}`);
	} finally {
		closeSync(fd);
	}
}

function readStdin(): Uint8Array {
	try {
		return readLimited((buf, off, len) => {
			try {
				return readSync(0, buf, off, len, null);
			} catch (err) {
				if ((err as NodeJS.ErrnoException).code === 'EAGAIN') return -1;
				if ((err as NodeJS.ErrnoException).code === 'EOF') return 0;
				throw err;
			}
		}, 'standard input', 0);
	} catch (err) {
		if (err instanceof InputError) throw err;
		throw new InputError(`cannot read standard input: ${ioMessage(err)}`);
	}
}

/**
 * Reads until the end, refusing past MAX_INPUT_BYTES; `read` returns -1 to
 * mean "try again". The bytes come back in an ArrayBuffer of their own (no
 * pool, no slack), so they can be handed to the worker without a copy.
 */
function readLimited(read: (buf: Uint8Array, off: number, len: number) => number, name: string, expected: number): Uint8Array {
	const chunks: Uint8Array[] = [];
	let total = 0;
	let size = expected > 0 ? expected : 64 * 1024;
	for (;;) {
		const buf = new Uint8Array(Math.min(size, MAX_INPUT_BYTES + 1 - total));
		let off = 0;
		while (off < buf.length) {
			const n = read(buf, off, buf.length - off);
			if (n === -1) {
				Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5);
				continue;
			}
			if (n === 0) break;
			off += n;
		}
		total += off;
		if (total > MAX_INPUT_BYTES) throw new InputError(`${name} is too large: more than ${mib(MAX_INPUT_BYTES)}, the limit`);
		if (off > 0) chunks.push(off === buf.length ? buf : buf.slice(0, off));
		if (off < buf.length) break;
		size = Math.max(64 * 1024, total);
	}
	if (chunks.length === 1) return chunks[0];
	const all = new Uint8Array(total);
	let at = 0;
	for (const c of chunks) {
		all.set(c, at);
		at += c.length;
	}
	return all;
}

/** Where the first byte that is not valid UTF-8 sits. */
function firstInvalidUtf8(bytes: Uint8Array): number {
	let i = 0;
	while (i < bytes.length) {
		const b = bytes[i];
		let need: number;
		let min: number;
		if (b < 0x80) {
			i++;
			continue;
		} else if (b >= 0xc2 && b <= 0xdf) (need = 1), (min = 0x80);
		else if (b >= 0xe0 && b <= 0xef) (need = 2), (min = 0x800);
		else if (b >= 0xf0 && b <= 0xf4) (need = 3), (min = 0x10000);
		else return i;
		let cp = b & (0x3f >> need);
		for (let k = 1; k <= need; k++) {
			const c = bytes[i + k];
			if (c === undefined || (c & 0xc0) !== 0x80) return i;
			cp = (cp << 6) | (c & 0x3f);
		}
		if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
		i += need + 1;
	}
	return -1;
}

function lineAndColumn(text: string, position: number): string {
	let line = 1;
	let start = 0;
	for (let i = text.indexOf('\n'); i !== -1 && i < position; i = text.indexOf('\n', i + 1)) {
		line++;
		start = i + 1;
	}
	return `line ${line}, column ${position - start + 1}`;
}

function decode(bytes: Uint8Array, name: string): string {
	let text: string;
	try {
		text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
	} catch (err) {
		if (err instanceof TypeError && /encoded data was not valid|invalid/i.test(err.message)) {
			const at = firstInvalidUtf8(bytes);
			let line = 1;
			for (let i = 0; i < at; i++) if (bytes[i] === 0x0a) line++;
			throw new InputError(`${name} is not valid UTF-8: byte ${at} (line ${line}) is 0x${bytes[at].toString(16).padStart(2, '0')}`);
		}
		// Longer than V8's longest string.
		throw new InputError(`${name} is too large to read as text (${mib(bytes.length)})`);
	}
	return text;
}

/**
 * Where JSON text first goes wrong, for the message: V8 gives a position for
 * some errors only ("Unexpected token 'x', … is not valid JSON" has none).
 * A small iterative scanner of the JSON grammar; -1 when it finds nothing.
 */
export function jsonErrorPosition(text: string): number {
	let i = 0;
	const n = text.length;
	const ws = () => {
		while (i < n && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i++;
	};
	const string = (): boolean => {
		i++; // the opening quote
		while (i < n) {
			const c = text.charCodeAt(i);
			if (c === 0x22) return (i++, true);
			if (c < 0x20) return false;
			if (c === 0x5c) {
				const e = text[i + 1];
				if (e === 'u') {
					if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) return (i++, false);
					i += 6;
				} else if (e !== undefined && '"\\/bfnrt'.includes(e)) i += 2;
				else return (i++, false);
			} else i++;
		}
		return false;
	};
	const number = (): boolean => {
		const m = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/.exec(text.slice(i, i + 400));
		if (!m || m[0] === '' || m[0] === '-') return false;
		i += m[0].length;
		return true;
	};
	const literal = (word: string): boolean => {
		if (text.startsWith(word, i)) return ((i += word.length), true);
		return false;
	};
	// The stack holds '{' or '[' for each open container.
	const stack: string[] = [];
	const value = (): boolean => {
		ws();
		const c = text[i];
		if (c === '"') return string();
		if (c === '-' || (c >= '0' && c <= '9')) return number();
		if (c === 't') return literal('true');
		if (c === 'f') return literal('false');
		if (c === 'n') return literal('null');
		return false;
	};
	ws();
	for (;;) {
		ws();
		const c = text[i];
		// A value (or a container's start).
		if (c === '{' || c === '[') {
			stack.push(c);
			i++;
			ws();
			if (text[i] === (c === '{' ? '}' : ']')) {
				i++;
				stack.pop();
			} else if (c === '{') {
				if (text[i] !== '"' || !string()) return i;
				ws();
				if (text[i] !== ':') return i;
				i++;
				continue;
			} else continue;
		} else if (!value()) return i;
		// After a value: a comma, a closing bracket or the end.
		for (;;) {
			ws();
			if (stack.length === 0) return i < n ? i : -1;
			const top = stack[stack.length - 1];
			if (text[i] === ',') {
				i++;
				if (top === '{') {
					ws();
					if (text[i] !== '"' || !string()) return i;
					ws();
					if (text[i] !== ':') return i;
					i++;
				}
				break;
			}
			if (text[i] === (top === '{' ? '}' : ']')) {
				i++;
				stack.pop();
				continue;
			}
			return i;
		}
	}
}

function parseJson(text: string, name: string): unknown {
	if (text.trim() === '') throw new InputError(`${name} is empty: expected a JSON object with people, slots and pairs`);
	try {
		return JSON.parse(text);
	} catch (err) {
		const message = (err as Error).message;
		const given = /at position (\d+)/.exec(message);
		const position = given ? Number(given[1]) : jsonErrorPosition(text);
		let what: string;
		if (position < 0) what = message.replace(/, ".*" is not valid JSON$/s, '');
		else if (position >= text.length) what = 'the text stops before the JSON is complete';
		else what = `unexpected ${JSON.stringify(text.slice(position, position + 12).split(/[\r\n]/)[0] || text[position])}`;
		const where = position < 0 ? '' : ` at ${lineAndColumn(text, Math.min(position, text.length))} (character ${position + 1})`;
		throw new InputError(`${name} is not valid JSON${where}: ${what}`);
	}
}

/** Writes `text` to `file` through a temporary file in the same directory and a rename. */
function writeAtomically(file: string, text: Uint8Array): void {
	const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
	try {
		writeFileSync(tmp, text, { flag: 'wx' });
		renameSync(tmp, file);
	} catch (err) {
		try {
			unlinkSync(tmp);
		} catch {
			// nothing was written
		}
		throw new InputError(`cannot write ${file}: ${ioMessage(err)}`);
	}
}

/** A device or a pipe (/dev/null, a FIFO): written in place, never replaced by a rename. */
function isSpecial(file: string): boolean {
	try {
		const st = statSync(file);
		return !st.isFile() && !st.isDirectory();
	} catch {
		return false;
	}
}

function writeDirectly(file: string, text: Uint8Array): void {
	try {
		writeFileSync(file, text);
	} catch (err) {
		throw new InputError(`cannot write ${file}: ${ioMessage(err)}`);
	}
}

interface Job {
	bytes: Uint8Array;
	name: string;
	certificate: boolean;
	pretty: boolean;
}

type Outcome =
	| { ok: true; text: Uint8Array; summary: string }
	| { ok: false; input: boolean; message: string };

/** In the worker: bytes in, the answer's JSON out (or the reason there is none). */
function work(job: Job, { parseProblem, solve, fairnessReport, ProblemError }: typeof Engine): Outcome {
	try {
		const json = parseJson(decode(job.bytes, job.name), job.name);
		let problem;
		try {
			problem = parseProblem(json);
		} catch (err) {
			if (err instanceof ProblemError) throw new InputError(`${job.name}: ${err.message}${err.path && !err.message.includes(err.path) ? ` (at ${err.path})` : ''}`);
			throw err;
		}
		const result = solve(problem);
		const out: Record<string, unknown> = {
			assignments: result.assignments,
			objective: result.objective,
			mode: result.mode,
			bound: result.bound,
			gap: result.gap,
			matched: result.matched,
			peopleMatched: result.peopleMatched
		};
		if (result.countBound !== undefined) out.countBound = result.countBound;
		out.unmatched = result.unmatched;
		out.fairness = fairnessReport(problem, result);
		out.seconds = result.seconds;
		if (job.certificate) out.certificate = result.certificate;
		const text = new TextEncoder().encode(`${JSON.stringify(out, null, job.pretty ? 2 : undefined)}\n`);
		const summary = `${result.matched} pairs, ${result.peopleMatched} people matched, objective ${result.objective}, gap ${result.gap}, ${result.seconds.toFixed(3)} s`;
		return { ok: true, text, summary };
	} catch (err) {
		if (err instanceof InputError) return { ok: false, input: true, message: err.message };
		const e = err as Error;
		return { ok: false, input: false, message: `${e?.name ?? 'Error'}: ${e?.message ?? String(err)}` };
	}
}

/** Runs `work` in a worker thread; out of memory there is a message here. */
function inWorker(job: Job): Promise<Outcome> {
	const size = job.bytes.byteLength;
	return new Promise((resolve) => {
		const worker = new Worker(new URL(import.meta.url), { workerData: job, transferList: [job.bytes.buffer as ArrayBuffer] });
		let outcome: Outcome | undefined;
		worker.once('message', (m: Outcome) => (outcome = m));
		worker.once('error', (err: NodeJS.ErrnoException) => {
			if (err.code === 'ERR_WORKER_OUT_OF_MEMORY') {
				const limit = getHeapStatistics().heap_size_limit;
				const more = Math.ceil((limit * 2) / 1024 ** 3) * 1024;
				outcome = {
					ok: false,
					input: true,
					message: `${job.name} (${mib(size)}) needs more memory than Node's heap limit of ${mib(limit)}: run it with NODE_OPTIONS=--max-old-space-size=${more}`
				};
			} else outcome = { ok: false, input: false, message: `${err.name}: ${err.message}` };
		});
		worker.once('exit', () => resolve(outcome ?? { ok: false, input: false, message: 'the worker stopped without an answer' }));
	});
}

async function main(): Promise<number> {
	const options = parseArgs(process.argv.slice(2));
	const name = options.input === '-' ? 'standard input' : options.input;
	if (options.output !== '-') {
		// Refuse a bad output place before the work, not after it.
		const dir = path.dirname(path.resolve(options.output));
		let st;
		try {
			st = statSync(dir);
		} catch (err) {
			throw new InputError(`cannot write ${options.output}: the folder ${dir} ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'does not exist' : ioMessage(err)}`);
		}
		if (!st.isDirectory()) throw new InputError(`cannot write ${options.output}: ${dir} is not a folder`);
		try {
			if (statSync(options.output).isDirectory()) throw new InputError(`cannot write ${options.output}: it is a directory`);
		} catch (err) {
			if (err instanceof InputError) throw err;
		}
	}
	const bytes = readInput(options.input);
	const outcome = await inWorker({ bytes, name, certificate: options.certificate, pretty: options.output === '-' });
	if (!outcome.ok) {
		if (outcome.input) throw new InputError(outcome.message);
		throw new Error(outcome.message);
	}
	const text = outcome.text;
	if (options.output === '-') process.stdout.write(text);
	else {
		if (isSpecial(options.output)) writeDirectly(options.output, text);
		else writeAtomically(options.output, text);
		process.stdout.write(`match: ${outcome.summary} → ${options.output}\n`);
	}
	return 0;
}

/** One line on standard error, whatever the message holds. */
const say = (message: string) => process.stderr.write(`match: ${message.replace(/\s*[\r\n]+\s*/g, ' ')}\n`);

if (isMainThread) {
	// Whatever slips through still ends in one line, never a stack trace.
	process.on('uncaughtException', (err) => {
		say(`internal error (${err?.message ?? String(err)}); please report it with the input file`);
		process.exit(1);
	});
	// A reader that stops early (`| head`) is not a crash.
	process.stdout.on('error', (err: NodeJS.ErrnoException) => {
		say(`cannot write standard output: ${err.code === 'EPIPE' ? 'it was closed before the answer was written' : ioMessage(err)}`);
		process.exit(2);
	});
	try {
		process.exitCode = await main();
	} catch (err) {
		if (err instanceof InputError) {
			say(err.message);
			process.exitCode = 2;
		} else {
			const e = err as Error;
			say(`internal error (${e?.message ?? String(err)}); please report it with the input file`);
			process.exitCode = 1;
		}
	}
} else {
	// Only the worker loads the engine.
	const outcome = work(workerData as Job, await import('../src/lib/matching/index.ts'));
	parentPort!.postMessage(outcome, outcome.ok ? [outcome.text.buffer as ArrayBuffer] : []);
}
