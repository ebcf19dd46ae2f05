/**
 * Controls and docs tables from the Custom Elements Manifest.
 *
 * Storybook's own reading keys every row by its bare name, so names shared
 * across kinds hide each other: `<news-article>`'s `article` property
 * vanishes under its `article` part, the `pullquote` slot under any story
 * arg of that name, and the default slot (which has no name) is dropped.
 * Here each kind has its own keys, every public member is listed once, and
 * custom properties get controls that set them on the element.
 */
import type { ArgTypes } from '@storybook/web-components-vite';

interface Item {
  name: string;
  description?: string;
  type?: { text?: string };
  default?: string;
}
interface Field extends Item {
  kind?: string;
  privacy?: string;
  static?: boolean;
  attribute?: string;
}
interface Declaration {
  tagName?: string;
  members?: Field[];
  attributes?: (Item & { fieldName?: string })[];
  events?: Item[];
  slots?: Item[];
  cssParts?: Item[];
  cssProperties?: Item[];
}
export interface Manifest {
  modules?: { declarations?: Declaration[] }[];
}

const camel = (name: string) => name.replace(/-(\w)/g, (_, letter: string) => letter.toUpperCase());

function controlOf(type: string | undefined) {
  const types = (type ?? '')
    .split('|')
    .map((part) => part.trim())
    .filter((part) => part !== 'undefined');
  if (types.length === 1 && types[0] === 'string') return 'text' as const;
  if (types.length === 1 && types[0] === 'number') return 'number' as const;
  if (types.length === 1 && types[0] === 'boolean') return 'boolean' as const;
  return false as const;
}

const row = (item: Item, category: string) => ({
  name: item.name || '(default)',
  description: item.description,
  table: {
    category,
    type: item.type?.text ? { summary: item.type.text } : undefined,
    defaultValue: item.default !== undefined ? { summary: item.default } : undefined,
  },
});

export function argTypesFor(manifest: Manifest, tagName: string): ArgTypes | undefined {
  const element = manifest.modules
    ?.flatMap((module) => module.declarations ?? [])
    .find((declaration) => declaration.tagName === tagName);
  if (!element) return undefined;
  const argTypes: ArgTypes = {};

  for (const attribute of element.attributes ?? []) {
    argTypes[attribute.name] = { ...row(attribute, 'attributes'), control: controlOf(attribute.type?.text) };
  }
  // Public properties get no control: those that mirror an attribute are set through it, the others take objects.
  for (const member of element.members ?? []) {
    if (
      member.kind !== 'field' ||
      member.static ||
      (member.privacy ?? 'public') !== 'public' ||
      member.name.startsWith('#')
    )
      continue;
    argTypes[`property:${member.name}`] = { ...row(member, 'properties'), control: { disable: true } };
  }
  for (const event of element.events ?? []) {
    // `on…` args receive the event, so the Actions panel logs it.
    const key = `on${camel(`-${event.name}`)}`;
    argTypes[key] = { ...row(event, 'events'), action: event.name, control: { disable: true } };
  }
  for (const slot of element.slots ?? []) {
    argTypes[`slot:${slot.name}`] = { ...row(slot, 'slots'), control: { disable: true } };
  }
  for (const part of element.cssParts ?? []) {
    argTypes[`part:${part.name}`] = { ...row(part, 'css shadow parts'), control: { disable: true } };
  }
  for (const property of element.cssProperties ?? []) {
    argTypes[property.name] = {
      ...row(property, 'css custom properties'),
      control: property.name.includes('-color-') ? 'color' : 'text',
    };
  }
  return argTypes;
}
