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
 * integers multiplied by K = 2·min(people, slots) + 5, more than the arcs of
 * any simple cycle, so a flow that is 1-optimal for the multiplied costs is
 * optimal for the integers (no cycle can gain a whole unit). Everything is kept
 * in typed arrays; prices stay integers below 2^53 (validate.ts picks the
 * resolution so).
 *
 * After solving, `exactPotentials` turns the ε-optimal prices into integer
 * potentials for the unmultiplied costs under which no residual arc has a
 * negative reduced cost: the dual certificate (certificate.ts).
 */
import { carve } from './arena.ts';
import type { Compiled } from './validate.ts';

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
	/** Original capacity (0 on the reverse arcs). */
	cap0: Float64Array;
	/** Capacity of an arc and its mate together: residual(mate) = total − residual(arc). */
	total: Float64Array;
	/** Cost in whole units of the resolution (not multiplied). */
	cost: Float64Array;
	supply: Float64Array;
	/** The arc of each compiled pair (-1 when the pair is fixed or forbidden). */
	pairArc: Int32Array;
	/** The arc U→T. */
	overflowArc: number;
	/** Unmatched units go straight to T (U is unused). */
	direct: boolean;
	/**
	 * What costs are multiplied by: more than the arcs of any simple cycle
	 * (people and slots alternate, so at most 2·min(P, S), plus T and U), so
	 * that ε = 1 on the multiplied costs is ε < 1/cycle length, which makes an
	 * ε-optimal flow optimal. Smaller than the node count: fewer phases.
	 */
	K: number;
}

/**
 * Builds the network for the open pairs marked in `include`; `weight` is
 * every pair's integer weight, or one for all. `unmatchedCapacity` caps how
 * many person-units may stay unmatched (U→T); with no cap (undefined) every
 * person's "unmatched" arc goes straight to T, which is never relabelled,
 * instead of through U, whose relabel would scan an arc per person.
 */
export function buildNetwork(c: Compiled, weight: Float64Array | number, include: Uint8Array, unmatchedCapacity?: number): Network {
	const direct = unmatchedCapacity === undefined;
	const { P, S, pairStart, pairSlot } = c;
	const U = P + S;
	const T = U + 1;
	const n = T + 1;
	const deg = new Int32Array(n + 1);
	for (let p = 0; p < P; p++) {
		deg[p] += 1; // p → U
		for (let k = pairStart[p]; k < pairStart[p + 1]; k++)
			if (include[k]) {
				deg[p]++;
				deg[P + pairSlot[k]]++;
			}
	}
	for (let s = 0; s < S; s++) deg[P + s] += 1; // s → T
	deg[U] = direct ? 1 : P + 1;
	deg[T] = direct ? S + P + 1 : S + 1;
	let m = 0;
	for (let v = 0; v < n; v++) m += deg[v];
	const { first, head, mate, cap, cap0, cost, total, supply, pairArc } = carve({
		first: ['i32', n + 1],
		head: ['i32', m],
		mate: ['i32', m],
		cap: ['f64', m],
		cap0: ['f64', m],
		cost: ['f64', m],
		total: ['f64', m],
		supply: ['f64', n],
		pairArc: ['i32', pairSlot.length]
	});
	for (let v = 0; v < n; v++) first[v + 1] = first[v] + deg[v];
	const pos = first.slice(0, n);
	pairArc.fill(-1);
	const arc = (from: number, to: number, capacity: number, c0: number): number => {
		const a = pos[from]++;
		const b = pos[to]++;
		head[a] = to;
		head[b] = from;
		mate[a] = b;
		mate[b] = a;
		cap[a] = capacity;
		total[a] = capacity;
		total[b] = capacity;
		cost[a] = c0;
		cost[b] = -c0;
		return a;
	};
	// Order matters to the scans: U→T is U's first arc and s→T each slot's
	// first arc (found before hundreds of reverse arcs); the person arcs go in
	// slot order, so each slot's reverse arcs are in person order.
	let totalSupply = 0;
	for (let p = 0; p < P; p++) totalSupply += c.personFree[p];
	const overflowArc = arc(U, T, direct ? 0 : unmatchedCapacity, 0);
	for (let s = 0; s < S; s++) arc(P + s, T, c.slotFree[s], 0);
	for (let p = 0; p < P; p++)
		for (let k = pairStart[p]; k < pairStart[p + 1]; k++)
			if (include[k]) pairArc[k] = arc(p, P + pairSlot[k], 1, typeof weight === 'number' ? -weight : -weight[k]);
	for (let p = 0; p < P; p++) arc(p, direct ? T : U, c.personFree[p], 0);
	cap0.set(cap);
	for (let p = 0; p < P; p++) supply[p] = c.personFree[p];
	supply[T] = -totalSupply;
	return { n, P, S, U, T, first, head, mate, cap, cap0, total, cost, supply, pairArc, overflowArc, direct, K: 2 * Math.min(P, S) + 5 };
}

