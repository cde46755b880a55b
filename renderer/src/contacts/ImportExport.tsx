/**
 * Import contacts from a CSV or vCard file, with a preview of every row and its problem before
 * anything is saved; export them as CSV or vCard.
 *
 * The popup only sends the file's bytes: main decodes and parses them (in a worker thread), for
 * the preview and again for the commit, so what the preview shows is exactly what the import does.
 */
import { useEffect, useId, useRef, useState } from 'react';
import type { ImportChoice, ImportRow } from '../../../shared/ipc';
import { formatPhoneNumber } from '../../../shared/phone';
import { api } from '../api';
import { useStatus } from '../status';
import { refreshContacts } from './contactsStore';
import { fileTooLarge, readAsBase64, SHOW_PROGRESS_FROM_BYTES } from './importFormat';

/** The most rows the preview lists; past it, rows with a problem come first. */
const PREVIEW_ROWS = 500;

/**
 * The rows the preview lists, in file order: all of them up to the cap, else the rows with a
 * problem first (the user must see why those are skipped), then the first of the others.
 */
function shownRows(all: readonly ImportRow[]): readonly ImportRow[] {
  if (all.length <= PREVIEW_ROWS) return all;
  const keep = new Set<ImportRow>();
  for (const row of all) if (row.problem !== null && keep.size < PREVIEW_ROWS) keep.add(row);
  for (const row of all) if (keep.size < PREVIEW_ROWS) keep.add(row);
  return all.filter((row) => keep.has(row));
}
/** How often a long read is asked how far it has got. */
const PROGRESS_POLL_MS = 250;

type Preview = { fileName: string; data: string; rows: ImportRow[]; choices: ImportChoice[] };

/** What the user sees while a file is read: the step, and the share done when it is known. */
type Reading = { fileName: string; step: 'Reading' | 'Checking'; share: number | null };

