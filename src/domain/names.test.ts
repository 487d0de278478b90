import { describe, expect, it } from 'vitest';
import { editDistance, normalizeName, normalizeWords, tokenizeName } from './names';

describe('normalizeName', () => {
  it.each([
    // edge cases first
    ['', ''],
    ['   ', ''],
    [', ; -', ''],
    ['UBND', ''],
    ['Ủy ban nhân dân', ''],
    ['và', '&'],
    ['Văn', 'van'],
    ['VĂN PHÒNG', 'vanphong'],
    ['Vân', 'van'],
    ['Văn và Vân', 'van&van'],
    ['va', '&'],
    ['Va', '&'],
    ['VÀ', '&'],
    ['Nova và vali', 'nova&vali'],
    ['Đà Bắc', 'dabac'],
    ['đường Đống Đa', 'duongdongda'],
    // composed vs decomposed input
    ['Sở Văn hóa'.normalize('NFD'), 'sovanhoa'],
    ['Uỷ ban nhân dân tỉnh', 'tinh'],
    // the contract's examples
    ['Sở Văn hóa, Thể thao và Du lịch', 'sovanhoathethao&dulich'],
    ['Báo và Phát thanh, Truyền hình Phú Thọ', 'bao&phatthanhtruyenhinhphutho'],
    ['Sở KH&CN', 'sokh&cn'],
    ['Sở Khoa học và Công nghệ', 'sokhoahoc&congnghe'],
    ['Sở VH,TT&DL', 'sovhtt&dl'],
    ['Ủy ban nhân dân tỉnh', 'tinh'],
    ['Ủy ban nhân dân tỉnh Phú Thọ', 'tinhphutho'],
    ['UBND tỉnh Phú Thọ', 'tinhphutho'],
    ['UBND tỉnh', 'tinh'],
    ['ubnd-tỉnh', 'tinh'],
    ['Văn phòng Ủy ban nhân dân tỉnh', 'vanphongubndtinh'],
    ['Văn phòng UBND tỉnh', 'vanphongubndtinh'],
    ['UBND các xã, phường', 'cacxaphuong'],
    ['Các xã, phường', 'cacxaphuong'],
    ['UBND cấp xã', 'capxa'],
    ['  Sở   Tài\nchính  ', 'sotaichinh'],
    ['Sở Lao động - Thương binh và Xã hội', 'solaodongthuongbinh&xahoi'],
    ['Thời hạn (ngày/tháng/năm)', 'thoihanngaythangnam'],
    ['STT', 'stt'],
  ])('%j → %j', (input, expected) => {
    expect(normalizeName(input)).toBe(expected);
  });

  it('treats NFC and NFD spellings alike', () => {
    const name = 'Ủy ban nhân dân tỉnh Phú Thọ, Sở Văn hóa, Thể thao và Du lịch';
    expect(normalizeName(name.normalize('NFD'))).toBe(normalizeName(name));
  });
});

describe('normalizeWords', () => {
  it.each([
    ['', ''],
    ['Sở Văn hóa, Thể thao và Du lịch', 'so van hoa the thao & du lich'],
    ['Ủy ban nhân dân tỉnh Phú Thọ', 'tinh phu tho'],
    ['Văn phòng Ủy ban nhân dân tỉnh', 'van phong ubnd tinh'],
    ['Sở KH&CN', 'so kh&cn'],
    ['Các sở, ban, ngành liên quan', 'cac so ban nganh lien quan'],
  ])('%j → %j', (input, expected) => {
    expect(normalizeWords(input)).toBe(expected);
  });
});

describe('tokenizeName', () => {
  it('keeps separators and the offsets of the original words', () => {
    const { source, tokens } = tokenizeName('Sở Nội vụ; Ủy ban nhân dân\nxã Đà Bắc');
    expect(tokens.map((t) => t.normalized)).toEqual(['so', 'noi', 'vu', ';', 'ubnd', '\n', 'xa', 'da', 'bac']);
    const ubnd = tokens[4];
    expect(source.slice(ubnd.start, ubnd.end)).toBe('Ủy ban nhân dân');
    expect(source.slice(tokens[7].start, tokens[8].end)).toBe('Đà Bắc');
  });

  it('does not merge "uy ban nhan dan" across a comma', () => {
    expect(tokenizeName('Ủy ban, nhân dân').tokens.map((t) => t.normalized)).toEqual(['uy', 'ban', ',', 'nhan', 'dan']);
  });
});

describe('editDistance', () => {
  it.each([
    ['', '', 0],
    ['', 'abc', 3],
    ['abc', '', 3],
    ['abc', 'abc', 0],
    ['kitten', 'sitting', 3],
    ['sotaichinh', 'sotaichin', 1],
    ['sonoivu', 'sonoiv', 1],
    ['đa', 'da', 1],
  ])('%j ↔ %j = %i', (a, b, expected) => {
    expect(editDistance(a, b)).toBe(expected);
    expect(editDistance(b, a)).toBe(expected);
  });

  it('stops early past maxDistance', () => {
    expect(editDistance('abcdef', 'uvwxyz', 2)).toBe(3);
    expect(editDistance('abc', 'abcdefgh', 2)).toBe(3);
    expect(editDistance('abc', 'abd', 2)).toBe(1);
  });
});
