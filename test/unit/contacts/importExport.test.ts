import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { IMPORT_MAX_BYTES, IMPORT_MAX_CONTACTS } from '../../../shared/ipc';
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

/** A file as the popup sends it: its name and its bytes, base64. */
export const fileOf = (fileName: string, content: string | Buffer): { fileName: string; data: string } => ({
  fileName,
  data: (typeof content === 'string' ? Buffer.from(content, 'utf8') : content).toString('base64'),
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

  // The position is the spreadsheet's row (the header is row 1), whatever line breaks the cells hold.
  it('previews every row with its own problem and saves nothing', async () => {
    const app = open();
    await app.ok('saveContact', { name: 'Already Here', number: '555-000-1111' });
    const rows = await app.ok('previewImport', fileOf('contacts.csv', csv));

    expect(rows.map((r) => [r.position, r.name, r.number, r.problem])).toEqual([
      [2, 'Ada Lovelace', '5551234567', null],
      [3, 'Too Short', null, '"555-1234" is too short: a US number has 10 digits.'],
      [4, '', '5552223333', 'No name: give this contact a name.'],
      [5, 'Grace Hopper', '5559876543', null],
      [6, 'Ada Again', '5551234567', 'Same number as row 2 (Ada Lovelace).'],
      [7, 'Letters', null, '"555-CALL-NOW" has letters in it; enter the number as digits.'],
      [9, 'Existing', '5550001111', 'Already saved as Already Here.'],
    ]);
    expect(rows[3]?.note).toBe('navy,\ncompilers');
    expect(rows[0]?.numberAsWritten).toBe('(555) 123-4567');
    expect((await app.ok('listContacts')).map((c) => c.name)).toEqual(['Already Here']);
    expect(storedContacts(app)).toHaveLength(1);
  });

  it('commits only the rows without a problem', async () => {
    const app = open();
    await app.ok('saveContact', { name: 'Already Here', number: '555-000-1111' });
    expect(await app.ok('commitImport', fileOf('contacts.csv', csv))).toEqual({ imported: 2, skipped: 5 });
    const saved = await app.ok('listContacts');
    expect(saved.map((c) => [c.name, c.number, c.note])).toEqual([
      ['Ada Lovelace', '5551234567', 'math'],
      ['Already Here', '5550001111', ''],
      ['Grace Hopper', '5559876543', 'navy,\ncompilers'],
    ]);
    expect(storedContacts(app)).toHaveLength(3);
    // Importing the same file again adds nothing: every row is now a duplicate.
    expect(await app.ok('commitImport', fileOf('contacts.csv', csv))).toEqual({ imported: 0, skipped: 7 });
  });

  it('reads the column names phones and mail programs export, in any case', async () => {
    const app = open();
    const google = [
      '\uFEFFFirst Name,Middle Name,Last Name,Notes,Phone 1 - Label,Phone 1 - Value,Phone 2 - Label,Phone 2 - Value',
      'Jane,Q.,Roe,friend,Work,555-345-6789,Mobile,+1 555-234-5678',
      'Solo,,,,Home,555-456-7890 ::: 555-456-7891,,',
    ].join('\n');
    const rows = await app.ok('previewImport', fileOf('contacts.csv', google));
    expect(rows.map((r) => [r.name, r.number, r.note, r.problem, r.remark])).toEqual([
      ['Jane Q. Roe', '5552345678', 'friend', null, '2 numbers on this row; importing the mobile number, (555) 234-5678.'],
      ['Solo', '5554567890', '', null, '2 numbers on this row; importing the first number that can receive texts, (555) 456-7890.'],
    ]);

    const outlook = 'FIRST NAME;LAST NAME;BUSINESS PHONE;MOBILE PHONE\nBo;Diddley;;5556667777\n';
    expect((await app.ok('previewImport', fileOf('contacts.csv', outlook))).map((r) => [r.name, r.number])).toEqual([['Bo Diddley', '5556667777']]);
  });

  it('says which column is missing instead of importing nothing quietly', async () => {
    const app = open();
    const error = await app.fail('previewImport', fileOf('contacts.csv', 'Name,Email\nAda,ada@example.com\n'));
    expect(error.kind).toBe('invalid-input');
    expect(error.message).toBe('This CSV has no column for phone numbers: name one "Phone", "Number" or "Mobile". Its columns are "Name", "Email".');
    expect((await app.fail('previewImport', fileOf('contacts.csv', ''))).message).toBe('This CSV file is empty.');
  });
});

