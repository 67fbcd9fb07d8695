import { useEffect, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { errorMessage, postJson } from "../../../shared/api";
import { LoadFailed } from "../../LoadFailed";
import { useJson } from "../../use-json";
import type { KioskView, PairingView, WaveView } from "./api";
import { ConfirmDialog } from "./ConfirmDialog";
import { PairingCode } from "./PairingCode";
import { fullTime, relativeTime } from "./time";
import { useAppLocale } from "../../locale-context";

interface Props {
  slug: string;
}

type Shown = { kioskId: string; label: string } & PairingView;

/** The list refreshes on its own, so "last seen" and queued answers stay current. */
const REFRESH_MS = 30_000;

/** One authority's kiosks: status, last seen, queued answers; register, pair, revoke. */
export function KioskManager({ slug }: Props) {
  const { t } = useTranslation("ws-contacts");
  const { locale } = useAppLocale();
  const api = `/api/authorities/${slug}/kiosks`;
  const [version, setVersion] = useState(0);
  const [kiosks, retry] = useJson<KioskView[]>(`${api}?lang=${locale}&v=${version}`);
  const [waves] = useJson<WaveView[]>(`/api/authorities/${slug}/waves?lang=${locale}`);
  const [pairing, setPairing] = useState<Shown | null>(null);
  const [revoking, setRevoking] = useState<KioskView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [message, setMessage] = useState("");
  const [now, setNow] = useState(() => Date.now());

  useEffect(() => {
    const timer = window.setInterval(() => {
      setNow(Date.now());
      setVersion((v) => v + 1);
    }, REFRESH_MS);
    return () => window.clearInterval(timer);
  }, []);

  const waveName = (id: string) => {
    if (waves.kind !== "ready") return "";
    const w = waves.data.find((x) => x.id === id);
    return w ? w.name[locale] || w.name.he : "";
  };

  const newCode = async (k: KioskView) => {
    setError(null);
    try {
      const p = await postJson<PairingView>(`${api}/${k.id}/pairing-code?lang=${locale}`);
      setPairing({ kioskId: k.id, label: k.label, ...p });
    } catch (err) {
      setError(errorMessage(err, t));
    }
  };

  const revoke = async (k: KioskView) => {
    setError(null);
    try {
      await postJson<KioskView>(`${api}/${k.id}/revoke?lang=${locale}`);
      setRevoking(null);
      if (pairing?.kioskId === k.id) setPairing(null);
      setMessage(t("kiosks.revoked", { label: k.label }));
      setVersion((v) => v + 1);
    } catch (err) {
      setRevoking(null);
      setError(errorMessage(err, t));
    }
  };

  return (
    <div className="ct-page" data-testid="kiosks-page">
      <p className="visually-hidden" role="status" aria-live="polite">
        {message}
      </p>
      {pairing ? <PairingCode {...pairing} onClose={() => setPairing(null)} /> : null}
      {error ? (
        <div className="notice notice--error" role="alert">
          <p>{error}</p>
        </div>
      ) : null}
      <section className="ct-panel" aria-labelledby="ct-kiosks-h">
        <h3 id="ct-kiosks-h">{t("kiosks.title")}</h3>
        {kiosks.kind === "failed" ? <LoadFailed error={kiosks.error} onRetry={retry} /> : null}
        {kiosks.kind === "loading" ? <p role="status">{t("common:loading")}</p> : null}
        {kiosks.kind === "ready" && kiosks.data.length === 0 ? <p>{t("kiosks.none")}</p> : null}
        {kiosks.kind === "ready" && kiosks.data.length > 0 ? (
          <ul className="ct-kiosks" data-testid="kiosk-list">
            {kiosks.data.map((k) => (
              <li
                key={k.id}
                className="ct-kiosk"
                data-testid={`kiosk-${k.id}`}
                data-revoked={k.revoked}
              >
                <h4>{k.label}</h4>
                <dl className="ct-kiosk__facts">
                  <dt>{t("kiosks.wave")}</dt>
                  <dd>{waveName(k.waveId) || "—"}</dd>
                  <dt>{t("kiosks.state")}</dt>
                  <dd data-testid="kiosk-state">
                    {t(
                      k.revoked
                        ? "kiosks.revokedState"
                        : k.pairedAt
                          ? "kiosks.paired"
                          : "kiosks.unpaired",
                    )}
                  </dd>
                  <dt>{t("kiosks.lastSeen")}</dt>
                  <dd data-testid="kiosk-last-seen">
                    {k.lastSeenAt ? (
                      <time dateTime={k.lastSeenAt} title={fullTime(k.lastSeenAt, locale)}>
                        {relativeTime(k.lastSeenAt, locale, now)}
                      </time>
                    ) : (
                      t("kiosks.never")
                    )}
                  </dd>
                  <dt>{t("kiosks.queued")}</dt>
                  <dd data-testid="kiosk-queued">
                    {k.queuedAnswers === null
                      ? t("kiosks.queueUnknown")
                      : t("kiosks.queuedCount", { count: k.queuedAnswers })}
                    {k.queueReportedAt ? (
                      <span className="ws-small ws-muted">
                        {" "}
                        (
                        {t("kiosks.reported", {
                          when: relativeTime(k.queueReportedAt, locale, now),
                        })}
                        )
                      </span>
                    ) : null}
                  </dd>
                </dl>
                {k.revoked ? null : (
                  <div className="ws-row">
                    <button
                      type="button"
                      className="button button--secondary"
                      onClick={() => void newCode(k)}
                      aria-label={t("kiosks.newCodeFor", { label: k.label })}
                      data-testid="kiosk-new-code"
                    >
                      {t("kiosks.newCode")}
                    </button>
                    <button
                      type="button"
                      className="ws-link-button ws-danger"
                      onClick={() => setRevoking(k)}
                      aria-label={t("kiosks.revokeFor", { label: k.label })}
                      data-testid="kiosk-revoke"
                    >
                      {t("kiosks.revoke")}
                    </button>
                  </div>
                )}
              </li>
            ))}
          </ul>
        ) : null}
      </section>
      <NewKioskForm
        api={api}
        waves={waves.kind === "ready" ? waves.data : []}
        onCreated={(k) => {
          setPairing(k);
          setVersion((v) => v + 1);
        }}
      />
      <ConfirmDialog
        open={revoking !== null}
        title={t("kiosks.revokeTitle", { label: revoking?.label ?? "" })}
        confirmLabel={t("kiosks.revokeConfirm")}
        cancelLabel={t("cancel")}
        danger
        testId="kiosk-revoke-dialog"
        onConfirm={() => revoking && void revoke(revoking)}
        onCancel={() => setRevoking(null)}
      >
        <p>{t("kiosks.revokeBody")}</p>
      </ConfirmDialog>
    </div>
  );
}

function NewKioskForm(props: {
  api: string;
  waves: WaveView[];
  onCreated: (shown: Shown) => void;
}) {
  const { locale } = useAppLocale();
  const { t } = useTranslation("ws-contacts");
  const id = useId();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // Waves a kiosk can serve: not closed; those with the kiosk channel first.
  const waves = props.waves
    .filter((w) => w.status !== "closed")
    .sort((a, b) => Number(b.channels.includes("kiosk")) - Number(a.channels.includes("kiosk")));
  return (
    <section className="ct-panel" aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>{t("kiosks.newTitle")}</h3>
      <form
        className="ct-search"
        data-testid="kiosk-new-form"
        onSubmit={async (e) => {
          e.preventDefault();
          const form = e.currentTarget;
          const data = new FormData(form);
          setBusy(true);
          setError(null);
          try {
            const k = await postJson<KioskView & PairingView>(`${props.api}?lang=${locale}`, {
              label: String(data.get("label") ?? ""),
              waveId: String(data.get("waveId") ?? ""),
            });
            form.reset();
            props.onCreated({
              kioskId: k.id,
              label: k.label,
              pairingCode: k.pairingCode,
              pairingExpiresAt: k.pairingExpiresAt,
            });
          } catch (err) {
            setError(errorMessage(err, t));
          } finally {
            setBusy(false);
          }
        }}
      >
        <div className="ct-field">
          <label htmlFor={`${id}-label`}>{t("kiosks.label")}</label>
          <input
            id={`${id}-label`}
            name="label"
            required
            maxLength={80}
            aria-describedby={`${id}-label-help`}
            data-testid="kiosk-label"
          />
          <span id={`${id}-label-help`} className="ws-small ws-muted">
            {t("kiosks.labelHelp")}
          </span>
        </div>
        <div className="ct-field">
          <label htmlFor={`${id}-wave`}>{t("kiosks.wave")}</label>
          <select id={`${id}-wave`} name="waveId" required data-testid="kiosk-wave">
            {waves.map((w) => (
              <option key={w.id} value={w.id}>
                {w.name[locale] || w.name.he}
              </option>
            ))}
          </select>
        </div>
        <button
          type="submit"
          className="button"
          disabled={busy || waves.length === 0}
          data-testid="kiosk-create"
        >
          {t("kiosks.create")}
        </button>
      </form>
      {waves.length === 0 ? <p className="ws-muted">{t("kiosks.noWaves")}</p> : null}
      {error ? (
        <div className="notice notice--error" role="alert">
          <p>{error}</p>
        </div>
      ) : null}
    </section>
  );
}
