import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { removeDir } from '../helpers/appHarness';
import { openTestApp, TestClock, type TestApp } from './harness';

const apps: TestApp[] = [];
function open(clock?: TestClock): TestApp {
  const app = openTestApp(clock ? { clock } : {});
  apps.push(app);
  return app;
}
afterEach(() => {
  for (const app of apps.splice(0)) removeDir(app.dataDir);
});

const storedContacts = (app: TestApp): unknown[] =>
  (JSON.parse(readFileSync(join(app.dataDir, 'contacts.json'), 'utf8')) as { contacts: unknown[] }).contacts;

/** What an iPhone's "Export vCard" writes: 3.0, repeated type params, grouped labels, a folded photo. */
function iphoneCard(i: number): string {
  const n = String(i).padStart(4, '0');
  return [
    'BEGIN:VCARD',
    'VERSION:3.0',
    'PRODID:-//Apple Inc.//iPhone OS 17.5//EN',
    `N:Family${n};Given${n};;;`,
    `FN:Given${n} Family${n}`,
    'ORG:Example Co;',
    `item1.EMAIL;type=INTERNET;type=pref:person${n}@example.com`,
    `TEL;type=HOME;type=VOICE:(555) 410-${n}`,
    `item2.TEL:+1 (555) 610-${n}`,
    'item2.X-ABLabel:_$!<Mobile>!$_',
    'NOTE:A note long enough that the phone folds it over more than one line when it',
    '  writes the card out',
    'PHOTO;ENCODING=b;TYPE=JPEG:/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAgGBgcGBQgHBwcJCQgKDBQNDAsLDBkSEw8UHRofHh0a',
    ' HBwgJC4nJCIsIxwcKDcpLDAxNDQ0Hyc5PTgyPC4zNDL/2wBDAQkJCQwLDBgNDRgyIRwhMjIyMjIy',
    'END:VCARD',
  ].join('\r\n');
}

describe('CSV import', () => {
  const csv = [
    'Name,Phone,Notes',
    'Ada Lovelace,(555) 123-4567,math',
    'Too Short,555-1234,',
    ',5552223333,no name here',
    'Grace Hopper,+1 555 987 6543,"navy,',
    'compilers"',
    'Ada Again,555.123.4567,',
    'Letters,555-CALL-NOW,',
    '',
    'Existing,5550001111,',
  ].join('\r\n');

  it('previews every row with its own problem and saves nothing', async () => {
    const app = open();
    await app.ok('saveContact', { name: 'Already Here', number: '555-000-1111' });
    const rows = await app.ok('previewImport', { format: 'csv', content: csv });

    expect(rows.map((r) => [r.line, r.name, r.number, r.problem])).toEqual([
      [2, 'Ada Lovelace', '5551234567', null],
      [3, 'Too Short', null, '"555-1234" is too short: a US number has 10 digits.'],
      [4, '', '5552223333', 'No name: give this contact a name.'],
      [5, 'Grace Hopper', '5559876543', null],
      [7, 'Ada Again', '5551234567', 'Same number as line 2 (Ada Lovelace).'],
      [8, 'Letters', null, '"555-CALL-NOW" has letters in it; enter the number as digits.'],
      [10, 'Existing', '5550001111', 'Already saved as Already Here.'],
    ]);
    expect(rows[3]?.note).toBe('navy,\ncompilers');
    expect(rows[0]?.numberAsWritten).toBe('(555) 123-4567');
    expect((await app.ok('listContacts')).map((c) => c.name)).toEqual(['Already Here']);
    expect(storedContacts(app)).toHaveLength(1);
  });

  it('commits only the rows without a problem', async () => {
    const app = open();
    await app.ok('saveContact', { name: 'Already Here', number: '555-000-1111' });
    expect(await app.ok('commitImport', { format: 'csv', content: csv })).toEqual({ imported: 2, skipped: 5 });
    const saved = await app.ok('listContacts');
    expect(saved.map((c) => [c.name, c.number, c.note])).toEqual([
      ['Ada Lovelace', '5551234567', 'math'],
      ['Already Here', '5550001111', ''],
      ['Grace Hopper', '5559876543', 'navy,\ncompilers'],
    ]);
    expect(storedContacts(app)).toHaveLength(3);
    // Importing the same file again adds nothing: every row is now a duplicate.
    expect(await app.ok('commitImport', { format: 'csv', content: csv })).toEqual({ imported: 0, skipped: 7 });
  });

  it('reads the column names phones and mail programs export, in any case', async () => {
    const app = open();
    const google = [
      '\uFEFFFirst Name,Middle Name,Last Name,Notes,Phone 1 - Label,Phone 1 - Value,Phone 2 - Label,Phone 2 - Value',
      'Jane,Q.,Roe,friend,Work,555-345-6789,Mobile,+1 555-234-5678',
      'Solo,,,,Home,555-456-7890 ::: 555-456-7891,,',
    ].join('\n');
    const rows = await app.ok('previewImport', { format: 'csv', content: google });
    expect(rows.map((r) => [r.name, r.number, r.note, r.problem, r.remark])).toEqual([
      ['Jane Q. Roe', '5552345678', 'friend', null, '2 numbers on this row; importing the mobile number, (555) 234-5678.'],
      ['Solo', '5554567890', '', null, '2 numbers on this row; importing the first number, (555) 456-7890.'],
    ]);

    const outlook = 'FIRST NAME;LAST NAME;BUSINESS PHONE;MOBILE PHONE\nBo;Diddley;;5556667777\n';
    expect((await app.ok('previewImport', { format: 'csv', content: outlook })).map((r) => [r.name, r.number])).toEqual([['Bo Diddley', '5556667777']]);
  });

  it('says which column is missing instead of importing nothing quietly', async () => {
    const app = open();
    const error = await app.fail('previewImport', { format: 'csv', content: 'Name,Email\nAda,ada@example.com\n' });
    expect(error.kind).toBe('invalid-input');
    expect(error.message).toBe('This CSV has no column for phone numbers: name one "Phone", "Number" or "Mobile". Its columns are "Name", "Email".');
    expect((await app.fail('previewImport', { format: 'csv', content: '' })).message).toBe('This CSV file is empty.');
  });
});

