// Variables in canned responses: `{{contact.name}}` and friends, filled in when an agent inserts the
// response. The server refuses unknown names on save and the dashboard previews and fills them with
// this same code. This file imports nothing, so every package can take it as it is.

/** Every variable a canned response may use, with what it stands for and what it becomes when missing. */
export const CANNED_VARIABLES = {
  'contact.name': { label: "The contact's name", fallback: 'there' },
  'contact.first_name': { label: "The first word of the contact's name", fallback: 'there' },
  'contact.email': { label: "The contact's email address", fallback: '' },
  'agent.name': { label: 'Your name', fallback: '' },
  'agent.first_name': { label: 'The first word of your name', fallback: '' },
  'workspace.name': { label: 'The name of the workspace', fallback: '' },
} as const;

export type TCannedVariable = keyof typeof CANNED_VARIABLES;

/** What the variables stand for in one conversation; a missing or blank value takes the fallback. */
export type TCannedValues = {
  contact?: { name?: string | null; email?: string | null } | null;
  agent?: { name?: string | null } | null;
  workspace?: { name?: string | null } | null;
};

/** `{{ name }}`: letters, digits, `.` and `_`, spaces allowed inside the braces. */
const VARIABLE = /\{\{\s*([^{}]*?)\s*\}\}/g;

export function isCannedVariable(name: string): name is TCannedVariable {
  return Object.hasOwn(CANNED_VARIABLES, name);
}

/** The variable names a response uses that Parley doesn't know, each once, in order of appearance. */
export function unknownCannedVariables(content: string): string[] {
  const unknown = new Set<string>();
  for (const match of content.matchAll(VARIABLE)) {
    const name = match[1] ?? '';
    if (!isCannedVariable(name)) {
      unknown.add(name);
    }
  }
  return [...unknown];
}

/** How to write each variable, for hints and messages: "{{contact.name}}, {{contact.email}}, …". */
export const CANNED_VARIABLE_LIST = Object.keys(CANNED_VARIABLES)
  .map((name) => `{{${name}}}`)
  .join(', ');

/** What is wrong with a response's unknown variables, in one sentence (the server and the editor say the same). */
export function unknownVariablesMessage(unknown: readonly string[]): string {
  const names = unknown.map((name) => `{{${name}}}`).join(', ');
  return `Unknown ${unknown.length === 1 ? 'variable' : 'variables'} ${names}: use ${CANNED_VARIABLE_LIST}`;
}

const firstWord = (text: string) => text.split(/\s+/)[0] ?? '';

function variableValue(name: TCannedVariable, values: TCannedValues): string {
  const contactName = values.contact?.name?.trim() ?? '';
  const agentName = values.agent?.name?.trim() ?? '';
  const value = {
    'contact.name': contactName,
    'contact.first_name': firstWord(contactName),
    'contact.email': values.contact?.email?.trim() ?? '',
    'agent.name': agentName,
    'agent.first_name': firstWord(agentName),
    'workspace.name': values.workspace?.name?.trim() ?? '',
  }[name];
  return value || CANNED_VARIABLES[name].fallback;
}

/** A response cut into its text and its variables, for a preview that marks each variable. */
export type TCannedPart =
  | { kind: 'text'; text: string }
  | { kind: 'variable'; name: TCannedVariable; text: string; isFallback: boolean }
  | { kind: 'unknown'; name: string; text: string };

export function cannedParts(content: string, values: TCannedValues): TCannedPart[] {
  const parts: TCannedPart[] = [];
  let last = 0;
  for (const match of content.matchAll(VARIABLE)) {
    const start = match.index ?? 0;
    if (start > last) {
      parts.push({ kind: 'text', text: content.slice(last, start) });
    }
    const name = match[1] ?? '';
    if (isCannedVariable(name)) {
      const text = variableValue(name, values);
      parts.push({ kind: 'variable', name, text, isFallback: text === CANNED_VARIABLES[name].fallback });
    } else {
      parts.push({ kind: 'unknown', name, text: match[0] });
    }
    last = start + match[0].length;
  }
  if (last < content.length) {
    parts.push({ kind: 'text', text: content.slice(last) });
  }
  return parts;
}

/** The response as the visitor will read it: known variables filled in, unknown ones left as written. */
export function fillCannedResponse(content: string, values: TCannedValues): string {
  return cannedParts(content, values)
    .map((part) => part.text)
    .join('');
}
