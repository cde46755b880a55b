/**
 * What the shell shows about a send outside the popup: the tray icon's sending and failed states,
 * and an OS notification when the send finishes while the popup is hidden (the user closed it
 * mid-send and would otherwise never learn the outcome).
 */
import { formatPhoneNumber } from '../../../shared/phone';
import type { SendListener, SendOutcome } from '../services/sendSms';
import type { NotificationRequest } from './electronSurface';
import type { TrayState } from './tray';

export function trayStateListener(setState: (state: TrayState) => void): SendListener {
  return {
    started: () => setState('sending'),
    finished: (outcome) => setState(outcome.ok ? 'idle' : 'failed'),
  };
}

export function sendNotification(outcome: SendOutcome): NotificationRequest {
  const to = formatPhoneNumber(outcome.to);
  if (outcome.ok) {
    return { title: `Sent to ${to}`, body: outcome.result.serverMessage ?? 'VoiceTel accepted the message.' };
  }
  return { title: `Not sent to ${to}`, body: outcome.message };
}

export function notificationListener(deps: {
  popupVisible: () => boolean;
  notifications: { isSupported(): boolean; show(request: NotificationRequest): void };
}): SendListener {
  return {
    finished: (outcome) => {
      if (deps.popupVisible() || !deps.notifications.isSupported()) return;
      deps.notifications.show(sendNotification(outcome));
    },
  };
}
