/**
 * npm run match, as a user runs it: the real script in a child process on
 * real files in a temporary folder.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate } from '../src/lib/matching/generate.ts';

const SCRIPT = path.resolve('scripts/match.ts');
let dir: string;

beforeAll(() => {
	dir = mkdtempSync(path.join(tmpdir(), 'convive-match-'));
});
afterAll(() => {
	rmSync(dir, { recursive: true, force: true });
});

interface Run {
	code: number | null;
	stdout: string;
	stderr: string;
	ms: number;
}

function match(args: string[], stdin?: string | Buffer, nodeFlags: string[] = []): Run {
	const started = Date.now();
	const r = spawnSync(process.execPath, [...nodeFlags, SCRIPT, ...args], { input: stdin, encoding: 'utf8', timeout: 60_000 });
	return { code: r.status, stdout: r.stdout, stderr: r.stderr, ms: Date.now() - started };
}

function file(name: string, content: string | Buffer): string {
	const p = path.join(dir, name);
	writeFileSync(p, content);
	return p;
}

/** Exit 2, one line on stderr that says `what`, no stack trace, and no output file. */
function refused(r: Run, what: RegExp, output?: string): void {
	expect(r.code, r.stderr).toBe(2);
	const lines = r.stderr.trimEnd().split('\n');
	expect(lines, r.stderr).toHaveLength(1);
	expect(lines[0]).toMatch(/^match: /);
	expect(lines[0]).toMatch(what);
	expect(r.stderr).not.toMatch(/\n\s+at |node:internal|\.ts:\d+/);
	if (output) expect(existsSync(output)).toBe(false);
}

// Two people, two slots: greedy would take a→x (10) alone; the optimum is a→y + b→x (18).
const crossing = {
	people: [
		{ id: 'a', group: 'ar' },
		{ id: 'b', group: 'uk' }
	],
	slots: [{ id: 'x' }, { id: 'y' }],
	pairs: [
		{ person: 'a', slot: 'x', score: 10 },
		{ person: 'a', slot: 'y', score: 8 },
		{ person: 'b', slot: 'x', score: 10 }
	]
};

describe('npm run match on a good problem', () => {
	it('writes the optimal assignment with its bound, gap 0, the unmatched and the fairness report', () => {
		const input = file('good.json', JSON.stringify(crossing));
		const output = path.join(dir, 'good-result.json');
		const r = match(['--input', input, '--output', output]);
		expect(r.code, r.stderr).toBe(0);
		expect(r.stderr).toBe('');
		const result = JSON.parse(readFileSync(output, 'utf8'));
		expect(result.assignments).toEqual([
			{ person: 'a', slot: 'y', score: 8, fixed: false },
			{ person: 'b', slot: 'x', score: 10, fixed: false }
		]);
		expect(result).toMatchObject({ objective: 18, bound: 18, gap: 0, matched: 2, peopleMatched: 2, mode: 'score', unmatched: [] });
		expect(result.fairness).toBeTruthy();
		expect(typeof result.seconds).toBe('number');
		expect(result).not.toHaveProperty('certificate');
		// No temporary file left beside the answer.
		expect(readdirSync(dir).filter((f) => f.includes('good-result'))).toEqual(['good-result.json']);
	});

	it('adds the certificate only when asked, and honours fixed and forbidden pairs', () => {
		const input = file('fixed.json', JSON.stringify({ ...crossing, fixed: [{ person: 'a', slot: 'x' }], forbidden: [{ person: 'a', slot: 'y' }] }));
		const output = path.join(dir, 'fixed-result.json');
		const r = match(['--input', input, '--output', output, '--certificate']);
		expect(r.code, r.stderr).toBe(0);
		const result = JSON.parse(readFileSync(output, 'utf8'));
		expect(result.assignments).toEqual([{ person: 'a', slot: 'x', score: 10, fixed: true }]);
		expect(result.objective).toBe(10);
		expect(result.unmatched).toEqual([{ person: 'b', reason: 'slots-full' }]);
		expect(result.certificate).toBeTruthy();
	});

	it('reads standard input and writes standard output with -, and puts the count first when asked', () => {
		// Room for both, but b's pair scores below zero: by score b stays out, by count b is in.
		const problem = {
			people: [{ id: 'a' }, { id: 'b' }],
			slots: [{ id: 'x', capacity: 2 }],
			pairs: [
				{ person: 'a', slot: 'x', score: 50 },
				{ person: 'b', slot: 'x', score: -5 }
			]
		};
		const byScore = match(['--input', '-', '--output', '-'], JSON.stringify(problem));
		expect(byScore.code, byScore.stderr).toBe(0);
		expect(JSON.parse(byScore.stdout)).toMatchObject({ objective: 50, matched: 1, unmatched: [{ person: 'b', reason: 'not-worth-it' }] });
		const byCount = match(['--input=-', '--output=-'], JSON.stringify({ ...problem, objective: 'count-then-score' }));
		expect(byCount.code, byCount.stderr).toBe(0);
		expect(JSON.parse(byCount.stdout)).toMatchObject({ objective: 45, matched: 2, mode: 'count-then-score', gap: 0 });
	});

	it('stops with one line when the reader closes standard output early (| head)', async () => {
		const input = file('pipe.json', JSON.stringify(generate({ people: 5_000, slots: 500, seed: 3 })));
		const child = spawn(process.execPath, [SCRIPT, '--input', input, '--output', '-']);
		let stderr = '';
		let got = 0;
		child.stderr.on('data', (d) => (stderr += d));
		child.stdout.once('data', (d: Buffer) => {
			got = d.length;
			child.stdout.destroy();
		});
		const code = await new Promise((resolve) => child.on('close', resolve));
		expect(got).toBeGreaterThan(0);
		expect(code).toBe(2);
		expect(stderr).toBe('match: cannot write standard output: it was closed before the answer was written\n');
	}, 120_000);

	it('replaces an existing output file whole', () => {
		const input = file('again.json', JSON.stringify(crossing));
		const output = file('again-result.json', 'old content that is much longer than nothing'.repeat(100));
		expect(match(['--input', input, '--output', output]).code).toBe(0);
		expect(JSON.parse(readFileSync(output, 'utf8')).objective).toBe(18);
	});
});

