import type { Types } from "mongoose";
import { localMobile } from "../phone";
import type { Principal } from "../../access/principal";
import { objectIdOr404 } from "../../access/scope";
import { authorityInScope } from "../../authorities/in-scope";
import { audit } from "../../audit/service";
import { ContactsFileError, NotFoundError } from "../../errors";
import type { FieldCipher } from "../../privacy/crypto";
import { waveInScope } from "../../waves/service";
import { checkContacts, summarizeCheck, type ContactCheck } from "./check";
import { readContactFile } from "./file";
import { defaultLanguage, offeredLanguages } from "../../shared/wave-languages";
import { importContacts } from "./import";
import { ContactImport } from "./import-model";
import { Contact, SEALED } from "./model";

/** Reports are capped so a file of 50,000 bad rows does not make a 50,000-entry answer. */
const MAX_ROWS_REPORTED = 1000;

/**
 * Reads and checks a file for a wave of an authority; the language of empty cells,
 * and of languages the wave does not offer, follows the authority's population.
 */
export async function checkFile(
  bytes: Uint8Array,
  population: string,
  languages?: readonly string[] | null,
): Promise<ContactCheck> {
  const table = await readContactFile(bytes);
  const offered = offeredLanguages(languages);
  const check = checkContacts(table, defaultLanguage(offered, population), offered);
  if (!check.columns.phone) throw new ContactsFileError("no-phone-column");
  return check;
}

/** The pre-flight report of a file, imported nowhere. */
export async function preflight(
  principal: Principal,
  slug: string,
  waveId: string,
  bytes: Uint8Array,
) {
  const { authority, wave } = await waveInScope(principal, slug, waveId);
  const summary = summarizeCheck(await checkFile(bytes, authority.population, wave.languages));
  return {
    ...summary,
    invalid: summary.invalid.slice(0, MAX_ROWS_REPORTED),
    duplicates: summary.duplicates.slice(0, MAX_ROWS_REPORTED),
  };
}

interface ImportView {
  _id: Types.ObjectId;
  status: string;
  filename?: string | null;
  total: number;
  processed: number;
  created: number;
  existing: number;
  invited: number;
  optedOut: number;
  invalid?: Array<{ line?: number | null; reason?: string | null; value?: string | null }>;
  duplicates?: Array<{ line?: number | null; firstLine?: number | null }>;
  error?: string | null;
  createdAt?: Date;
  finishedAt?: Date | null;
}

/** The public shape of an import job. */
export function presentImport(job: ImportView) {
  return {
    id: job._id.toHexString(),
    status: job.status as "processing" | "done" | "failed",
    filename: job.filename ?? null,
    total: job.total,
    processed: job.processed,
    created: job.created,
    existing: job.existing,
    invited: job.invited,
    optedOut: job.optedOut,
    invalid: (job.invalid ?? []).map((r) => ({
      line: r.line ?? 0,
      reason: r.reason ?? "",
      value: r.value ?? "",
    })),
    duplicates: (job.duplicates ?? []).map((r) => ({
      line: r.line ?? 0,
      firstLine: r.firstLine ?? 0,
    })),
    error: job.error ?? null,
    createdAt: (job.createdAt ?? new Date(0)).toISOString(),
    finishedAt: job.finishedAt ? job.finishedAt.toISOString() : null,
  };
}

/**
 * Starts importing a file into a wave: the file is checked at once (a file that
 * cannot be read is refused here), then rows are written in the background while
 * the job's progress is updated; GET the job to follow it.
 */
export async function startImport(
  principal: Principal,
  slug: string,
  waveId: string,
  input: { bytes: Uint8Array; filename?: string },
  deps: { cipher: FieldCipher; linkSecret: string },
  ip: string | undefined,
) {
  const { authority, wave } = await waveInScope(principal, slug, waveId);
  const check = await checkFile(input.bytes, authority.population, wave.languages);
  const job = await ContactImport.create({
    authorityId: authority._id,
    waveId: wave._id,
    filename: input.filename,
    status: "processing",
    total: check.valid.length,
    invalid: check.invalid.slice(0, MAX_ROWS_REPORTED),
    duplicates: check.duplicates.slice(0, MAX_ROWS_REPORTED),
    actor: principal.id,
  });
  await audit({
    action: "contacts.imported",
    actor: principal,
    target: { kind: "contact-import", id: job._id.toHexString() },
    authorityId: authority._id,
    ip,
    details: { rows: check.total, valid: check.valid.length },
  });
  const done = runImport(job._id, check, { authorityId: authority._id, waveId: wave._id }, deps);
  return { job: presentImport(job.toObject()), done };
}

async function runImport(
  jobId: Types.ObjectId,
  check: ContactCheck,
  target: { authorityId: Types.ObjectId; waveId: Types.ObjectId },
  deps: { cipher: FieldCipher; linkSecret: string },
): Promise<void> {
  try {
    const counts = await importContacts(check, target, deps, (c) =>
      ContactImport.updateOne({ _id: jobId }, { $set: c }).then(() => undefined),
    );
    await ContactImport.updateOne(
      { _id: jobId },
      { $set: { ...counts, status: "done", finishedAt: new Date() } },
    );
  } catch (err) {
    await ContactImport.updateOne(
      { _id: jobId },
      {
        $set: {
          status: "failed",
          error: (err as Error).message.slice(0, 200),
          finishedAt: new Date(),
        },
      },
    ).catch(() => undefined); // the store itself is gone: nothing left to record in
  }
}

/** One import job of a wave in scope. */
export async function getImport(principal: Principal, slug: string, waveId: string, id: string) {
  const { wave } = await waveInScope(principal, slug, waveId);
  const job = await ContactImport.findOne({ _id: objectIdOr404(id), waveId: wave._id }).lean();
  if (!job) throw new NotFoundError();
  return presentImport(job);
}

/** One contact's number and name in full, for a coordinator who must call them; audited. */
export async function revealContact(
  principal: Principal,
  slug: string,
  id: string,
  cipher: FieldCipher,
  ip: string | undefined,
) {
  const authority = await authorityInScope(principal, slug);
  const contact = await Contact.findOne({
    _id: objectIdOr404(id),
    authorityId: authority._id,
  }).lean();
  if (!contact) throw new NotFoundError();
  // Written before the data leaves: no audit record, no reveal.
  await audit({
    action: "contacts.revealed",
    actor: principal,
    target: { kind: "contact", id },
    authorityId: authority._id,
    ip,
  });
  return {
    id,
    // As staff dial and write it, not E.164.
    phone: localMobile(cipher.decrypt(contact.phoneSealed, SEALED.phone)),
    name: contact.nameSealed ? cipher.decrypt(contact.nameSealed, SEALED.name) : null,
  };
}
