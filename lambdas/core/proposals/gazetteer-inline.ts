/**
 * The gazetteer's data as a module (JSON imported): what `#asset/gazetteer-data` is wherever the code runs from
 * its sources or is bundled without the `datewatch-asset` condition (tests, the local stack, scripts).
 */
import data from './gazetteer-data.json' with { type: 'json' };
import type { GazetteerData } from './gazetteer-shape.ts';

export const gazetteerData = (): GazetteerData => data;
