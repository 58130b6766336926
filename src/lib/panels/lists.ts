/** The fixed lists of validation panels (shared by the schema, the forms and the pages). */
export const panelAgeBands = ['18_24', '25_34', '35_49', '50_64', '65_plus'] as const;
export const panelGenders = ['woman', 'man', 'non_binary', 'self_described', 'prefer_not_to_say'] as const;
export const panelMemberStatuses = ['invited', 'accepted', 'declined'] as const;
export const questionKinds = ['text', 'choice'] as const;
export const targetDimensions = ['language', 'ageBand', 'gender', 'service'] as const;
/** Built-in pictograms a choice may carry (drawings in src/lib/components/need-icons.ts). */
export const pictograms = ['yes', 'no', 'unsure', 'smile', 'neutral', 'frown', 'house', 'document', 'people', 'speech', 'health', 'school'] as const;
export const MAX_QUESTIONS = 5;
export const MAX_CHOICES = 6;
/** The largest picture a panel keeps (the form's whole body stays under the server's 2 MB). */
export const MAX_PANEL_IMAGE_BYTES = 1024 * 1024;
