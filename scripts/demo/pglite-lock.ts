/**
 * PGlite is a single-process database and takes no lock on its directory:
 * a second process opening the same directory does not fail, it silently
 * works on a diverging copy and can corrupt it. Operator scripts therefore
 * look for another process that has the directory open before touching it.
 *
 * On Linux, /proc tells which processes hold files under the directory. A
 * running PGlite also keeps a `postmaster.pid` file there (removed on a clean
 * close); where /proc is not available, that file is the only sign.
 */
import { existsSync, readdirSync, readlinkSync } from 'node:fs';
import path from 'node:path';

export interface PgliteUse {
	inUse: boolean;
	/** Processes (other than this one) that hold files in the directory, when known. */
	pids: number[];
	/** True when only the postmaster.pid file could be checked. */
	guessed: boolean;
}

export function pgliteInUse(dataDir: string): PgliteUse {
	const dir = path.resolve(dataDir);
	if (!existsSync(dir)) return { inUse: false, pids: [], guessed: false };
	const pidFile = existsSync(path.join(dir, 'postmaster.pid'));
	let procEntries: string[];
	try {
		procEntries = readdirSync('/proc').filter((e) => /^\d+$/.test(e));
	} catch {
		return { inUse: pidFile, pids: [], guessed: true };
	}
	const pids: number[] = [];
	let unreadable = 0;
	const prefix = dir.endsWith(path.sep) ? dir : dir + path.sep;
	for (const entry of procEntries) {
		const pid = Number(entry);
		if (pid === process.pid) continue;
		let fds: string[];
		try {
			fds = readdirSync(`/proc/${entry}/fd`);
		} catch (err) {
			if ((err as NodeJS.ErrnoException).code === 'EACCES') unreadable++; // another user's process
			continue;
		}
		for (const fd of fds) {
			let target: string;
			try {
				target = readlinkSync(`/proc/${entry}/fd/${fd}`);
			} catch {
				continue;
			}
			if (target === dir || target.startsWith(prefix)) {
				pids.push(pid);
				break;
			}
		}
	}
	if (pids.length === 0 && pidFile && unreadable > 0) return { inUse: true, pids, guessed: true };
	return { inUse: pids.length > 0, pids, guessed: false };
}