describe('vCard import', () => {
  it('reads an iPhone 3.0 export: folded lines, grouped Mobile label, several numbers per card', async () => {
    const app = open();
    const rows = await app.ok('previewImport', { format: 'vcard', content: `${iphoneCard(1)}\r\n${iphoneCard(2)}\r\n` });
    expect(rows).toEqual([
      {
        line: 1,
        name: 'Given0001 Family0001',
        numberAsWritten: '+1 (555) 610-0001',
        number: '5556100001',
        note: 'A note long enough that the phone folds it over more than one line when it writes the card out',
        problem: null,
        remark: '2 numbers on this card; importing the mobile number, (555) 610-0001.',
      },
      expect.objectContaining({ line: 16, name: 'Given0002 Family0002', number: '5556100002', problem: null }),
    ]);
  });

  it('reads Android-style cards with TYPE=CELL and bare parameters', async () => {
    const app = open();
    const android = [
      'BEGIN:VCARD',
      'VERSION:3.0',
      'N:Roe;Jane;;;',
      'FN:Jane Roe',
      'TEL;TYPE=WORK:555-345-6789',
      'TEL;TYPE=CELL:+1 555-234-5678',
      'END:VCARD',
      'BEGIN:VCARD',
      'VERSION:3.0',
      'N:Nobody;;;;',
      'TEL;CELL;PREF:15557778888',
      'END:VCARD',
    ].join('\n');
    const rows = await app.ok('previewImport', { format: 'vcard', content: android });
    expect(rows.map((r) => [r.line, r.name, r.number, r.problem])).toEqual([
      [1, 'Jane Roe', '5552345678', null],
      [8, 'Nobody', '5557778888', null],
    ]);
  });

  it('reads an Android vCard 2.1 export: quoted-printable names, soft line breaks, bare TEL types', async () => {
    const app = open();
    const samsung = [
      'BEGIN:VCARD',
      'VERSION:2.1',
      'N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:M=C3=BCller;J=C3=BCrgen;;;',
      'FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:J=C3=BCrgen M=C3=BCller',
      'NOTE;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Met at the caf=C3=A9; bring=0D=0A=',
      'the book, please',
      'TEL;HOME:555-765-4321',
      'TEL;CELL:555-123-4567',
      'END:VCARD',
      'BEGIN:VCARD',
      'VERSION:2.1',
      'N:Plain;Pat;;;',
      'FN:Pat Plain',
      'TEL;CELL;PREF:+15552223333',
      'END:VCARD',
    ].join('\r\n');
    const rows = await app.ok('previewImport', { format: 'vcard', content: samsung });
    expect(rows.map((r) => [r.line, r.name, r.number, r.note, r.problem])).toEqual([
      [1, 'Jürgen Müller', '5551234567', 'Met at the café; bring\nthe book, please', null],
      [10, 'Pat Plain', '5552223333', '', null],
    ]);
    expect(rows[0]?.remark).toBe('2 numbers on this card; importing the mobile number, (555) 123-4567.');
  });

  it('reads vCard 4.0: tel: URIs, quoted TYPE lists; an extension or a foreign number is a problem', async () => {
    const app = open();
    const v4 = [
      'BEGIN:VCARD',
      'VERSION:4.0',
      'FN:Ann Lee',
      'TEL;VALUE=uri;TYPE="voice,cell";PREF=1:tel:+1-555-999-0000',
      'TEL;VALUE=uri;TYPE=work:tel:+15558887777',
      'NOTE:Line one\\nline two\\, with a comma',
      'END:VCARD',
      'BEGIN:VCARD',
      'VERSION:4.0',
      'FN:Simon Perreault',
      'TEL;VALUE=uri;PREF=1;TYPE="voice,home":tel:+1-555-555-5555;ext=5555',
      'TEL;VALUE=uri;TYPE=home:tel:+33-1-23-45-67-89',
      'END:VCARD',
      'BEGIN:VCARD',
      'VERSION:4.0',
      'FN:No Phone',
      'EMAIL:x@example.com',
      'END:VCARD',
    ].join('\r\n');
    const rows = await app.ok('previewImport', { format: 'vcard', content: v4 });
    expect(rows.map((r) => [r.name, r.number, r.note, r.problem])).toEqual([
      ['Ann Lee', '5559990000', 'Line one\nline two, with a comma', null],
      ['Simon Perreault', null, '', '"+1-555-555-5555 ext. 5555" has an extension; text messages go to the number alone.'],
      ['No Phone', null, '', 'No phone number.'],
    ]);
    expect(rows[0]?.remark).toBe('2 numbers on this card; importing the mobile number, (555) 999-0000.');
  });

  it('makes a broken card one row’s problem and reads the others', async () => {
    const app = open();
    const content = [iphoneCard(1), 'BEGIN:VCARD', 'VERSION:3.0', 'FN;=broken:Bad', 'END:VCARD', iphoneCard(3)].join('\r\n');
    const rows = await app.ok('previewImport', { format: 'vcard', content });
    expect(rows.map((r) => [r.line, r.number, r.problem?.startsWith('This card could not be read') ?? null])).toEqual([
      [1, '5556100001', null],
      [16, null, true],
      [20, '5556100003', null],
    ]);
    expect((await app.fail('previewImport', { format: 'vcard', content: 'Name,Phone\nA,5551234567' })).message).toBe(
      'This file has no vCards in it (no line reads BEGIN:VCARD).',
    );
  });

  it('imports a phone export of a few hundred contacts, and each can be found afterwards', async () => {
    const app = open();
    const content = `${Array.from({ length: 400 }, (_, i) => iphoneCard(i)).join('\r\n')}\r\n`;
    const rows = await app.ok('previewImport', { format: 'vcard', content });
    expect(rows).toHaveLength(400);
    expect(rows.filter((r) => r.problem !== null)).toEqual([]);
    expect(await app.ok('commitImport', { format: 'vcard', content })).toEqual({ imported: 400, skipped: 0 });
    const saved = await app.ok('listContacts');
    expect(saved).toHaveLength(400);
    expect(saved.find((c) => c.name === 'Given0123 Family0123')?.number).toBe('5556100123');
    expect(storedContacts(app)).toHaveLength(400);
  });
});

