/** Outcome statistics: normal quantiles, Wilson intervals, Kaplan–Meier, IMMPACT change classes. */
export * from './normal.ts';
export * from './wilson.ts';
export * from './kaplan-meier.ts';
export * from './immpact.ts';
