import { useTranslation } from "react-i18next";
import type { Signup } from "./use-participation";

interface Props {
  signups: Signup[];
  onStatus: (id: string, status: Signup["status"]) => void;
}

/** Residents who asked to take part, with their contact (shown here only) and a status to set. */
export function SignupTable({ signups, onStatus }: Props) {
  const { t } = useTranslation("participation");
  return (
    <div className="participation-scroll">
      <table className="participation-table" data-testid="signups">
        <thead>
          <tr>
            <th scope="col">{t("colDay")}</th>
            <th scope="col">{t("colName")}</th>
            <th scope="col">{t("colContact")}</th>
            <th scope="col">{t("colInterests")}</th>
            <th scope="col">{t("colStatus")}</th>
          </tr>
        </thead>
        <tbody>
          {signups.map((s) => (
            <tr key={s.id} data-testid="signup-row">
              <td>{s.day}</td>
              <td>{s.name ?? t("anonymous")}</td>
              <td dir="ltr">{s.contact.value}</td>
              <td>{s.interests.map((i) => t(`interest.${i}`)).join(", ")}</td>
              <td>
                <select
                  aria-label={t("statusFor", { name: s.name ?? s.contact.value })}
                  value={s.status}
                  onChange={(e) => onStatus(s.id, e.target.value as Signup["status"])}
                  data-testid="signup-status"
                >
                  {(["new", "contacted", "joined", "declined"] as const).map((st) => (
                    <option key={st} value={st}>
                      {t(`status.${st}`)}
                    </option>
                  ))}
                </select>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
