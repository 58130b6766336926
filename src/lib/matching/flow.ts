/**
 * Minimum-cost flow by cost scaling (Goldberg & Tarjan's push-relabel
 * "refine", with FIFO selection and Goldberg's price updates), on the
 * network of a matching problem:
 *
 *   person p --(cap 1, cost -w·K)--> slot s --(cap c_s, cost 0)--> sink T
 *   person p --(cap c_p, cost 0)--> U --(cap u, cost 0)--> sink T
 *
 * where every person supplies c_p units, the sink takes them all, and U
 * collects what stays unmatched (u caps it, for "count-then-score"). Costs are
 * integers multiplied by K = nodes + 1, so a flow that is 1-optimal for the
 * multiplied costs is optimal for the integers (ε < 1/n). Everything is kept
 * in typed arrays; prices stay integers below 2^53 (validate.ts picks the
 * resolution so).
 *
 * After solving, `exactPotentials` turns the ε-optimal prices into integer
 * potentials for the unmultiplied costs under which no residual arc has a
 * negative reduced cost: the dual certificate (certificate.ts).
 */
import type { Compiled } from './validate.ts';
import { OPEN } from './validate.ts';

export interface Network {
	n: number;
	P: number;
	S: number;
	U: number;
	T: number;
	first: Int32Array;
	head: Int32Array;
	mate: Int32Array;
	/** Residual capacity. */
	cap: Float64Array;
	/** Original capacity. */
	cap0: Float64Array;
	/** Cost in whole units of the resolution (not multiplied). */
	cost: Float64Array;
	supply: Float64Array;
	/** The arc of each compiled pair (-1 when the pair is fixed or forbidden). */
	pairArc: Int32Array;
	/** The arc U→T. */
	overflowArc: number;
}

/** Builds the network for the open pairs; `weight(k)` gives pair k's integer weight. */
export function buildNetwork(c: Compiled, weight: (k: number) => number): Network {
	const { P, S, pairStart, pairSlot, pairState } = c;
	const U = P + S;
	const T = U + 1;
	const n = T + 1;
	const deg = new Int32Array(n + 1);
	const open = new Uint8Array(pairSlot.length);
	for (let p = 0; p < P; p++) {
		deg[p] += 1; // p → U
		for (let k = pairStart[p]; k < pairStart[p + 1]; k++)
			if (pairState[k] === OPEN) {
				open[k] = 1;
				deg[p]++;
				deg[P + pairSlot[k]]++;
			}
	}
	for (let s = 0; s < S; s++) deg[P + s] += 1; // s → T
	deg[U] = P + 1;
	deg[T] = S + 1;
	const first = new Int32Array(n + 1);
	for (let v = 0; v < n; v++) first[v + 1] = first[v] + deg[v];
	const m = first[n];
	const head = new Int32Array(m);
	const mate = new Int32Array(m);
	const cap = new Float64Array(m);
	const cost = new Float64Array(m);
	const pos = first.slice(0, n);
	const pairArc = new Int32Array(pairSlot.length).fill(-1);
	const arc = (from: number, to: number, capacity: number, c0: number): number => {
		const a = pos[from]++;
		const b = pos[to]++;
		head[a] = to;
		head[b] = from;
		mate[a] = b;
		mate[b] = a;
		cap[a] = capacity;
		cost[a] = c0;
		cost[b] = -c0;
		return a;
	};
	// Person arcs first in slot order, so each slot's reverse arcs are in person order.
	for (let p = 0; p < P; p++)
		for (let k = pairStart[p]; k < pairStart[p + 1]; k++) if (open[k]) pairArc[k] = arc(p, P + pairSlot[k], 1, -weight(k));
	let totalSupply = 0;
	for (let p = 0; p < P; p++) {
		arc(p, U, c.personFree[p], 0);
		totalSupply += c.personFree[p];
	}
	for (let s = 0; s < S; s++) arc(P + s, T, c.slotFree[s], 0);
	const overflowArc = arc(U, T, totalSupply, 0);
	const supply = new Float64Array(n);
	for (let p = 0; p < P; p++) supply[p] = c.personFree[p];
	supply[T] = -totalSupply;
	return { n, P, S, U, T, first, head, mate, cap, cap0: cap.slice(), cost, supply, pairArc, overflowArc };
}

export function resetFlow(net: Network): void {
	net.cap.set(net.cap0);
}

/**
 * Solves min-cost flow on `net` (from zero flow); returns the prices in units
 * of 1/K of the costs, which are ε-optimal with ε = 1.
 */
export interface PhaseTrace {
	eps: number;
	ms: number;
	pushes: number;
	relabels: number;
	/** Arcs scanned by relabels of people, slots and the other nodes. */
	scanned: [number, number, number];
}

