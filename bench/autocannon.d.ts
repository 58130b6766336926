// The parts of autocannon's API the benchmarks use (the package ships no types).
declare module 'autocannon' {
	import type { EventEmitter } from 'node:events';
	namespace autocannon {
		interface Stats {
			average: number;
			mean: number;
			stddev: number;
			min: number;
			max: number;
			total: number;
			p50: number;
			p90: number;
			p97_5: number;
			p99: number;
		}
		interface Result {
			requests: Stats;
			latency: Stats;
			throughput: Stats;
			errors: number;
			timeouts: number;
			non2xx: number;
			duration: number;
		}
		interface Options {
			url: string;
			connections?: number;
			duration?: number;
			headers?: Record<string, string>;
		}
		interface Instance extends EventEmitter {
			stop(): void;
		}
	}
	function autocannon(opts: autocannon.Options): autocannon.Instance;
	export = autocannon;
}
