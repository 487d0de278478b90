import { describe, expect, it } from 'vitest';
import { commanderMessageVi } from './main';

describe("commander's messages in Vietnamese", () => {
  it.each([
    ["error: option '--scale <scale>' argument 'huge' is invalid. Allowed choices are province, national, tiny.\n", 'Lỗi: tùy chọn --scale <scale>: giá trị "huge" không hợp lệ; chọn một trong: province, national, tiny.\n'],
    ["error: required option '--directive <number>' not specified\n", 'Lỗi: thiếu tùy chọn bắt buộc --directive <number>.\n'],
    ["error: option '--directive <number>' argument missing\n", 'Lỗi: tùy chọn --directive <number> cần một giá trị.\n'],
    ["error: missing required argument 'file'\n", 'Lỗi: thiếu tham số bắt buộc <file>.\n'],
    ["error: unknown option '--bogus'\n", 'Lỗi: không có tùy chọn --bogus.\n'],
    ["error: unknown option '--scal'\n(Did you mean --scale?)\n", 'Lỗi: không có tùy chọn --scal.\n(Có phải ý bạn là --scale?)\n'],
    ["error: unknown command 'frobnicate'\n", 'Lỗi: không có lệnh "frobnicate".\n'],
    ["error: too many arguments for 'generate'. Expected 0 arguments but got 1.\n", 'Lỗi: thừa tham số cho lệnh "generate": cần 0, nhận 1.\n'],
    ['something else\n', 'something else\n'],
  ])('%j', (english, vietnamese) => {
    expect(commanderMessageVi(english)).toBe(vietnamese);
  });
});