describe('npm run match refuses bad commands with exit 2 and one line', () => {
	it('without flags, with an unknown flag, with a flag missing its value', () => {
		refused(match([]), /--input is missing.*usage/);
		refused(match(['--input', 'a.json']), /--output is missing/);
		refused(match(['--input', 'a.json', '--output', 'b.json', '--fast']), /unknown flag --fast/);
		refused(match(['--input', '--output', 'b.json']), /--input needs a file name/);
		refused(match(['--input', 'a.json', '--output']), /--output needs a file name/);
		refused(match(['problem.json']), /unexpected argument "problem.json"/);
		refused(match(['--input', 'a.json', '--output', 'b.json', '--certificate=yes']), /--certificate takes no value/);
	}, 120_000);

	it('an input that is not there or is a folder, an output folder that is not there', () => {
		const output = path.join(dir, 'never.json');
		refused(match(['--input', path.join(dir, 'nope.json'), '--output', output]), /cannot read .*nope\.json: no such file/, output);
		refused(match(['--input', dir, '--output', output]), /it is a directory/, output);
		const input = file('ok.json', JSON.stringify(crossing));
		refused(match(['--input', input, '--output', path.join(dir, 'no-such-folder', 'r.json')]), /folder .*no-such-folder does not exist/);
		refused(match(['--input', input, '--output', dir]), /cannot write .*: it is a directory/);
	}, 120_000);
});