/** Whether compiled pair k is in the network and carries its unit of flow. */
export function carriesFlow(net: Network, k: number): boolean {
	const a = net.pairArc[k];
	return a >= 0 && net.cap[a] === 0;
}

export interface PhaseTrace {
	eps: number;
	ms: number;
	pushes: number;
	relabels: number;
	updates: number;
	updateMs: number;
}

/**
 * Puts a flow on a freshly built network: a unit on every pair marked in
 * `used` (all of them must be in the network), the rest of each person's
 * units unmatched.
 */
export function loadFlow(net: Network, c: Compiled, used: Uint8Array): void {
	const { P, S, first, cap, cap0, mate, pairArc } = net;
	const into = new Int32Array(S);
	let unmatched = 0;
	for (let p = 0; p < P; p++) {
		let u = 0;
		for (let k = c.pairStart[p]; k < c.pairStart[p + 1]; k++) {
			const a = pairArc[k];
			if (a >= 0 && used[k]) {
				cap[a] = 0;
				cap[mate[a]] = 1;
				u++;
				into[c.pairSlot[k]]++;
			}
		}
		const rest = c.personFree[p] - u;
		const a = first[p + 1] - 1; // the person's unmatched arc is its last
		cap[a] = cap0[a] - rest;
		cap[mate[a]] = rest;
		unmatched += rest;
	}
	for (let s = 0; s < S; s++) {
		const a = first[P + s]; // the slot's arc to T is its first
		cap[a] = cap0[a] - into[s];
		cap[mate[a]] = into[s];
	}
	if (!net.direct) {
		const a = net.overflowArc;
		cap[a] = cap0[a] - unmatched;
		cap[mate[a]] = unmatched;
	}
}

export interface FlowOptions {
	trace?: (t: PhaseTrace) => void;
	/** Scaling factor between phases. */
	alpha?: number;
	/** Start prices, multiplied by K, for the flow already on the network. */
	prices?: Float64Array;
	/** The flow on the network is ε-optimal for this ε under `prices` (default: measured). */
	eps?: number;
	/** Stop after the first phase whose ε is at most this (default 1: optimal). */
	stopAt?: number;
}

export interface FlowState {
	/** Prices multiplied by K; ε-optimal for `eps`. */
	price: Float64Array;
	eps: number;
}

/**
 * Solves min-cost flow on `net` by cost scaling, from zero flow or from a
 * flow and prices given; returns the prices (multiplied by K, i.e. in units
 * of 1/K of the costs) and the ε they are optimal for: 1 unless stopped early.
 *
 * Heuristics (Goldberg 1997): a relabel pushes at once along the arc it made
 * admissible; a price update (a bucketed shortest-path pass from the nodes
 * that lack flow, `priceUpdate`) runs at the start of every phase and again
 * after every n/2 relabels, so excess flows straight to where it is missing.
 */
