/** The fixed lists of activities (shared by the schema, the forms and the pages). */
export const activityKinds = ['activity', 'event', 'training', 'networking'] as const;
export const activityAudiences = ['everyone', 'volunteers'] as const;
export const accessibilityFeatures = ['step_free', 'accessible_toilet', 'hearing_loop', 'sign_language', 'quiet_space', 'seating'] as const;
