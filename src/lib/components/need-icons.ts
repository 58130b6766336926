/**
 * Line drawings (24×24, stroked) for the taxonomy icon keys of
 * src/lib/directory/taxonomy.ts, and a few the portal pages use. Kept as
 * data so a test can check that every icon key has a drawing.
 */
const circle = (cx: number, cy: number, r: number) => `M${cx - r} ${cy}a${r} ${r} 0 1 0 ${2 * r} 0a${r} ${r} 0 1 0 ${-2 * r} 0`;

export const needIcons: Record<string, string> = {
	basket: 'M3 10h18l-2 9.2a2 2 0 0 1-2 1.8H7a2 2 0 0 1-2-1.8ZM8 10l3-6M16 10l-3-6M9 14v3M12 14v3M15 14v3',
	house: 'M3 11 12 4l9 7M5 9.5V20h14V9.5M10 20v-6h4v6',
	health: 'M9 3h6v6h6v6h-6v6H9v-6H3V9h6Z',
	mind: 'M15 21v-3h2a2 2 0 0 0 2-2v-3l2-1-2-3.5A7 7 0 0 0 5 9c0 2.5 1 4.3 3 5.5V21M9.5 9.5a1.5 1.5 0 0 1 2.5-1 1.5 1.5 0 0 1 2.5 1c0 1.5-2.5 3-2.5 3s-2.5-1.5-2.5-3Z',
	document: 'M6 3h8l4 4v14H6ZM14 3v4h4M9 12h6M9 16h6',
	shield: 'M12 3 4 6v6c0 4.5 3.4 8 8 9 4.6-1 8-4.5 8-9V6ZM9 12l2 2 4-4',
	family: `${circle(6, 6, 2)}${circle(18, 6, 2)}${circle(12, 11.5, 1.6)}M3 21v-7a3 3 0 0 1 6 0v7M15 21v-7a3 3 0 0 1 6 0v7M10 21v-3.5a2 2 0 0 1 4 0V21`,
	speech: 'M3 4h12v9H8l-3 3v-3H3ZM18 8h3v9h-2v3l-3-3h-5v-2',
	school: 'M2 9l10-5 10 5-10 5ZM6 11v5c0 1.5 2.7 3 6 3s6-1.5 6-3v-5M22 9v6',
	briefcase: 'M3 8h18v12H3ZM9 8V5h6v3M3 13h18',
	coin: `${circle(12, 12, 9)}M15.5 9a4 4 0 1 0 0 6M7.5 11h6M7.5 13h6`,
	stroller: `M13 3v8h8a8 8 0 0 0-8-8ZM2 5h2.5l2 6H21a6 6 0 0 1-6 6H9a3 3 0 0 1-2.5-1.5${circle(8, 20, 1.5)}${circle(17, 20, 1.5)}`,
	woman: `${circle(12, 5, 2.5)}M9.5 21l.5-5H7l3-7h4l3 7h-3l.5 5`,
	child: `${circle(12, 7, 2.5)}M7.5 13 12 11l4.5 2M12 11v5M12 16l-2.5 5M12 16l2.5 5`,
	people: `${circle(8, 8, 3)}${circle(16, 8, 3)}M2 20a6 6 0 0 1 12 0M10 20a6 6 0 0 1 12 0`,
	hand: 'M8 13V6.5a1.5 1.5 0 0 1 3 0V11M11 11V4.5a1.5 1.5 0 0 1 3 0V11M14 11V6a1.5 1.5 0 0 1 3 0v6M17 10a1.5 1.5 0 0 1 3 0v5a6 6 0 0 1-6 6h-1.5a6 6 0 0 1-5-2.7L4.5 14.5a1.5 1.5 0 0 1 2.5-1.7L8 14',
	free: `M3 12V3h9l9 9-9 9Z${circle(7.5, 7.5, 1.5)}M10 14l4-4`,
	'open-door': 'M3 21h18M6 21V3h12v18M6 3l6 2.5V21M10 12v1',
	mask: 'M3 9c3-2 6-2 9 0 3-2 6-2 9 0 0 5-3 7-5 7s-3-2-4-2-2 2-4 2-5-2-5-7ZM7 11.5h2M15 11.5h2',
	'walk-in': `${circle(13, 4, 2)}M13 8l-2 5 3 3 1 5M11 13l-3 8M8 11l2-3h4l2 3 3 1`,
	wheelchair: `${circle(10, 4, 2)}M10 7v6h6l2 5h2M10 9.5h5M7 11a6 6 0 1 0 8 8`,
	phone: 'M5 3h4l2 5-2.5 1.5a11 11 0 0 0 6 6L16 13l5 2v4a2 2 0 0 1-2 2A17 17 0 0 1 3 5a2 2 0 0 1 2-2Z',
	// Validation panels' pictograms for choices
	yes: `${circle(12, 12, 9)}M7.5 12.5l3 3 6-6.5`,
	no: `${circle(12, 12, 9)}M8.5 8.5l7 7M15.5 8.5l-7 7`,
	unsure: `${circle(12, 12, 9)}M9.5 9.5a2.5 2.5 0 1 1 3.5 2.3c-.6.3-1 .9-1 1.6v.6M12 17v.01`,
	smile: `${circle(12, 12, 9)}M8 14.5c2 2.5 6 2.5 8 0M9 9.5v.5M15 9.5v.5`,
	neutral: `${circle(12, 12, 9)}M8 15h8M9 9.5v.5M15 9.5v.5`,
	frown: `${circle(12, 12, 9)}M8 16.5c2-2.5 6-2.5 8 0M9 9.5v.5M15 9.5v.5`,
	// Portal page icons
	clock: `${circle(12, 12, 9)}M12 7v5l3 2`,
	pin: `M12 21s-7-6.5-7-12a7 7 0 0 1 14 0c0 5.5-7 12-7 12Z${circle(12, 9, 2.5)}`,
	search: `${circle(10.5, 10.5, 6.5)}M15.5 15.5 21 21`,
	locate: `${circle(12, 12, 6)}${circle(12, 12, 2)}M12 2v4M12 18v4M2 12h4M18 12h4`,
	globe: `${circle(12, 12, 9)}M3 12h18M12 3c2.5 2.5 3.8 5.5 3.8 9s-1.3 6.5-3.8 9M12 3c-2.5 2.5-3.8 5.5-3.8 9s1.3 6.5 3.8 9`,
	mail: 'M3 5h18v14H3ZM3 6l9 7 9-7',
	print: 'M6 9V3h12v6M6 17H3V9h18v8h-3M6 14h12v7H6Z'
};

export function hasNeedIcon(key: string): boolean {
	return Object.hasOwn(needIcons, key);
}
