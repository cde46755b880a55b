/**
 * Import contacts from a CSV or vCard file, with a preview of every row and its problem before
 * anything is saved; export them as CSV or vCard.
 *
 * Parsing happens in main (previewImport / commitImport), so what the preview shows is exactly
 * what the import will do.
 */
import { useEffect, useId, useRef, useState } from 'react';
import type { ImportRow } from '../../../shared/ipc';
import { formatPhoneNumber } from '../../../shared/phone';
import { api } from '../api';
import { useStatus } from '../status';
import { refreshContacts } from './contactsStore';

import { importFormatOf, type ImportFormat } from './importFormat';

/** Past this many rows the preview shows the problems and the first of the rest. */
const PREVIEW_ROWS = 500;

type Preview = { fileName: string; format: ImportFormat; content: string; rows: ImportRow[] };

export function ImportContacts() {
  const id = useId();
  const { announce } = useStatus();
  const [preview, setPreview] = useState<Preview | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);

  const choose = async (file: File) => {
    setProblem(null);
    setPreview(null);
    setBusy(true);
    try {
      const content = await file.text();
      const format = importFormatOf(file.name, content);
      const result = await api().previewImport({ format, content });
      if (result.ok) setPreview({ fileName: file.name, format, content, rows: result.value });
      else setProblem(`${file.name} could not be read: ${result.error.message}`);
    } catch (error) {
      setProblem(`${file.name} could not be read: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      setBusy(false);
      // Choosing the same file again must fire a change again.
      if (fileInput.current !== null) fileInput.current.value = '';
    }
  };

  const commit = async (chosen: Preview) => {
    setBusy(true);
    try {
      const result = await api().commitImport({ format: chosen.format, content: chosen.content });
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

  const good = preview?.rows.filter((row) => row.problem === null).length ?? 0;
  const bad = (preview?.rows.length ?? 0) - good;

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
      {problem !== null && (
        <p className="problem" role="alert">
          {problem}
        </p>
      )}
      {preview !== null && (
        <ImportPreview
          preview={preview}
          good={good}
          bad={bad}
          busy={busy}
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

function ImportPreview(props: { preview: Preview; good: number; bad: number; busy: boolean; onConfirm: () => void; onCancel: () => void }) {
  const { preview, good, bad } = props;
  const captionId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  // The preview appears after a file is chosen: take the user (and the screen reader) to it.
  useEffect(() => heading.current?.focus(), []);
  // Every row with a problem is shown; rows without one only up to the cap.
  const rows =
    preview.rows.length <= PREVIEW_ROWS
      ? preview.rows
      : preview.rows.filter((row, index) => row.problem !== null || index < PREVIEW_ROWS);
  return (
    <section className="import-preview" aria-labelledby={captionId}>
      <h2 id={captionId} ref={heading} tabIndex={-1}>
        Import preview: {preview.fileName}
      </h2>
      <p>
        {good} {good === 1 ? 'contact' : 'contacts'} can be imported.
        {bad > 0 && ` ${bad} ${bad === 1 ? 'row has a problem' : 'rows have problems'} and will be skipped.`}
      </p>
      <div className="import-table-wrap">
        <table className="import-table">
          <thead>
            <tr>
              <th scope="col">Line</th>
              <th scope="col">Name</th>
              <th scope="col">Number</th>
              <th scope="col">Note</th>
              <th scope="col">Problem</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.line} className={row.problem === null ? undefined : 'row-problem'}>
                <td>{row.line}</td>
                <td>{row.name}</td>
                <td>{row.number === null ? row.numberAsWritten : formatPhoneNumber(row.number)}</td>
                <td>{row.note}</td>
                <td>{row.problem ?? 'OK'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {rows.length < preview.rows.length && (
        <p className="hint">
          Showing {rows.length} of {preview.rows.length} rows: every row with a problem and the first {PREVIEW_ROWS}.
        </p>
      )}
      <div className="actions">
        <button type="button" onClick={props.onCancel}>
          Cancel
        </button>
        <button type="button" className="primary" disabled={good === 0 || props.busy} onClick={props.onConfirm}>
          Import {good} {good === 1 ? 'contact' : 'contacts'}
        </button>
      </div>
    </section>
  );
}

export function ExportButtons(props: { disabled: boolean }) {
  const { announce } = useStatus();

  const download = async (format: ImportFormat) => {
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
