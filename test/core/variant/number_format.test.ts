/** Godot 4.3's number formatting (String::num, num_real, num_scientific) versus JS defaults. */
import { describe, expect, it } from "vitest";
import { num, num_real, num_scientific, to_fixed } from "../../../src/core/variant/number_format.js";

describe("to_fixed rounds like C's printf", () => {
  it("exact ties go to the even neighbour (toFixed would round them up)", () => {
    expect(to_fixed(0.5, 0)).toBe("0");
    expect(to_fixed(1.5, 0)).toBe("2");
    expect(to_fixed(2.5, 0)).toBe("2");
    expect(to_fixed(0.125, 2)).toBe("0.12");
    expect(to_fixed(0.375, 2)).toBe("0.38");
    expect(to_fixed(-2.5, 0)).toBe("-2");
  });
  it("values near a tie but not on it round normally", () => {
    expect(to_fixed(1.005, 2)).toBe("1.00"); // 1.00499999999999989...
    expect(to_fixed(0.1 + 0.2, 1)).toBe("0.3");
  });
  it("keeps the sign of negative zero and of values rounding to zero", () => {
    expect(to_fixed(-0, 2)).toBe("-0.00");
    expect(to_fixed(-0.001, 2)).toBe("-0.00");
  });
  it("prints big numbers in full instead of JS's exponent form", () => {
    expect(to_fixed(1e21, 1)).toBe("1000000000000000000000.0");
    expect(to_fixed(2 ** 70, 0)).toBe("1180591620717411303424");
  });
});

describe("num", () => {
  it("removes trailing zeros and a bare period", () => {
    expect(num(1.5, 4)).toBe("1.5");
    expect(num(2, 4)).toBe("2");
    expect(num(1 / 3, 4)).toBe("0.3333");
  });
  it("default precision is 14 decimals less the magnitude", () => {
    expect(num(Math.PI)).toBe("3.14159265358979");
    expect(num(1234.5678)).toBe("1234.5678");
  });
  it("spells non-finite values as the engine does", () => {
    expect(num(Number.NaN)).toBe("nan");
    expect(num(Infinity)).toBe("inf");
    expect(num(-Infinity)).toBe("-inf");
  });
});

describe("num_real (how a float prints in 4.3)", () => {
  it("whole numbers: digits, plus '.0' when trailing is asked", () => {
    expect(num_real(1, true)).toBe("1.0");
    expect(num_real(1, false)).toBe("1");
    expect(num_real(-0, true)).toBe("0.0");
    expect(num_real(1e18, true)).toBe("1000000000000000000.0");
  });
  it("six decimals, fewer for larger magnitudes", () => {
    expect(num_real(0.1 + 0.2, true)).toBe("0.3");
    expect(num_real(1 / 3, true)).toBe("0.333333");
    expect(num_real(123.456, true)).toBe("123.456");
    expect(num_real(12345.678, true)).toBe("12345.68");
    expect(num_real(-2.5, false)).toBe("-2.5");
  });
  it("beyond int64 there is no '.0' (the engine's integer test fails there)", () => {
    expect(num_real(1e20, true)).toBe("100000000000000000000");
  });
  it("non-finite", () => {
    expect(num_real(Number.NaN, true)).toBe("nan");
    expect(num_real(-Infinity, true)).toBe("-inf");
  });
});

describe("num_scientific (C's %lg)", () => {
  it("six significant digits, exponent outside 1e-4 .. 1e6", () => {
    expect(num_scientific(0.1)).toBe("0.1");
    expect(num_scientific(65535)).toBe("65535");
    expect(num_scientific(100000)).toBe("100000");
    expect(num_scientific(1e6)).toBe("1e+06");
    expect(num_scientific(1234567)).toBe("1.23457e+06");
    expect(num_scientific(0.0001)).toBe("0.0001");
    expect(num_scientific(0.00001)).toBe("1e-05");
    expect(num_scientific(-2.5e-7)).toBe("-2.5e-07");
    expect(num_scientific(1e100)).toBe("1e+100");
    expect(num_scientific(1 / 3)).toBe("0.333333");
  });
  it("zero and non-finite", () => {
    expect(num_scientific(0)).toBe("0");
    expect(num_scientific(-0)).toBe("-0");
    expect(num_scientific(Number.NaN)).toBe("nan");
    expect(num_scientific(Infinity)).toBe("inf");
  });
});
