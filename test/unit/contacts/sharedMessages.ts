/** What VoiceTel holds for both pollers of sharedData.test.ts: the same inbound messages for each. */
import type { RemoteMessage } from '../../../electron/main/services/conversations/records';

export const MESSAGES_OURS = '5551230000';

export function sharedInbound(count: number): RemoteMessage[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `vt:sms:shared-${String(i)}`,
    direction: 'in',
    them: `555400${String(i % 7).padStart(4, '0')}`,
    text: `for everyone ${String(i)}`,
    atMs: Date.parse('2026-03-01T11:00:00.000Z') + i * 1000,
    type: 'sms',
  }));
}
