import { History } from 'lucide-react';
import type { PageView } from '../../api/contacts';
import { useDateFormat, useRelativeTime } from '../../lib/date-format';
import { durationLabel, formatDuration } from './format';
import { PageLink } from './visitor-facts';

/** The most recent pages the visitor opened, newest first, with how long each stayed open. */
export function PageViews({ views }: { views: PageView[] }) {
  const relative = useRelativeTime();
  const formatDate = useDateFormat();
  if (views.length === 0) {
    return (
      <p className="flex items-center gap-2 text-fg-muted text-sm">
        <History aria-hidden className="size-4 shrink-0 text-fg-subtle" />
        No page views recorded yet.
      </p>
    );
  }
  return (
    <ol className="divide-y divide-line text-[0.8125rem]" aria-label="Recent page views">
      {views.map((view) => (
        <li key={view.id} className="flex items-center gap-3 py-1.5">
          <div className="min-w-0 flex-1">
            <PageLink url={view.url} title={view.title} />
            <p className="text-fg-subtle text-xs">
              <time dateTime={view.startedAt} title={formatDate(view.startedAt)}>
                {relative(view.startedAt)}
              </time>
            </p>
          </div>
          <span
            className="shrink-0 font-medium text-fg-muted tabular-nums"
            title={durationLabel(view.durationMs)}
          >
            <span aria-hidden>{formatDuration(view.durationMs)}</span>
            <span className="sr-only">{durationLabel(view.durationMs)}</span>
          </span>
        </li>
      ))}
    </ol>
  );
}
