// A strict reader of XML property lists (the subset launchd agents use: dict, array, string, integer, true, false):
// plutil is not on Linux, so the agent cco writes is parsed here, and anything outside that subset is an error.

export type PlistValue = string | number | boolean | PlistValue[] | { [key: string]: PlistValue };

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

const decode = (text: string): string =>
  text.replace(/&(\w+);|&/g, (whole, name: string | undefined) => {
    const char = name === undefined ? undefined : ENTITIES[name];
    if (char === undefined) throw new Error(`not an XML entity: ${whole}`);
    return char;
  });

export function parsePlist(xml: string): PlistValue {
  let at = 0;
  const skipSpace = () => {
    while (at < xml.length && /\s/.test(xml[at] ?? '')) at++;
  };
  const expect = (literal: string) => {
    skipSpace();
    if (!xml.startsWith(literal, at)) throw new Error(`expected ${literal} at ${at}: ${xml.slice(at, at + 30)}`);
    at += literal.length;
  };
  const textUntil = (close: string): string => {
    const end = xml.indexOf(close, at);
    if (end === -1) throw new Error(`no ${close}`);
    const raw = xml.slice(at, end);
    if (raw.includes('<')) throw new Error(`markup inside text: ${raw}`);
    at = end + close.length;
    return decode(raw);
  };
  const value = (): PlistValue => {
    skipSpace();
    const tag = /^<(\w+)(\/?)>/.exec(xml.slice(at));
    if (!tag) throw new Error(`expected a value at ${at}: ${xml.slice(at, at + 30)}`);
    at += tag[0].length;
    const [, name, selfClosing] = tag;
    if (selfClosing) {
      if (name === 'true') return true;
      if (name === 'false') return false;
      throw new Error(`unexpected <${name}/>`);
    }
    if (name === 'string') return textUntil('</string>');
    if (name === 'integer') {
      const text = textUntil('</integer>');
      if (!/^-?\d+$/.test(text)) throw new Error(`not an integer: ${text}`);
      return Number(text);
    }
    if (name === 'array') {
      const items: PlistValue[] = [];
      for (skipSpace(); !xml.startsWith('</array>', at); skipSpace()) items.push(value());
      at += '</array>'.length;
      return items;
    }
    if (name === 'dict') {
      const dict: { [key: string]: PlistValue } = {};
      for (skipSpace(); !xml.startsWith('</dict>', at); skipSpace()) {
        expect('<key>');
        const key = textUntil('</key>');
        if (key in dict) throw new Error(`duplicate key ${key}`);
        dict[key] = value();
      }
      at += '</dict>'.length;
      return dict;
    }
    throw new Error(`unexpected <${name}>`);
  };
  expect('<?xml version="1.0" encoding="UTF-8"?>');
  expect('<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">');
  expect('<plist version="1.0">');
  const root = value();
  expect('</plist>');
  skipSpace();
  if (at !== xml.length) throw new Error(`text after </plist>: ${xml.slice(at, at + 30)}`);
  return root;
}
