/**
 * Typed arrays carved from one ArrayBuffer. V8 starts a full garbage
 * collection about every 64 MB of new array memory, and with a five-million-
 * pair problem in the heap each one costs a quarter of a second; taking a
 * step's arrays in one allocation asks for one collection instead of one per
 * array. Every array starts zeroed and on an 8-byte boundary.
 */
type Kind = 'f64' | 'i32' | 'u8';
type ArrayOf<K extends Kind> = K extends 'f64' ? Float64Array : K extends 'i32' ? Int32Array : Uint8Array;
const BYTES: Record<Kind, number> = { f64: 8, i32: 4, u8: 1 };

export function carve<Spec extends Record<string, readonly [Kind, number]>>(spec: Spec): { [Name in keyof Spec]: ArrayOf<Spec[Name][0]> } {
	const round = (bytes: number) => Math.ceil(bytes / 8) * 8;
	let total = 0;
	for (const [kind, length] of Object.values(spec)) total += round(BYTES[kind] * length);
	const buffer = new ArrayBuffer(total);
	const out: Record<string, Float64Array | Int32Array | Uint8Array> = {};
	let offset = 0;
	for (const [name, [kind, length]] of Object.entries(spec)) {
		out[name] = kind === 'f64' ? new Float64Array(buffer, offset, length) : kind === 'i32' ? new Int32Array(buffer, offset, length) : new Uint8Array(buffer, offset, length);
		offset += round(BYTES[kind] * length);
	}
	return out as { [Name in keyof Spec]: ArrayOf<Spec[Name][0]> };
}
