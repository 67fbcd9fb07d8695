import { useTranslation } from "react-i18next";
import { useAppLocale } from "../../locale-context";
import { LoadFailed } from "../../LoadFailed";
import { useJson } from "../../use-json";
import { waveApi } from "./api";
import type { ContactListProps, ContactPage } from "./ContactList";
import { ContactTable } from "./ContactTable";

/** The wave's opt-outs on their own, with the undo of those staff made. */
export function OptOutList(props: Omit<ContactListProps, "canSend">) {
  const { t } = useTranslation("ws-contacts");
  const { slug, waveId, version } = props;
  const { locale } = useAppLocale();
  const [state, retry] = useJson<ContactPage>(
    `${waveApi(slug, waveId)}/contacts?lang=${locale}&status=opted-out&limit=50&v=${version}`,
  );
  return (
    <section className="ct-panel" aria-labelledby="ct-optouts-h" data-testid="contacts-opt-outs">
      <h3 id="ct-optouts-h">{t("optOut.title")}</h3>
      <p className="ws-small ws-muted">{t("optOut.intro")}</p>
      {state.kind === "failed" ? <LoadFailed error={state.error} onRetry={retry} /> : null}
      {state.kind === "ready" ? (
        state.data.total === 0 ? (
          <p data-testid="opt-outs-count">{t("optOut.none")}</p>
        ) : (
          <>
            <p data-testid="opt-outs-count">{t("optOut.count", { count: state.data.total })}</p>
            <ContactTable
              slug={slug}
              waveId={waveId}
              canSend={false}
              rows={state.data.contacts}
              caption={t("optOut.title")}
              testId="opt-outs-table"
              canReveal={props.canReveal}
              onChanged={props.onChanged}
            />
          </>
        )
      ) : null}
    </section>
  );
}
