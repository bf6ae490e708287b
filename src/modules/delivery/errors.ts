import { defineErrors } from '../../platform/http/error-registry.js';

/** Error codes of the delivery module (tamper alerts in the console). */
export const DeliveryErrors = defineErrors({
  'pages.alerts.not_found': { status: 404, zh: '防篡改告警（id={id}）不存在', en: 'Page alert {id} not found' },
  'pages.alerts.already_acknowledged': { status: 409, zh: '防篡改告警（id={id}）已被确认', en: 'Page alert {id} has already been acknowledged' },
});