describe('vCard import', () => {
  it('reads an iPhone 3.0 export: folded lines, grouped Mobile label, several numbers per card', async () => {
    const app = open();
    const rows = await app.ok('previewImport', fileOf('iPhone.vcf', `${iphoneCard(1)}\r\n${iphoneCard(2)}\r\n`));
    expect(rows).toEqual([
      {
        position: 1,
        place: 'Card 1',
        name: 'Given0001 Family0001',
        numbers: [
          { asWritten: '(555) 410-0001', label: 'home', number: '5554100001', problem: null },
          { asWritten: '+1 (555) 610-0001', label: 'mobile', number: '5556100001', problem: null },
        ],
        chosen: 1,
        numberAsWritten: '+1 (555) 610-0001',
        number: '5556100001',
        note: 'A note long enough that the phone folds it over more than one line when it writes the card out',
        problem: null,
        remark: '2 numbers on this card; importing the mobile number, (555) 610-0001.',
      },
      expect.objectContaining({ position: 2, name: 'Given0002 Family0002', number: '5556100002', problem: null }),
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
    const rows = await app.ok('previewImport', fileOf('contacts.vcf', android));
    expect(rows.map((r) => [r.position, r.name, r.number, r.problem])).toEqual([
      [1, 'Jane Roe', '5552345678', null],
      [2, 'Nobody', '5557778888', null],
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
    const rows = await app.ok('previewImport', fileOf('contacts.vcf', samsung));
    expect(rows.map((r) => [r.position, r.name, r.number, r.note, r.problem])).toEqual([
      [1, 'Jürgen Müller', '5551234567', 'Met at the café; bring\nthe book, please', null],
      [2, 'Pat Plain', '5552223333', '', null],
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
    const rows = await app.ok('previewImport', fileOf('contacts.vcf', v4));
    expect(rows.map((r) => [r.name, r.number, r.note, r.problem])).toEqual([
      ['Ann Lee', '5559990000', 'Line one\nline two, with a comma', null],
      [
        'Simon Perreault',
        null,
        '',
        'None of its 2 numbers can be texted: "+1-555-555-5555 ext. 5555" has an extension; text messages go to the number alone. +33 is not a US or Canadian number; VoiceTel texts +1 numbers only.',
      ],
      ['No Phone', null, '', 'No phone number.'],
    ]);
    expect(rows[0]?.remark).toBe('2 numbers on this card; importing the mobile number, (555) 999-0000.');
  });

  it('skips an unreadable line, not its card, and says so in the row', async () => {
    const app = open();
    const content = [iphoneCard(1), 'BEGIN:VCARD', 'VERSION:3.0', 'FN;=broken:Bad', 'N:Bad;Bea;;;', 'TEL;TYPE=CELL:555-700-0001', 'END:VCARD', iphoneCard(3)].join('\r\n');
    const rows = await app.ok('previewImport', fileOf('contacts.vcf', content));
    expect(rows.map((r) => [r.position, r.name, r.number, r.problem, r.remark])).toEqual([
      [1, 'Given0001 Family0001', '5556100001', null, '2 numbers on this card; importing the mobile number, (555) 610-0001.'],
      [2, 'Bea Bad', '5557000001', null, 'Skipped a line that could not be read: FN.'],
      [3, 'Given0003 Family0003', '5556100003', null, '2 numbers on this card; importing the mobile number, (555) 610-0003.'],
    ]);
    expect((await app.fail('previewImport', fileOf('contacts.vcf', 'Name,Phone\nA,5551234567'))).message).toBe(
      'This file has no vCards in it (no line reads BEGIN:VCARD).',
    );
  });

  it('imports a phone export of a few hundred contacts, and each can be found afterwards', async () => {
    const app = open();
    const content = `${Array.from({ length: 400 }, (_, i) => iphoneCard(i)).join('\r\n')}\r\n`;
    const rows = await app.ok('previewImport', fileOf('contacts.vcf', content));
    expect(rows).toHaveLength(400);
    expect(rows.filter((r) => r.problem !== null)).toEqual([]);
    expect(await app.ok('commitImport', fileOf('contacts.vcf', content))).toEqual({ imported: 400, skipped: 0 });
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
    expect(file.content.split('\r\n')[0]).toBe('Name,Given Name,Family Name,Number,Note,Favourite');
    expect(file.content).toContain(`"'=HYPERLINK(""http://evil"")"`);

    const target = open();
    expect(await target.ok('commitImport', fileOf('contacts.csv', file.content))).toEqual({ imported: 3, skipped: 0 });
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
    expect(await target.ok('commitImport', fileOf('contacts.vcf', file.content))).toEqual({ imported: 3, skipped: 0 });
    const pick = (app: TestApp): Promise<unknown[]> => app.ok('listContacts').then((list) => list.map((c) => [c.name, c.number, c.note]).sort());
    expect(await pick(target)).toEqual(await pick(source));
  });
});

// ---------------------------------------------------------------------------------------------
// Files as real programs write them (test/fixtures/contacts, origins in its README)

const fixture = (name: string): { fileName: string; data: string } =>
  fileOf(name, readFileSync(join(import.meta.dirname, '../../fixtures/contacts', name)));

type Seen = [position: number, name: string, number: string | null, problem: string | null];
const seen = (rows: { position: number; name: string; number: string | null; problem: string | null }[]): Seen[] =>
  rows.map((r) => [r.position, r.name, r.number, r.problem]);

describe('real-format contact files', () => {
  it('an older iPhone export with CR CR LF line ends: folded photos and notes unfold, nothing is a slice of base64', async () => {
    const app = open();
    const rows = await app.ok('previewImport', fixture('iphone-ios12-crcrlf.vcf'));
    expect(seen(rows)).toEqual([
      [1, 'Carla Álvarez', '5552010001', null],
      [2, 'Chidi Okafor', '5552010002', null],
      [3, 'Sven Lindqvist', '5552010003', null],
    ]);
    expect(rows[0]?.note).toBe('Met at the spring conference in Denver; prefers texts after 6 pm and on weekends, never calls.');
    expect(rows[2]?.note).toBe('Neighbour. The long note is folded by the phone at seventy-five octets exactly like this one.');
    expect(rows.every((r) => r.remark === null || !/[A-Za-z0-9+/]{20}/.test(r.remark))).toBe(true);
    expect(await app.ok('commitImport', fixture('iphone-ios12-crcrlf.vcf'))).toEqual({ imported: 3, skipped: 0 });
    const carla = (await app.ok('listContacts')).find((c) => c.number === '5552010001');
    // "Carla Álvarez" is the structured name split at its space: nothing extra to keep.
    expect([carla?.name, carla?.givenName, carla?.familyName]).toEqual(['Carla Álvarez', undefined, undefined]);
  });

  it('UTF-16 without a byte-order mark, little- and big-endian, as older macOS Address Book wrote it', async () => {
    const app = open();
    for (const name of ['macos-addressbook-utf16le-nobom.vcf', 'macos-addressbook-utf16be-nobom.vcf']) {
      const rows = await app.ok('previewImport', fixture(name));
      expect(seen(rows), name).toEqual([
        [1, 'Jürgen Müller', '5552020001', null],
        [2, 'Thảo Nguyễn', '5552020002', null],
      ]);
    }
  });

  it('iCloud: item1.TEL labelled by item1.X-ABLabel; fax and pager numbers are never chosen', async () => {
    const app = open();
    const rows = await app.ok('previewImport', fixture('icloud-grouped-labels.vcf'));
    expect(seen(rows)).toEqual([
      [1, 'Grace Hopper', '5552030001', null],
      [2, 'Alan Turing', '5552030002', null],
      [3, 'Only Fax', null, 'A fax number cannot receive text messages.'],
    ]);
    expect(rows[0]?.numbers).toEqual([
      { asWritten: '(555) 203-9000', label: 'home fax', number: null, problem: 'A fax number cannot receive text messages.' },
      { asWritten: '(555) 203-0001', label: 'mobile', number: '5552030001', problem: null },
      { asWritten: '(555) 203-8000', label: 'pager', number: null, problem: 'A pager number cannot receive these text messages.' },
      { asWritten: '(555) 203-7000', label: 'boat', number: '5552037000', problem: null },
    ]);
    expect(rows[0]?.remark).toBe('4 numbers on this card; importing the mobile number, (555) 203-0001.');
    // No mobile: the first number that is neither fax nor pager.
    expect(rows[1]?.remark).toBe('2 numbers on this card; importing the first number that can receive texts, (555) 203-0002.');
  });

  it('Google Contacts CSV, current header: labels, " ::: " lists, fax and pager skipped, starred is a favourite', async () => {
    const app = open();
    const rows = await app.ok('previewImport', fixture('google-contacts-current.csv'));
    expect(seen(rows)).toEqual([
      [2, 'Ada Lovelace', '5552040001', null],
      [3, 'José Núñez', '5552040002', null],
      [4, 'Pizza Palace', '5552040003', null],
    ]);
    expect(rows[1]?.numbers.map((n) => [n.label, n.number])).toEqual([
      ['work fax', null],
      ['pager', null],
      ['home', '5552040002'],
    ]);
    expect(rows[2]?.numbers.map((n) => n.number)).toEqual(['5552040003', '5552040004']);
    await app.ok('commitImport', fixture('google-contacts-current.csv'));
    const saved = await app.ok('listContacts');
    expect(saved.map((c) => [c.name, c.favorite, c.note])).toEqual([
      ['Ada Lovelace', true, 'Analyst, engine'],
      ['José Núñez', false, ''],
      ['Pizza Palace', false, ''],
    ]);
  });

  it('Google Contacts CSV, older header (UTF-16 with a BOM): "Phone 1 - Type" says Fax or Pager', async () => {
    const app = open();
    const rows = await app.ok('previewImport', fixture('google-contacts-older.csv'));
    expect(seen(rows)).toEqual([
      [2, 'Bob Nguyen', '5552050001', null],
      [3, 'Dana Scully', '5552050002', null],
      [4, 'Fox Mulder', null, 'A fax number cannot receive text messages.'],
    ]);
    await app.ok('commitImport', fixture('google-contacts-older.csv'));
    const saved = await app.ok('listContacts');
    expect(saved.map((c) => [c.name, c.favorite, c.note, c.givenName, c.familyName])).toEqual([
      ['Bob Nguyen', true, 'Tennis on Tuesdays', undefined, undefined],
      // Given and family are the name split at its space: nothing more to keep.
      ['Dana Scully', false, '', undefined, undefined],
    ]);
  });

  it('Outlook CSV in Windows-1252: Mobile Phone first, Business Fax and Pager never', async () => {
    const app = open();
    const rows = await app.ok('previewImport', fixture('outlook-classic.csv'));
    expect(seen(rows)).toEqual([
      [2, 'Renée Côté', '5552060001', null],
      [3, 'Marcus Webb', '5552061002', null],
      [4, 'Fax Machine', null, 'A fax number cannot receive text messages.'],
    ]);
    expect(rows[0]?.note).toBe('Prefers "Renée", with the accent');
    expect(rows[1]?.numbers.map((n) => [n.label, n.number])).toEqual([
      ['business phone', '5552061002'],
      ['home phone', '5552060002'],
      ['pager', null],
    ]);
  });

  it('N without FN, and a card with only ORG, are named as a person would read them', async () => {
    const app = open();
    expect(seen(await app.ok('previewImport', fixture('n-without-fn.vcf')))).toEqual([
      [1, 'Dr. Jan Maria Kowalski', '5552070001', null],
      [2, 'Yuki Tanaka', '5552070002', null],
    ]);
    expect(seen(await app.ok('previewImport', fixture('org-only.vcf')))).toEqual([
      [1, "Joe's Plumbing Emergencies", '5552080001', null],
      [2, 'Corner Bakery', '5552080002', null],
    ]);
    await app.ok('commitImport', fixture('n-without-fn.vcf'));
    expect((await app.ok('listContacts')).map((c) => [c.name, c.givenName, c.familyName])).toEqual([
      ['Dr. Jan Maria Kowalski', 'Jan', 'Kowalski'],
      ['Yuki Tanaka', undefined, undefined],
    ]);
  });

  it('Android vCard 2.1: quoted-printable with soft line breaks, and CHARSET= on plain and encoded values', async () => {
    const app = open();
    const android = await app.ok('previewImport', fixture('android-v21-quoted-printable.vcf'));
    expect(seen(android)).toEqual([
      [1, 'Jürgen Weiß', '5552090001', null],
      [2, 'João Ferreira', '5552090002', null],
    ]);
    expect(android[0]?.note).toBe('Wohnt in der Kastanienallee, Hinterhaus; klingeln bei Weiß');
    expect(seen(await app.ok('previewImport', fixture('charset-parameters.vcf')))).toEqual([
      [1, 'Ørjan Søndergaard', '5552100001', null],
      [2, 'Renée Dubois', '5552100002', null],
      [3, 'Lucía Ibáñez', '5552100003', null],
    ]);
  });

  it('several numbers in one card (Evolution, Thunderbird): the mobile first, every other one listed', async () => {
    const app = open();
    const rows = await app.ok('previewImport', fixture('several-numbers.vcf'));
    expect(seen(rows)).toEqual([
      [1, 'Ivan Petrov', '5552110001', null],
      [2, 'Hana Ito', '5552112002', null],
      [3, 'Only Pager', null, 'A pager number cannot receive these text messages.'],
    ]);
    expect(rows[0]?.numbers.map((n) => [n.label, n.number])).toEqual([
      ['work fax', null],
      ['pager', null],
      ['home', '5552111001'],
      ['cell', '5552110001'],
      ['work', '5552112001'],
    ]);
    expect(rows[0]?.chosen).toBe(3);
  });

  it('a card with an unreadable line keeps the rest of the card and names the line', async () => {
    const app = open();
    const rows = await app.ok('previewImport', fixture('unreadable-line.vcf'));
    expect(rows.map((r) => [r.position, r.name, r.number, r.problem, r.remark, r.note])).toEqual([
      [1, 'Mario Rossi', '5552120001', null, 'Skipped a line that could not be read: "FN".', 'Kept despite the bad line above'],
      [2, 'Luigi Verdi', '5552120002', null, 'Skipped a line that could not be read: EMAIL.', ''],
    ]);
  });
});

describe('truncated and joined files', () => {
  it('reads a card that never ends (a cut-off file, two files pasted together) and says so', async () => {
    const app = open();
    const content = ['BEGIN:VCARD', 'VERSION:3.0', 'FN:Cut Short', 'TEL;TYPE=CELL:555-600-0001', 'BEGIN:VCARD', 'VERSION:3.0', 'FN:Last One', 'TEL:555-600-0002'].join('\n');
    const rows = await app.ok('previewImport', fileOf('joined.vcf', content));
    expect(rows.map((r) => [r.place, r.name, r.number, r.problem, r.remark])).toEqual([
      ['Card 1', 'Cut Short', '5556000001', null, 'The card has no END:VCARD line; read up to where the next card or the file begins.'],
      ['Card 2', 'Last One', '5556000002', null, 'The card has no END:VCARD line; read up to where the next card or the file begins.'],
    ]);
  });
});

describe('limits', () => {
  it('holds a given or family name to the limit of a whole name', async () => {
    const app = open();
    const content = ['BEGIN:VCARD', 'VERSION:3.0', `N:${'F'.repeat(201)};Ann;;;`, 'FN:Ann F', 'TEL;TYPE=CELL:555-610-0001', 'END:VCARD'].join('\r\n');
    const rows = await app.ok('previewImport', fileOf('long.vcf', content));
    expect(rows.map((r) => r.problem)).toEqual(['The given or family name is longer than 200 characters.']);
    expect(await app.ok('commitImport', fileOf('long.vcf', content))).toEqual({ imported: 0, skipped: 1 });
  });
});

describe('picking another number for a row', () => {
  it('imports the number the user picked instead of the mobile one', async () => {
    const app = open();
    const rows = await app.ok('previewImport', fixture('several-numbers.vcf'));
    expect(rows[0]?.number).toBe('5552110001');
    const result = await app.ok('commitImport', { ...fixture('several-numbers.vcf'), choices: [{ position: 1, number: '5552112001' }] });
    expect(result).toEqual({ imported: 2, skipped: 1 });
    expect((await app.ok('listContacts')).map((c) => [c.name, c.number])).toEqual([
      ['Hana Ito', '5552112002'],
      ['Ivan Petrov', '5552112001'],
    ]);
  });

  it('refuses a pick that is not one of the row’s numbers, and a fax, keeping the other rows', async () => {
    const app = open();
    const choices = [
      { position: 1, number: '5552119001' },
      { position: 2, number: '5559999999' },
    ];
    expect(await app.ok('commitImport', { ...fixture('several-numbers.vcf'), choices })).toEqual({ imported: 0, skipped: 3 });
    expect(await app.ok('listContacts')).toEqual([]);
  });
});

describe('limits and the worker', () => {
  it('refuses a file larger than any address book with a plain message, reading nothing', async () => {
    const app = open();
    const huge = Buffer.alloc(IMPORT_MAX_BYTES + 1, 0x41);
    const error = await app.fail('previewImport', fileOf('everything.csv', huge));
    expect(error).toEqual({
      kind: 'invalid-input',
      message: 'This file is 64 MB; a contact file is at most 64 MB, more than any real address book. Is it the right file?',
    });
  });

  it('refuses more contacts than iCloud holds, saying how many it takes', async () => {
    const app = open();
    const rows = Array.from({ length: IMPORT_MAX_CONTACTS + 1 }, (_, i) => `P${String(i)},5551234567`);
    const error = await app.fail('previewImport', fileOf('many.csv', ['name,number', ...rows].join('\n')));
    expect(error.message).toBe('This file has more than 50,000 contacts, more than any address book holds; import it in parts.');
  });

  it('answers other calls while a big file is read, and reports its progress meanwhile', async () => {
    const app = open();
    await app.ok('saveContact', { name: 'Already Here', number: '555-000-1111' });
    const content = `${Array.from({ length: 20_000 }, (_, i) => iphoneCard(i % 10_000)).join('\r\n')}\r\n`;
    const order: string[] = [];
    const progress: (number | null)[] = [];
    const preview = app.ok('previewImport', { ...fileOf('big.vcf', content), progressId: 'big-1' }).then((rows) => {
      order.push('preview');
      return rows;
    });
    // While the worker reads, the main thread's loop is free: these answer before the preview.
    for (let i = 0; i < 5; i += 1) {
      const list = await app.ok('listContacts');
      order.push(`list:${String(list.length)}`);
      const p = await app.ok('importProgress', { progressId: 'big-1' });
      progress.push(p === null ? null : p.done / p.total);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const rows = await preview;
    expect(order.slice(0, 5)).toEqual(['list:1', 'list:1', 'list:1', 'list:1', 'list:1']);
    expect(order.at(-1)).toBe('preview');
    expect(progress[0]).not.toBeNull();
    expect(rows).toHaveLength(20_000);
    expect(rows.filter((r) => r.problem?.startsWith('Same number as card') === true)).toHaveLength(10_000);
    expect(await app.ok('importProgress', { progressId: 'big-1' })).toBeNull();
  });

  it('says so when the data is not the file it claims to be', async () => {
    const app = open();
    const error = await app.fail('previewImport', { fileName: 'x.vcf', data: 'not base64!' });
    expect(error.message).toBe('The file did not arrive whole (its data is not base64).');
  });
});

describe('export keeps what import read', () => {
  /** A few hundred people with the characters that break exporters: accents, emoji, commas, quotes, new lines. */
  function generatedCards(count: number): string {
    const given = ['Zoë', 'José', 'Ana María', 'Chloé', 'Łukasz', 'Nguyễn', 'O"Neil', 'Dr. A, B', 'Ren\\ée', '🎉 Party'];
    const family = ['Ångström', 'Núñez; Jr', 'de la Cruz', 'Smith, PhD', 'Ōtsuka', '"Quoted"', '=SUM(A1)', 'Δελτα', 'Ng', '🦊'];
    const cards: string[] = [];
    for (let i = 0; i < count; i += 1) {
      const g = given[i % given.length] ?? '';
      const f = family[Math.floor(i / given.length) % family.length] ?? '';
      const escape = (text: string): string => text.replace(/\\/g, '\\\\').replace(/,/g, '\\,').replace(/;/g, '\\;').replace(/\n/g, '\\n');
      // Every third card's FN is not its N joined (a nickname, an ordering), so given/family must be kept.
      const fn = i % 3 === 0 ? `${f} ${g} #${String(i)}` : `${g} ${f} ${String(i)}`;
      const lines = ['BEGIN:VCARD', 'VERSION:3.0', `N:${escape(f)};${escape(g)};;;`, `FN:${escape(fn)}`, `TEL;TYPE=CELL:(555) 3${String(i).padStart(2, '0').slice(-2)}-${String(1000 + i)}`];
      if (i % 4 === 0) lines.push(`NOTE:${escape(`Line one, with "quotes"\nline two; ${g}\n\nafter a blank line 🎈`)}`);
      if (i % 5 === 0) lines.push('CATEGORIES:myContacts,starred');
      lines.push('END:VCARD');
      cards.push(lines.join('\r\n'));
    }
    return `${cards.join('\r\n')}\r\n`;
  }

  const everything = (app: TestApp): Promise<unknown[]> =>
    app.ok('listContacts').then((list) => list.map((c) => [c.name, c.number, c.note, c.favorite, c.givenName, c.familyName]));

  for (const format of ['csv', 'vcard'] as const) {
    it(`${format}: a few hundred contacts export and re-import to the same contacts, and export again to the same file`, async () => {
      const source = open();
      const imported = await source.ok('commitImport', fileOf('people.vcf', generatedCards(300)));
      expect(imported).toEqual({ imported: 300, skipped: 0 });
      const kept = (await source.ok('listContacts')).filter((c) => c.givenName !== undefined);
      expect(kept.length).toBeGreaterThanOrEqual(100);

      const first = await source.ok('exportContacts', { format });
      const target = open();
      expect(await target.ok('commitImport', fileOf(first.fileName, first.content))).toEqual({ imported: 300, skipped: 0 });
      expect(await everything(target)).toEqual(await everything(source));
      const second = await target.ok('exportContacts', { format });
      expect(second.content).toBe(first.content);
    });
  }

  it('writes FN and a structured N: the imported one, else the name split at its last space', async () => {
    const app = open();
    await app.ok('commitImport', fileOf('a.vcf', ['BEGIN:VCARD', 'VERSION:3.0', 'N:Álvarez Ruiz;Carla;;;', 'FN:Carla Álvarez Ruiz', 'TEL;TYPE=CELL:555-401-0001', 'END:VCARD'].join('\r\n')));
    await app.ok('saveContact', { name: 'Bob Nguyen', number: '555-401-0002' });
    await app.ok('saveContact', { name: 'Cher', number: '555-401-0003' });
    const vcard = (await app.ok('exportContacts', { format: 'vcard' })).content;
    expect(vcard).toContain('FN:Carla Álvarez Ruiz\r\nN:Álvarez Ruiz;Carla;;;\r\n');
    expect(vcard).toContain('FN:Bob Nguyen\r\nN:Nguyen;Bob;;;\r\n');
    expect(vcard).toContain('FN:Cher\r\nN:;Cher;;;\r\n');
    const csv = (await app.ok('exportContacts', { format: 'csv' })).content;
    expect(csv).toContain('Carla Álvarez Ruiz,Carla,Álvarez Ruiz,(555) 401-0001,,\r\n');

    // Renaming the contact drops the structured name, which described the old one.
    const carla = (await app.ok('listContacts')).find((c) => c.number === '5554010001');
    await app.ok('saveContact', { id: carla?.id ?? 'missing', name: 'Carla Smith', number: '555-401-0001' });
    expect((await app.ok('exportContacts', { format: 'vcard' })).content).toContain('FN:Carla Smith\r\nN:Smith;Carla;;;\r\n');
  });

  it('escapes a bare CR, which would otherwise end the line in every reader, and the file re-imports', async () => {
    const app = open();
    await app.ok('saveContact', { name: 'Carriage Return', number: '555-402-0001', note: 'first\rsecond\r\nthird' });
    const file = await app.ok('exportContacts', { format: 'vcard' });
    expect(file.content).toContain('NOTE:first\\nsecond\\nthird\r\n');
    expect(file.content.replace(/\r\n/g, '')).not.toContain('\r');
    const target = open();
    await target.ok('commitImport', fileOf(file.fileName, file.content));
    expect((await target.ok('listContacts')).map((c) => c.note)).toEqual(['first\nsecond\nthird']);
  });
});