export function minCostFlow(net: Network, options: FlowOptions = {}): FlowState {
	const { trace, alpha = 16, stopAt = 1 } = options;
	const { n, first, head, mate, cap, cap0, cost: cost0, K } = net;
	const m = head.length;
	const { cost, excess, current, queue, queued } = carve({
		cost: ['f64', m],
		excess: ['f64', n],
		current: ['i32', n],
		queue: ['i32', n],
		queued: ['u8', n]
	});
	let maxCost = 0;
	for (let a = 0; a < m; a++) {
		cost[a] = cost0[a] * K;
		if (Math.abs(cost[a]) > maxCost) maxCost = Math.abs(cost[a]);
	}
	// From scratch, start from prices under which the zero flow is
	// 0-optimal: each node priced at its best outgoing arc, so no arc is
	// saturated at the start and the first phase works like an auction
	// instead of undoing a flood. Given prices and a flow, the flow is
	// ε-optimal for its largest violation, which is where the scaling goes on.
	let price: Float64Array;
	if (options.prices) {
		price = options.prices;
		if (options.eps !== undefined) maxCost = options.eps;
		else {
			maxCost = 1;
			for (let v = 0; v < n; v++) {
				const pv = price[v];
				for (let a = first[v], end = first[v + 1]; a < end; a++) {
					if (cap[a] > 0) {
						const violation = -(cost[a] + pv - price[head[a]]);
						if (violation > maxCost) maxCost = violation;
					}
				}
			}
		}
	} else {
		price = new Float64Array(n);
		for (let v = 0; v < n; v++) {
			let best = 0;
			for (let a = first[v], end = first[v + 1]; a < end; a++) if (cap[a] > 0 && -cost[a] > best) best = -cost[a];
			price[v] = best;
		}
	}
	const update = priceUpdater(net, cost, price, excess);
	const updateEvery = Math.max(64, n >> 1);
	let eps = maxCost;
	let updateMs = 0;
	const timedUpdate = (e: number) => {
		const t = performance.now();
		update(e);
		updateMs += performance.now() - t;
	};

	for (;;) {
		updateMs = 0;
		eps = Math.max(1, Math.floor(eps / alpha));
		const t0 = performance.now();
		let pushes = 0;
		let relabels = 0;
		let updates = 0;
		// Refine(eps): saturate every arc with a negative reduced cost (a forward
		// arc, or the reverse of one: then the forward arc is emptied), in one
		// pass over the forward arcs that also sums the excesses.
		excess.set(net.supply);
		for (let v = 0; v < n; v++) {
			const pv = price[v];
			for (let a = first[v], end = first[v + 1]; a < end; a++) {
				const c0 = cap0[a];
				if (c0 <= 0) continue;
				const w = head[a];
				const rc = cost[a] + pv - price[w];
				let r = cap[a];
				if (rc < 0) {
					if (r > 0) {
						cap[a] = r = 0;
						cap[mate[a]] = c0;
					}
				} else if (rc > 0 && r < c0) {
					cap[a] = r = c0;
					cap[mate[a]] = 0;
				}
				if (r !== c0) {
					excess[v] -= c0 - r;
					excess[w] += c0 - r;
				}
			}
		}
		let qh = 0;
		let qt = 0;
		let ql = 0;
		for (let v = 0; v < n; v++) {
			queued[v] = 0;
			if (excess[v] > 0) {
				queue[qt] = v;
				qt = qt + 1 === n ? 0 : qt + 1;
				ql++;
				queued[v] = 1;
			}
		}
		if (ql > 0) {
			timedUpdate(eps);
			updates++;
		}
		current.set(first.subarray(0, n));
		let sinceUpdate = 0;
		while (ql > 0) {
			if (sinceUpdate >= updateEvery) {
				timedUpdate(eps);
				updates++;
				current.set(first.subarray(0, n));
				sinceUpdate = 0;
			}
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
				if (a === end) {
					// Relabel: the highest price that keeps every residual arc ε-optimal, then push along its arc.
					let best = -Infinity;
					for (let b = first[v]; b < end; b++) {
						if (cap[b] > 0) {
							const t = price[head[b]] - cost[b];
							if (t > best) {
								best = t;
								a = b;
							}
						}
					}
					pv = best - eps;
					relabels++;
					sinceUpdate++;
					// A node with many arcs (a slot, the sink) usually has several made admissible at
					// once: scan them all again from the first. Never push along the first arc unscanned:
					// it may not be admissible, and a push along it breaks ε-optimality (and with it the
					// guarantee that the phase ends; a 300 × 3,000 volunteer problem looped for ever).
					if (end - first[v] > 64) {
						a = first[v];
						continue;
					}
				}
				const w = head[a];
				const r = cap[a];
				const d = ev < r ? ev : r;
				cap[a] = r - d;
				cap[mate[a]] += d;
				ev -= d;
				pushes++;
				const ew = excess[w];
				excess[w] = ew + d;
				if (ew <= 0 && ew + d > 0 && queued[w] === 0) {
					queue[qt] = w;
					qt = qt + 1 === n ? 0 : qt + 1;
					ql++;
					queued[w] = 1;
				}
				if (r === d) a++;
			}
			excess[v] = 0;
			price[v] = pv;
			current[v] = a;
		}
		trace?.({ eps, ms: performance.now() - t0, pushes, relabels, updates, updateMs });
		if (eps <= stopAt) break;
	}
	return { price, eps };
}

