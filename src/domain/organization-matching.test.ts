import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NATIONAL_ORGANIZATIONS, PHU_THO_ORGANIZATIONS, organizationByCode } from '../../test/fixtures/organizations';
import {
  createOrganizationMatcher,
  type CellReading,
  type GroupKey,
  type MatchableOrganization,
} from './organization-matching';

const matcher = createOrganizationMatcher(PHU_THO_ORGANIZATIONS);
const nationalMatcher = createOrganizationMatcher(NATIONAL_ORGANIZATIONS);
const idOf = (code: string): number => organizationByCode(PHU_THO_ORGANIZATIONS, code).id;
const nationalIdOf = (code: string): number => organizationByCode(NATIONAL_ORGANIZATIONS, code).id;
const codes = (reading: CellReading): string[] => reading.organizations.map((m) => m.organization.code);
const COMMUNE_CODES = ['04792', '04795', '04831', '08542', '08566', '99999'];
const DEPARTMENT_CODES = ['SKHCN', 'SVHTTDL', 'STC', 'SNV', 'BAOPT', 'SXD', 'TTT', 'VP-UBND'];

describe('matchName', () => {
  it.each([
    // edge cases first: accents, case, spacing, "và"/"&", a leading UBND on either side
    ['sở khoa hoc va cong nghe', 'SKHCN'],
    ['SỞ KHOA HỌC VÀ CÔNG NGHỆ', 'SKHCN'],
    ['  Sở  Khoa học và   Công nghệ ', 'SKHCN'],
    ['Sở KH & CN', 'SKHCN'],
    ['tỉnh Phú Thọ', '25'],
    ['UBND tỉnh Phú Thọ', '25'],
    ['Ủy ban nhân dân tỉnh Phú Thọ', '25'],
    ['Ủy ban nhân dân tỉnh', '25'],
    // name, short name, alias
    ['Sở Khoa học và Công nghệ', 'SKHCN'],
    ['Sở KH&CN', 'SKHCN'],
    ['Sở KHCN', 'SKHCN'],
    ['Sở Khoa học Công nghệ', 'SKHCN'],
    ['UBND tỉnh', '25'],
    ['Sở VH,TT&DL', 'SVHTTDL'],
    ['Sở Văn hóa, Thể thao và Du lịch', 'SVHTTDL'],
    ['Báo và PT-TH Phú Thọ', 'BAOPT'],
    ['Xã Đà Bắc', '04831'],
    ['xa da bac', '04831'],
    ['Văn phòng UBND tỉnh', 'VP-UBND'],
  ])('%j → %s', (text, code) => {
    const match = matcher.matchName(text);
    expect(match.kind).toBe('organization');
    if (match.kind === 'organization') {
      expect(match.organization.code).toBe(code);
      expect(match.viaPredecessor).toBeUndefined();
    }
  });

  it.each([
    ['Sở Thông tin và Truyền thông', 'SKHCN', 'Sở Thông tin và Truyền thông'],
    ['Sở Kế hoạch và Đầu tư', 'STC', 'Sở Kế hoạch và Đầu tư'],
    ['Sở Lao động, Thương binh và Xã hội', 'SNV', 'Sở Lao động - Thương binh và Xã hội'],
    // the inactive "Sở Giao thông vận tải" is ignored: its successor matches
    ['Sở Giao thông vận tải', 'SXD', 'Sở Giao thông vận tải'],
  ])('predecessor %j → %s', (text, code, predecessor) => {
    const match = matcher.matchName(text);
    expect(match).toMatchObject({ kind: 'organization', organization: { code }, viaPredecessor: predecessor });
  });

  it('ignores inactive organizations', () => {
    const only = createOrganizationMatcher([
      { ...organizationByCode(PHU_THO_ORGANIZATIONS, 'SGTVT') },
      { ...organizationByCode(PHU_THO_ORGANIZATIONS, 'STC') },
    ]);
    expect(only.matchName('Sở Giao thông vận tải').kind).toBe('unknown');
    expect(only.matchName('Sở Tài chính').kind).toBe('organization');
  });

  it('reports a name two organizations bear as ambiguous, listing both', () => {
    const match = matcher.matchName('Hòa Bình');
    expect(match.kind).toBe('ambiguous');
    if (match.kind === 'ambiguous') {
      expect(match.candidates.map((o) => o.code).sort()).toEqual(['04795', '99999']);
    }
  });

  it('suggests the three closest names for an unknown name', () => {
    const match = matcher.matchName('Sở Tài chánh');
    expect(match.kind).toBe('unknown');
    if (match.kind === 'unknown') {
      expect(match.suggestions).toHaveLength(3);
      expect(match.suggestions[0]).toBe('Sở Tài chính');
      expect(new Set(match.suggestions).size).toBe(3);
    }
    expect(matcher.matchName('Sở Nội vu').kind).toBe('organization'); // accents are ignored
    expect(matcher.matchName('So Noi Vuu').kind).toBe('unknown');
    expect(matcher.suggest('So Noi Vuu')[0]).toBe('Sở Nội vụ');
  });

  it('suggests display names (full names), also for a short-name typo', () => {
    expect(matcher.suggest('Sở KH&CM')[0]).toBe('Sở Khoa học và Công nghệ');
    expect(matcher.suggest('')).toEqual([]);
  });

  it('returns no suggestion for an empty name', () => {
    expect(matcher.matchName('  ,  ')).toEqual({ kind: 'unknown', suggestions: [] });
  });

  it.each<[string, GroupKey]>([
    ['UBND các xã, phường', 'communes'],
    ['Các xã, phường', 'communes'],
    ['UBND cấp xã', 'communes'],
    ['các xã phường', 'communes'],
    ['Các sở, ban, ngành', 'departments'],
    ['Các sở, ngành', 'departments'],
  ])('group phrase %j → %s', (text, group) => {
    const match = matcher.matchName(text);
    expect(match.kind).toBe('group');
    if (match.kind === 'group') {
      expect(match.group).toBe(group);
      const expected = group === 'communes' ? COMMUNE_CODES : DEPARTMENT_CODES;
      expect(match.members.map((o) => o.code)).toEqual(expected);
    }
  });

  it.each<[string, GroupKey, string[]]>([
    ['Các bộ, ngành', 'ministries', ['BKHCN', 'BTC', 'NHNN', 'VTV']],
    ['Các địa phương', 'provinces', ['25', '01']],
    ['Các tỉnh, thành phố', 'provinces', ['25', '01']],
    ['Các bộ, ngành, địa phương', 'ministries_and_provinces', ['BKHCN', 'BTC', 'NHNN', 'VTV', '25', '01']],
  ])('national group phrase %j → %s', (text, group, memberCodes) => {
    const match = nationalMatcher.matchName(text);
    expect(match).toMatchObject({ kind: 'group', group });
    if (match.kind === 'group') expect(match.members.map((o) => o.code)).toEqual(memberCodes);
  });

  it('accepts names mapped by users as aliases, to an organization or a group', () => {
    const withAliases = createOrganizationMatcher(PHU_THO_ORGANIZATIONS, {
      extraAliases: [
        { name: 'Sở TT&TT cũ', organizationId: idOf('SKHCN') },
        { name: 'Toàn bộ các xã', group: 'communes' },
        { name: 'Sở GTVT', organizationId: idOf('SGTVT') }, // inactive: ignored
        { name: 'Không ai', organizationId: 9999 }, // missing: ignored
      ],
    });
    expect(withAliases.matchName('Sở TT&TT cũ')).toMatchObject({ kind: 'organization', organization: { code: 'SKHCN' } });
    expect(withAliases.matchName('toàn bộ các xã')).toMatchObject({ kind: 'group', group: 'communes' });
    expect(withAliases.matchName('Sở GTVT').kind).toBe('unknown');
    expect(withAliases.matchName('Không ai').kind).toBe('unknown');
    expect(withAliases.readCell('Sở Tài chính, Sở TT&TT cũ', 'lead').organizations.map((m) => m.organization.code)).toEqual([
      'STC',
      'SKHCN',
    ]);
  });
});

