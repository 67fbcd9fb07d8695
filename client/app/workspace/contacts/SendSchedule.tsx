import { useTranslation } from "react-i18next";
import { intlTag } from "./time";
import { useAppLocale } from "../../locale-context";

/** One message of the schedule, as `/send-schedule` gives it. */
export interface ScheduleSlot {
  at: string;
  heldReason: "night" | "shabbat" | "holiday" | "paused" | null;
}

export interface Schedule {
  invitation: ScheduleSlot;
  reminders: Array<ScheduleSlot & { days: number }>;
}

/**
 * When the invitation and each reminder will go, as weekday, date and time in
 * Israel, with what moved each (night hours, Shabbat, a holiday): "3 days after"
 * is not something a coordinator can check against the calendar.
 */
export function SendSchedule({ schedule }: { schedule: Schedule }) {
  const { t } = useTranslation("ws-contacts");
  const { locale } = useAppLocale();
  const when = (slot: ScheduleSlot) => {
    const time = new Intl.DateTimeFormat(intlTag(locale), {
      timeZone: "Asia/Jerusalem",
      weekday: "long",
      day: "numeric",
      month: "long",
      hour: "2-digit",
      minute: "2-digit",
    }).format(new Date(slot.at));
    return slot.heldReason
      ? t("send.schedule.moved", { time, reason: t(`send.schedule.after.${slot.heldReason}`) })
      : time;
  };
  return (
    <div className="ct-schedule" data-testid="send-schedule">
      <p className="ws-small">
        <strong>{t("send.schedule.title")}</strong>
      </p>
      <ul className="ws-small">
        <li data-testid="schedule-invitation">
          {t("send.schedule.invitation", { time: when(schedule.invitation) })}
        </li>
        {schedule.reminders.map((r, i) => (
          <li key={r.days} data-testid="schedule-reminder">
            {t("send.schedule.reminder", { n: i + 1, time: when(r) })}
          </li>
        ))}
      </ul>
    </div>
  );
}