describe('export', () => {
  const tricky = [
    { name: 'Zoë "Z" Ångström, PhD', number: '5551234567', note: 'line one\nline two; with, punctuation', favorite: true },
    { name: '=HYPERLINK("http://evil")', number: '(555) 222-3333', note: '' },
    { name: 'Plain', number: '555 444 5555', note: 'x'.repeat(200) },
  ];

  it('writes CSV that imports back to the same contacts, formulas neutralized', async () => {
    const source = open(new TestClock(Date.parse('2026-05-06T07:08:09.000Z')));
    for (const c of tricky) await source.ok('saveContact', c);
    const file = await source.ok('exportContacts', { format: 'csv' });
    expect(file.fileName).toBe('contacts-2026-05-06.csv');
    expect(file.mimeType).toBe('text/csv;charset=utf-8');
    expect(file.content.split('\r\n')[0]).toBe('Name,Number,Note,Favorite');
    expect(file.content).toContain(`"'=HYPERLINK(""http://evil"")"`);

    const target = open();
    expect(await target.ok('commitImport', { format: 'csv', content: file.content })).toEqual({ imported: 3, skipped: 0 });
    const pick = (app: TestApp): Promise<unknown[]> => app.ok('listContacts').then((list) => list.map((c) => [c.name, c.number, c.note, c.favorite]));
    expect(await pick(target)).toEqual(await pick(source));
  });

  it('writes vCard 3.0 that imports back to the same names, numbers and notes', async () => {
    const source = open(new TestClock(Date.parse('2026-05-06T07:08:09.000Z')));
    for (const c of tricky) await source.ok('saveContact', c);
    const file = await source.ok('exportContacts', { format: 'vcard' });
    expect(file.fileName).toBe('contacts-2026-05-06.vcf');
    expect(file.mimeType).toBe('text/vcard;charset=utf-8');
    expect(file.content.match(/^BEGIN:VCARD\r\nVERSION:3\.0\r\n/gm)).toHaveLength(3);
    expect(file.content).toContain('TEL;TYPE=cell,voice:+15551234567\r\n');
    // Long lines are folded (ical.js folds at 75 octets of content, plus the continuation space).
    expect(file.content).toContain('\r\n x');
    expect(file.content.split('\r\n').every((line) => Buffer.byteLength(line) <= 76)).toBe(true);

    const target = open();
    expect(await target.ok('commitImport', { format: 'vcard', content: file.content })).toEqual({ imported: 3, skipped: 0 });
    const pick = (app: TestApp): Promise<unknown[]> => app.ok('listContacts').then((list) => list.map((c) => [c.name, c.number, c.note]).sort());
    expect(await pick(target)).toEqual(await pick(source));
  });
});