describe('readCell', () => {
  it.each<[string, string[]]>([
    // edge cases first: nothing, punctuation, a lone UBND
    ['', []],
    [' , ; \n ', []],
    ['UBND', []],
    ['UBND, Sở Tài chính', ['STC']],
    // names containing commas and "và" are not split
    ['Sở Văn hóa, Thể thao và Du lịch', ['SVHTTDL']],
    ['Báo và Phát thanh, Truyền hình Phú Thọ', ['BAOPT']],
    ['Báo và Phát thanh, Truyền hình Phú Thọ, Sở Tài chính', ['BAOPT', 'STC']],
    ['Sở Văn hóa, Thể thao và Du lịch và Sở Khoa học và Công nghệ', ['SVHTTDL', 'SKHCN']],
    ['Sở VH,TT&DL và Sở KH&CN', ['SVHTTDL', 'SKHCN']],
    ['Sở KH & CN, Sở VH, TT & DL', ['SKHCN', 'SVHTTDL']],
    // splitting at , ; line breaks and "và"
    ['Sở Tài chính và Sở Nội vụ', ['STC', 'SNV']],
    ['Sở Tài chính; Sở Nội vụ\nSở Xây dựng', ['STC', 'SNV', 'SXD']],
    ['Sở Tài chính\r\nSở Nội vụ', ['STC', 'SNV']],
    ['- Sở Tài chính;\n- Sở Nội vụ.', ['STC', 'SNV']],
    // repeated names count once, in the order of the cell
    ['Sở Nội vụ, Sở Tài chính, Sở Nội vụ, STC', ['SNV', 'STC']],
    // longest first: "Văn phòng UBND tỉnh" is not "UBND tỉnh"
    ['Văn phòng UBND tỉnh', ['VP-UBND']],
    ['Văn phòng Ủy ban nhân dân tỉnh, UBND tỉnh', ['VP-UBND', '25']],
    ['Thanh tra tỉnh', ['TTT']],
    ['UBND tỉnh, Sở Tài chính', ['25', 'STC']],
    ['UBND xã Đà Bắc', ['04831']],
    ['Ủy ban nhân dân xã Đà Bắc và UBND Phường Tân Hòa', ['04831', '04792']],
    // groups expand to their members
    ['UBND các xã, phường', COMMUNE_CODES],
    ['Sở Tài chính, UBND các xã, phường', ['STC', ...COMMUNE_CODES]],
    ['Xã Đà Bắc, các xã, phường', ['04831', '04792', '04795', '08542', '08566', '99999']],
  ])('lead %j → %j', (text, expected) => {
    const reading = matcher.readCell(text, 'lead');
    expect(codes(reading)).toEqual(expected);
    expect(reading.unknown).toEqual([]);
    expect(reading.ambiguous).toEqual([]);
    expect(reading.notes).toEqual([]);
  });

  it('lists the groups named, once each', () => {
    const reading = matcher.readCell('UBND các xã, phường; các sở, ngành; Các xã, phường', 'lead');
    expect(reading.groups).toEqual(['communes', 'departments']);
    expect(codes(reading)).toEqual([...COMMUNE_CODES, ...DEPARTMENT_CODES]);
  });

  it('reads the longest group phrase first', () => {
    const reading = nationalMatcher.readCell('Các bộ, ngành, địa phương', 'lead');
    expect(reading.groups).toEqual(['ministries_and_provinces']);
    const both = nationalMatcher.readCell('Các bộ, ngành và các địa phương', 'lead');
    expect(both.groups).toEqual(['ministries', 'provinces']);
    expect(both.organizations.map((m) => m.organization.id)).toEqual(
      ['BKHCN', 'BTC', 'NHNN', 'VTV', '25', '01'].map(nationalIdOf),
    );
  });

  it.each<[string, string[], string[]]>([
    ['Các sở, ban, ngành liên quan', [], ['Các sở, ban, ngành liên quan']],
    ['Sở Tài chính, các sở, ban, ngành liên quan', ['STC'], ['các sở, ban, ngành liên quan']],
    ['Các sở liên quan; các xã liên quan', [], ['Các sở liên quan', 'các xã liên quan']],
    ['Các sở, ngành và UBND các xã liên quan', [], ['Các sở, ngành và UBND các xã liên quan']],
    ['Sở Nội vụ, Các cơ quan, đơn vị liên quan, Sở Tài chính', ['SNV', 'STC'], ['Các cơ quan, đơn vị liên quan']],
    ['CÁC SỞ, NGÀNH LIÊN QUAN', [], ['CÁC SỞ, NGÀNH LIÊN QUAN']],
    ['Các sở, ban, ngành', DEPARTMENT_CODES, []],
    ['Các sở, ban, ngành; Sở Nội vụ', DEPARTMENT_CODES, []],
  ])('coordinating %j → %j, notes %j', (text, expected, notes) => {
    const reading = matcher.readCell(text, 'coordinating');
    expect(codes(reading)).toEqual(expected);
    expect(reading.notes).toEqual(notes);
    expect(reading.unknown).toEqual([]);
  });

  it('finds a note in the lead column too, for the caller to reject', () => {
    const reading = matcher.readCell('Các sở, ban, ngành liên quan', 'lead');
    expect(reading.organizations).toEqual([]);
    expect(reading.notes).toEqual(['Các sở, ban, ngành liên quan']);
    expect(reading.unknown).toEqual([]);
  });

  it('reports unknown pieces in their original spelling, with suggestions', () => {
    const reading = matcher.readCell('Sở Tài chính, Sở  Tài chánh và Phòng Văn hoá - Xã hội', 'coordinating');
    expect(codes(reading)).toEqual(['STC']);
    expect(reading.unknown.map((u) => u.text)).toEqual(['Sở  Tài chánh', 'Phòng Văn hoá - Xã hội']);
    expect(reading.unknown[0].suggestions[0]).toBe('Sở Tài chính');
    expect(reading.unknown[1].suggestions).toHaveLength(3);
  });

  it('maps a predecessor to its successor with a warning naming both', () => {
    const reading = matcher.readCell('Sở Kế hoạch và Đầu tư, Sở Nội vụ', 'lead');
    expect(reading.organizations).toEqual([
      { organization: organizationByCode(PHU_THO_ORGANIZATIONS, 'STC'), viaPredecessor: 'Sở Kế hoạch và Đầu tư' },
      { organization: organizationByCode(PHU_THO_ORGANIZATIONS, 'SNV') },
    ]);
    expect(reading.warnings).toHaveLength(1);
    expect(reading.warnings[0]).toContain('"Sở Kế hoạch và Đầu tư"');
    expect(reading.warnings[0]).toContain('"Sở Tài chính"');
  });

  it('reports an ambiguous piece with both candidates', () => {
    const reading = matcher.readCell('Sở Tài chính, Hòa Bình', 'lead');
    expect(codes(reading)).toEqual(['STC']);
    expect(reading.ambiguous).toHaveLength(1);
    expect(reading.ambiguous[0].text).toBe('Hòa Bình');
    expect(reading.ambiguous[0].candidates.map((o) => o.code).sort()).toEqual(['04795', '99999']);
  });

  it('reads any list of known names joined by separators (property)', () => {
    const named = PHU_THO_ORGANIZATIONS.filter((o) => o.active);
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...named), { minLength: 1, maxLength: 6 }),
        fc.array(fc.constantFrom(', ', '; ', ' và ', '\n', ' , '), { minLength: 6, maxLength: 6 }),
        fc.array(fc.constantFrom<(o: MatchableOrganization) => string>((o) => o.name, (o) => o.shortName ?? o.name), {
          minLength: 6,
          maxLength: 6,
        }),
        (organizations, joiners, spellings) => {
          const text = organizations.map((o, k) => (k === 0 ? '' : joiners[k]) + spellings[k](o)).join('');
          const reading = matcher.readCell(text, 'lead');
          const expected = [...new Set(organizations.map((o) => o.id))];
          expect(reading.organizations.map((m) => m.organization.id)).toEqual(expected);
          expect(reading.unknown).toEqual([]);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('stays fast with 3,500 organizations and 10,000 cells', () => {
    const many: MatchableOrganization[] = [...PHU_THO_ORGANIZATIONS];
    const syllables = ['An', 'Bình', 'Cao', 'Đức', 'Hòa', 'Lâm', 'Minh', 'Phú', 'Sơn', 'Tân', 'Thịnh', 'Vĩnh'];
    for (let i = 0; i < 3500; i++) {
      const name = `Xã ${syllables[i % 12]} ${syllables[Math.floor(i / 12) % 12]} ${Math.floor(i / 144)}`;
      many.push({ id: 10_000 + i, code: `X${i}`, name, shortName: null, aliases: [], predecessors: [], kind: 'commune', parentCode: '25', active: true });
    }
    const big = createOrganizationMatcher(many);
    const started = performance.now();
    let unknown = 0;
    for (let row = 0; row < 10_000; row++) {
      const commune = many[20 + (row % 3000)].name;
      const lead = big.readCell(`Sở Tài chính, ${commune} và Sở Văn hóa, Thể thao và Du lịch`, 'lead');
      const coordinating = big.readCell(`Các sở, ngành liên quan; Phòng Kinh tế ${row % 50}`, 'coordinating');
      expect(lead.organizations).toHaveLength(3);
      unknown += coordinating.unknown.length;
    }
    expect(unknown).toBe(10_000);
    expect(performance.now() - started).toBeLessThan(15_000);
  });
});
