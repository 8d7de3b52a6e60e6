import type { PreviewKind } from '../preview-query.ts';

/** The module (preview-kinds/<module>.ts) that renders each preview kind. */
export const KIND_MODULE = {
  confirmation: 'confirmation', reminder: 'reminder', digest: 'digest',
  moved: 'alerts', confirmed: 'alerts', cancelled: 'alerts', update: 'update',
} as const satisfies Record<PreviewKind, string>;

/** Each module once, as the build writes them (scripts/build-catalogues.ts). */
export const KIND_MODULES = [...new Set(Object.values(KIND_MODULE))];
