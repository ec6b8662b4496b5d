import { describe, expect, it } from 'vitest';
import { cannedParts, fillCannedResponse, unknownCannedVariables } from './canned-responses.ts';

const values = {
  contact: { name: 'Nina  North', email: 'nina@example.com' },
  agent: { name: 'Olivia Owner' },
  workspace: { name: 'Acme' },
};

describe('canned response variables', () => {
  it('fills in the contact, the agent and the workspace', () => {
    expect(
      fillCannedResponse(
        'Hi {{contact.first_name}} ({{ contact.name }}, {{contact.email}}), {{agent.name}} of {{workspace.name}} here. — {{agent.first_name}}',
        values,
      ),
    ).toBe('Hi Nina (Nina  North, nina@example.com), Olivia Owner of Acme here. — Olivia');
  });

  it('falls back to "there" for a missing name and to nothing for a missing email', () => {
    const anonymous = { ...values, contact: { name: '  ', email: null } };
    expect(fillCannedResponse('Hi {{contact.name}}! We wrote to {{contact.email}}.', anonymous)).toBe(
      'Hi there! We wrote to .',
    );
    expect(fillCannedResponse('Hi {{contact.first_name}}', {})).toBe('Hi there');
  });

  it('lists unknown variables once each and leaves them as written', () => {
    const content = 'Hi {{contact.phone}} {{ order.id }} {{contact.phone}} {{contact.name}} {{}}';
    expect(unknownCannedVariables(content)).toEqual(['contact.phone', 'order.id', '']);
    expect(fillCannedResponse(content, values)).toBe(
      'Hi {{contact.phone}} {{ order.id }} {{contact.phone}} Nina  North {{}}',
    );
    expect(unknownCannedVariables('No variables, just {braces} and {{ unclosed')).toEqual([]);
  });

  it('cuts a response into text, filled variables and unknown ones for a preview', () => {
    expect(cannedParts('Hi {{contact.name}}, {{x}}!', { contact: { name: null } })).toEqual([
      { kind: 'text', text: 'Hi ' },
      { kind: 'variable', name: 'contact.name', text: 'there', isFallback: true },
      { kind: 'text', text: ', ' },
      { kind: 'unknown', name: 'x', text: '{{x}}' },
      { kind: 'text', text: '!' },
    ]);
  });
});
