import type { Database } from '../db/client';
import type { Services } from '../services';
import type { Clock } from '../clock';

/** Loads the demo data set; returns a one-line summary. */
export async function seedDemo(_database: Database, _services: Services, _clock: Clock): Promise<string> {
  return 'không có';
}
