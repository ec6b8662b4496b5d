import { CircleAlert, CircleCheck, Info, TriangleAlert } from 'lucide-react';
import type { ReactNode } from 'react';

type Tone = 'error' | 'success' | 'info' | 'warning';

const TONES: Record<Tone, { className: string; icon: typeof Info }> = {
  error: { className: 'bg-danger-soft text-danger-text', icon: CircleAlert },
  success: { className: 'bg-success-soft text-success-text', icon: CircleCheck },
  info: { className: 'bg-info-soft text-info-text', icon: Info },
  warning: { className: 'bg-warning-soft text-warning-text', icon: TriangleAlert },
};

type AlertProps = { tone?: Tone; title?: string; children?: ReactNode; className?: string };

/** An inline message beside what it is about. Errors are announced immediately, the rest politely. */
export function Alert({ tone = 'error', title, children, className = '' }: AlertProps) {
  const { className: toneClass, icon: Icon } = TONES[tone];
  return (
    <div
      role={tone === 'error' ? 'alert' : 'status'}
      className={`flex items-start gap-2.5 rounded-control px-3 py-2.5 text-sm ${toneClass} ${className}`}
    >
      <Icon aria-hidden className="mt-0.5 size-4 shrink-0" />
      <div className="min-w-0 space-y-0.5">
        {title ? <p className="font-medium">{title}</p> : null}
        {children ? <div className={title ? 'opacity-90' : ''}>{children}</div> : null}
      </div>
    </div>
  );
}
