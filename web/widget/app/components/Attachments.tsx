import type { Attachment } from '../lib/outbox';
import { safeUrl } from '../lib/linkify';
import type { T } from '../i18n';
import { Icon } from './Icon';
import { paths } from '../icons';

export function size(n: number): string {
  return n < 1024 ? `${n} B` : n < 1048576 ? `${(n / 1024).toFixed(0)} KB` : `${(n / 1048576).toFixed(1)} MB`;
}

export function Attachments({ list, t }: { list?: Attachment[]; t: T }) {
  if (!list || !list.length) return null;
  return (
    <div class="atts">
      {list.map((a, i) => {
        const url = safeUrl(a.url);
        if (!url) return null;
        if (/^image\/(png|jpeg|gif|webp)$/.test(a.content_type)) {
          return (
            <a key={i} class="img" href={url} target="_blank" rel="noopener noreferrer">
              <img src={url} alt={a.name} loading="lazy" />
            </a>
          );
        }
        return (
          <a key={i} class="file" href={url} download={a.name} target="_blank" rel="noopener noreferrer"
            aria-label={t('download', { name: a.name })}>
            <Icon d={paths.file} />
            <span class="fn">{a.name}</span>
            <span class="fs">{size(a.size)}</span>
          </a>
        );
      })}
    </div>
  );
}
