import { describe, expect, it } from 'vitest';
import { appDataDir } from '../../../cli/dataDir';
import { Output, useColour } from '../../../cli/output';

function stream(isTTY: boolean) {
  const written: string[] = [];
  return { isTTY, written, write: (text: string) => written.push(text) };
}

describe('colour', () => {
  it('is on for a terminal, off for a pipe, off with any non-empty NO_COLOR, off for TERM=dumb', () => {
    expect(useColour(stream(true), {})).toBe(true);
    expect(useColour(stream(false), {})).toBe(false);
    expect(useColour(stream(true), { NO_COLOR: '1' })).toBe(false);
    expect(useColour(stream(true), { NO_COLOR: '' })).toBe(true);
    expect(useColour(stream(true), { TERM: 'dumb' })).toBe(false);
  });

  it('colours each stream by its own terminal-ness: an error on a terminal, data in a pipe', () => {
    const out = stream(false);
    const err = stream(true);
    const output = new Output(false, out, err, {});
    output.line(output.style('Sent', 'green'));
    output.error('invalid-input', 'To: bad');
    expect(out.written).toEqual(['Sent\n']);
    expect(err.written).toEqual(['\u001b[31mvoicetel-sms:\u001b[39m To: bad\n']);
  });

  it('with --json an error is one JSON document on stdout', () => {
    const out = stream(true);
    const err = stream(true);
    new Output(true, out, err, {}).error('timeout', 'No answer', { to: '(555) 123-4567' });
    expect(JSON.parse(out.written.join(''))).toEqual({ ok: false, error: { kind: 'timeout', message: 'No answer', details: { to: '(555) 123-4567' } } });
    expect(err.written).toEqual([]);
  });
});

describe('appDataDir', () => {
  it('is VOICETEL_TRAY_DATA_DIR when set, else Electron’s user-data folder for "VoiceTel Tray"', () => {
    expect(appDataDir({ VOICETEL_TRAY_DATA_DIR: '/srv/vt' }, 'linux', '/home/ann')).toBe('/srv/vt');
    expect(appDataDir({}, 'linux', '/home/ann')).toBe('/home/ann/.config/VoiceTel Tray');
    expect(appDataDir({ XDG_CONFIG_HOME: '/home/ann/cfg' }, 'linux', '/home/ann')).toBe('/home/ann/cfg/VoiceTel Tray');
    expect(appDataDir({}, 'darwin', '/Users/ann')).toBe('/Users/ann/Library/Application Support/VoiceTel Tray');
    expect(appDataDir({ APPDATA: 'C:/Users/ann/AppData/Roaming' }, 'win32', 'C:/Users/ann')).toBe('C:/Users/ann/AppData/Roaming/VoiceTel Tray');
  });
});
