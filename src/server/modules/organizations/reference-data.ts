import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const referenceDir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'reference');

/** Reads a reference TSV of the project (a copy of the facts; never ../shared). */
export function readReferenceTable(fileName: string): Record<string, string>[] {
  const text = fs.readFileSync(path.join(referenceDir, fileName), 'utf8').normalize('NFC');
  const [headerLine, ...lines] = text.split(/\r?\n/).filter((line) => line.trim() !== '');
  const headers = headerLine.split('\t');
  return lines.map((line) => {
    const cells = line.split('\t');
    return Object.fromEntries(headers.map((header, index) => [header, (cells[index] ?? '').trim()]));
  });
}

export interface ReferenceOrganization {
  code: string;
  name: string;
  shortName: string | null;
  aliases: string[];
  predecessors: string[];
  kind: string;
  parentCode: string | null;
}

const list = (value: string | undefined): string[] => (value ? value.split(';').map((item) => item.trim()).filter(Boolean) : []);

/** The national root of a national deployment. */
export const nationalRootCode = 'VN';

/** Phú Thọ: the province, its departments and agencies, its 148 communes and wards. */
export function provinceReference(): ReferenceOrganization[] {
  const organizations = readReferenceTable('phu-tho-organizations.tsv').map((row) => ({
    code: row.code,
    name: row.name,
    shortName: row.short_name || null,
    aliases: list(row.aliases),
    predecessors: list(row.predecessors),
    kind: row.kind,
    parentCode: row.parent || null,
  }));
  const communes = readReferenceTable('phu-tho-communes.tsv').map((row) => ({
    code: row.code,
    name: row.name,
    shortName: null,
    aliases: [],
    predecessors: [],
    kind: row.kind,
    parentCode: '25',
  }));
  return [...organizations, ...communes];
}

/** The national level: the root, the national bodies and the 34 provinces. */
export function nationalReference(): ReferenceOrganization[] {
  const root: ReferenceOrganization = {
    code: nationalRootCode,
    name: 'Việt Nam',
    shortName: 'Cả nước',
    aliases: [],
    predecessors: [],
    kind: 'national',
    parentCode: null,
  };
  const bodies = readReferenceTable('national-organizations.tsv').map((row) => ({
    code: row.code,
    name: row.name,
    shortName: row.short_name || null,
    aliases: list(row.aliases),
    predecessors: list(row.predecessors),
    kind: row.kind,
    parentCode: nationalRootCode,
  }));
  const provinces = readReferenceTable('provinces.tsv').map((row) => ({
    code: row.code,
    name: row.name,
    shortName: row.name.replace(/^(Tỉnh|Thành phố) /, ''),
    aliases: row.code === '25' ? ['UBND tỉnh Phú Thọ'] : [`UBND ${row.name.replace(/^Thành phố /, 'thành phố ').replace(/^Tỉnh /, 'tỉnh ')}`],
    predecessors: [],
    kind: 'province',
    parentCode: nationalRootCode,
  }));
  return [root, ...bodies, ...provinces];
}

/** Expected number of communes per province (for the generator). */
export function provinceCommuneCounts(): { code: string; name: string; communeCount: number }[] {
  return readReferenceTable('provinces.tsv').map((row) => ({ code: row.code, name: row.name, communeCount: Number(row.commune_count) }));
}