export function ImportContacts() {
  const id = useId();
  const { announce } = useStatus();
  const [preview, setPreview] = useState<Preview | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [reading, setReading] = useState<Reading | null>(null);
  const [busy, setBusy] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);

  /** Asks main for the rows, polling its progress meanwhile when the file is big. */
  const requestPreview = async (fileName: string, data: string, choices: ImportChoice[], big: boolean) => {
    const progressId = crypto.randomUUID();
    // An object, so the poll loop sees the change made when the preview answers.
    const run: { polling: boolean } = { polling: big };
    const stillPolling = () => run.polling;
    const poll = async () => {
      while (run.polling) {
        await new Promise((resolve) => setTimeout(resolve, PROGRESS_POLL_MS));
        const progress = await api().importProgress({ progressId });
        if (stillPolling() && progress.ok && progress.value !== null && progress.value.total > 0) {
          setReading({ fileName, step: 'Checking', share: progress.value.done / progress.value.total });
        }
      }
    };
    void poll();
    try {
      return await api().previewImport({ fileName, data, choices, progressId });
    } finally {
      run.polling = false;
    }
  };

  const choose = async (file: File) => {
    setProblem(null);
    setPreview(null);
    const tooLarge = fileTooLarge(file.size);
    if (tooLarge !== null) {
      setProblem(`${file.name} was not read: ${tooLarge}`);
      if (fileInput.current !== null) fileInput.current.value = '';
      return;
    }
    setBusy(true);
    const big = file.size >= SHOW_PROGRESS_FROM_BYTES;
    if (big) setReading({ fileName: file.name, step: 'Reading', share: 0 });
    try {
      const data = await readAsBase64(file, (share) => {
        if (big) setReading({ fileName: file.name, step: 'Reading', share });
      });
      if (big) setReading({ fileName: file.name, step: 'Checking', share: null });
      const result = await requestPreview(file.name, data, [], big);
      if (result.ok) setPreview({ fileName: file.name, data, rows: result.value, choices: [] });
      else setProblem(`${file.name} could not be read: ${result.error.message}`);
    } catch (error) {
      setProblem(`${file.name} could not be read: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      setBusy(false);
      setReading(null);
      // Choosing the same file again must fire a change again.
      if (fileInput.current !== null) fileInput.current.value = '';
    }
  };

  /** Another number picked for a row: main checks the row again (a duplicate, say). */
  const pick = async (current: Preview, position: number, number: string) => {
    const choices = [...current.choices.filter((c) => c.position !== position), { position, number }];
    setBusy(true);
    try {
      const result = await requestPreview(current.fileName, current.data, choices, current.data.length >= SHOW_PROGRESS_FROM_BYTES);
      if (result.ok) setPreview({ ...current, rows: result.value, choices });
      else setProblem(`${current.fileName} could not be read: ${result.error.message}`);
    } finally {
      setBusy(false);
    }
  };

  const commit = async (chosen: Preview) => {
    setBusy(true);
    try {
      const result = await api().commitImport({ fileName: chosen.fileName, data: chosen.data, choices: chosen.choices });
      if (!result.ok) {
        setProblem(`Nothing was imported: ${result.error.message}`);
        return;
      }
      setPreview(null);
      const { imported, skipped } = result.value;
      announce(
        `Imported ${imported} ${imported === 1 ? 'contact' : 'contacts'}${skipped > 0 ? `; skipped ${skipped} ${skipped === 1 ? 'row' : 'rows'} with problems` : ''}`,
        'success',
      );
      await refreshContacts();
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="import">
      <label className="file-button">
        Import contacts
        <input
          ref={fileInput}
          className="visually-hidden"
          type="file"
          accept=".csv,.vcf,.vcard,text/csv,text/vcard,text/x-vcard"
          aria-describedby={`${id}hint`}
          disabled={busy}
          onChange={(event) => {
            const file = event.target.files?.[0];
            if (file !== undefined) void choose(file);
          }}
        />
      </label>
      <p id={`${id}hint`} className="hint">
        A CSV file (name, number, note) or a vCard (.vcf) file. You see every row before anything is saved.
      </p>
      {reading !== null && <ReadingProgress reading={reading} />}
      {problem !== null && (
        <p className="problem" role="alert">
          {problem}
        </p>
      )}
      {preview !== null && (
        <ImportPreview
          preview={preview}
          busy={busy}
          onPick={(position, number) => void pick(preview, position, number)}
          onConfirm={() => void commit(preview)}
          onCancel={() => {
            setPreview(null);
            announce('Import cancelled; nothing was saved.');
            fileInput.current?.focus();
          }}
        />
      )}
    </div>
  );
}

function ReadingProgress(props: { reading: Reading }) {
  const { fileName, step, share } = props.reading;
  const label = `${step} ${fileName}`;
  return (
    <div className="import-progress">
      <span>{share === null ? `${label}…` : `${label}: ${String(Math.round(share * 100))}%`}</span>
      {/* Without a value the bar says "working" without claiming how far. */}
      <progress aria-label={label} max={1} {...(share === null ? {} : { value: share })} />
    </div>
  );
}

function ImportPreview(props: { preview: Preview; busy: boolean; onPick: (position: number, number: string) => void; onConfirm: () => void; onCancel: () => void }) {
  const { preview } = props;
  const headingId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  // The preview appears after a file is chosen: take the user (and the screen reader) to it.
  useEffect(() => heading.current?.focus(), []);
  const good = preview.rows.filter((row) => row.problem === null).length;
  const bad = preview.rows.length - good;
  const rows = shownRows(preview.rows);
  return (
    <section className="import-preview" aria-labelledby={headingId}>
      {/* The header (what is in the file, what to do) stays in view; only the rows scroll. */}
      <div className="import-preview-head">
        <h2 id={headingId} ref={heading} tabIndex={-1}>
          Import preview: {preview.fileName}
        </h2>
        <p>
          {good === 0 ? 'No contact in this file can be imported.' : `${String(good)} ${good === 1 ? 'contact' : 'contacts'} can be imported.`}
          {bad > 0 && ` ${String(bad)} ${bad === 1 ? 'row has a problem and' : 'rows have problems and'} will be skipped.`}
        </p>
        <div className="actions">
          <button type="button" onClick={props.onCancel}>
            {good === 0 ? 'Close' : 'Cancel'}
          </button>
          {good > 0 && (
            <button type="button" className="primary" disabled={props.busy} onClick={props.onConfirm}>
              Import {good} {good === 1 ? 'contact' : 'contacts'}
            </button>
          )}
        </div>
      </div>
      {/* Focusable, so the rows can be scrolled from the keyboard even where no row has a control. */}
      <div className="import-rows-scroll" role="region" aria-label="Rows in the file" tabIndex={0}>
        <ul className="import-rows" aria-label="Import rows">
          {rows.map((row) => (
            <ImportRowItem key={row.position} row={row} busy={props.busy} onPick={props.onPick} />
          ))}
        </ul>
      </div>
      {rows.length < preview.rows.length && (
        <p className="hint">
          Showing {rows.length.toLocaleString()} of {preview.rows.length.toLocaleString()} rows, those with a problem first
          {bad > rows.length ? ` (${(bad - rows.length).toLocaleString()} more rows with problems are not listed)` : ''}.
        </p>
      )}
    </section>
  );
}

function ImportRowItem(props: { row: ImportRow; busy: boolean; onPick: (position: number, number: string) => void }) {
  const { row } = props;
  const selectId = useId();
  const textable = row.numbers.filter((n): n is typeof n & { number: string } => n.number !== null);
  const others = row.numbers.filter((n, index) => index !== row.chosen && n.number === null);
  const name = row.name === '' ? '(no name)' : row.name;
  return (
    <li className={row.problem === null ? 'import-row' : 'import-row row-problem'}>
      <div className="import-row-head">
        <span className="import-row-position">{row.place}</span>
        <span className="import-row-name" title={row.name}>
          {name}
        </span>
      </div>
      {textable.length > 1 ? (
        <div className="import-row-number">
          <label htmlFor={selectId} className="visually-hidden">
            Number for {name}
          </label>
          <select
            id={selectId}
            value={row.number ?? ''}
            disabled={props.busy}
            onChange={(event) => props.onPick(row.position, event.target.value)}
          >
            {textable.map((n) => (
              <option key={n.number} value={n.number}>
                {formatPhoneNumber(n.number)}
                {n.label === '' ? '' : ` (${n.label})`}
              </option>
            ))}
          </select>
        </div>
      ) : (
        <div className="import-row-number">{row.number === null ? row.numberAsWritten : formatPhoneNumber(row.number)}</div>
      )}
      {others.length > 0 && row.number !== null && (
        <p className="import-row-note">
          Not importable: {others.map((n) => `${n.asWritten}${n.label === '' ? '' : ` (${n.label})`}`).join(', ')}
        </p>
      )}
      {row.note !== '' && <p className="import-row-note">{row.note}</p>}
      <p className={row.problem === null ? 'import-row-status' : 'import-row-status problem'}>{row.problem ?? 'OK'}</p>
      {row.remark !== null && <p className="import-row-note">{row.remark}</p>}
    </li>
  );
}

export function ExportButtons(props: { disabled: boolean }) {
  const { announce } = useStatus();

  const download = async (format: 'csv' | 'vcard') => {
    const result = await api().exportContacts({ format });
    if (!result.ok) {
      announce(`Export failed: ${result.error.message}`, 'error');
      return;
    }
    const { fileName, mimeType, content } = result.value;
    // A blob: URL opened by <a download> is a download (a navigation), not a fetch, so the
    // page's CSP (connect-src 'self') does not stand in its way.
    const url = URL.createObjectURL(new Blob([content], { type: mimeType }));
    const link = document.createElement('a');
    link.href = url;
    link.download = fileName;
    link.hidden = true;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
    announce(`Exported contacts to ${fileName}`, 'success');
  };

  return (
    <div className="toolbar">
      <button type="button" disabled={props.disabled} onClick={() => void download('csv')}>
        Export CSV
      </button>
      <button type="button" disabled={props.disabled} onClick={() => void download('vcard')}>
        Export vCard
      </button>
    </div>
  );
}
