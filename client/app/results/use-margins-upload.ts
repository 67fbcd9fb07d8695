import { useState } from "react";
import { useTranslation } from "react-i18next";
import { errorMessage, postJson } from "../../shared/api";
import { useAppLocale } from "../locale-context";
import { marginsApi, type MarginsCheck, type MarginSetView } from "./margins-types";

export type UploadStep =
  | { kind: "idle" }
  | { kind: "busy" }
  | { kind: "checked"; check: MarginsCheck }
  | { kind: "saved"; version: number }
  | { kind: "failed"; message: string };

/**
 * A margins upload's fields and its two calls: the check, which stores nothing,
 * and the save as a new version (then `onSaved`, so the lists show it).
 */
export function useMarginsUpload(slug: string, onSaved: () => void) {
  const { t } = useTranslation("margins");
  const { locale } = useAppLocale();
  const [csv, setCsv] = useState<string | null>(null);
  const [validFrom, setValidFrom] = useState(`${new Date().getUTCFullYear()}-01-01`);
  const [waveId, setWaveId] = useState("");
  const [cap, setCap] = useState("");
  const [step, setStep] = useState<UploadStep>({ kind: "idle" });
  const body = () => ({
    universe: "18+",
    validFrom,
    csv,
    waveId: waveId || null,
    trimCap: cap.trim() === "" ? null : Number(cap),
  });

  const run = async (save: boolean) => {
    setStep({ kind: "busy" });
    try {
      if (save) {
        const set = await postJson<MarginSetView>(
          `${marginsApi(slug)}/upload?lang=${locale}`,
          body(),
        );
        setStep({ kind: "saved", version: set.version });
        onSaved();
      } else {
        const check = await postJson<MarginsCheck>(
          `${marginsApi(slug)}/upload/check?lang=${locale}`,
          body(),
        );
        setStep({ kind: "checked", check });
      }
    } catch (err) {
      setStep({ kind: "failed", message: errorMessage(err, t) });
    }
  };

  return {
    csv,
    /** A new file: its text once read, and any earlier check forgotten. */
    chooseFile: (file: File | undefined) => {
      setStep({ kind: "idle" });
      setCsv(null);
      if (file) void file.text().then(setCsv);
    },
    validFrom,
    setValidFrom,
    waveId,
    setWaveId,
    cap,
    setCap,
    step,
    check: () => void run(false),
    save: () => void run(true),
  };
}
