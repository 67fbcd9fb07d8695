import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { errorMessage, postJson } from "../../shared/api";
import { useAppLocale } from "../locale-context";
import { MarginsCheckReport } from "./MarginsCheckReport";
import {
  marginsApi,
  type MarginSetList,
  type MarginsCheck,
  type MarginSetView,
} from "./margins-types";

interface Props {
  slug: string;
  waves: MarginSetList["waves"];
  /** Called after a version was stored, so the lists show it. */
  onSaved: () => void;
}

/** The file's header and a row of it: data a researcher copies, the same in every language. */
const MARGINS_HEADER = "source,year,variable,category,share";
const EXAMPLE_ROW = "CBS localities,2022,sex,1,0.48";

type Step =
  | { kind: "idle" }
  | { kind: "busy" }
  | { kind: "checked"; check: MarginsCheck }
  | { kind: "saved"; version: number }
  | { kind: "failed"; message: string };

/**
 * Uploading a margins file: choose the CSV and what it applies to, read the
 * check (every problem by row, in the reader's language, or the shares it
 * holds), then save it as a new version. Nothing is stored before "save".
 */
export function MarginsUpload({ slug, waves, onSaved }: Props) {
  const { t } = useTranslation("margins");
  const { locale } = useAppLocale();
  const id = useId();
  const [csv, setCsv] = useState<string | null>(null);
  const [validFrom, setValidFrom] = useState(`${new Date().getUTCFullYear()}-01-01`);
  const [waveId, setWaveId] = useState("");
  const [cap, setCap] = useState("");
  const [step, setStep] = useState<Step>({ kind: "idle" });
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

  const busy = step.kind === "busy";
  return (
    <section className="margins-upload" aria-labelledby={`${id}-h`} data-testid="margins-upload">
      <h2 id={`${id}-h`}>{t("upload.title")}</h2>
      <p className="method-note">
        {t("upload.columns")}{" "}
        <bdi dir="ltr">
          <code>{MARGINS_HEADER}</code>
        </bdi>
      </p>
      <p className="method-note">{t("upload.rules")}</p>
      <p className="method-note">
        {t("upload.example")}{" "}
        <bdi dir="ltr">
          <code>{EXAMPLE_ROW}</code>
        </bdi>
      </p>
      <div className="margins-form">
        <label htmlFor={`${id}-file`}>{t("upload.fileLabel")}</label>
        <input
          id={`${id}-file`}
          type="file"
          accept=".csv,text/csv"
          disabled={busy}
          data-testid="margins-file"
          onChange={(e) => {
            const file = e.currentTarget.files?.[0];
            setStep({ kind: "idle" });
            setCsv(null);
            if (file) void file.text().then(setCsv);
          }}
        />
        <label htmlFor={`${id}-from`}>{t("upload.validFrom")}</label>
        <input
          id={`${id}-from`}
          type="date"
          value={validFrom}
          onChange={(e) => setValidFrom(e.currentTarget.value)}
        />
        <label htmlFor={`${id}-wave`}>{t("upload.pin")}</label>
        <select id={`${id}-wave`} value={waveId} onChange={(e) => setWaveId(e.currentTarget.value)}>
          <option value="">{t("upload.pinNone")}</option>
          {waves.map((w) => (
            <option key={w.id} value={w.id}>
              {w.name[locale]}
            </option>
          ))}
        </select>
        <label htmlFor={`${id}-cap`}>{t("upload.cap")}</label>
        <input
          id={`${id}-cap`}
          type="number"
          min="1.1"
          max="50"
          step="0.1"
          inputMode="decimal"
          value={cap}
          onChange={(e) => setCap(e.currentTarget.value)}
        />
      </div>
      <button
        type="button"
        className="button"
        disabled={!csv || busy}
        onClick={() => void run(false)}
        data-testid="margins-check"
      >
        {busy ? t("upload.checking") : t("upload.check")}
      </button>
      <div aria-live="polite">
        {step.kind === "failed" ? (
          <p className="notice notice--error" role="alert" data-testid="margins-error">
            {step.message}
          </p>
        ) : null}
        {step.kind === "saved" ? (
          <p className="notice" data-testid="margins-saved">
            {t("upload.saved", { version: step.version })}
          </p>
        ) : null}
        {step.kind === "checked" ? (
          <MarginsCheckReport check={step.check} onSave={() => void run(true)} />
        ) : null}
      </div>
    </section>
  );
}