export function minCostFlow(net: Network, trace?: (t: PhaseTrace) => void, alpha = 16): Float64Array {
	const { n, first, head, mate, cap, cost: cost0 } = net;
	const K = n + 1;
	const m = head.length;
	const cost = new Float64Array(m);
	let maxCost = 0;
	for (let a = 0; a < m; a++) {
		cost[a] = cost0[a] * K;
		if (Math.abs(cost[a]) > maxCost) maxCost = Math.abs(cost[a]);
	}
	const price = new Float64Array(n);
	const excess = new Float64Array(n);
	const current = new Int32Array(n);
	const queue = new Int32Array(n);
	const queued = new Uint8Array(n);
	let eps = maxCost;

	for (;;) {
		eps = Math.max(1, Math.floor(eps / alpha));
		const t0 = performance.now();
		let pushes = 0;
		let relabels = 0;
		let rp = 0, rs = 0, ru = 0;
		// Refine(eps): start from the supplies, saturate every arc with a negative reduced cost.
		excess.set(net.supply);
		for (let v = 0; v < n; v++) {
			const pv = price[v];
			for (let a = first[v]; a < first[v + 1]; a++) {
				const r = cap[a];
				if (r > 0 && cost[a] + pv - price[head[a]] < 0) {
					cap[a] = 0;
					cap[mate[a]] += r;
				}
			}
		}
		// excess from the flows: for each forward arc (original cap > 0) its flow leaves the tail and enters the head
		for (let v = 0; v < n; v++) {
			for (let a = first[v]; a < first[v + 1]; a++) {
				const f = net.cap0[a] - cap[a];
				if (net.cap0[a] > 0 && f !== 0) {
					excess[v] -= f;
					excess[head[a]] += f;
				}
			}
		}
		let qh = 0;
		let qt = 0;
		let ql = 0;
		for (let v = 0; v < n; v++) {
			current[v] = first[v];
			queued[v] = 0;
			if (excess[v] > 0) {
				queue[qt] = v;
				qt = qt + 1 === n ? 0 : qt + 1;
				ql++;
				queued[v] = 1;
			}
		}
		while (ql > 0) {
			const v = queue[qh];
			qh = qh + 1 === n ? 0 : qh + 1;
			ql--;
			queued[v] = 0;
			let pv = price[v];
			let a = current[v];
			const end = first[v + 1];
			let ev = excess[v];
			while (ev > 0) {
				for (; a < end; a++) if (cap[a] > 0 && cost[a] + pv - price[head[a]] < 0) break;
				if (a < end) {
					const w = head[a];
					const r = cap[a];
					const d = ev < r ? ev : r;
					cap[a] = r - d;
					cap[mate[a]] += d;
					ev -= d;
					const ew = excess[w];
					excess[w] = ew + d;
					if (ew <= 0 && ew + d > 0 && queued[w] === 0) {
						queue[qt] = w;
						qt = qt + 1 === n ? 0 : qt + 1;
						ql++;
						queued[w] = 1;
					}
					if (r === d) a++;
					pushes++;
				} else {
					let best = -Infinity;
					for (let b = first[v]; b < end; b++) {
						if (cap[b] > 0) {
							const t = price[head[b]] - cost[b];
							if (t > best) best = t;
						}
					}
					pv = best - eps;
					relabels++;
					if (v < net.P) rp += end - first[v]; else if (v < net.U) rs += end - first[v]; else ru += end - first[v];
					a = first[v];
				}
			}
			excess[v] = ev;
			price[v] = pv;
			current[v] = a;
		}
		trace?.({ eps, ms: performance.now() - t0, pushes, relabels, scanned: [rp, rs, ru] });
		if (eps === 1) break;
	}
	return price;
}

/**
 * Integer potentials for the unmultiplied costs with no negative reduced
 * cost on any residual arc, from the ε-optimal prices of `minCostFlow`:
 * rounded, then repaired by Bellman-Ford relaxation (a queue of the nodes
 * whose potential dropped). Rounding leaves each arc at most one unit short,
 * so the repair is short; it cannot loop, because an optimal flow leaves no
 * negative cycle, and it gives up (returns null) if it ever runs past n
 * rounds, which would mean the flow was not optimal.
 */
export function exactPotentials(net: Network, price: Float64Array): Float64Array | null {
	const { n, first, head, cap, cost, T } = net;
	const K = n + 1;
	const pi = new Float64Array(n);
	for (let v = 0; v < n; v++) pi[v] = Math.round(price[v] / K);
	const queue = new Int32Array(n);
	const queued = new Uint8Array(n);
	const rounds = new Int32Array(n);
	let qh = 0;
	let qt = 0;
	let ql = n;
	for (let v = 0; v < n; v++) {
		queue[v] = v;
		queued[v] = 1;
	}
	// Reduced cost of a residual arc v→w: cost + pi[v] - pi[w] >= 0, i.e. pi[w] <= pi[v] + cost.
	while (ql > 0) {
		const v = queue[qh];
		qh = qh + 1 === n ? 0 : qh + 1;
		ql--;
		queued[v] = 0;
		const pv = pi[v];
		for (let a = first[v]; a < first[v + 1]; a++) {
			if (cap[a] <= 0) continue;
			const w = head[a];
			const bound = pv + cost[a];
			if (pi[w] > bound) {
				pi[w] = bound;
				if (++rounds[w] > n) return null;
				if (queued[w] === 0) {
					queued[w] = 1;
					queue[qt] = w;
					qt = qt + 1 === n ? 0 : qt + 1;
					ql++;
				}
			}
		}
	}
	const shift = pi[T];
	for (let v = 0; v < n; v++) pi[v] -= shift;
	return pi;
}
