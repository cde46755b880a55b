/** The baseline for the preview benchmark: React rendering one focused `To` field and nothing else. */
import { createRoot } from 'react-dom/client';

function BareField() {
  return (
    <div>
      <label htmlFor="to">To</label>
      <input id="to" type="text" autoFocus />
    </div>
  );
}

const root = document.getElementById('root');
if (root === null) throw new Error('index.html has no #root element.');
createRoot(root).render(<BareField />);
