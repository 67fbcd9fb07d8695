import crypto from "node:crypto";
import { Types } from "mongoose";

const israelDate = new Intl.DateTimeFormat("en-CA", {
  timeZone: "Asia/Jerusalem",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});

/** The Israel calendar day of an instant, as YYYY-MM-DD. */
export function israelDay(at: Date): string {
  return israelDate.format(at);
}

/**
 * The day of an instant and nothing finer: the Israel calendar date, as
 * midnight UTC of that date (so `toISOString()` starts with the date, and the
 * date read back in Israel is the same one). What is stored of when a resident
 * of the SMS or kiosk channel answered: a time to the second next to a
 * contact's "answered" let staff tie a row of the export to a phone number.
 */
export function dayOf(at: Date): Date {
  return new Date(`${israelDay(at)}T00:00:00.000Z`);
}

/**
 * A new response id. An ObjectId carries its creation second and a counter,
 * which put responses in the order they arrived; this one has the shape of an
 * ObjectId (so indexes, casting and the wire stay as they were) but carries
 * only the day (`dayOf`) and eight random bytes, so ids of one day sort in no
 * order that betrays arrival.
 */
export function newResponseId(at: Date): Types.ObjectId {
  const bytes = Buffer.alloc(12);
  bytes.writeUInt32BE(Math.floor(dayOf(at).getTime() / 1000), 0);
  crypto.randomFillSync(bytes, 4, 8);
  return new Types.ObjectId(bytes);
}
