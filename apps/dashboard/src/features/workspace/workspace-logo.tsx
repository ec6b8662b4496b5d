/** The workspace's logo when it has one (served by Parley), else its initial on a dark tile. */
export function WorkspaceLogo({
  name,
  logoUrl,
  size = 'sm',
}: {
  name: string;
  logoUrl: string | null;
  size?: 'sm' | 'lg';
}) {
  const box = size === 'lg' ? 'size-14 rounded-card text-xl' : 'size-6 rounded-[0.3125rem] text-[0.6875rem]';
  if (logoUrl) {
    return <img src={logoUrl} alt="" className={`${box} shrink-0 bg-surface object-contain`} />;
  }
  return (
    <span
      aria-hidden
      className={`${box} flex shrink-0 items-center justify-center bg-fg font-semibold text-surface`}
    >
      {name.trim().charAt(0).toUpperCase() || '?'}
    </span>
  );
}
