import { useTranslation } from "react-i18next";
import { LoadFailed } from "../../LoadFailed";
import { ConfirmDialog } from "./ConfirmDialog";
import { KioskCard } from "./KioskCard";
import { NewKioskForm } from "./NewKioskForm";
import { PairingCode } from "./PairingCode";
import { useKiosks } from "./use-kiosks";

interface Props {
  slug: string;
}

/** One authority's kiosks: status, last seen, queued answers; register, pair, revoke. */
export function KioskManager({ slug }: Props) {
  const { t } = useTranslation("ws-contacts");
  const k = useKiosks(slug);
  const { kiosks, revoking } = k;

  return (
    <div className="ct-page" data-testid="kiosks-page">
      <p className="visually-hidden" role="status" aria-live="polite">
        {k.message}
      </p>
      {k.pairing ? <PairingCode {...k.pairing} onClose={k.closePairing} /> : null}
      {k.error ? (
        <div className="notice notice--error" role="alert">
          <p>{k.error}</p>
        </div>
      ) : null}
      <section className="ct-panel" aria-labelledby="ct-kiosks-h">
        <h3 id="ct-kiosks-h">{t("kiosks.title")}</h3>
        {kiosks.kind === "failed" ? <LoadFailed error={kiosks.error} onRetry={k.retry} /> : null}
        {kiosks.kind === "loading" ? <p role="status">{t("common:loading")}</p> : null}
        {kiosks.kind === "ready" && kiosks.data.length === 0 ? <p>{t("kiosks.none")}</p> : null}
        {kiosks.kind === "ready" && kiosks.data.length > 0 ? (
          <ul className="ct-kiosks" data-testid="kiosk-list">
            {kiosks.data.map((kiosk) => (
              <KioskCard
                key={kiosk.id}
                kiosk={kiosk}
                waveName={k.waveName(kiosk.waveId)}
                now={k.now}
                onNewCode={() => void k.newCode(kiosk)}
                onRevoke={() => k.askRevoke(kiosk)}
              />
            ))}
          </ul>
        ) : null}
      </section>
      <NewKioskForm api={k.api} waves={k.waves} onCreated={k.created} />
      <ConfirmDialog
        open={revoking !== null}
        title={t("kiosks.revokeTitle", { label: revoking?.label ?? "" })}
        confirmLabel={t("kiosks.revokeConfirm")}
        cancelLabel={t("cancel")}
        danger
        testId="kiosk-revoke-dialog"
        onConfirm={() => revoking && void k.revoke(revoking)}
        onCancel={() => k.askRevoke(null)}
      >
        <p>{t("kiosks.revokeBody")}</p>
      </ConfirmDialog>
    </div>
  );
}
