import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { errorMessage, getJson, postJson } from "../../../shared/api";
import { fileToBase64, waveApi, type CheckReport, type ContactImportView } from "./api";
import { useAppLocale } from "../../locale-context";

/** Where an import stands: from a chosen file through its check to the finished job. */
export type ImportStep =
  | { kind: "idle" }
  | { kind: "checking" }
  | { kind: "checked"; report: CheckReport }
  | { kind: "importing"; job: ContactImportView }
  | { kind: "done"; job: ContactImportView }
  | { kind: "failed"; message: string };

const POLL_MS = 500;

/**
 * The steps of importing a contacts file into a wave: the pre-flight check,
 * the import itself, and following its job on the server until it ends.
 * The file is read once, at the check, and the same content is imported, so
 * what is imported is what the report described.
 */
export function useContactImport(slug: string, waveId: string, onImported: () => void) {
  const { t } = useTranslation("ws-contacts");
  const { locale } = useAppLocale();
  const [file, setFile] = useState<File | null>(null);
  const [step, setStep] = useState<ImportStep>({ kind: "idle" });
  const content = useRef<string | null>(null);
  const base = waveApi(slug, waveId);

  const check = async () => {
    if (!file) return;
    setStep({ kind: "checking" });
    try {
      content.current = await fileToBase64(file);
      const report = await postJson<CheckReport>(`${base}/contact-imports/check?lang=${locale}`, {
        filename: safeName(file.name),
        content: content.current,
      });
      setStep({ kind: "checked", report });
    } catch (err) {
      setStep({ kind: "failed", message: errorMessage(err, t) });
    }
  };

  const start = async () => {
    if (!file || !content.current) return;
    try {
      const job = await postJson<ContactImportView>(`${base}/contact-imports?lang=${locale}`, {
        filename: safeName(file.name),
        content: content.current,
      });
      setStep({ kind: job.status === "processing" ? "importing" : "done", job });
    } catch (err) {
      setStep({ kind: "failed", message: errorMessage(err, t) });
    }
  };

  const jobId = step.kind === "importing" ? step.job.id : null;
  useEffect(() => {
    if (!jobId) return;
    let stop = false;
    const poll = async () => {
      try {
        const job = await getJson<ContactImportView>(
          `${base}/contact-imports/${jobId}?lang=${locale}`,
        );
        if (stop) return;
        if (job.status === "processing") {
          setStep({ kind: "importing", job });
          timer = window.setTimeout(() => void poll(), POLL_MS);
        } else {
          setStep({ kind: "done", job });
          onImported();
        }
      } catch {
        // A lost poll is retried: the import itself goes on on the server.
        if (!stop) timer = window.setTimeout(() => void poll(), POLL_MS * 4);
      }
    };
    let timer = window.setTimeout(() => void poll(), POLL_MS);
    return () => {
      stop = true;
      window.clearTimeout(timer);
    };
  }, [jobId, base, locale, onImported]);

  /** A new file chosen (or none): any earlier report no longer applies. */
  const choose = (next: File | null) => {
    setFile(next);
    setStep({ kind: "idle" });
  };

  const reset = () => {
    setFile(null);
    content.current = null;
    setStep({ kind: "idle" });
  };

  const busy = step.kind === "checking" || step.kind === "importing";
  return { file, step, busy, choose, check, start, reset };
}

/** File names the server accepts: letters, digits, spaces and ._()- only. */
function safeName(name: string): string {
  const clean = name.replace(/[^\p{L}\p{N} ._()-]/gu, "_").slice(0, 200);
  return clean || "contacts";
}
