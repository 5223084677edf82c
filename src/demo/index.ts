// Demo data: a seeded generator of Claude Code data roots, used by `cco serve --demo`, tests and benches.
export { generateDemoRoot, type DemoOptions, type DemoSummary } from './generate.ts';
export { seededRandom, type Random } from './random.ts';
export { buildSession, DEFAULT_MODELS, type ModelMix, type SessionPlan } from './session.ts';
