import type { Config } from "../config";
import type { FieldCipher } from "../privacy/crypto";
import { contactRoutes } from "./contacts/routes";
import { monitoringRoutes } from "./monitoring/routes";
import { personalLinkRoutes } from "./personal/routes";
import { smsRoutes } from "./sms/routes";
import { webhookRoutes } from "./webhooks/routes";

/** Every route of distribution: contacts, personal links, SMS, webhooks, monitoring. */
export function distributionRoutes(config: Config, cipher: FieldCipher) {
  return [
    ...contactRoutes(config, cipher),
    ...personalLinkRoutes(cipher),
    ...smsRoutes(config, cipher),
    ...webhookRoutes(config, cipher),
    ...monitoringRoutes,
  ];
}
