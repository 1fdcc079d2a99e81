// Build step (scripts/build.mjs runs the bundled copy, dist/precompute.js): derives what every start
// would otherwise derive from the shipped data, into the folder the bundle reads it from.
import { STARTUP_DATA_DIR, writeStartupData } from './data/load.ts';

writeStartupData(STARTUP_DATA_DIR);
