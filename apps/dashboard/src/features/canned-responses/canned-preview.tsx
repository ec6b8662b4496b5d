import { cannedParts, type TCannedValues } from '@parley/shared/canned-responses';

/**
 * A canned response as the visitor will read it: each variable filled in and tinted, a fallback
 * ("there" for a missing name) in italics, and an unknown variable left as written and marked.
 */
export function CannedPreview({ content, values }: { content: string; values: TCannedValues }) {
  return (
    <>
      {cannedParts(content, values).map((part, index) => {
        const key = `${index}-${part.kind}`;
        if (part.kind === 'text') {
          return <span key={key}>{part.text}</span>;
        }
        if (part.kind === 'unknown') {
          return (
            <mark
              key={key}
              title="Unknown variable"
              className="rounded bg-danger-soft px-0.5 text-danger-text"
            >
              {part.text}
            </mark>
          );
        }
        return (
          <mark
            key={key}
            title={`{{${part.name}}}`}
            data-variable={part.name}
            className={`rounded bg-accent-soft px-0.5 text-accent-text ${part.isFallback ? 'italic' : ''}`}
          >
            {part.text}
          </mark>
        );
      })}
    </>
  );
}