/**
 * Goldberg's price update for an ε-optimal pseudoflow: the distance d(v) of
 * every node to the nodes that lack flow, over residual arcs of length
 * ⌊reduced cost / ε⌋ + 1, by a bucket queue that stops once every node with
 * excess is reached; then p(v) −= ε·d(v) (unreached nodes take the last
 * distance). ε-optimality holds after it, and the admissible arcs lead
 * every excess along a shortest path to a deficit.
 */
function priceUpdater(net: Network, cost: Float64Array, price: Float64Array, excess: Float64Array): (eps: number) => void {
	const { n, first, head, cap, total } = net;
	const dist = new Float64Array(n);
	const done = new Uint8Array(n);
	const B = n + 1;
	const bucket = new Int32Array(B).fill(-1);
	const next = new Int32Array(n);
	const prev = new Int32Array(n);
	const remove = (v: number) => {
		const d = dist[v];
		if (prev[v] >= 0) next[prev[v]] = next[v];
		else bucket[d] = next[v];
		if (next[v] >= 0) prev[next[v]] = prev[v];
	};
	const add = (v: number, d: number) => {
		dist[v] = d;
		prev[v] = -1;
		next[v] = bucket[d];
		if (bucket[d] >= 0) prev[bucket[d]] = v;
		bucket[d] = v;
	};
	return (eps: number) => {
		let active = 0;
		for (let v = 0; v < n; v++) {
			done[v] = 0;
			dist[v] = Infinity;
			if (excess[v] > 0) active++;
		}
		for (let v = 0; v < n; v++) if (excess[v] < 0) add(v, 0);
		let k = 0;
		let last = 0;
		for (; k < B && active > 0; k++) {
			while (bucket[k] >= 0) {
				const w = bucket[k];
				remove(w);
				done[w] = 1;
				last = k;
				if (excess[w] > 0 && --active === 0) break;
				const pw = price[w];
				for (let a = first[w], end = first[w + 1]; a < end; a++) {
					// The arc v→w is a's mate: residual when a carries less than both together
					// (read from a's side, which is in memory next to a).
					if (cap[a] >= total[a]) continue;
					const v = head[a];
					if (done[v]) continue;
					const len = Math.floor((price[v] - cost[a] - pw) / eps) + 1;
					const nd = k + len;
					if (nd < dist[v] && nd < B) {
						if (dist[v] !== Infinity) remove(v);
						add(v, nd);
					}
				}
			}
			if (active === 0) break;
		}
		for (let v = 0; v < n; v++) {
			const d = done[v] ? dist[v] : last;
			if (d > 0) price[v] -= eps * d;
			if (!done[v] && dist[v] !== Infinity) remove(v);
		}
	};
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
	const { n, first, head, cap, cost, T, K } = net;
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
