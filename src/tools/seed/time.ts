// Months as integers (year*12 + month-1) inside the generator, for speed; text only when a row is written.
// Plus the synthetic standards the generated amounts follow (rising every January, like real ones).
import { daysInMonth } from '../../shared/time';

export const monthIdx = (m: string): number => Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7)) - 1;

export function monthStr(i: number): string {
  const y = Math.floor(i / 12);
  return `${y}-${String(i - y * 12 + 1).padStart(2, '0')}`;
}

export const yearOf = (i: number): number => Math.floor(i / 12);
export const monthNo = (i: number): number => i - Math.floor(i / 12) * 12 + 1;

/** 'YYYY-MM-DD' of day `day` in month i (clamped to the month's length). */
export function dateIn(i: number, day: number): string {
  const y = yearOf(i);
  const mo = monthNo(i);
  const d = Math.min(Math.max(1, day), daysInMonth(y, mo));
  return `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Milliseconds of a date at 09:00 Beijing (01:00Z) plus `secs`: office hours, for created_at and UUIDv7 time. */
export function msecsOf(date: string, secs = 0): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)), 1) + secs * 1000;
}

export const isoOf = (msecs: number): string => new Date(msecs).toISOString();

/** Whole yuan in fen, rounded to the yuan the way published standards are. */
const yuan = (v: number): number => Math.round(v) * 100;

/**
 * Synthetic monthly standards in fen for a year (not any county's published figures): 低保 per person rising
 * ~4.5 % a year from 700 元 in 2017; 特困 basic = 1.3 × 低保; the other flat amounts rise a few yuan a year.
 */
export function standardsOf(year: number): {
  dibao: number;
  tekunBasic: number;
  care: { full: number; partial: number; none: number };
  edgePerPerson: number;
  canjiLiving: number;
  canjiCare: { g1: number; g2: number; other: number };
  guer: { centralized: number; dispersed: number };
} {
  const k = year - 2017;
  const dibao = yuan(700 * Math.pow(1.045, k));
  return {
    dibao,
    tekunBasic: yuan((dibao / 100) * 1.3),
    care: { full: yuan(700 + 15 * k), partial: yuan(420 + 9 * k), none: yuan(170 + 4 * k) },
    edgePerPerson: yuan(150 + 5 * k),
    canjiLiving: yuan(90 + 5 * k),
    canjiCare: { g1: yuan(120 + 6 * k), g2: yuan(90 + 5 * k), other: yuan(60 + 3 * k) },
    guer: { centralized: yuan(1600 + 90 * k), dispersed: yuan(1200 + 70 * k) },
  };
}
