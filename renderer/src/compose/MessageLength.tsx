/**
 * Under Message: how the text will travel, live ("2 SMS parts · Unicode (😀)"), and on v2 a text
 * over 160 characters offered as "Send as N messages".
 */
import { useMemo } from 'react';
import { MAX_MESSAGE_LENGTH, messageLength, type ApiVersion } from '../../../shared/message';
import { splitForV2 } from '../../../shared/splitMessage';
import { describeSmsLength, smsLength } from '../../../shared/smsLength';

export type MessageLengthProps = {
  text: string;
  apiVersion: ApiVersion;
  /** Offered on v2 when the text is over 160 characters; disabled while sending. */
  onSendSplit: (() => void) | null;
};

export function MessageLength(props: MessageLengthProps) {
  const length = useMemo(() => smsLength(props.text), [props.text]);
  const splitCount = useMemo(
    () => (props.apiVersion === 'v2' && messageLength(props.text) > MAX_MESSAGE_LENGTH ? splitForV2(props.text).length : 0),
    [props.apiVersion, props.text],
  );
  if (props.text === '') return null;
  return (
    <div className="message-length">
      <p id="message-length" className={length.encoding === 'Unicode' ? 'hint counter-unicode' : 'hint'}>
        {describeSmsLength(length)}
        {length.encoding === 'Unicode' && ' — one character outside GSM-7 makes every part shorter, so the message may cost more.'}
      </p>
      {splitCount > 1 && (
        <button type="button" disabled={props.onSendSplit === null} onClick={() => props.onSendSplit?.()}>
          Send as {splitCount} messages
        </button>
      )}
    </div>
  );
}