describe('npm run match refuses bad files with exit 2, naming the problem', () => {
	it('a 2 GB file, by its size and without reading it', () => {
		const big = path.join(dir, 'huge.json');
		writeFileSync(big, '');
		truncateSync(big, 2 * 1024 ** 3); // sparse: no disk used
		const output = path.join(dir, 'huge-result.json');
		const r = match(['--input', big, '--output', output]);
		refused(r, /huge\.json is too large: 2\.0 GiB, the limit is 512 MiB/, output);
		// Reading 2 GB would take far longer (and fail on V8's string limit).
		expect(r.ms).toBeLessThan(5_000);
	});

	it('a file one byte over 512 MiB', () => {
		const over = path.join(dir, 'over.json');
		writeFileSync(over, '');
		truncateSync(over, 512 * 1024 ** 2 + 1);
		refused(match(['--input', over, '--output', path.join(dir, 'over-result.json')]), /too large: 512\.0 MiB, the limit is 512 MiB/);
	});

	it('a problem too big for the memory Node may use: a message with the way out, not an out-of-memory abort', () => {
		// 500,000 pairs, 23 MiB: the text and the objects JSON.parse makes of it cannot both fit in 24 MiB of old space.
		const input = file('medium.json', JSON.stringify(generate({ people: 10_000, slots: 1_000, seed: 1 })));
		const output = path.join(dir, 'medium-result.json');
		const r = match(['--input', input, '--output', output], undefined, ['--max-old-space-size=24']);
		refused(r, /medium\.json \(23\.0 MiB\) needs more memory than Node's heap limit of \d+ MiB: run it with NODE_OPTIONS=--max-old-space-size=\d+/, output);
		expect(r.stderr).not.toMatch(/FATAL|Native stack/);
	}, 120_000);

	it('malformed JSON, with the line and column', () => {
		const output = path.join(dir, 'bad-result.json');
		const broken = '{\n  "people": [{"id": "a"}],\n  "slots": [{"id": "x"}],\n  "pairs": [{"person": "a", "slot": "x", "score": 1,}]\n}\n';
		refused(match(['--input', file('bad.json', broken), '--output', output]), /bad\.json is not valid JSON at line 4, column 53 \(character 108\): unexpected "}]"$/, output);
		refused(match(['--input', file('cut.json', '{"people": [{"id": "a"'), '--output', output]), /not valid JSON at line 1, column 23 .*stops before the JSON is complete/, output);
		refused(match(['--input', file('trail.json', '{"people": []} x'), '--output', output]), /not valid JSON at line 1, column 16/, output);
		refused(match(['--input', file('empty.json', '  \n'), '--output', output]), /empty\.json is empty/, output);
		refused(match(['--input', '-', '--output', output], '{people: []}'), /standard input is not valid JSON at line 1, column 2/, output);
	}, 120_000);

	it('bytes that are not UTF-8, with where they are', () => {
		const bytes = Buffer.concat([Buffer.from('{"people": [{"id": "a"}],\n"slots": [{"id": "'), Buffer.from([0xc3, 0x28]), Buffer.from('"}], "pairs": []}')]);
		const output = path.join(dir, 'latin-result.json');
		refused(match(['--input', file('latin.json', bytes), '--output', output]), /latin\.json is not valid UTF-8: byte 44 \(line 2\) is 0xc3/, output);
		// A byte-order mark is fine.
		const bom = file('bom.json', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(JSON.stringify(crossing))]));
		expect(match(['--input', bom, '--output', path.join(dir, 'bom-result.json')]).code).toBe(0);
	});

	it('the wrong shape', () => {
		const output = path.join(dir, 'shape-result.json');
		refused(match(['--input', file('array.json', '[1, 2]'), '--output', output]), /must be an object with people, slots and pairs/, output);
		refused(match(['--input', file('nopeople.json', '{"slots": [], "pairs": []}'), '--output', output]), /people must be a list, not missing/, output);
		refused(match(['--input', file('slotsnum.json', '{"people": [], "slots": 3, "pairs": []}'), '--output', output]), /slots must be a list/, output);
	}, 120_000);

	it('every problem the engine refuses, by name', () => {
		const output = path.join(dir, 'problem-result.json');
		const cases: [string, unknown, RegExp][] = [
			['unknown person', { ...crossing, pairs: [{ person: 'zed', slot: 'x', score: 1 }] }, /pairs\[0\]\.person names "zed", who is not among the people/],
			['unknown slot', { ...crossing, pairs: [{ person: 'a', slot: 'w', score: 1 }] }, /pairs\[0\]\.slot names "w"/],
			['negative capacity', { ...crossing, slots: [{ id: 'x', capacity: -1 }, { id: 'y' }] }, /slots\[0\]\.capacity/],
			['fractional capacity', { ...crossing, people: [{ id: 'a', capacity: 1.5 }, { id: 'b' }] }, /people\[0\]\.capacity/],
			['duplicate id', { ...crossing, people: [{ id: 'a' }, { id: 'a' }] }, /same id "a"/],
			['duplicate pair', { ...crossing, pairs: [...crossing.pairs, { person: 'a', slot: 'x', score: 3 }] }, /pairs\[3\].*(a|x)/],
			['score too large', { ...crossing, pairs: [{ person: 'a', slot: 'x', score: 2e9 }] }, /pairs\[0\]\.score must be .*-1e9 and 1e9/],
			['score not a number', { ...crossing, pairs: [{ person: 'a', slot: 'x', score: 'ten' }] }, /pairs\[0\]\.score must be a finite number/],
			['unknown objective', { ...crossing, objective: 'fairest' }, /objective must be "score" or "count-then-score"/],
			['fixed pair not allowed', { ...crossing, fixed: [{ person: 'b', slot: 'y' }] }, /fixed\[0\].*not an allowed pair/],
			['fixed and forbidden', { ...crossing, fixed: [{ person: 'a', slot: 'x' }], forbidden: [{ person: 'a', slot: 'x' }] }, /also forbidden/],
			['fixed beyond a capacity', { ...crossing, fixed: [{ person: 'a', slot: 'x' }, { person: 'b', slot: 'x' }] }, /x.*capacity|capacity.*x/]
		];
		for (const [name, problem, message] of cases) {
			const r = match(['--input', file(`${name.replaceAll(' ', '-')}.json`, JSON.stringify(problem)), '--output', output]);
			expect.soft(r.code, `${name}: ${r.stderr}`).toBe(2);
			expect.soft(r.stderr, name).toMatch(message);
			expect.soft(r.stderr.trimEnd().split('\n'), name).toHaveLength(1);
		}
		// Infinity cannot be written in JSON, but 1e999 reads as Infinity.
		refused(match(['--input', file('inf.json', '{"people":[{"id":"a"}],"slots":[{"id":"x"}],"pairs":[{"person":"a","slot":"x","score":1e999}]}'), '--output', output]), /score must be a finite number/, output);
		expect(existsSync(output)).toBe(false);
	}, 120_000);

	it('a failed run leaves an existing output as it was', () => {
		const output = file('kept.json', '{"kept": true}');
		refused(match(['--input', file('bad2.json', '{"people": ['), '--output', output]), /not valid JSON/);
		expect(readFileSync(output, 'utf8')).toBe('{"kept": true}');
		expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
	});
});
