import { initials } from '@parley/shared/text';
import { useState } from 'react';

type AvatarProps = { name: string; url?: string | null; size?: 'xs' | 'sm' | 'md' | 'lg' };

const SIZES = {
  xs: 'size-4 text-[0.5rem]',
  sm: 'size-6 text-[0.625rem]',
  md: 'size-7 text-xs',
  lg: 'size-12 text-base',
};

/** Decorative: the name is always printed next to it, so the image has empty alt text. */
export function Avatar({ name, url, size = 'md' }: AvatarProps) {
  const [failedUrl, setFailedUrl] = useState<string | null>(null);
  const showImage = Boolean(url) && failedUrl !== url;
  return (
    <span
      aria-hidden
      className={`inline-flex shrink-0 items-center justify-center overflow-hidden rounded-full bg-accent-soft font-semibold text-accent-text ${SIZES[size]}`}
    >
      {showImage && url ? (
        <img src={url} alt="" className="size-full object-cover" onError={() => setFailedUrl(url)} />
      ) : (
        initials(name)
      )}
    </span>
  );
}
