/** The guide's path for a new municipality, in its order (sections C1 to C4). */
export const FIRST_STEPS = ['departments', 'members', 'assessment', 'tandem', 'goal', 'measurement', 'checkIn', 'agreement'] as const;
export type FirstStep = (typeof FIRST_STEPS)[number];
