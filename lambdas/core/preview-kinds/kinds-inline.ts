/**
 * The preview kinds as modules: what `#asset/preview-kinds` is wherever the code runs from its sources or is bundled
 * without the `datewatch-asset` condition (tests, the local stack, the benches).
 */
import type { PreviewKind } from '../preview-query.ts';
import { RENDERERS as alerts } from './alerts.ts';
import { RENDERERS as confirmation } from './confirmation.ts';
import type { KindRenderer } from './context.ts';
import { RENDERERS as digest } from './digest.ts';
import { RENDERERS as reminder } from './reminder.ts';
import { RENDERERS as update } from './update.ts';

const RENDERERS = { ...confirmation, ...reminder, ...digest, ...alerts, ...update };

export const kindRenderer = (kind: PreviewKind): KindRenderer => RENDERERS[kind]!;
