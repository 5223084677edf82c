// Building DOM nodes from data as text only (never HTML), so nothing in a log line can become markup.

type Attrs = Readonly<Record<string, string | number | undefined>>;
type Child = Node | string | number | null | undefined | false;

const setAttrs = (el: Element, attrs: Attrs): void => {
  for (const [name, value] of Object.entries(attrs)) if (value !== undefined) el.setAttribute(name, String(value));
};

const nodes = (children: readonly Child[]): (Node | string)[] =>
  children.flatMap((c) =>
    c === null || c === undefined || c === false ? [] : [typeof c === 'number' ? String(c) : c],
  );

/** An HTML element with attributes and children (strings become text nodes). */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  setAttrs(el, attrs);
  el.append(...nodes(children));
  return el;
}

/** An SVG element with attributes and children. */
export function s<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: Child[]
): SVGElementTagNameMap[K] {
  const el = document.createElementNS('http://www.w3.org/2000/svg', tag);
  setAttrs(el, attrs);
  el.append(...nodes(children));
  return el;
}

/** The page's element with `data-testid="<id>"`; the HTML and the script ship together, so a missing one is a bug. */
export function byTestId<T extends Element = HTMLElement>(root: ParentNode, id: string): T {
  const el = root.querySelector<T & Element>(`[data-testid="${id}"]`);
  if (!el) throw new Error(`the page has no [data-testid="${id}"]`);
  return el;
}

/** Sets an element's text and its exact value (`data-value`), which tests compare with the API. */
export function showValue(el: Element, text: string, value: number): void {
  el.textContent = text;
  el.setAttribute('data-value', String(value));
}
