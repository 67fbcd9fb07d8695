/** The contacts and kiosks pages' API shapes, from the server's zod schemas (type-only imports). */
export type {
  CheckReport,
  ContactImportView,
  ContactRow,
  LinkSent,
  OptOutState,
} from "../../../../server/distribution/contacts/routes";
export type { KioskView, PairingView } from "../../../../server/kiosk/routes";
export type { WaveView } from "../../../../server/waves/schema";
export {
  CONTACT_STATUSES,
  NUMBER_REVEALERS,
  RESEND_WINDOW_MINUTES,
  type ContactStatus,
} from "../../../../server/shared/contact-access";

/** The base of a wave's contact routes. */
export const waveApi = (slug: string, waveId: string) => `/api/authorities/${slug}/waves/${waveId}`;

/** A file's bytes as base64, the way the import routes take it. */
export function fileToBase64(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ""));
    reader.onerror = () => reject(reader.error ?? new Error("read failed"));
    reader.readAsDataURL(file);
  });
}
