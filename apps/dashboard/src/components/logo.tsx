export function LogoMark({ className = 'size-6' }: { className?: string }) {
  return (
    <svg viewBox="0 0 32 32" aria-hidden className={className} fill="none">
      <rect width="32" height="32" rx="8" className="fill-accent" />
      <path
        d="M9 10.5A2.5 2.5 0 0 1 11.5 8h9A2.5 2.5 0 0 1 23 10.5v7a2.5 2.5 0 0 1-2.5 2.5H15l-4.2 3.4c-.5.4-1.8.2-1.8-.6V10.5Z"
        fill="#fff"
      />
      <circle cx="13" cy="14" r="1.3" className="fill-accent" />
      <circle cx="16" cy="14" r="1.3" className="fill-accent" />
      <circle cx="19" cy="14" r="1.3" className="fill-accent" />
    </svg>
  );
}

export function Logo() {
  return (
    <span className="inline-flex items-center gap-2 font-semibold text-fg text-base tracking-tight">
      <LogoMark />
      Parley
    </span>
  );
}
