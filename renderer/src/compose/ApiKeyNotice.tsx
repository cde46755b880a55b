/** Says up front, in Compose, when no API key is saved, with a way to Settings. */
import { useEffect, useState } from 'react';
import { api } from '../api';
import { onApiKeyChanged } from '../apiKeyEvents';

export function ApiKeyNotice(props: { onOpenSettings: () => void }) {
  const [missing, setMissing] = useState(false);
  useEffect(() => {
    let cancelled = false;
    const look = (): void => {
      void api()
        .getApiKeyStatus()
        .then((result) => {
          if (!cancelled) setMissing(result.ok && !result.value.hasKey);
        });
    };
    look();
    const stop = onApiKeyChanged(look);
    return () => {
      cancelled = true;
      stop();
    };
  }, []);
  if (!missing) return null;
  return (
    <p className="hint" id="api-key-missing">
      No VoiceTel API key saved yet.{' '}
      <button type="button" className="link-button" onClick={props.onOpenSettings}>
        Add it in Settings
      </button>
    </p>
  );
}
